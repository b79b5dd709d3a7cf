#include "synth/demo.h"

#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "model/kinds.h"
#include "model/schema.h"
#include "synth/internal/names.h"
#include "synth/internal/places.h"
#include "synth/internal/random.h"
#include "synth/internal/translit.h"

namespace vka::synth {
namespace {

using base::Json;
using internal::Rng;
using model::Kind;

constexpr std::string_view kRemarks =
    "SYNTHETIC DEMO DATA: fictional, for trying vka out";
constexpr int kYear = 1990;
constexpr int kMonth = 4;
constexpr int kFirstDay = 2;
constexpr int kDays = 7;
constexpr int kStreetsPerDistrict = 4;
constexpr int kStaff = 8;
constexpr double kWithSensitive = 0.2;
constexpr double kDeceasedShare = 0.08;
constexpr double kMissingShare = 0.03;
constexpr double kContradicts = 0.08;
constexpr double kWithdrawnConsent = 0.04;
constexpr double kPersonActShare = 0.8;
constexpr double kThreeStageDisplacement = 0.4;
constexpr std::array<double, 4> kConfidentialityWeights = {0.15, 0.75, 0.07,
                                                           0.03};
constexpr std::array<std::string_view, 4> kConfidentiality = {
    "public", "internal", "restricted", "sealed"};
constexpr std::array<std::string_view, 6> kGrades = {"A", "B", "C",
                                                     "D", "E", "F"};
constexpr std::array<double, 6> kGradeWeights = {0.1,  0.3, 0.3,
                                                 0.15, 0.1, 0.05};
constexpr std::array<std::string_view, 6> kCredibility = {"1", "2", "3",
                                                          "4", "5", "6"};
constexpr std::array<double, 6> kCredibilityWeights = {0.15, 0.35, 0.25,
                                                       0.12, 0.08, 0.05};

std::string Date(int year, int month, int day) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}
std::string Day(int day_idx) {
  return Date(kYear, kMonth, kFirstDay + day_idx);
}
std::string Span() { return Day(0) + "/" + Day(kDays - 1); }

std::string Numbered(std::string_view prefix, int n) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%05d", n);
  return std::string(prefix) + buf;
}

Json Name(std::string_view value, std::string_view script,
          std::string_view part = {}, std::string_view language = {}) {
  Json n = {{"value", value}, {"script", script}};
  if (!part.empty()) n["part"] = part;
  if (!language.empty()) n["language"] = language;
  return n;
}

Json PlaceNames(const internal::PlaceName &name) {
  return Json::array({Name(name.en, "Latn", {}, "en"),
                      Name(name.hy, "Armn", {}, "hy"),
                      Name(name.ru, "Cyrl", {}, "ru")});
}

struct Household {
  std::vector<size_t> members;  // indices into persons_
  size_t district = 0;
  size_t street = 0;  // index into street_ids_
  std::string address;
  std::string label;
};

struct EventInfo {
  std::string id;
  int day = 0;
  size_t district = 0;
  size_t street = 0;
  size_t mob = 0;
};

struct PersonInfo {
  std::string id;
  bool alive = true;
  bool deceased = false;
};

class DemoBuilder {
 public:
  explicit DemoBuilder(uint64_t seed)
      : rng_(seed), ids_(seed ^ 0x5EED5EED5EEDULL) {}

  std::vector<Json> Build();

 private:
  Json Base(Kind kind, std::string_view confidentiality);
  Json Base(Kind kind) { return Base(kind, RandomConfidentiality()); }
  std::string_view RandomConfidentiality() {
    return kConfidentiality[rng_.Weighted(kConfidentialityWeights)];
  }
  std::string Add(Json record);

  void AddSituation();
  void AddPlaces();
  void AddOrganizations();
  Json PersonNames(const internal::GivenName &given,
                   const internal::FamilyName &family,
                   const internal::GivenName &father, bool female,
                   const internal::FamilyName *maiden);
  void AddHousehold(size_t household_size);
  void AddPersons();
  void AddStaff();
  void AddSources();
  void AddEvents();
  void AddProperties();
  void AddActs();
  void AddHouseholdActs(const Household &household, const EventInfo &event);
  Json Perpetrators(const EventInfo &event);
  void AddAct(std::string_view type, const EventInfo &event,
              const Household &household, const std::string *victim,
              std::string_view description);
  void AddDisplacements();
  void AddStateConduct();
  void AddInformation();
  void Link(const std::string &source, const std::string &record,
            std::string_view locator, std::string_view excerpt);

