#include "legal/matrix.h"

#include <gtest/gtest.h>

#include "legal/suggest.h"

namespace vka::legal {
namespace {

using base::Json;

constexpr const char* kTitles = R"(title = { en = "T", hy = "Տ", ru = "Т" })";

std::string ItemToml(const std::string& id, const std::string& kind, const std::string& extra = "") {
  return "[[item]]\nid = \"" + id + "\"\nprovision = \"p\"\nkind = \"" + kind + "\"\n" + kTitles +
         "\ntext = \"x\"\ncitation = \"c\"\nchecked = false\n" + extra + "\n";
}

KnowledgeBase TestKb() {
  std::string instrument = std::string("[instrument]\nid = \"tst\"\n") + kTitles +
                           "\ncitation = \"c\"\n\n" + ItemToml("tst.ctx", "context") +
                           ItemToml("tst.a", "provision") + ItemToml("tst.a.e1", "conduct") +
                           ItemToml("tst.a.e2", "context", "ref = \"tst.ctx\"") +
                           ItemToml("tst.a.e3", "mental") + ItemToml("tst.b", "provision") +
                           ItemToml("tst.b.e1", "conduct") +
                           ItemToml("tst.b.e2", "context", "ref = \"tst.ctx\"") +
                           ItemToml("tst.ob", "obligation") + ItemToml("tst.att", "circumstance") +
                           ItemToml("tst.rem", "remedy");
  std::string quals = std::string("[[qualification]]\nid = \"q.a\"\nprovision = \"tst.a\"\n") +
                      kTitles + "\nelements = [\"tst.a.e1\", \"tst.a.e2\", \"tst.a.e3\"]\n" +
                      "[[qualification]]\nid = \"q.b\"\nprovision = \"tst.b\"\n" + kTitles +
                      "\nelements = [\"tst.b.e1\", \"tst.b.e2\"]\n";
  std::string standards = std::string("[[standard]]\nid = \"s\"\n") + kTitles +
                          "\ndescription = \"d\"\nmin_origins = 2\nmax_reliability = \"B\"\n"
                          "max_credibility = 2\n";
  std::string rules = R"(
[state_responsibility]
attribution = ["tst.att"]
consequences = ["tst.rem"]
omissions = ["failure_to_protect"]

[[rule]]
id = "kill"
kind = "act"
description = "killing"
when = [{ path = "type", in = ["killing"] }]
suggests = ["tst.a.e1"]

[[rule]]
id = "beat"
kind = "act"
description = "beating"
when = [{ path = "type", in = ["beating"] }]
suggests = ["tst.b.e1"]

[[rule]]
id = "attack"
kind = "act"
description = "many acts"
when = [{ path = "victim.kind", in = ["person"] }]
aggregate = { min_records = 2 }
suggests = ["tst.ctx"]

[[rule]]
id = "organ"
kind = "act"
description = "state organ"
when = [{ path = "perpetrators.perpetrator.type", in = ["state_organ"] }]
suggests = ["tst.att"]

[[rule]]
id = "omit"
kind = "state_conduct"
description = "failure"
when = [{ path = "conduct", in = ["failure_to_protect"] }]
suggests = ["tst.ob"]
)";
  auto kb = KnowledgeBase::Parse({{"tst.toml", instrument},
                                  {"qualifications.toml", quals},
                                  {"standards.toml", standards},
                                  {"rules.toml", rules}});
  EXPECT_TRUE(kb.ok()) << kb.status().message();
  return std::move(*kb);
}

SourceFacts Source(const std::string& id, const std::string& origin, char reliability) {
  SourceFacts s;
  s.id = id;
  s.origin = origin;
  s.reliability = reliability;
  return s;
}

InformationFacts Info(const std::string& id, const std::string& source, const std::string& record,
                      int credibility, bool contradicts = false) {
  InformationFacts i;
  i.id = id;
  i.source = source;
  i.record = record;
  i.credibility = credibility;
  i.contradicts = contradicts;
  return i;
}

class MatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    facts_.situation = "sit_1";
    Add({{"id", "sit_1"}, {"kind", "situation"}});
    Add({{"id", "per_1"}, {"kind", "person"}, {"status", "deceased"}});
    Add({{"id", "per_2"}, {"kind", "person"}});
    Add({{"id", "org_1"}, {"kind", "organization"}, {"type", "state_organ"}});
    Add({{"id", "evt_1"}, {"kind", "event"}, {"situation", "sit_1"}}, true);
    Add({{"id", "act_kill"}, {"kind", "act"}, {"type", "killing"}, {"event", "evt_1"},
         {"victim", "per_1"},
         {"perpetrators", Json::array({{{"perpetrator", "org_1"}}})}},
        true);
    Add({{"id", "act_beat"}, {"kind", "act"}, {"type", "beating"}, {"event", "evt_1"},
         {"victim", "per_2"}},
        true);
    Add({{"id", "stc_1"}, {"kind", "state_conduct"}, {"conduct", "failure_to_protect"},
         {"event", "evt_1"}, {"actor", "org_1"}},
        true);
  }
  void Add(Json body, bool in_scope = false) {
    if (in_scope) facts_.in_scope.push_back(body["id"]);
    facts_.records.push_back(std::move(body));
  }
  CaseMatrix Run(bool reviewed_only = false) {
    facts_.Index();
    suggestions_ = Suggest(kb_, facts_);
    auto m = Assess(kb_, facts_, suggestions_, {{}, "s", reviewed_only});
    EXPECT_TRUE(m.ok()) << m.status().message();
    return *m;
  }

  KnowledgeBase kb_ = TestKb();
  FactSet facts_;
  std::vector<Suggestion> suggestions_;
};

