#include "linkage/linker.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "base/csv.h"
#include "linkage/cluster.h"
#include "linkage/evaluate.h"

namespace vka::linkage {
namespace {

Table Fixture() {
  Table t;
  t.columns = {"id", "given", "family", "birth", "entity"};
  t.rows = {
      {"1", "Հովհաննես", "Հովհաննիսյան", "1950-02-03", "A"},
      {"2", "Оганес", "Оганесян", "1950", "A"},
      {"3", "Hovhannes", "Ovanesyan", "", "A"},
      {"4", "Ovanesyan", "Hovhannes", "1950-02-03", "A"},  // swapped order
      {"5", "Петрос", "Погосян", "1961-07-01", "B"},
      {"6", "Petros", "Pogosyan", "1961-07-01", "B"},
      {"7", "Петрос", "Петросян", "1961-07-01", "C"},
      {"8", "Գրիշա", "Կարապետյան", "1932", "D"},  // diminutive of Grigor
      {"9", "Grigor", "Karapetian", "1933", "D"},
  };
  t.source.assign(t.rows.size(), 0);
  t.source_names = {"fixture"};
  return t;
}

LinkConfig FixtureConfig() {
  LinkConfig c;
  c.id_column = "id";
  c.fields = {{"given", FieldKind::kName, false, ""},
              {"family", FieldKind::kName, true, ""},
              {"birth", FieldKind::kDate, false, ""}};
  c.swap_first = "given";
  c.swap_second = "family";
  c.blocking = {{{{"given", BlockTransform::kSortedKeys, "family"}}},
                {{{"family", BlockTransform::kKey, ""}, {"birth", BlockTransform::kYear, ""}}}};
  return c;
}

TEST(Blocking, KeepsEveryLabelledTruePair) {
  Table t = Fixture();
  auto linker = Linker::Create(FixtureConfig(), t, nullptr);
  ASSERT_TRUE(linker.ok()) << linker.status().ToString();
  BlockingReport report;
  auto pairs = (*linker)->CandidatePairs(&report);
  std::set<std::pair<int32_t, int32_t>> got(pairs.begin(), pairs.end());
  for (int32_t a = 0; a < 9; ++a) {
    for (int32_t b = a + 1; b < 9; ++b) {
      if (t.rows[a][4] == t.rows[b][4]) {
        EXPECT_TRUE(got.count({a, b})) << a << "-" << b;
      }
    }
  }
  EXPECT_FALSE(got.count({4, 6}));  // Погосян and Петросян never share a block
  EXPECT_EQ(report.rules.size(), 2u);
  EXPECT_GT(report.ReductionRatio(), 0.0);
}

TEST(Blocking, ConfigErrorsNameTheColumn) {
  Table t = Fixture();
  LinkConfig c = FixtureConfig();
  c.fields.push_back({"nope", FieldKind::kName, false, ""});
  auto linker = Linker::Create(c, t, nullptr);
  ASSERT_FALSE(linker.ok());
  EXPECT_NE(linker.status().message().find("nope"), std::string::npos);
}

TEST(Cluster, GuardStopsChainingThroughOneWeakLink) {
  // 0-1 strong, 1-2 strong, but 0 and 2 are very unlike: no merge of {0,1} with 2.
  auto weight = [](int32_t a, int32_t b) { return (a == 0 && b == 2) ? -40.0 : 10.0; };
  std::vector<Edge> edges = {{0, 1, 20}, {1, 2, 10}};
  auto c = ClusterRecords(3, edges, weight);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_NE(c[1], c[2]);
  auto lenient = [](int32_t, int32_t) { return 5.0; };
  auto d = ClusterRecords(3, edges, lenient);
  EXPECT_EQ(d[0], d[2]);
}

TEST(Evaluate, PairwiseAndOverlap) {
  std::vector<int64_t> truth = {0, 0, 0, 1, 1, 2};
  std::vector<int64_t> pred = {0, 0, 1, 2, 2, 2};
  PairwiseMetrics m = PairwiseFromClusters(pred, truth);
  EXPECT_EQ(m.true_pairs, 4);
  EXPECT_EQ(m.predicted_pairs, 4);
  EXPECT_EQ(m.correct_pairs, 2);
  EXPECT_DOUBLE_EQ(m.f1, 0.5);
  auto rows = OverlapTable({0, 0, 1, 2}, {0, 1, 1, 0}, 2);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].in_list, (std::vector<uint8_t>{1, 1}));
  EXPECT_EQ(rows[0].count, 1);
}

std::filesystem::path FebrlDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* src = std::getenv("VKA_SOURCE_DIR")) {
    candidates.push_back(std::filesystem::path(src) / ".." / "shared" / "data" / "febrl");
  }
  candidates.push_back("/work/shared/data/febrl");
  for (const auto& c : candidates) {
    if (std::filesystem::exists(c / "dataset1.csv")) return c;
  }
  return {};
}

TEST(DedupeFebrl, Dataset1AutoConfigReachesF1Floor) {
  std::filesystem::path dir = FebrlDir();
  ASSERT_FALSE(dir.empty()) << "FEBRL data not found: expected $VKA_SOURCE_DIR/../shared/data/febrl "
                               "or /work/shared/data/febrl (dataset1.csv)";
  std::ifstream in(dir / "dataset1.csv");
  base::CsvReader reader(in, "dataset1.csv");
  Table t;
  std::vector<std::string> row;
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
  };
  while (true) {
    auto more = reader.Next(row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    for (auto& cell : row) cell = trim(cell);
    if (t.columns.empty()) {
      t.columns = row;
    } else {
      t.rows.push_back(row);
    }
  }
  ASSERT_EQ(t.rows.size(), 1000u);
  t.source.assign(t.rows.size(), 0);
  auto config = ProposeConfig(t);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->id_column, "rec_id");
  auto linker = Linker::Create(*config, t, nullptr);
  ASSERT_TRUE(linker.ok()) << linker.status().ToString();
  auto result = (*linker)->Run(nullptr);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // Truth: rec-<N>-org / rec-<N>-dup-<k>.
  std::vector<int64_t> truth, pred;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string& id = t.rows[i][0];
    truth.push_back(std::stoll(id.substr(4, id.find('-', 4) - 4)));
    pred.push_back(result->cluster[i]);
  }
  PairwiseMetrics m = PairwiseFromClusters(pred, truth);
  EXPECT_GE(m.f1, 0.95) << "precision " << m.precision << " recall " << m.recall;
  // Every accepted pair can be explained field by field.
  ASSERT_FALSE(result->accepted.empty());
  PairExplanation e = (*linker)->Explain(result->accepted[0].a, result->accepted[0].b);
  EXPECT_EQ(e.fields.size(), config->fields.size());
  EXPECT_NEAR(e.weight, result->accepted[0].weight, 1e-9);
}

}  // namespace
}  // namespace vka::linkage