  Rng rng_;
  internal::IdFactory ids_;
  std::vector<Json> out_;
  std::string situation_;
  std::string city_;
  std::vector<std::string> district_ids_;
  std::vector<std::string> street_ids_;
  std::vector<size_t> street_district_;
  std::vector<std::string> street_names_;
  std::vector<std::string> destination_ids_;
  std::vector<std::string> mobs_;  // one per district
  std::vector<std::string> militia_sections_;
  std::string militia_, troops_, executive_, prosecutor_, detachment_, council_,
      aid_society_;
  std::vector<PersonInfo> persons_;
  std::vector<Household> households_;
  std::vector<std::string> staff_;
  std::vector<std::string> day_events_;
  std::vector<EventInfo> incidents_;
  std::vector<std::string> property_ids_;  // one per household
  std::vector<size_t> household_event_;  // per household, index into incidents_
  std::vector<std::vector<std::string>>
      household_records_;  // acts etc. per household
  std::vector<std::string> state_conduct_ids_;
  std::vector<std::string> displacement_ids_;
  std::vector<std::string> testimony_ids_;  // parallel to testimony_household_
  std::vector<size_t> testimony_household_;
  std::vector<std::string> document_ids_;
  std::vector<std::string> list_ids_;
};

Json DemoBuilder::Base(Kind kind, std::string_view confidentiality) {
  return {{"id", ids_.Next(kind)},
          {"kind", model::KindName(kind)},
          {"confidentiality", confidentiality},
          {"remarks", kRemarks}};
}

std::string DemoBuilder::Add(Json record) {
  std::string id = record["id"].get<std::string>();
  out_.push_back(std::move(record));
  return id;
}

void DemoBuilder::AddSituation() {
  Json s = Base(Kind::kSituation, "public");
  s["name"] = "SYNTHETIC DEMO — fictional city of Orvelan, 1990";
  s["description"] =
      "Synthetic demonstration situation: seven days of "
      "violence against residents of a "
      "fictional city on grounds of national identity, and "
      "their forced displacement. All "
      "persons, places, bodies and texts are invented.";
  s["territory"] = "Orvelan (fictional city), Lowland Province (fictional)";
  s["span"] = Span();
  situation_ = Add(std::move(s));
}

void DemoBuilder::AddPlaces() {
  Json province = Base(Kind::kPlace, "public");
  province["names"] = PlaceNames(internal::ProvinceName());
  province["type"] = "region";
  const std::string province_id = Add(std::move(province));
  Json city = Base(Kind::kPlace, "public");
  city["names"] = PlaceNames(internal::CityName());
  city["type"] = "city";
  city["parent"] = province_id;
  city_ = Add(std::move(city));
  out_.front()["places"] = Json::array({city_});  // the situation's territory
  const auto streets = internal::StreetNames();
  for (const auto &district : internal::DistrictNames()) {
    Json d = Base(Kind::kPlace, "public");
    d["names"] = PlaceNames(district);
    d["type"] = "district";
    d["parent"] = city_;
    district_ids_.push_back(Add(std::move(d)));
    const size_t first = rng_.Below(streets.size());
    for (int k = 0; k < kStreetsPerDistrict; ++k) {
      const auto &street = streets[(first + k * 5) % streets.size()];
      Json st = Base(Kind::kPlace, "public");
      st["names"] = PlaceNames(street);
      st["type"] = "street";
      st["parent"] = district_ids_.back();
      street_ids_.push_back(Add(std::move(st)));
      street_district_.push_back(district_ids_.size() - 1);
      street_names_.push_back(std::string(street.en) + ", " +
                              std::string(district.en));
    }
  }
  const auto destinations = internal::DestinationNames();
  for (size_t idx = 0; idx < destinations.size(); ++idx) {
    Json d = Base(Kind::kPlace, "public");
    d["names"] = PlaceNames(destinations[idx]);
    static constexpr std::array<std::string_view, 5> kTypes = {
        "district", "building", "building", "city", "city"};
    d["type"] = kTypes[idx % kTypes.size()];
    d["parent"] =
        kTypes[idx % kTypes.size()] == "building" ? city_ : province_id;
    destination_ids_.push_back(Add(std::move(d)));
  }
}