TEST_F(MatrixTest, ElementWithNoEvidenceIsAGap) {
  const CaseMatrix m = Run();
  const ElementAssessment& mental = m.elements.at("tst.a.e3");
  EXPECT_EQ(mental.status, ElementStatus::kNoEvidence);
  ASSERT_EQ(mental.gaps.size(), 1u);
  EXPECT_EQ(mental.gaps[0], "no evidence yet of: T");
}

TEST_F(MatrixTest, TwoSourcesOfOneOriginCountOnce) {
  facts_.sources = {Source("src_a", "ngo-list", 'A'), Source("src_b", "ngo-list", 'B'),
                    Source("src_c", "", 'C')};
  facts_.information = {Info("inf_1", "src_a", "act_kill", 1), Info("inf_2", "src_b", "act_kill", 2)};
  CaseMatrix m = Run();
  const ElementAssessment& e = m.elements.at("tst.a.e1");
  EXPECT_EQ(e.supporting.size(), 2u);
  EXPECT_EQ(e.independent_origins, 1);
  EXPECT_EQ(e.status, ElementStatus::kBelowStandard);
  EXPECT_EQ(e.best_reliability, 'A');
  EXPECT_EQ(e.best_credibility, 1);

  facts_.information.push_back(Info("inf_3", "src_c", "act_kill", 3));
  m = Run();
  EXPECT_EQ(m.elements.at("tst.a.e1").independent_origins, 2);
  EXPECT_EQ(m.elements.at("tst.a.e1").status, ElementStatus::kMeetsCriteria);
}

TEST_F(MatrixTest, OnlyContradictingEvidence) {
  facts_.sources = {Source("src_a", "", 'B')};
  facts_.information = {Info("inf_1", "src_a", "act_beat", 2, /*contradicts=*/true)};
  const CaseMatrix m = Run();
  const ElementAssessment& e = m.elements.at("tst.b.e1");
  EXPECT_EQ(e.status, ElementStatus::kOnlyContradicting);
  EXPECT_TRUE(e.contested);
  EXPECT_EQ(e.contradicting.size(), 1u);
}

TEST_F(MatrixTest, StatementUnderTortureAndWithdrawnConsentAreExcluded) {
  facts_.sources = {Source("src_t", "", 'A'), Source("src_w", "", 'A'), Source("src_s", "", 'A')};
  facts_.sources[0].obtained_under_torture = true;
  facts_.sources[1].consent_recorded = true;
  facts_.sources[1].consent_withdrawn = true;
  facts_.sources[1].consent_legal_use = true;
  facts_.sources[2].consent_recorded = true;  // consent recorded without legal use
  facts_.information = {Info("inf_1", "src_t", "act_kill", 1), Info("inf_2", "src_w", "act_kill", 1),
                        Info("inf_3", "src_s", "act_kill", 1)};
  const CaseMatrix m = Run();
  const ElementAssessment& e = m.elements.at("tst.a.e1");
  EXPECT_TRUE(e.supporting.empty());
  ASSERT_EQ(e.excluded.size(), 3u);
  EXPECT_EQ(e.excluded[0].reason, ExclusionReason::kObtainedUnderTorture);
  EXPECT_EQ(e.excluded[1].reason, ExclusionReason::kConsentWithdrawn);
  EXPECT_EQ(e.excluded[2].reason, ExclusionReason::kConsentScope);
  EXPECT_EQ(e.status, ElementStatus::kNoEvidence);
}

