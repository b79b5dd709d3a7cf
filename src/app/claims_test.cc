// The duplicate detector against a SYNTHETIC registry with planted
// duplicates and overlaps of each kind (synth/claims_registry.h), and the
// registry's records against the schema and the claim checks.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/claims.h"
#include "base/edtf.h"
#include "claims/overlaps.h"
#include "model/validate.h"
#include "synth/claims_registry.h"

namespace vka::app {
namespace {

using Pairs = std::set<std::string>;

std::string Pair(const std::string& a, const std::string& b) { return a < b ? a + "|" + b : b + "|" + a; }

// Truth pairs per the definitions in claims/overlaps.h, from the entities.
std::map<std::string, Pairs> TruePairs(const std::vector<synth::ClaimTruth>& truth) {
  std::map<std::string, Pairs> out;
  std::map<int64_t, std::vector<const synth::ClaimTruth*>> by_claimant, by_property, by_victim;
  for (const auto& t : truth) {
    by_claimant[t.claimant].push_back(&t);
    for (auto p : t.properties) by_property[p].push_back(&t);
    for (auto v : t.victims) by_victim[v].push_back(&t);
  }
  auto shares = [](const synth::ClaimTruth& a, const synth::ClaimTruth& b) {
    for (auto p : a.properties) if (std::count(b.properties.begin(), b.properties.end(), p)) return true;
    for (auto x : a.acts) if (std::count(b.acts.begin(), b.acts.end(), x)) return true;
    return false;
  };
  for (const auto& [c, list] : by_claimant) {
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        out["same_claimant"].insert(Pair(list[i]->claim, list[j]->claim));
        if (shares(*list[i], *list[j])) out["double_harm"].insert(Pair(list[i]->claim, list[j]->claim));
      }
    }
  }
  auto groups = [&](const std::map<int64_t, std::vector<const synth::ClaimTruth*>>& by, const char* type) {
    for (const auto& [key, list] : by) {
      std::set<int64_t> claimants;
      for (auto* t : list) claimants.insert(t->claimant);
      if (claimants.size() < 2) continue;
      for (size_t i = 0; i < list.size(); ++i) {
        for (size_t j = i + 1; j < list.size(); ++j) out[type].insert(Pair(list[i]->claim, list[j]->claim));
      }
    }
  };
  groups(by_property, "shared_property");
  groups(by_victim, "shared_victim");
  return out;
}

// Reads the generated records into the detector's input, as the app does
// from the store.
claims::OverlapInput InputFrom(const std::vector<base::Json>& records) {
  claims::OverlapInput in;
  for (const auto& r : records) {
    std::string kind = r["kind"];
    if (kind == "claim") {
      auto facts = claims::ReadClaimFacts(r.dump());
      EXPECT_TRUE(facts.ok());
      in.claims.push_back(*facts);
    } else if (kind == "person") {
      claims::PersonNames p{r["id"], {}, {}, {}, r.value("birth", "")};
      for (const auto& n : r["names"]) {
        std::string part = n.value("part", "");
        (part == "given" ? p.given : part == "family" ? p.family : p.patronymic).push_back(n["value"]);
      }
      in.persons.push_back(p);
    } else if (kind == "property") {
      in.properties.push_back({r["id"], r.value("registry_reference", ""), r.value("address", ""), r.value("place", "")});
    } else if (kind == "act") {
      in.harms.push_back({r["id"], {r["victim"]}});
    }
  }
  return in;
}

TEST(ClaimsRegistry, DetectorFindsPlantedDuplicatesWithHighRecallAndPrecision) {
  std::vector<base::Json> records;
  std::vector<synth::ClaimTruth> truth;
  auto counts = synth::GenerateClaimsRegistry(
      {.claims = 3000, .seed = 5, .planted_share = 0.03},
      [&](const base::Json& r) { records.push_back(r); return base::OkStatus(); },
      [&](synth::ClaimTruth t) { truth.push_back(std::move(t)); });
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_GT(counts->planted_same_claimant, 30);
  EXPECT_GT(counts->planted_shared_property, 30);
  EXPECT_GT(counts->planted_shared_victim, 15);
  EXPECT_GT(counts->planted_double_harm, 15);
  std::map<std::string, const base::Json*> by_id;
  for (const auto& r : records) by_id[r["id"]] = &r;
  auto flags = claims::DetectOverlaps(InputFrom(records));
  ASSERT_TRUE(flags.ok()) << flags.status().ToString();
  auto expected = TruePairs(truth);
  for (const char* type : {"same_claimant", "double_harm", "shared_property", "shared_victim"}) {
    auto found_list = claims::FlaggedPairs(*flags, type);
    Pairs found(found_list.begin(), found_list.end());
    const Pairs& want = expected[type];
    ASSERT_FALSE(want.empty()) << type;
    size_t hits = 0;
    for (const auto& p : found) hits += want.count(p);
    int shown = 0;
    for (const auto& p : want) {
      if (!found.contains(p) && shown++ < 3) {
        std::printf("  missed %s %s\n", type, p.c_str());
        for (const auto& id : {p.substr(0, p.find('|')), p.substr(p.find('|') + 1)}) {
          const base::Json& claim = *by_id[id];
          const base::Json& person = *by_id[claim["claimant"].get<std::string>()];
          std::printf("    %s\n", person.dump().c_str());
        }
      }
    }
    double recall = static_cast<double>(hits) / want.size();
    double precision = found.empty() ? 0 : static_cast<double>(hits) / found.size();
    std::printf("%-16s planted pairs %4zu  flagged %4zu  recall %.3f  precision %.3f\n", type, want.size(),
                found.size(), recall, precision);
    // A detector that flags nothing has recall 0; one that flags every pair
    // sharing a district or a name has precision far below this.
    EXPECT_GE(recall, 0.9) << type;
    EXPECT_GE(precision, 0.9) << type;
  }
}

TEST(ClaimsRegistry, EveryGeneratedRecordPassesTheSchemaAndTheClaimChecks) {
  auto vocab = model::VocabularySet::BuiltIn();
  ASSERT_TRUE(vocab.ok());
  auto tables = claims::ValuationTables::BuiltIn();
  ASSERT_TRUE(tables.ok());
  int64_t claims_seen = 0;
  auto counts = synth::GenerateClaimsRegistry({.claims = 400, .seed = 9}, [&](const base::Json& r) {
    base::Json body = model::Normalize(r);
    auto v = model::Validate(body, *vocab);
    EXPECT_TRUE(v.ok()) << body.dump() << "\n" << v.Summary();
    EXPECT_TRUE(body["remarks"].get<std::string>().starts_with("SYNTHETIC"));
    if (body["kind"] == "claim") {
      ++claims_seen;
      auto errors = claims::CheckClaim(body, *tables, {base::DaysFromCivil(2026, 11, 29), 2026});
      EXPECT_TRUE(errors.empty()) << body.dump() << "\n" << DescribeErrors(errors);
    }
    return base::OkStatus();
  });
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(claims_seen, 400);
  EXPECT_EQ(counts->claims, 400);
}

}  // namespace
}  // namespace vka::app