void DemoBuilder::AddOrganizations() {
  auto org = [&](std::string_view en, std::string_view ru, std::string_view hy,
                 std::string_view type, const std::string *parent) {
    Json o = Base(Kind::kOrganization, "public");
    o["names"] = Json::array({Name(en, "Latn", "full", "en"),
                              Name(ru, "Cyrl", "full", "ru"),
                              Name(hy, "Armn", "full", "hy")});
    o["type"] = type;
    if (parent != nullptr) o["parent"] = *parent;
    o["description"] =
        "Fictional body of the synthetic demo; no real body is meant.";
    return Add(std::move(o));
  };
  executive_ =
      org("Orvelan City Executive Committee", "Исполком города Орвелан",
          "Օրվելանի քաղգործկոմ", "governmental_authority", nullptr);
  militia_ = org("City Militia Directorate of Orvelan",
                 "Управление милиции города Орвелан",
                 "Օրվելանի միլիցիայի վարչություն", "state_organ", nullptr);
  troops_ = org("Regional Internal Troops Command",
                "Региональное командование внутренних войск",
                "Ներքին զորքերի տարածաշրջանային հրամանատարություն",
                "state_organ", nullptr);
  prosecutor_ =
      org("Orvelan City Prosecutor's Office", "Прокуратура города Орвелан",
          "Օրվելանի դատախազություն", "state_organ", nullptr);
  detachment_ = org("Self-styled Volunteer Detachment",
                    "Самозваный добровольческий отряд",
                    "Ինքնակոչ կամավորական ջոկատ", "armed_group", nullptr);
  council_ = org(
      "Textile Mill Workers' Council", "Совет рабочих текстильной фабрики",
      "Մանածագործական ֆաբրիկայի բանվորական խորհուրդ", "civil_body", nullptr);
  aid_society_ = org("Refugee Aid Society of Nor Orvelan",
                     "Общество помощи беженцам Нор-Орвелана",
                     "Նոր Օրվելանի փախստականների օգնության ընկերություն",
                     "civil_body", nullptr);
  for (const auto &d : internal::DistrictNames()) {
    const std::string en(d.en), ru(d.ru), hy(d.hy);
    mobs_.push_back(org("Unidentified crowd, " + en,
                        "Неустановленная толпа, " + ru, "Չպարզված ամբոխ, " + hy,
                        "mob", nullptr));
    militia_sections_.push_back(
        org("Militia Section, " + en, "Отделение милиции, " + ru,
            "Միլիցիայի բաժանմունք, " + hy, "state_organ", &militia_));
  }
}

Json DemoBuilder::PersonNames(const internal::GivenName &given,
                              const internal::FamilyName &family,
                              const internal::GivenName &father, bool female,
                              const internal::FamilyName *maiden) {
  const auto bgn = internal::ArmenianSystem::kBgn;
  Json names = Json::array(
      {Name(given.hy, "Armn", "given", "hy"),
       Name(family.hy, "Armn", "family", "hy"),
       Name(internal::ArmenianPatronymic(father), "Armn", "patronymic", "hy"),
       Name(given.ru, "Cyrl", "given", "ru"),
       Name(family.ru, "Cyrl", "family", "ru"),
       Name(internal::RussianPatronymic(father.ru, female), "Cyrl",
            "patronymic", "ru"),
       Name(internal::ArmenianToLatin(given.hy, bgn), "Latn", "given", "en"),
       Name(internal::ArmenianToLatin(family.hy, bgn), "Latn", "family",
            "en")});
  if (maiden != nullptr) {
    names.push_back(Name(maiden->hy, "Armn", "maiden", "hy"));
    names.push_back(Name(maiden->ru, "Cyrl", "maiden", "ru"));
  }
  if (rng_.Chance(
          0.3)) {  // a full-name form as a Soviet document would write it
    names.push_back(Name(std::string(family.ru) + " " + std::string(given.ru) +
                             " " +
                             internal::RussianPatronymic(father.ru, female),
                         "Cyrl", "full", "ru"));
  }
  return names;
}

void DemoBuilder::AddHousehold(size_t household_size) {
  static constexpr std::array<std::string_view, 10> kOccupations = {
      "teacher", "engineer", "factory worker", "physician", "pensioner",
      "student", "driver",   "accountant",     "nurse",     "shop assistant"};
  const auto families = internal::FamilyNames();
  const auto males = internal::MaleGivenNames();
  const auto females = internal::FemaleGivenNames();
  Household h;
  h.street = rng_.Below(street_ids_.size());
  h.district = street_district_[h.street];
  h.address = street_names_[h.street];
  h.address.insert(h.address.find(','),
                   " " + std::to_string(rng_.Between(1, 120)) + ", apt " +
                       std::to_string(rng_.Between(1, 60)));
  const auto &family = families[rng_.Below(families.size())];
  h.label =
      Numbered("Household H", static_cast<int>(households_.size() + 1)) + " (" +
      internal::ArmenianToLatin(family.hy, internal::ArmenianSystem::kBgn) +
      ")";
  const auto &head = males[rng_.Below(males.size())];
  for (size_t m = 0; m < household_size; ++m) {
    const bool female = m == 1 || (m > 1 && rng_.Chance(0.5));
    const bool child = m >= 2;
    const auto &given = female
                            ? females[rng_.Below(females.size())]
                            : (m == 0 ? head : males[rng_.Below(males.size())]);
    const auto &father = child ? head : males[rng_.Below(males.size())];
    const auto *maiden =
        (m == 1) ? &families[rng_.Below(families.size())] : nullptr;
    const int year = child ? static_cast<int>(rng_.Between(1960, 1988))
                           : static_cast<int>(rng_.Between(1915, 1965));
    Json p = Base(Kind::kPerson, rng_.Chance(0.9) ? "internal" : "restricted");
    p["names"] = PersonNames(given, family, father, female,
                             maiden == &family ? nullptr : maiden);
    p["sex"] = female ? "female" : "male";
    p["birth"] = rng_.Chance(0.8)
                     ? Date(year, static_cast<int>(rng_.Between(1, 12)),
                            static_cast<int>(rng_.Between(1, 28)))
                     : std::to_string(year) + (rng_.Chance(0.5) ? "~" : "");
    const double fate = rng_.Unit();
    PersonInfo info;
    if (fate < kDeceasedShare) {
      p["status"] = "deceased";
      p["death"] = Day(static_cast<int>(rng_.Below(kDays)));
      info.alive = false;
      info.deceased = true;
    } else if (fate < kDeceasedShare + kMissingShare) {
      p["status"] = "missing";
      info.alive = false;
    } else {
      p["status"] = rng_.Chance(0.9) ? "alive" : "unknown";
    }
    p["residence_before"] = street_ids_[h.street];
    p["residence_before_address"] = h.address;
    if (!child || year < 1972)
      p["occupation"] = kOccupations[rng_.Below(kOccupations.size())];
    if (info.alive && rng_.Chance(kWithSensitive)) {
      p["national_identity"] = "Armenian";
      p["contacts"] = "synthetic contact: " +
                      Numbered("person-", static_cast<int>(persons_.size())) +
                      "@example.invalid";
      p["current_location"] =
          std::string(internal::DestinationNames()[rng_.Below(2) + 3].en) +
          " (fictional)";
    }
    p["situation"] = situation_;
    info.id = Add(std::move(p));
    h.members.push_back(persons_.size());
    persons_.push_back(std::move(info));
  }
  households_.push_back(std::move(h));
}