TEST_F(MatrixTest, SharedContextualElementIsAssessedOnce) {
  facts_.sources = {Source("src_a", "", 'A'), Source("src_b", "", 'B')};
  facts_.information = {Info("inf_1", "src_a", "act_kill", 1), Info("inf_2", "src_b", "act_beat", 2)};
  const CaseMatrix m = Run();
  ASSERT_TRUE(m.elements.contains("tst.ctx"));
  EXPECT_FALSE(m.elements.contains("tst.a.e2"));
  EXPECT_FALSE(m.elements.contains("tst.b.e2"));
  const ElementAssessment& ctx = m.elements.at("tst.ctx");
  EXPECT_EQ(ctx.stands_for, (std::vector<std::string>{"tst.a.e2", "tst.b.e2"}));
  EXPECT_EQ(ctx.supporting.size(), 2u);
  EXPECT_EQ(ctx.independent_origins, 2);
  EXPECT_EQ(ctx.status, ElementStatus::kMeetsCriteria);
  EXPECT_EQ(m.qualifications[0].elements[1], "tst.ctx");
}

TEST_F(MatrixTest, RejectedSuggestionDropsEvidenceAndManualContradictionCounts) {
  facts_.sources = {Source("src_a", "", 'A')};
  facts_.information = {Info("inf_1", "src_a", "act_kill", 1)};
  facts_.Index();
  const std::string id = SuggestionId("kill", "act_kill", "tst.a.e1");
  facts_.annotations.push_back(
      {"ann_1", "act_kill", "tst.a.e1", false, "rejected", "no", "me", id, "kill"});
  AnnotationFacts manual;
  manual.id = "ann_2";
  manual.target = "inf_1";
  manual.element = "tst.b.e1";
  manual.contradicts = true;
  manual.status = "accepted";
  facts_.annotations.push_back(manual);
  const CaseMatrix m = Run();
  EXPECT_EQ(m.elements.at("tst.a.e1").links_rejected, 1);
  EXPECT_TRUE(m.elements.at("tst.a.e1").supporting.empty());
  EXPECT_EQ(m.elements.at("tst.b.e1").contradicting.size(), 1u);
}

TEST_F(MatrixTest, ReviewedOnlyCountsAcceptedLinks) {
  facts_.sources = {Source("src_a", "", 'A')};
  facts_.information = {Info("inf_1", "src_a", "act_kill", 1)};
  const CaseMatrix m = Run(/*reviewed_only=*/true);
  EXPECT_TRUE(m.elements.at("tst.a.e1").supporting.empty());
}

TEST_F(MatrixTest, OmissionIsAttributedToTheState) {
  facts_.sources = {Source("src_a", "", 'A')};
  facts_.information = {Info("inf_1", "src_a", "stc_1", 1)};
  facts_.Index();
  suggestions_ = Suggest(kb_, facts_);
  const StateResponsibility sr = AssessStateResponsibility(kb_, facts_, suggestions_);
  ASSERT_EQ(sr.acts.size(), 2u);
  const ActResponsibility& kill = sr.acts[0];
  EXPECT_EQ(kill.act, "act_kill");
  EXPECT_EQ(kill.attribution, std::vector<std::string>{"tst.att: act_kill"});
  EXPECT_EQ(kill.omissions, std::vector<std::string>{"stc_1"});
  EXPECT_EQ(kill.breaches, std::vector<std::string>{"tst.ob"});
  EXPECT_EQ(kill.sources, std::vector<std::string>{"src_a"});
  EXPECT_EQ(sr.acts[1].act, "act_beat");
  EXPECT_TRUE(sr.acts[1].attribution.empty());
  EXPECT_EQ(sr.breaches.at("tst.ob"), 2);
  EXPECT_EQ(sr.consequences, std::vector<std::string>{"tst.rem"});
}

TEST_F(MatrixTest, PathsFollowReferencesAndArrays) {
  facts_.Index();
  const Json& kill = *facts_.Find("act_kill");
  EXPECT_EQ(facts_.Values(kill, "victim.status"), std::vector<std::string>{"deceased"});
  EXPECT_EQ(facts_.Values(kill, "perpetrators.perpetrator.type"),
            std::vector<std::string>{"state_organ"});
  EXPECT_TRUE(facts_.Values(kill, "victim.nothing").empty());
}

TEST_F(MatrixTest, UnknownQualificationOrStandard) {
  facts_.Index();
  EXPECT_EQ(Assess(kb_, facts_, {}, {{"q.zzz"}, "s", false}).status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(Assess(kb_, facts_, {}, {{}, "zzz", false}).status().code(),
            base::StatusCode::kNotFound);
}

}  // namespace
}  // namespace vka::legal
