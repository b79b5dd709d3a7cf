#include "report/legal_report.h"

#include <gtest/gtest.h>

#include "legal/suggest.h"

namespace vka::report {
namespace {

using base::Json;

// A small situation: one killing of a public victim and one of a victim whose
// record is internal, one source, one information record.
class LegalReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = legal::KnowledgeBase::BuiltIn();
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    kb_ = *kb;
    facts_.situation = "sit_1";
    facts_.records = {
        {{"id", "sit_1"}, {"kind", "situation"}, {"name", "Test"}},
        {{"id", "per_pub"}, {"kind", "person"}, {"confidentiality", "public"},
         {"names", Json::array({{{"value", "Հովհաննիսյան"}}, {{"value", "Оганесян"}}})}},
        {{"id", "per_int"}, {"kind", "person"}, {"confidentiality", "internal"},
         {"names", Json::array({{{"value", "Hidden Name"}}})}},
        {{"id", "evt_1"}, {"kind", "event"}, {"title", "E"}, {"situation", "sit_1"}},
        {{"id", "act_1"}, {"kind", "act"}, {"type", "killing"}, {"event", "evt_1"},
         {"victim", "per_pub"}, {"consequences", Json::array({"death"})}},
        {{"id", "act_2"}, {"kind", "act"}, {"type", "killing"}, {"event", "evt_1"},
         {"victim", "per_int"}, {"consequences", Json::array({"death"})}},
    };
    facts_.in_scope = {"evt_1", "act_1", "act_2"};
    legal::SourceFacts source;
    source.id = "src_1";
    source.title = "Testimony";
    source.reliability = 'B';
    facts_.sources = {source};
    legal::InformationFacts info;
    info.id = "inf_1";
    info.source = "src_1";
    info.record = "act_1";
    info.locator = "p. 4";
    info.credibility = 2;
    facts_.information = {info};
    facts_.Index();
    suggestions_ = legal::Suggest(*kb_, facts_);
    auto m = legal::Assess(*kb_, facts_, suggestions_, {{}, "reasonable_grounds", false});
    ASSERT_TRUE(m.ok()) << m.status().message();
    matrix_ = *m;
    state_ = legal::AssessStateResponsibility(*kb_, facts_, suggestions_);
  }

  std::string AllText(const Document& doc) const {
    std::string text = doc.title + "\n";
    for (const Block& b : doc.blocks) {
      text += b.text + "\n";
      for (const std::string& n : b.notes) text += n + "\n";
      for (const auto& row : b.table.rows) {
        for (const std::string& cell : row) text += cell + "\n";
      }
      for (const auto& notes : b.table.row_notes) {
        for (const std::string& n : notes) text += n + "\n";
      }
    }
    return text;
  }

  base::Result<Document> Build(const std::string& name) {
    LegalReportInput in{*kb_, facts_, matrix_, state_};
    in.situation_name = "Test situation";
    in.checkpoint = "origin\n1\nhash\n";
    in.verifier_key = "key";
    in.generated_at = "2026-01-01T00:00:00Z";
    return BuildLegalReport(name, in);
  }

  const legal::KnowledgeBase* kb_ = nullptr;
  legal::FactSet facts_;
  std::vector<legal::Suggestion> suggestions_;
  legal::CaseMatrix matrix_;
  legal::StateResponsibility state_;
};

TEST_F(LegalReportTest, EveryTemplateBuilds) {
  const std::vector<std::string> names = LegalReportTemplates();
  EXPECT_EQ(names, (std::vector<std::string>{"communication", "dossier", "matrix", "shadow-report"}));
  for (const std::string& name : names) {
    auto doc = Build(name);
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().message();
    EXPECT_FALSE(doc->blocks.empty()) << name;
  }
}

TEST_F(LegalReportTest, DossierFootnotesSourcesAndPseudonymisesVictims) {
  auto doc = Build("dossier");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string text = AllText(*doc);
  EXPECT_NE(text.find("Dossier: Test situation"), std::string::npos);
  EXPECT_NE(text.find("Հովհաննիսյան / Оганесян"), std::string::npos);
  EXPECT_EQ(text.find("Hidden Name"), std::string::npos);
  EXPECT_NE(text.find("V-0001"), std::string::npos);
  EXPECT_NE(text.find("information inf_1 on act_1, at p. 4, credibility 2"), std::string::npos);
  EXPECT_NE(text.find("does not state that any crime was committed"), std::string::npos);
}

TEST_F(LegalReportTest, UnknownTemplateIsNotFound) {
  EXPECT_EQ(Build("memo").status().code(), base::StatusCode::kNotFound);
}

}  // namespace
}  // namespace vka::report