void DemoBuilder::AddPersons() {
  static constexpr std::array<double, 6> kSizeWeights = {0.15, 0.2, 0.25,
                                                         0.25, 0.1, 0.05};
  while (persons_.size() + kStaff < static_cast<size_t>(kDemoPersons)) {
    const size_t remaining = kDemoPersons - kStaff - persons_.size();
    const size_t size = std::min(remaining, rng_.Weighted(kSizeWeights) + 1);
    AddHousehold(size);
  }
  AddStaff();
}

void DemoBuilder::AddStaff() {
  const auto families = internal::FamilyNames();
  const auto females = internal::FemaleGivenNames();
  const auto males = internal::MaleGivenNames();
  for (int k = 0; k < kStaff; ++k) {
    const bool female = k % 2 == 0;
    const auto &given = female ? females[rng_.Below(females.size())]
                               : males[rng_.Below(males.size())];
    Json p = Base(Kind::kPerson, "restricted");
    p["names"] = PersonNames(given, families[rng_.Below(families.size())],
                             males[rng_.Below(males.size())], female, nullptr);
    p["sex"] = female ? "female" : "male";
    p["status"] = "alive";
    p["occupation"] = k < kStaff / 2
                          ? "interviewer (fictional documentation project)"
                          : "interpreter (fictional documentation project)";
    staff_.push_back(Add(std::move(p)));
  }
}

