#include "synth/person_lists.h"

#include <algorithm>
#include <cstdio>

#include "base/json.h"
#include "model/kinds.h"
#include "synth/internal/names.h"
#include "synth/internal/places.h"
#include "synth/internal/random.h"
#include "synth/internal/translit.h"

namespace vka::synth {
namespace {

using internal::Rng;
using internal::Script;

constexpr int kMinBirthYear = 1910;
constexpr int kMaxBirthYear = 1989;
constexpr int kLatestMarriedBirthYear =
    1972;  // women born later are rarely listed as married
constexpr double kFemaleShare = 0.52;
constexpr double kMarriedShare = 0.6;
constexpr double kLatinPatronymicRussianStyle = 0.7;
constexpr double kTypoInFamilyName = 0.6;
constexpr std::array<double, 3> kStatusShares = {
    0.75, 0.15, 0.10};  // alive, deceased, missing
constexpr uint16_t kNoMaiden = 0xFFFF;
constexpr uint64_t kPopulationStream = 0;
constexpr uint64_t kIdStream = 1;
constexpr uint64_t kCaptureStream = 100;
constexpr uint64_t kNoiseStream = 200;

constexpr std::string_view kCsvHeader =
    "record_id,list,given_name,family_name,patronymic,maiden_name,sex,birth_"
    "date,birth_place,"
    "script\n";

// One true person, compactly: indices into the name and place tables.
struct TruePerson {
  uint16_t given = 0;   // into MaleGivenNames() or FemaleGivenNames()
  uint16_t family = 0;  // into FamilyNames()
  uint16_t father = 0;  // into MaleGivenNames()
  uint16_t maiden = kNoMaiden;
  int16_t year = 0;
  uint8_t month = 0;
  uint8_t day = 0;
  uint8_t female = 0;
  uint8_t latent = 0;  // index into kLatentClassShares
  uint8_t status = 0;  // index into kStatusShares
  uint8_t birthplace = 0;
};

// One rendered list record.
struct Rendered {
  std::string given;
  std::string family;
  std::string patronymic;
  std::string maiden;
  std::string sex;
  std::string birth;
  std::string birthplace;
  std::string status;
  Script script = Script::kLatn;
};

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Independent generator seeds for the population, the ids and each list, so
// that one list's draws do not shift another's.
uint64_t DeriveSeed(uint64_t seed, uint64_t stream) {
  return SplitMix64(seed ^ SplitMix64(stream));
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::string FormatDate(int year, int month, int day) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

const internal::GivenName &GivenOf(const TruePerson &p) {
  return p.female ? internal::FemaleGivenNames()[p.given]
                  : internal::MaleGivenNames()[p.given];
}

TruePerson MakePerson(Rng &rng) {
  TruePerson p;
  p.female = rng.Chance(kFemaleShare) ? 1 : 0;
  const auto given =
      p.female ? internal::FemaleGivenNames() : internal::MaleGivenNames();
  p.given = static_cast<uint16_t>(rng.Below(given.size()));
  p.family = static_cast<uint16_t>(rng.Below(internal::FamilyNames().size()));
  p.father =
      static_cast<uint16_t>(rng.Below(internal::MaleGivenNames().size()));
  p.year = static_cast<int16_t>(rng.Between(kMinBirthYear, kMaxBirthYear));
  p.month = static_cast<uint8_t>(rng.Between(1, 12));
  p.day = static_cast<uint8_t>(rng.Between(1, DaysInMonth(p.year, p.month)));
  if (p.female && p.year <= kLatestMarriedBirthYear &&
      rng.Chance(kMarriedShare)) {
    // The maiden name is the father's family name; the family name is the
    // husband's, so draw it again until it differs.
    p.maiden = p.family;
    while (p.family == p.maiden) {
      p.family =
          static_cast<uint16_t>(rng.Below(internal::FamilyNames().size()));
    }
  }
  p.latent = static_cast<uint8_t>(rng.Weighted(kLatentClassShares));
  p.status = static_cast<uint8_t>(rng.Weighted(kStatusShares));
  p.birthplace =
      static_cast<uint8_t>(rng.Below(internal::DistrictNames().size()));
  return p;
}

ListProfile Archetype(int archetype) {
  ListProfile p;
  switch (archetype) {
    case 0:
      p.name = "testimony_armn";
      p.description =
          "SYNTHETIC list compiled from testimonies, Armenian script";
      p.script_weights = {1, 0, 0};
      p.capture = {0.05, 0.25, 0.60};
      p.typo = 0.04, p.missing_birth = 0.35, p.year_only = 0.25,
      p.approximate = 0.15;
      p.year_off = 0.05, p.patronymic = 0.30, p.maiden_instead = 0.15;
      p.maiden_recorded = 0.30, p.swapped = 0.03, p.diminutive = 0.10,
      p.sex_unknown = 0.01;
      p.status_unknown = 0.10, p.birthplace_missing = 0.30;
      break;
    case 1:
      p.name = "official_cyrl";
      p.description = "SYNTHETIC Soviet-era official list, Russian Cyrillic";
      p.script_weights = {0, 1, 0};
      p.capture = {0.30, 0.45, 0.55};
      p.typo = 0.02, p.missing_birth = 0.05, p.year_only = 0.05,
      p.year_off = 0.02;
      p.patronymic = 0.95, p.maiden_instead = 0.02, p.maiden_recorded = 0.10;
      p.swapped = 0.01, p.status_unknown = 0.20, p.birthplace_missing = 0.10;
      break;
    case 2:
      p.name = "ngo_latn_bgn";
      p.description =
          "SYNTHETIC NGO list, Latin (BGN/PCGN-like transliteration)";
      p.latin = LatinSystem::kBgn;
      p.capture = {0.05, 0.20, 0.50};
      p.typo = 0.05, p.spelling_variant = 0.15, p.missing_birth = 0.30,
      p.year_only = 0.30;
      p.approximate = 0.10, p.year_off = 0.06, p.patronymic = 0.20,
      p.maiden_instead = 0.20;
      p.maiden_recorded = 0.05, p.swapped = 0.08, p.diminutive = 0.05,
      p.sex_unknown = 0.05;
      p.status_unknown = 0.30, p.birthplace_missing = 0.40;
      break;
    case 3:
      p.name = "hospital_cyrl_latn";
      p.description = "SYNTHETIC hospital list, Cyrillic and passport Latin";
      p.script_weights = {0, 0.7, 0.3};
      p.latin = LatinSystem::kRussianPassport;
      p.capture = {0.02, 0.10, 0.30};
      p.typo = 0.06, p.spelling_variant = 0.05, p.missing_birth = 0.15,
      p.year_only = 0.40;
      p.approximate = 0.10, p.year_off = 0.08, p.patronymic = 0.60,
      p.maiden_instead = 0.05;
      p.swapped = 0.05, p.diminutive = 0.08, p.sex_unknown = 0.02,
      p.status_unknown = 0.05;
      p.birthplace_missing = 0.60;
      break;
    case 4:
      p.name = "displacement_register_latn";
      p.description =
          "SYNTHETIC displacement register, passport Latin and Cyrillic";
      p.script_weights = {0, 0.2, 0.8};
      p.latin = LatinSystem::kRussianPassport;
      p.capture = {0.40, 0.60, 0.75};
      p.typo = 0.03, p.spelling_variant = 0.10, p.missing_birth = 0.05,
      p.year_only = 0.05;
      p.year_off = 0.03, p.patronymic = 0.80, p.maiden_instead = 0.05;
      p.maiden_recorded = 0.20, p.swapped = 0.04, p.status_unknown = 0.50;
      p.birthplace_missing = 0.15;
      break;
    default:
      p.name = "ngo_latn_iso";
      p.description =
          "SYNTHETIC NGO list, Latin (ISO 9985-like transliteration)";
      p.latin = LatinSystem::kIsoSimplified;
      p.capture = {0.03, 0.15, 0.45};
      p.typo = 0.04, p.spelling_variant = 0.05, p.missing_birth = 0.25,
      p.year_only = 0.20;
      p.approximate = 0.05, p.year_off = 0.04, p.patronymic = 0.25,
      p.maiden_instead = 0.10;
      p.maiden_recorded = 0.10, p.swapped = 0.06, p.diminutive = 0.05;
      p.status_unknown = 0.25, p.birthplace_missing = 0.30;
      break;
  }
  return p;
}

constexpr int kArchetypes = 6;

// Passport conventions differ between lists: list k uses style k % 3.
internal::PassportStyle PassportStyleFor(int list_idx) {
  internal::PassportStyle style;
  switch (list_idx % 3) {
    case 1:  // English-language habit: Oganesian, Djangiryan
      style.ya = "ia", style.yu = "iu", style.dzh = "dj", style.e_initial = "e";
      break;
    case 2:  // German/Polish habit: Oganesjan, Chachatrjan
      style.ya = "ja", style.yu = "ju", style.kh = "ch", style.ts = "tz",
      style.zh = "sh";
      style.dzh = "dsh", style.e_initial = "je";
      break;
    default:
      break;
  }
  return style;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class ListRenderer {
 public:
  ListRenderer(const ListProfile &profile, int list_idx)
      : profile_(profile), style_(PassportStyleFor(list_idx)) {}

  Rendered Render(const TruePerson &p, Rng &rng) const;

 private:
  std::string Name(std::string_view hy, std::string_view ru,
                   Script script) const;
  std::string Patronymic(const TruePerson &p, Script script, Rng &rng) const;
  std::string Birth(const TruePerson &p, Rng &rng) const;
  void AddNameNoise(Rendered &r, Rng &rng) const;

  const ListProfile &profile_;
  internal::PassportStyle style_;
};

std::string ListRenderer::Name(std::string_view hy, std::string_view ru,
                               Script script) const {
  switch (script) {
    case Script::kArmn:
      return std::string(hy);
    case Script::kCyrl:
      return std::string(ru);
    case Script::kLatn:
      break;
  }
  switch (profile_.latin) {
    case LatinSystem::kBgn:
      return internal::ArmenianToLatin(hy, internal::ArmenianSystem::kBgn);
    case LatinSystem::kIsoSimplified:
      return internal::ArmenianToLatin(
          hy, internal::ArmenianSystem::kIsoSimplified);
    case LatinSystem::kRussianPassport:
      return internal::CyrillicToLatin(ru, style_);
  }
  return std::string(hy);
}

std::string ListRenderer::Patronymic(const TruePerson &p, Script script,
                                     Rng &rng) const {
  const internal::GivenName &father = internal::MaleGivenNames()[p.father];
  const std::string russian = internal::RussianPatronymic(father.ru, p.female);
  switch (script) {
    case Script::kArmn:
      return internal::ArmenianPatronymic(father);
    case Script::kCyrl:
      return russian;
    case Script::kLatn:
      break;
  }
  if (profile_.latin == LatinSystem::kRussianPassport ||
      rng.Chance(kLatinPatronymicRussianStyle)) {
    return internal::CyrillicToLatin(russian, style_);
  }
  const auto system = profile_.latin == LatinSystem::kBgn
                          ? internal::ArmenianSystem::kBgn
                          : internal::ArmenianSystem::kIsoSimplified;
  return internal::ArmenianToLatin(internal::ArmenianPatronymic(father),
                                   system);
}

std::string ListRenderer::Birth(const TruePerson &p, Rng &rng) const {
  // One draw decides which form the date takes, so the rates add up exactly.
  const std::array<double, 5> weights = {
      profile_.missing_birth, profile_.year_only, profile_.approximate,
      profile_.year_off,
      std::max(0.0, 1.0 - profile_.missing_birth - profile_.year_only -
                        profile_.approximate - profile_.year_off)};
  char year[16];
  std::snprintf(year, sizeof(year), "%04d", p.year);
  switch (rng.Weighted(weights)) {
    case 0:
      return "";
    case 1:
      return year;
    case 2:
      return std::string(year) + "~";
    case 3: {
      const int shifted = p.year + (rng.Chance(0.5) ? 1 : -1);
      return FormatDate(shifted, p.month,
                        std::min<int>(p.day, DaysInMonth(shifted, p.month)));
    }
    default:
      return FormatDate(p.year, p.month, p.day);
  }
}

void ListRenderer::AddNameNoise(Rendered &r, Rng &rng) const {
  if (r.script == Script::kLatn && rng.Chance(profile_.spelling_variant)) {
    r.family = internal::LatinVariant(r.family, rng);
  }
  if (rng.Chance(profile_.typo)) {
    std::string &target = rng.Chance(kTypoInFamilyName) ? r.family : r.given;
    target = internal::Typo(target, r.script, rng);
  }
  if (rng.Chance(profile_.swapped)) std::swap(r.given, r.family);
}

Rendered ListRenderer::Render(const TruePerson &p, Rng &rng) const {
  Rendered r;
  r.script = static_cast<Script>(rng.Weighted(profile_.script_weights));
  const internal::GivenName &given = GivenOf(p);
  const bool short_form =
      !given.diminutive_hy.empty() && rng.Chance(profile_.diminutive);
  r.given = short_form
                ? Name(given.diminutive_hy, given.diminutive_ru, r.script)
                : Name(given.hy, given.ru, r.script);
  const auto families = internal::FamilyNames();
  const bool has_maiden = p.maiden != kNoMaiden;
  const bool maiden_instead = has_maiden && rng.Chance(profile_.maiden_instead);
  const auto &family = families[maiden_instead ? p.maiden : p.family];
  r.family = Name(family.hy, family.ru, r.script);
  if (has_maiden && !maiden_instead && rng.Chance(profile_.maiden_recorded)) {
    r.maiden = Name(families[p.maiden].hy, families[p.maiden].ru, r.script);
  }
  if (rng.Chance(profile_.patronymic))
    r.patronymic = Patronymic(p, r.script, rng);
  AddNameNoise(r, rng);
  r.sex = rng.Chance(profile_.sex_unknown) ? "unknown"
          : p.female                       ? "female"
                                           : "male";
  r.birth = Birth(p, rng);
  static constexpr std::array<std::string_view, 3> kStatus = {
      "alive", "deceased", "missing"};
  r.status = rng.Chance(profile_.status_unknown)
                 ? "unknown"
                 : std::string(kStatus[p.status]);
  if (!rng.Chance(profile_.birthplace_missing)) {
    const internal::PlaceName &place = internal::DistrictNames()[p.birthplace];
    r.birthplace = std::string(r.script == Script::kArmn   ? place.hy
                               : r.script == Script::kCyrl ? place.ru
                                                           : place.en);
  }
  return r;
}

// Appends a JSON string as RFC 8785 writes it.
void AppendJsonString(std::string_view s, std::string &out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

std::string Remarks(const Rendered &r, const ListProfile &profile) {
  std::string remarks =
      "SYNTHETIC PERSON-LIST RECORD: fictional person, from " + profile.name;
  if (!r.birthplace.empty()) remarks += "; birthplace: " + r.birthplace;
  return remarks;
}

// The person record as canonical JSON, written directly: base::CanonicalJson
// over a base::Json tree costs three times as much, which matters at millions
// of records. All keys are ASCII, so byte order is the RFC 8785 key order.
// The tests parse every line and check that base::CanonicalJson gives back
// exactly these bytes.
std::string PersonRecordLine(const std::string &id, const Rendered &r,
                             const ListProfile &profile) {
  std::string out;
  out.reserve(512);
  out += '{';
  if (!r.birth.empty()) {
    out += "\"birth\":";
    AppendJsonString(r.birth, out);
    out += ',';
  }
  out += "\"confidentiality\":\"internal\",\"id\":";
  AppendJsonString(id, out);
  out += ",\"kind\":\"person\",\"names\":[";
  const std::string_view script = internal::ScriptCode(r.script);
  bool first = true;
  for (const auto &[value, part] :
       {std::pair<const std::string &, std::string_view>{r.given, "given"},
        {r.family, "family"},
        {r.patronymic, "patronymic"},
        {r.maiden, "maiden"}}) {
    if (value.empty()) continue;
    if (!first) out += ',';
    first = false;
    out += "{\"part\":";
    AppendJsonString(part, out);
    out += ",\"script\":";
    AppendJsonString(script, out);
    out += ",\"value\":";
    AppendJsonString(value, out);
    out += '}';
  }
  out += "],\"remarks\":";
  AppendJsonString(Remarks(r, profile), out);
  out += ",\"sex\":";
  AppendJsonString(r.sex, out);
  out += ",\"status\":";
  AppendJsonString(r.status, out);
  out += '}';
  return out;
}

std::string CsvRow(const std::string &id, const ListProfile &profile,
                   const Rendered &r) {
  std::string row = id;
  for (std::string_view field :
       {std::string_view(profile.name), std::string_view(r.given),
        std::string_view(r.family), std::string_view(r.patronymic),
        std::string_view(r.maiden), std::string_view(r.sex),
        std::string_view(r.birth), std::string_view(r.birthplace),
        internal::ScriptCode(r.script)}) {
    row += ',';
    row += CsvField(field);
  }
  row += '\n';
  return row;
}

std::string EntityId(int64_t person_idx) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "E%08lld",
                static_cast<long long>(person_idx + 1));
  return buf;
}

base::Status CheckOptions(const PersonListOptions &options,
                          const ListSinks &sinks) {
  if (options.persons < 1 || options.persons > kMaxPersons) {
    return base::InvalidArgumentError("persons must be 1.." +
                                      std::to_string(kMaxPersons) + ", got " +
                                      std::to_string(options.persons));
  }
  if (options.lists < 1 || options.lists > kMaxLists) {
    return base::InvalidArgumentError("lists must be 1.." +
                                      std::to_string(kMaxLists) + ", got " +
                                      std::to_string(options.lists));
  }
  const auto lists = static_cast<size_t>(options.lists);
  if ((!sinks.ndjson.empty() && sinks.ndjson.size() != lists) ||
      (!sinks.csv.empty() && sinks.csv.size() != lists)) {
    return base::InvalidArgumentError(
        "need one ndjson and one csv stream per list (" +
        std::to_string(lists) + ")");
  }
  return base::OkStatus();
}

std::ostream *At(const std::vector<std::ostream *> &streams, size_t idx) {
  return idx < streams.size() ? streams[idx] : nullptr;
}

base::Status CheckStream(const std::ostream *os, std::string_view what) {
  if (os != nullptr && !*os)
    return base::IOError("writing " + std::string(what) + " failed");
  return base::OkStatus();
}

// Draws which persons list `list_idx` captures, in a random order.
std::vector<uint32_t> Capture(const std::vector<TruePerson> &population,
                              const ListProfile &profile, Rng &rng) {
  std::vector<uint32_t> captured;
  for (size_t idx = 0; idx < population.size(); ++idx) {
    if (rng.Chance(profile.capture[population[idx].latent])) {
      captured.push_back(static_cast<uint32_t>(idx));
    }
  }
  // Fisher-Yates, so that record order says nothing about identity.
  for (size_t idx = captured.size(); idx > 1; --idx) {
    std::swap(captured[idx - 1], captured[rng.Below(idx)]);
  }
  return captured;
}

base::Status WriteList(const std::vector<TruePerson> &population,
                       const ListProfile &profile, int list_idx, uint64_t seed,
                       internal::IdFactory &ids, const ListSinks &sinks,
                       std::vector<uint32_t> &membership, int64_t &size) {
  Rng capture_rng(DeriveSeed(seed, kCaptureStream + list_idx));
  Rng noise_rng(DeriveSeed(seed, kNoiseStream + list_idx));
  const std::vector<uint32_t> captured =
      Capture(population, profile, capture_rng);
  const ListRenderer renderer(profile, list_idx);
  std::ostream *ndjson = At(sinks.ndjson, list_idx);
  std::ostream *csv = At(sinks.csv, list_idx);
  if (csv != nullptr) *csv << kCsvHeader;
  for (uint32_t person_idx : captured) {
    const Rendered r = renderer.Render(population[person_idx], noise_rng);
    const std::string id = ids.Next(model::Kind::kPerson);
    membership[person_idx] |= 1u << list_idx;
    if (ndjson != nullptr) {
      *ndjson << PersonRecordLine(id, r, profile) << '\n';
    }
    if (csv != nullptr) *csv << CsvRow(id, profile, r);
    if (sinks.truth != nullptr)
      *sinks.truth << id << ',' << EntityId(person_idx) << '\n';
  }
  size = static_cast<int64_t>(captured.size());
  VKA_RETURN_IF_ERROR(CheckStream(ndjson, profile.name + " ndjson"));
  VKA_RETURN_IF_ERROR(CheckStream(csv, profile.name + " csv"));
  return CheckStream(sinks.truth, "truth");
}

base::Status WritePopulation(const std::vector<TruePerson> &population,
                             const std::vector<uint32_t> &membership,
                             std::ostream &os) {
  os << "entity_id,latent_class,given_name,family_name,father_given_name,"
        "maiden_name,sex,"
        "birth_date,birth_place,lists\n";
  const auto bgn = internal::ArmenianSystem::kBgn;
  for (size_t idx = 0; idx < population.size(); ++idx) {
    const TruePerson &p = population[idx];
    std::string lists;
    for (int list_idx = 0; list_idx < kMaxLists; ++list_idx) {
      if (membership[idx] & (1u << list_idx)) {
        if (!lists.empty()) lists += ';';
        lists += std::to_string(list_idx + 1);
      }
    }
    const auto families = internal::FamilyNames();
    os << EntityId(static_cast<int64_t>(idx)) << ',' << int{p.latent} << ','
       << internal::ArmenianToLatin(GivenOf(p).hy, bgn) << ','
       << internal::ArmenianToLatin(families[p.family].hy, bgn) << ','
       << internal::ArmenianToLatin(internal::MaleGivenNames()[p.father].hy,
                                    bgn)
       << ','
       << (p.maiden == kNoMaiden
               ? ""
               : internal::ArmenianToLatin(families[p.maiden].hy, bgn))
       << ',' << (p.female ? "female" : "male") << ','
       << FormatDate(p.year, p.month, p.day) << ','
       << CsvField(internal::DistrictNames()[p.birthplace].en) << ',' << lists
       << '\n';
  }
  return CheckStream(&os, "population");
}

base::Status WriteSummary(const PersonListOptions &options,
                          const PersonListSummary &summary,
                          const std::vector<ListProfile> &profiles,
                          std::ostream &os) {
  base::Json lists = base::Json::array();
  for (size_t idx = 0; idx < profiles.size(); ++idx) {
    lists.push_back({{"name", profiles[idx].name},
                     {"description", profiles[idx].description},
                     {"records", summary.list_sizes[idx]}});
  }
  const base::Json body = {
      {"remarks", "SYNTHETIC DATA: fictional persons for record-linkage tests"},
      {"seed", std::to_string(options.seed)},
      {"true_persons", summary.true_persons},
      {"captured_persons", summary.captured_persons},
      {"lists", lists}};
  VKA_ASSIGN_OR_RETURN(std::string text, base::CanonicalJson(body));
  os << text << '\n';
  return CheckStream(&os, "summary");
}

}  // namespace

std::vector<ListProfile> ListProfiles(int lists) {
  std::vector<ListProfile> out;
  for (int list_idx = 0; list_idx < lists; ++list_idx) {
    ListProfile p = Archetype(list_idx % kArchetypes);
    if (list_idx >= kArchetypes) {
      // A second round of the archetypes: smaller lists, a little noisier.
      for (double &c : p.capture) c *= 0.6;
      p.typo = std::min(1.0, p.typo * 1.5);
    }
    p.name = "list" + std::to_string(list_idx + 1) + "_" + p.name;
    out.push_back(std::move(p));
  }
  return out;
}

base::Result<PersonListSummary> GeneratePersonLists(
    const PersonListOptions &options, const ListSinks &sinks) {
  VKA_RETURN_IF_ERROR(CheckOptions(options, sinks));
  const std::vector<ListProfile> profiles = ListProfiles(options.lists);
  std::vector<TruePerson> population(static_cast<size_t>(options.persons));
  Rng population_rng(DeriveSeed(options.seed, kPopulationStream));
  for (TruePerson &p : population) p = MakePerson(population_rng);

  internal::IdFactory ids(DeriveSeed(options.seed, kIdStream));
  std::vector<uint32_t> membership(population.size(), 0);
  PersonListSummary summary;
  summary.true_persons = options.persons;
  if (sinks.truth != nullptr) *sinks.truth << "record_id,entity_id\n";
  for (int list_idx = 0; list_idx < options.lists; ++list_idx) {
    int64_t size = 0;
    VKA_RETURN_IF_ERROR(WriteList(population, profiles[list_idx], list_idx,
                                  options.seed, ids, sinks, membership, size));
    summary.list_names.push_back(profiles[list_idx].name);
    summary.list_sizes.push_back(size);
  }
  summary.captured_persons = static_cast<int64_t>(std::count_if(
      membership.begin(), membership.end(), [](uint32_t m) { return m != 0; }));
  if (sinks.population != nullptr) {
    VKA_RETURN_IF_ERROR(
        WritePopulation(population, membership, *sinks.population));
  }
  if (sinks.summary != nullptr) {
    VKA_RETURN_IF_ERROR(
        WriteSummary(options, summary, profiles, *sinks.summary));
  }
  return summary;
}

}  // namespace vka::synth
