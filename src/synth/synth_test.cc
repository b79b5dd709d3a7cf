#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/utf8.h"
#include "model/validate.h"
#include "model/vocabulary.h"
#include "synth/demo.h"
#include "synth/internal/names.h"
#include "synth/internal/random.h"
#include "synth/internal/translit.h"
#include "synth/person_lists.h"

namespace vka::synth {
namespace {

using internal::Script;

std::vector<std::string> Lines(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitCsv(const std::string &line) {
  // The generator quotes only fields with commas (birthplaces never have
  // quotes), which this simple splitter handles.
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

const model::VocabularySet &Vocab() {
  static const model::VocabularySet vocab = [] {
    auto v = model::VocabularySet::BuiltIn();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : model::VocabularySet();
  }();
  return vocab;
}

// The output of one GeneratePersonLists call, in memory.
struct ListOutput {
  std::vector<std::string> ndjson;
  std::vector<std::string> csv;
  std::string truth;
  std::string population;
  std::string summary_text;
  PersonListSummary summary;

  std::string All() const {
    std::string all;
    for (const auto &s : ndjson) all += s;
    for (const auto &s : csv) all += s;
    return all + truth + population + summary_text;
  }
};

ListOutput Generate(int64_t persons, int lists, uint64_t seed) {
  std::vector<std::ostringstream> nd(lists), cs(lists);
  std::ostringstream truth, population, summary;
  ListSinks sinks;
  for (int k = 0; k < lists; ++k) {
    sinks.ndjson.push_back(&nd[k]);
    sinks.csv.push_back(&cs[k]);
  }
  sinks.truth = &truth;
  sinks.population = &population;
  sinks.summary = &summary;
  auto result = GeneratePersonLists({persons, lists, seed}, sinks);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  ListOutput out;
  for (int k = 0; k < lists; ++k) {
    out.ndjson.push_back(nd[k].str());
    out.csv.push_back(cs[k].str());
  }
  out.truth = truth.str();
  out.population = population.str();
  out.summary_text = summary.str();
  if (result.ok()) out.summary = *result;
  return out;
}

TEST(TranslitTest, KnownForms) {
  using internal::ArmenianSystem;
  EXPECT_EQ(internal::ArmenianToLatin("Հովհաննիսյան", ArmenianSystem::kBgn),
            "Hovhannisyan");
  EXPECT_EQ(internal::ArmenianToLatin("Եղիազարյան", ArmenianSystem::kBgn),
            "Yeghiazaryan");
  EXPECT_EQ(internal::ArmenianToLatin("Ոսկանյան", ArmenianSystem::kBgn),
            "Voskanyan");
  EXPECT_EQ(internal::ArmenianToLatin("Հարությունյան", ArmenianSystem::kBgn),
            "Harutyunyan");
  EXPECT_EQ(internal::ArmenianToLatin("Գևորգյան", ArmenianSystem::kBgn),
            "Gevorgyan");
  EXPECT_EQ(
      internal::ArmenianToLatin("Խաչատրյան", ArmenianSystem::kIsoSimplified),
      "Xačatryan");
  EXPECT_EQ(
      internal::ArmenianToLatin("Ղազարյան", ArmenianSystem::kIsoSimplified),
      "Łazaryan");
  EXPECT_EQ(internal::CyrillicToLatin("Оганесян", {}), "Oganesyan");
  internal::PassportStyle english;
  english.ya = "ia";
  english.dzh = "dj";
  EXPECT_EQ(internal::CyrillicToLatin("Оганесян", english), "Oganesian");
  EXPECT_EQ(internal::CyrillicToLatin("Джангирян", english), "Djangirian");
  EXPECT_EQ(internal::CyrillicToLatin("Хачатрян", {}), "Khachatryan");
  EXPECT_EQ(internal::CyrillicToLatin("Егиазарян", {}), "Yegiazaryan");
}

TEST(SynthNames, Patronymics) {
  EXPECT_EQ(internal::RussianPatronymic("Оганес", false), "Оганесович");
  EXPECT_EQ(internal::RussianPatronymic("Оганес", true), "Оганесовна");
  EXPECT_EQ(internal::RussianPatronymic("Сергей", false), "Сергеевич");
  EXPECT_EQ(internal::RussianPatronymic("Мкртич", true), "Мкртичевна");
  EXPECT_EQ(internal::RussianPatronymic("Грачья", false), "Грачьевич");
  EXPECT_EQ(internal::ArmenianPatronymic({"Հովհաննես", "Оганес"}),
            "Հովհաննեսի");
  EXPECT_EQ(internal::ArmenianPatronymic({"Մկրտիչ", "Мкртич", "Մկրտչի"}),
            "Մկրտչի");
}

TEST(SynthNames, TablesAreLargeAndDistinct) {
  EXPECT_GE(
      internal::MaleGivenNames().size() + internal::FemaleGivenNames().size(),
      80u);
  EXPECT_GE(internal::FamilyNames().size(), 150u);
  std::set<std::string_view> hy, ru;
  for (const auto &f : internal::FamilyNames()) {
    hy.insert(f.hy);
    ru.insert(f.ru);
  }
  EXPECT_EQ(hy.size(), internal::FamilyNames().size());
  EXPECT_EQ(ru.size(), internal::FamilyNames().size());
}

TEST(TranslitTest, TypoAlwaysChangesTextAndKeepsUtf8) {
  internal::Rng rng(3);
  for (int k = 0; k < 2000; ++k) {
    for (auto [text, script] :
         {std::pair<std::string_view, Script>{"Հովհաննիսյան", Script::kArmn},
          {"Оганесян", Script::kCyrl},
          {"Hovhannisyan", Script::kLatn}}) {
      const std::string typo = internal::Typo(text, script, rng);
      EXPECT_NE(typo, text);
      EXPECT_TRUE(base::IsValidUtf8(typo));
      EXPECT_EQ(internal::DecodeUtf8(typo)[0],
                internal::DecodeUtf8(text)[0]);  // first kept
    }
  }
}

TEST(TranslitTest, LatinVariantsAreTheListedOnes) {
  internal::Rng rng(5);
  std::set<std::string> seen;
  for (int k = 0; k < 500; ++k)
    seen.insert(internal::LatinVariant("Hovhannisyan", rng));
  EXPECT_EQ(seen, (std::set<std::string>{"Hovhannisian", "Hovhannisjan",
                                         "Ovhannisyan"}));
}

TEST(RngTest, SameSeedSameStreamAndUniformish) {
  internal::Rng a(11), b(11);
  int counts[10] = {};
  for (int k = 0; k < 100000; ++k) {
    const uint64_t x = a.Below(10);
    ASSERT_EQ(x, b.Below(10));
    ++counts[x];
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

TEST(PersonListsTest, DeterministicForASeed) {
  const ListOutput a = Generate(1500, 5, 42);
  const ListOutput b = Generate(1500, 5, 42);
  const ListOutput c = Generate(1500, 5, 43);
  EXPECT_EQ(a.All(), b.All());
  EXPECT_NE(a.All(), c.All());
}

TEST(PersonListsTest, SizesTruthAndOverlapAgree) {
  constexpr int64_t kPersons = 3000;
  constexpr int kLists = 5;
  const ListOutput out = Generate(kPersons, kLists, 7);
  EXPECT_EQ(out.summary.true_persons, kPersons);
  ASSERT_EQ(out.summary.list_sizes.size(), static_cast<size_t>(kLists));

  std::set<std::string> ids;
  int64_t records = 0;
  for (int k = 0; k < kLists; ++k) {
    const auto nd = Lines(out.ndjson[k]);
    const auto csv = Lines(out.csv[k]);
    EXPECT_EQ(static_cast<int64_t>(nd.size()), out.summary.list_sizes[k]);
    EXPECT_EQ(static_cast<int64_t>(csv.size()) - 1,
              out.summary.list_sizes[k]);  // header
    EXPECT_GT(nd.size(), 0u);
    for (size_t row = 1; row < csv.size(); ++row)
      ids.insert(SplitCsv(csv[row])[0]);
    records += out.summary.list_sizes[k];
  }
  EXPECT_EQ(static_cast<int64_t>(ids.size()),
            records);  // ids unique across lists

  const auto truth = Lines(out.truth);
  ASSERT_EQ(static_cast<int64_t>(truth.size()) - 1, records);
  std::map<std::string, int> per_entity;
  for (size_t row = 1; row < truth.size(); ++row) {
    const auto fields = SplitCsv(truth[row]);
    ASSERT_EQ(fields.size(), 2u);
    EXPECT_TRUE(ids.count(fields[0])) << fields[0];
    ++per_entity[fields[1]];
  }
  EXPECT_EQ(static_cast<int64_t>(per_entity.size()),
            out.summary.captured_persons);
  EXPECT_LT(out.summary.captured_persons, kPersons);  // some are on no list
  int in_several = 0;
  for (const auto &[entity, n] : per_entity) {
    EXPECT_LE(n, kLists);
    if (n >= 2) ++in_several;
  }
  EXPECT_GT(in_several, kPersons / 10);
  EXPECT_EQ(static_cast<int64_t>(Lines(out.population).size()) - 1, kPersons);
  EXPECT_NE(out.summary_text.find("\"true_persons\":3000"), std::string::npos);
}

TEST(PersonListsTest, RecordsAreCanonicalValidAndInThreeScripts) {
  const ListOutput out = Generate(1000, 6, 9);
  std::set<std::string> scripts;
  for (const std::string &text : out.ndjson) {
    for (const std::string &line : Lines(text)) {
      auto body = base::ParseJsonStrict(line);
      ASSERT_TRUE(body.ok()) << line;
      auto canonical = base::CanonicalJson(*body);
      ASSERT_TRUE(canonical.ok());
      EXPECT_EQ(*canonical, line);
      const model::ValidationResult v = model::Validate(*body, Vocab());
      EXPECT_TRUE(v.ok()) << v.Summary() << "\n" << line;
      EXPECT_TRUE(
          (*body)["remarks"].get<std::string>().starts_with("SYNTHETIC"));
      for (const auto &name : (*body)["names"])
        scripts.insert(name["script"].get<std::string>());
    }
  }
  EXPECT_EQ(scripts, (std::set<std::string>{"Armn", "Cyrl", "Latn"}));
}

TEST(PersonListsTest, RejectsBadOptions) {
  ListSinks none;
  EXPECT_EQ(GeneratePersonLists({0, 5, 1}, none).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(GeneratePersonLists({10, 0, 1}, none).status().code(),
            base::StatusCode::kInvalidArgument);
  std::ostringstream one;
  ListSinks short_sinks;
  short_sinks.ndjson = {&one};
  EXPECT_EQ(GeneratePersonLists({10, 2, 1}, short_sinks).status().code(),
            base::StatusCode::kInvalidArgument);
}

// Measured rates of one list, from its CSV.
struct Rates {
  double missing_birth = 0, year_only = 0, approximate = 0, patronymic = 0;
  double unknown_name =
      0;  // a given or family name that is in no table: a typo
  int64_t n = 0;
};

Rates Measure(const std::string &csv, Script script) {
  std::set<std::string> known;
  auto add = [&](std::string_view hy, std::string_view ru) {
    known.insert(std::string(script == Script::kArmn ? hy : ru));
  };
  for (const auto &g : internal::MaleGivenNames())
    add(g.hy, g.ru), add(g.diminutive_hy, g.diminutive_ru);
  for (const auto &g : internal::FemaleGivenNames())
    add(g.hy, g.ru), add(g.diminutive_hy, g.diminutive_ru);
  for (const auto &f : internal::FamilyNames()) add(f.hy, f.ru);
  Rates r;
  const auto lines = Lines(csv);
  for (size_t row = 1; row < lines.size(); ++row) {
    const auto f = SplitCsv(
        lines[row]);  // id,list,given,family,patronymic,maiden,sex,birth,...
    const std::string &birth = f[7];
    r.missing_birth += birth.empty();
    r.year_only += birth.size() == 4;
    r.approximate += birth.ends_with("~");
    r.patronymic += !f[4].empty();
    r.unknown_name += !known.count(f[2]) || !known.count(f[3]);
    ++r.n;
  }
  for (double *x : {&r.missing_birth, &r.year_only, &r.approximate,
                    &r.patronymic, &r.unknown_name}) {
    *x /= static_cast<double>(r.n);
  }
  return r;
}

TEST(PersonListsTest, NoiseRatesMatchTheProfiles) {
  const ListOutput out = Generate(30000, 2, 21);
  const std::vector<ListProfile> profiles = ListProfiles(2);
  const Script scripts[] = {Script::kArmn, Script::kCyrl};
  for (int k = 0; k < 2; ++k) {
    SCOPED_TRACE(profiles[k].name);
    const Rates r = Measure(out.csv[k], scripts[k]);
    ASSERT_GT(r.n, 3000);
    constexpr double kTolerance =
        0.02;  // about 4 standard errors at these sizes
    EXPECT_NEAR(r.missing_birth, profiles[k].missing_birth, kTolerance);
    EXPECT_NEAR(r.year_only, profiles[k].year_only, kTolerance);
    EXPECT_NEAR(r.approximate, profiles[k].approximate, kTolerance);
    EXPECT_NEAR(r.patronymic, profiles[k].patronymic, kTolerance);
    EXPECT_NEAR(r.unknown_name, profiles[k].typo, 0.01);
  }
}

TEST(PersonListsTest, CaptureIsHeterogeneous) {
  // Persons on one list are more likely to be on another than chance allows
  // (the latent class drives both), so a naive two-list Lincoln-Petersen
  // estimate falls short of the true N.
  const ListOutput out = Generate(20000, 2, 5);
  std::map<std::string, int> per_entity;
  for (const auto &line : Lines(out.truth)) ++per_entity[SplitCsv(line)[1]];
  int64_t both = 0;
  for (const auto &[entity, n] : per_entity) both += n == 2;
  const double n1 = static_cast<double>(out.summary.list_sizes[0]);
  const double n2 = static_cast<double>(out.summary.list_sizes[1]);
  const double lincoln_petersen = n1 * n2 / static_cast<double>(both);
  EXPECT_LT(lincoln_petersen, 0.9 * 20000);
}

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = GenerateDemoRecords(2024);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    records_ = new std::vector<base::Json>(std::move(r).value());
  }
  static void TearDownTestSuite() { delete records_; }
  static std::vector<base::Json> *records_;
};
std::vector<base::Json> *DemoTest::records_ = nullptr;

TEST_F(DemoTest, DeterministicForASeed) {
  std::ostringstream a, b, c;
  ASSERT_TRUE(WriteDemoRecords(1, a).ok());
  ASSERT_TRUE(WriteDemoRecords(1, b).ok());
  ASSERT_TRUE(WriteDemoRecords(2, c).ok());
  EXPECT_EQ(a.str(), b.str());
  EXPECT_NE(a.str(), c.str());
}

TEST_F(DemoTest, SizesAreAsAdvertised) {
  std::map<std::string, int> counts;
  for (const auto &r : *records_) ++counts[r["kind"].get<std::string>()];
  EXPECT_EQ(counts["situation"], 1);
  EXPECT_EQ(counts["person"], kDemoPersons);
  EXPECT_EQ(counts["source"], kDemoSources);
  EXPECT_NEAR(counts["event"], kDemoEvents, kDemoEvents / 10);
  EXPECT_NEAR(counts["act"], kDemoActs, kDemoActs / 5);
  EXPECT_NEAR(counts["property"], kDemoProperties, kDemoProperties / 5);
  EXPECT_NEAR(counts["displacement"], kDemoDisplacements,
              kDemoDisplacements / 5);
  EXPECT_GT(counts["state_conduct"], 20);
  EXPECT_GT(counts["information"], 1000);
}

TEST_F(DemoTest, EveryRecordValidatesAndEveryReferenceResolves) {
  std::set<std::string> ids;
  for (const auto &r : *records_) {
    EXPECT_TRUE(ids.insert(r["id"].get<std::string>()).second)
        << "duplicate id";
  }
  for (const auto &r : *records_) {
    const model::ValidationResult v = model::Validate(r, Vocab());
    EXPECT_TRUE(v.ok()) << v.Summary() << "\n" << r.dump();
    for (const auto &ref : v.references) {
      EXPECT_TRUE(ids.count(ref.target_id))
          << ref.path << " -> " << ref.target_id;
    }
    EXPECT_EQ(model::Normalize(r), r)
        << "record not in normal form: " << r.dump();
  }
}

TEST_F(DemoTest, EverythingIsMarkedSynthetic) {
  for (const auto &r : *records_) {
    EXPECT_TRUE(
        r["remarks"].get<std::string>().starts_with("SYNTHETIC DEMO DATA"));
    if (r["kind"] == "source") {
      EXPECT_TRUE(r["title"].get<std::string>().starts_with("[SYNTHETIC]"));
    }
  }
}

TEST_F(DemoTest, HasTheVarietyADemoNeeds) {
  std::set<std::string> scripts, confidentiality, act_types, stances, conducts;
  int withdrawn = 0, no_public_use = 0, sensitive = 0;
  std::map<std::string, int> origins;
  for (const auto &r : *records_) {
    confidentiality.insert(r["confidentiality"].get<std::string>());
    const std::string kind = r["kind"];
    if (kind == "person") {
      for (const auto &n : r["names"])
        scripts.insert(n["script"].get<std::string>());
      sensitive += r.contains("national_identity");
    } else if (kind == "act") {
      act_types.insert(r["type"].get<std::string>());
    } else if (kind == "information") {
      stances.insert(r["stance"].get<std::string>());
    } else if (kind == "state_conduct") {
      conducts.insert(r["conduct"].get<std::string>());
    } else if (kind == "source") {
      if (r.contains("origin")) ++origins[r["origin"].get<std::string>()];
      if (r.contains("consent")) {
        withdrawn += r["consent"].value("withdrawn", false);
        const auto &scopes = r["consent"]["scopes"];
        no_public_use += std::find(scopes.begin(), scopes.end(),
                                   "public_use") == scopes.end();
      }
    }
  }
  EXPECT_EQ(scripts, (std::set<std::string>{"Armn", "Cyrl", "Latn"}));
  EXPECT_EQ(confidentiality.size(), 4u);
  EXPECT_GE(act_types.size(), 12u);
  EXPECT_EQ(stances, (std::set<std::string>{"supports", "contradicts"}));
  EXPECT_TRUE(conducts.count("failure_to_intervene") &&
              conducts.count("failure_to_investigate"));
  EXPECT_GT(withdrawn, 0);
  EXPECT_GT(no_public_use, 0);
  EXPECT_GT(sensitive, 0);
  int shared = 0;
  for (const auto &[origin, n] : origins) shared += n > 1;
  EXPECT_GT(shared, 0);
}

}  // namespace
}  // namespace vka::synth