void DemoBuilder::AddSources() {
  static constexpr std::array<std::string_view, 8> kOrigins = {
      "Fictional Oral History Project, collection A",
      "Fictional Oral History Project, collection B",
      "Fictional Survivors' Association interviews",
      "Fictional municipal archive, fond 12",
      "Fictional municipal archive, fond 31",
      "Fictional transit camp registry",
      "Fictional newspaper archive",
      "Fictional NGO field reports"};
  const size_t testimonies = kDemoSources * 5 / 8;
  for (size_t k = 0; k < kDemoSources; ++k) {
    Json s = Base(Kind::kSource);
    s["situation"] = situation_;
    s["reliability"] = kGrades[rng_.Weighted(kGradeWeights)];
    if (k < testimonies) {
      // A surviving adult of a random household gives testimony.
      size_t h = rng_.Below(households_.size());
      while (!persons_[households_[h].members.front()].alive)
        h = rng_.Below(households_.size());
      const size_t witness = households_[h].members.front();
      s["type"] = "testimony";
      s["title"] = "[SYNTHETIC] Testimony " +
                   Numbered("T", static_cast<int>(k + 1)) + ", " +
                   households_[h].label;
      s["language"] = rng_.Chance(0.6) ? "hy" : "ru";
      s["date"] = Date(static_cast<int>(rng_.Between(1990, 2023)),
                       static_cast<int>(rng_.Between(1, 12)),
                       static_cast<int>(rng_.Between(1, 28)));
      s["origin"] = kOrigins[rng_.Below(3)];
      s["witness"] = persons_[witness].id;
      s["interviewer"] = staff_[rng_.Below(kStaff / 2)];
      if (rng_.Chance(0.4))
        s["interpreter"] = staff_[kStaff / 2 + rng_.Below(kStaff / 2)];
      Json scopes = Json::array({"legal_use"});
      if (rng_.Chance(0.6)) scopes.push_back("public_use");
      if (scopes.size() == 2 && rng_.Chance(0.3))
        scopes.push_back("named_publication");
      Json consent = {{"scopes", scopes}, {"date", s["date"]}};
      if (rng_.Chance(kWithdrawnConsent)) {
        consent["withdrawn"] = true;
        consent["withdrawn_date"] =
            "2024-0" + std::to_string(rng_.Between(1, 9)) + "-15";
      }
      s["consent"] = consent;
      s["transcript"] =
          "Synthetic transcript placeholder: no real testimony is reproduced.";
      if (rng_.Chance(0.3)) {
        s["translations"] =
            Json::array({{{"language", "en"},
                          {"text", "Synthetic translation placeholder."}}});
      }
      s["confidentiality"] =
          rng_.Chance(0.2) ? "sealed" : "restricted";  // witness identity
      testimony_ids_.push_back(Add(std::move(s)));
      testimony_household_.push_back(h);
      continue;
    }
    static constexpr std::array<std::string_view, 5> kTypes = {
        "document", "official_record", "list", "report", "media"};
    const std::string_view type = kTypes[k % kTypes.size()];
    s["type"] = type;
    s["language"] = rng_.Chance(0.7) ? "ru" : "en";
    const int day = static_cast<int>(rng_.Below(kDays));
    s["date"] =
        type == "report" || type == "media"
            ? Date(kYear, kMonth + 1 + static_cast<int>(rng_.Below(6)), 10)
            : Day(day);
    s["origin"] = kOrigins[3 + rng_.Below(kOrigins.size() - 3)];
    const size_t district = rng_.Below(district_ids_.size());
    const std::string where =
        std::string(internal::DistrictNames()[district].en);
    if (type == "document") {
      s["title"] =
          "[SYNTHETIC] Militia section duty log, " + where + ", " + Day(day);
      s["author"] = militia_sections_[district];
    } else if (type == "official_record") {
      s["title"] =
          "[SYNTHETIC] Executive committee resolution on housing, " + Day(day);
      s["author"] = executive_;
    } else if (type == "list") {
      s["title"] =
          "[SYNTHETIC] List of households registered at a transit point, " +
          Day(day);
      s["author"] = aid_society_;
    } else if (type == "report") {
      s["title"] = "[SYNTHETIC] Field report on events in " + where;
      s["author"] = aid_society_;
    } else {
      s["title"] = "[SYNTHETIC] Newspaper article on unrest in " + where;
    }
    const std::string &id = Add(std::move(s));
    (type == "list" ? list_ids_ : document_ids_).push_back(id);
  }
}

void DemoBuilder::AddEvents() {
  const size_t per_day = (kDemoEvents - kDays) / kDays;
  size_t previous_day_pos = 0;
  for (int day = 0; day < kDays; ++day) {
    Json e = Base(Kind::kEvent, "public");
    e["title"] = "Day " + std::to_string(day + 1) +
                 " of the violence in Orvelan (synthetic)";
    e["situation"] = situation_;
    e["date"] = Day(day);
    e["place"] = city_;
    e["description"] = "Synthetic episode grouping the incidents of one day.";
    if (day > 0) {
      out_[previous_day_pos]["relations"] =
          Json::array({{{"type", "precedes"}, {"target", e["id"]}}});
    }
    previous_day_pos = out_.size();
    day_events_.push_back(Add(std::move(e)));
    for (size_t k = 0; k < per_day; ++k) {
      EventInfo info;
      info.day = day;
      info.street = rng_.Below(street_ids_.size());
      info.district = street_district_[info.street];
      info.mob = info.district;
      Json inc = Base(Kind::kEvent);
      inc["title"] =
          "Attack on homes on " + street_names_[info.street] + " (synthetic)";
      inc["situation"] = situation_;
      inc["parent"] = day_events_.back();
      inc["date"] = Day(day);
      inc["place"] = street_ids_[info.street];
      inc["description"] =
          "Synthetic incident: a crowd went from door to "
          "door, attacked residents and their "
          "homes; the militia did not intervene.";
      inc["relations"] =
          Json::array({{{"type", "part_of"}, {"target", day_events_.back()}}});
      if (k > 0 && rng_.Chance(0.2)) {
        inc["relations"].push_back(
            {{"type", "causes"}, {"target", incidents_.back().id}});
      }
      info.id = Add(std::move(inc));
      incidents_.push_back(std::move(info));
    }
  }
}

void DemoBuilder::AddProperties() {
  household_records_.resize(households_.size());
  static constexpr std::array<std::string_view, 4> kTenure = {
      "occupancy_right", "ownership", "tenancy", "informal_possession"};
  static constexpr std::array<double, 4> kTenureWeights = {0.55, 0.35, 0.07,
                                                           0.03};
  static constexpr std::array<std::string_view, 5> kFate = {
      "looted", "occupied", "destroyed", "appropriated", "sold_under_duress"};
  static constexpr std::array<double, 5> kFateWeights = {0.3, 0.3, 0.1, 0.2,
                                                         0.1};
  for (size_t h = 0; h < households_.size(); ++h) {
    const Household &hh = households_[h];
    Json p = Base(Kind::kProperty);
    const double kind = rng_.Unit();
    p["type"] = kind < 0.9 ? "dwelling" : kind < 0.95 ? "business" : "movable";
    p["address"] = hh.address;
    p["place"] = street_ids_[hh.street];
    p["registry_reference"] = Numbered("SYN-REG-", static_cast<int>(h + 1));
    p["description"] = "Synthetic property of " + hh.label + ".";
    Json holders = Json::array({persons_[hh.members.front()].id});
    if (hh.members.size() > 1) holders.push_back(persons_[hh.members[1]].id);
    p["holders"] = holders;
    const std::string_view tenure = kTenure[rng_.Weighted(kTenureWeights)];
    Json docs = tenure == "occupancy_right"
                    ? Json::array({"occupancy_order", "residence_registration"})
                : tenure == "ownership"
                    ? Json::array({"title_deed", "utility_bills"})
                : tenure == "tenancy" ? Json::array({"residence_registration"})
                                      : Json::array({"witness_testimony"});
    p["tenure"] = {{"type", tenure}, {"documents", docs}};
    const std::string_view fate = kFate[rng_.Weighted(kFateWeights)];
    p["fate"] = fate;
    p["fate_date"] = Day(static_cast<int>(rng_.Below(kDays)));
    if (fate == "occupied" || fate == "appropriated") {
      p["current_occupant"] = "unidentified occupants (synthetic)";
    }
    p["value"] = {{"amount", 1000 * rng_.Between(5, 60)},
                  {"currency", "SUR"},
                  {"year", kYear}};
    property_ids_.push_back(Add(std::move(p)));
  }
}

Json DemoBuilder::Perpetrators(const EventInfo &event) {
  Json p = Json::array({{{"perpetrator", mobs_[event.mob]},
                         {"involvement", "direct_perpetrator"}}});
  if (rng_.Chance(0.15)) {
    p.push_back(
        {{"perpetrator", detachment_}, {"involvement", "direct_perpetrator"}});
  }
  if (rng_.Chance(0.1))
    p.push_back({{"perpetrator", council_}, {"involvement", "instigated"}});
  const double militia = rng_.Unit();
  if (militia < 0.05) {
    p.push_back({{"perpetrator", militia_sections_[event.district]},
                 {"involvement", "aided"}});
  } else if (militia < 0.55) {
    p.push_back(
        {{"perpetrator", militia_sections_[event.district]},
         {"involvement", rng_.Chance(0.7) ? "failed_to_prevent" : "present"}});
  }
  return p;
}

struct ActKind {
  std::string_view type;
  std::array<std::string_view, 2> consequences;
  std::string_view method;
};

constexpr ActKind kPersonActs[] = {
    {"beating",
     {"injury", "psychological_harm"},
     "blows with fists and sticks"},
    {"humiliation", {"psychological_harm", ""}, "public insults"},
    {"threat", {"psychological_harm", ""}, "threats of death"},
    {"injury", {"injury", ""}, "stabbing"},
    {"torture", {"injury", "psychological_harm"}, "prolonged beating"},
    {"killing", {"death", ""}, "blows with blunt objects"},
    {"arbitrary_detention",
     {"psychological_harm", ""},
     "held at a militia section"},
    {"abduction", {"psychological_harm", ""}, "taken away by force"},
    {"sexual_violence",
     {"psychological_harm", "injury"},
     "not recorded in the demo"},
    {"expulsion", {"displacement", "loss_of_home"}, "forced out of the city"},
    {"forced_transfer", {"displacement", ""}, "taken to a transit point"},
};
constexpr std::array<double, std::size(kPersonActs)> kPersonActWeights = {
    0.22, 0.14, 0.1, 0.06, 0.04, 0.05, 0.03, 0.01, 0.01, 0.22, 0.12};

void DemoBuilder::AddAct(std::string_view type, const EventInfo &event,
                         const Household &household, const std::string *victim,
                         std::string_view description) {
  Json a = Base(Kind::kAct,
                type == "sexual_violence" ? "sealed" : RandomConfidentiality());
  a["type"] = type;
  a["event"] = event.id;
  if (victim != nullptr) {
    a["victim"] = *victim;
  } else {
    a["victim_count"] = static_cast<int64_t>(household.members.size());
  }
  a["perpetrators"] = Perpetrators(event);
  a["date"] = Day(event.day);
  a["place"] = street_ids_[household.street];
  a["grounds"] = rng_.Chance(0.85)
                     ? Json::array({"national_identity"})
                     : Json::array({"national_identity", "ethnicity"});
  a["description"] = std::string("Synthetic act: ") + std::string(description);
  const size_t h = static_cast<size_t>(&household - households_.data());
  const bool on_property =
      type == "looting" || type == "destruction_of_property" ||
      type == "appropriation_of_property" || type == "forced_eviction";
  if (on_property) {
    a["property"] = property_ids_[h];
    a["consequences"] = Json::array(
        {type == "forced_eviction" ? "loss_of_home" : "loss_of_property"});
  } else {
    for (const auto &kind : kPersonActs) {
      if (kind.type != type) continue;
      a["method"] = kind.method;
      Json cons = Json::array();
      for (std::string_view c : kind.consequences) {
        if (!c.empty()) cons.push_back(c);
      }
      a["consequences"] = cons;
    }
  }
  household_records_[h].push_back(Add(std::move(a)));
}

void DemoBuilder::AddHouseholdActs(const Household &household,
                                   const EventInfo &event) {
  AddAct("forced_eviction", event, household, nullptr,
         "the household was forced out of its home");
  AddAct(rng_.Chance(0.7)   ? "looting"
         : rng_.Chance(0.5) ? "destruction_of_property"
                            : "appropriation_of_property",
         event, household, nullptr, "the home was plundered or taken");
  for (size_t m : household.members) {
    const PersonInfo &person = persons_[m];
    if (rng_.Chance(kPersonActShare)) {
      const ActKind &kind = kPersonActs[rng_.Weighted(kPersonActWeights)];
      // Only persons recorded as deceased are victims of killings.
      if (kind.type != "killing" || person.deceased) {
        AddAct(kind.type, event, household, &person.id,
               "the victim was harmed during the attack");
      }
    }
    if (person.deceased && rng_.Chance(0.7)) {
      AddAct("killing", event, household, &person.id,
             "the victim was killed during the attack");
    }
  }
}

void DemoBuilder::AddActs() {
  for (const Household &household : households_) {
    // The household is attacked in an incident in its own district if there is
    // one.
    std::vector<size_t> local;
    for (size_t e = 0; e < incidents_.size(); ++e) {
      if (incidents_[e].district == household.district) local.push_back(e);
    }
    const size_t e = local.empty() ? rng_.Below(incidents_.size())
                                   : local[rng_.Below(local.size())];
    household_event_.push_back(e);
    AddHouseholdActs(household, incidents_[e]);
  }
}

void DemoBuilder::AddDisplacements() {
  static constexpr std::array<std::string_view, 3> kCircumstances = {
      "expelled", "fled_under_threat", "evacuated"};
  static constexpr std::array<std::string_view, 3> kRoutes = {
      "by ferry across the sea (fictional)", "by air from the airfield",
      "by road through the province"};
  for (size_t h = 0; h < households_.size(); ++h) {
    const Household &hh = households_[h];
    Json persons = Json::array();
    for (size_t m : hh.members) {
      if (persons_[m].alive) persons.push_back(persons_[m].id);
    }
    if (persons.empty()) continue;
    const size_t first_stop = rng_.Below(3);  // camp, terminal or airfield
    const size_t final_stop = 3 + rng_.Below(2);
    const int day = static_cast<int>(rng_.Below(kDays));
    const size_t stages = rng_.Chance(kThreeStageDisplacement) ? 3 : 2;
    const std::array<std::string, 3> from = {street_ids_[hh.street],
                                             destination_ids_[first_stop],
                                             destination_ids_[final_stop]};
    const std::array<std::string, 3> to = {
        destination_ids_[first_stop], destination_ids_[final_stop],
        destination_ids_[3 + (final_stop - 2) % 2]};
    for (size_t stage = 0; stage < stages; ++stage) {
      Json d = Base(Kind::kDisplacement);
      d["persons"] = persons;
      d["household"] = hh.label;
      d["household_size"] = static_cast<int64_t>(hh.members.size());
      d["from"] = from[stage];
      d["to"] = to[stage];
      d["date"] = stage == 0 ? Day(day)
                             : Date(kYear, kMonth + static_cast<int>(stage),
                                    1 + static_cast<int>(rng_.Below(28)));
      d["circumstances"] = stage == 0
                               ? kCircumstances[rng_.Weighted(
                                     std::array<double, 3>{0.5, 0.35, 0.15})]
                               : "evacuated";
      d["route"] = kRoutes[first_stop];
      d["current_status"] = stage + 1 == stages ? "resettled (synthetic)"
                                                : "in transit (synthetic)";
      if (stage == 0) d["event"] = incidents_[household_event_[h]].id;
      const std::string &id = Add(std::move(d));
      displacement_ids_.push_back(id);
      household_records_[h].push_back(id);
    }
  }
}

void DemoBuilder::AddStateConduct() {
  auto add = [&](const std::string &actor, std::string_view conduct,
                 const std::string &date, const std::string *place,
                 const std::string *event, std::string_view text) {
    Json s = Base(Kind::kStateConduct);
    s["actor"] = actor;
    s["conduct"] = conduct;
    s["date"] = date;
    if (place != nullptr) s["place"] = *place;
    if (event != nullptr) s["event"] = *event;
    s["description"] = std::string("Synthetic: ") + std::string(text);
    state_conduct_ids_.push_back(Add(std::move(s)));
  };
  for (size_t e = 0; e < incidents_.size(); e += 6) {
    const EventInfo &ev = incidents_[e];
    add(militia_sections_[ev.district],
        rng_.Chance(0.85) ? "failure_to_intervene" : "participation",
        Day(ev.day), &street_ids_[ev.street], &ev.id,
        "militia officers were present and did not stop the attack");
  }
  for (int day = 0; day < kDays; ++day) {
    add(troops_, "failure_to_protect", Day(day), &city_, &day_events_[day],
        "troops stationed near the city were not deployed to protect "
        "residents");
  }
  add(executive_, "instigation", Day(0), &city_, &day_events_[0],
      "a public meeting called by officials preceded the attacks");
  add(executive_, "denial", Date(kYear, kMonth + 1, 3), &city_, nullptr,
      "an official statement described the events as spontaneous disorder");
  add(militia_, "failure_to_investigate", Date(kYear, kMonth + 2, 1), &city_,
      nullptr, "no criminal cases were opened for most reported attacks");
  add(prosecutor_, "failure_to_investigate", Date(kYear, kMonth + 3, 1), &city_,
      nullptr, "complaints by displaced residents were not examined");
  add(prosecutor_, "failure_to_prosecute", Date(kYear + 1, 2, 1), &city_,
      nullptr, "the few opened cases were closed without charges");
}

void DemoBuilder::Link(const std::string &source, const std::string &record,
                       std::string_view locator, std::string_view excerpt) {
  Json i = Base(Kind::kInformation);
  i["source"] = source;
  i["record"] = record;
  i["locator"] = locator;
  i["excerpt"] = std::string("Synthetic excerpt: ") + std::string(excerpt);
  i["credibility"] = kCredibility[rng_.Weighted(kCredibilityWeights)];
  i["stance"] = rng_.Chance(kContradicts) ? "contradicts" : "supports";
  const std::optional<Kind> kind = model::KindOfId(record);
  if (kind.has_value() && model::FindField(*kind, "date") != nullptr &&
      rng_.Chance(0.2)) {
    i["field"] =
        "date";  // the information supports (or contradicts) the date only
  }
  Add(std::move(i));
}

std::string Timestamp(Rng &rng) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d",
                static_cast<int>(rng.Below(2)), static_cast<int>(rng.Below(60)),
                static_cast<int>(rng.Below(60)));
  return buf;
}

void DemoBuilder::AddInformation() {
  for (size_t t = 0; t < testimony_ids_.size(); ++t) {
    const auto &records = household_records_[testimony_household_[t]];
    const size_t links = std::min<size_t>(records.size(), 3 + rng_.Below(5));
    for (size_t k = 0; k < links; ++k) {
      Link(testimony_ids_[t], records[rng_.Below(records.size())],
           Timestamp(rng_), "witness describes what happened to the household");
    }
    Link(testimony_ids_[t], property_ids_[testimony_household_[t]],
         Timestamp(rng_), "witness describes the home and how it was lost");
  }
  for (const std::string &doc : document_ids_) {
    for (int k = 0; k < 4; ++k) {
      const std::string &target =
          rng_.Chance(0.5)
              ? incidents_[rng_.Below(incidents_.size())].id
              : state_conduct_ids_[rng_.Below(state_conduct_ids_.size())];
      Link(doc, target, "p. " + std::to_string(rng_.Between(1, 40)),
           "document records an incident and the response of the authorities");
    }
  }
  for (const std::string &list : list_ids_) {
    for (int k = 0; k < 20; ++k) {
      Link(list, displacement_ids_[rng_.Below(displacement_ids_.size())],
           "p. " + std::to_string(rng_.Between(1, 12)) + ", line " +
               std::to_string(rng_.Between(1, 40)),
           "list entry registers the household's arrival");
    }
  }
}

std::vector<Json> DemoBuilder::Build() {
  AddSituation();
  AddPlaces();
  AddOrganizations();
  AddPersons();
  AddSources();
  AddEvents();
  AddProperties();
  AddActs();
  AddDisplacements();
  AddStateConduct();
  AddInformation();
  return std::move(out_);
}

}  // namespace

base::Result<std::vector<base::Json>> GenerateDemoRecords(uint64_t seed) {
  DemoBuilder builder(seed);
  return builder.Build();
}

base::Status WriteDemoRecords(uint64_t seed, std::ostream &out) {
  VKA_ASSIGN_OR_RETURN(std::vector<base::Json> records,
                       GenerateDemoRecords(seed));
  for (const base::Json &record : records) {
    VKA_ASSIGN_OR_RETURN(std::string line, base::CanonicalJson(record));
    out << line << '\n';
  }
  if (!out) return base::IOError("writing demo records failed");
  return base::OkStatus();
}

}  // namespace vka::synth
