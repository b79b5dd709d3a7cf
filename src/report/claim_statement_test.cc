#include "report/claim_statement.h"

#include <gtest/gtest.h>

#include "report/pdf.h"

namespace vka::report {
namespace {

// Every text of the document, one line per block, table cells included.
std::string DocText(const Document& doc) {
  std::string text = doc.title + "\n" + doc.subtitle + "\n" + doc.footer + "\n";
  for (const Block& b : doc.blocks) {
    text += b.text + "\n";
    for (const auto& cell : b.table.header) text += cell + " | ";
    for (const auto& row : b.table.rows) {
      for (const auto& cell : row) text += cell + " | ";
      text += "\n";
    }
  }
  return text;
}

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

class ClaimStatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tables = claims::ValuationTables::BuiltIn();
    ASSERT_TRUE(tables.ok()) << tables.status().message();
    tables_ = *tables;
    auto vocab = model::VocabularySet::BuiltIn();
    ASSERT_TRUE(vocab.ok()) << vocab.status().message();
    vocab_ = *vocab;

    in_.registry_name = "Synthetic registry";
    in_.synthetic = true;
    claims::ClaimFacts& c = in_.claim;
    c.id = "clm_01TESTSTATEMENT00000000001";
    c.status = "paid";
    c.track = "expedited";
    c.claimant = "per_anna";
    c.forms = {"restitution", "compensation_material"};
    c.amounts = {{"compensation_material",
                  {20000, 15000, 30000, "SUR", 1990},
                  "claimant_estimate",
                  "prp_house"}};
    c.awards = {{"compensation_material", {10000, 10000, 10000, "SUR", 1990}, "", ""}};
    c.evidence = {"src_1", "src_2", "inf_3"};
    c.filed = "2025-02-01";
    c.harm_date = "1990-01-15";
    StatementPerson anna{.id = "per_anna", .role = StatementPerson::Role::kClaimant};
    anna.names = {{"Anna", "Latn", "given"}, {"Petrosyan", "Latn", "family"},
                  {"Աննա", "Armn", "given"}, {"Պետրոսյան", "Armn", "family"},
                  {"Анна", "Cyrl", "given"}, {"Петросян", "Cyrl", "family"}};
    anna.birth = "1950-04-02";
    anna.sensitive = {{"national_identity", "PASSPORT-AB1234567"}, {"contacts", "+374 00 000000"}};
    StatementPerson heir{.id = "per_heir",
                         .role = StatementPerson::Role::kBeneficiary,
                         .relationship = "child",
                         .victim = "per_victim"};
    heir.names = {{"Aram", "Latn", "given"}};
    StatementPerson victim{.id = "per_victim", .role = StatementPerson::Role::kVictim};
    victim.names = {{"Գևորգ", "Armn", "given"}};
    in_.persons = {anna, heir, victim};
    in_.harms = {{.id = "prp_house",
                  .kind = "property",
                  .type = "dwelling",
                  .date = "1990-01-15",
                  .address = "Synthetic street 1",
                  .registry_reference = "SYN-01",
                  .tenure = "occupancy_right",
                  .dispossession = "exchange_under_duress"}};
    in_.history = {{1, "2025-02-01T10:00:00.000Z", "draft", ""},
                   {2, "2025-03-01T10:00:00.000Z", "submitted", "lodged"},
                   {5, "2026-06-01T10:00:00.000Z", "partly_granted", "occupancy order verified"},
                   {6, "2026-07-01T10:00:00.000Z", "paid", "transfer made"}};
    in_.decision = {"2026-06-01", "occupancy order verified", {"pinheiro.2", "bpg.19"}};
    in_.deadlines = {{"appeal", "2026-09-01"}};
    in_.revision = 6;
    in_.commitment = "ab12cd";
    in_.issued_at = "2026-11-29T12:00:00Z";
  }

  std::string Text(const ClaimStatementInput& in) {
    auto doc = BuildClaimStatement(in, tables_, vocab_);
    EXPECT_TRUE(doc.ok()) << doc.status().message();
    return doc.ok() ? DocText(*doc) : "";
  }

  claims::ValuationTables tables_;
  model::VocabularySet vocab_;
  ClaimStatementInput in_;
};

TEST_F(ClaimStatementTest, EveryLanguageHasEveryLabel) {
  base::Status s = CheckClaimStatementLabels();
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST_F(ClaimStatementTest, EnglishStatementCarriesTheClaimsFacts) {
  std::string text = Text(in_);
  EXPECT_TRUE(Has(text, "Statement of a reparation claim")) << text;
  EXPECT_TRUE(Has(text, "Synthetic registry · " + in_.claim.id));
  EXPECT_TRUE(Has(text, "Paid"));
  EXPECT_TRUE(Has(text, "Partly granted"));  // the decision's outcome, from the history
  EXPECT_TRUE(Has(text, "2026-06-01 | Partly granted | occupancy order verified | 5"));
  EXPECT_TRUE(Has(text, "Claim recorded"));
  EXPECT_TRUE(Has(text, "Anna Petrosyan"));
  EXPECT_TRUE(Has(text, "Child; Victim: Գևորգ"));  // only an Armenian name: shown as is
  EXPECT_TRUE(Has(text, "Address: Synthetic street 1"));
  EXPECT_TRUE(Has(text, "Tenure: Right of occupancy in state housing"));
  EXPECT_TRUE(Has(text, "20000 (15000–30000)"));
  EXPECT_TRUE(Has(text, "pinheiro.2, bpg.19"));
  EXPECT_TRUE(Has(text, "appeal | 2026-09-01"));
  EXPECT_TRUE(Has(text, "Evidence records attached to the claim: 3."));
  EXPECT_TRUE(Has(text, "vka log leaf " + in_.claim.id + "@6"));
  EXPECT_TRUE(Has(text, "Commitment | ab12cd"));
  EXPECT_TRUE(Has(text, "SYNTHETIC DATA"));
  // The valuation is the tables' value of the amount, with its bounds.
  auto value = tables_.ToReference(in_.claim.amounts[0].money);
  ASSERT_TRUE(value.ok());
  char expected[128];
  std::snprintf(expected, sizeof expected, "Claimed, in USD of %d: %.0f (between %.0f and %.0f).",
                tables_.reference_year(), value->mid, value->low, value->high);
  EXPECT_TRUE(Has(text, expected)) << expected << "\n" << text;
  EXPECT_TRUE(Has(text, "Awarded, in USD of"));
}

TEST_F(ClaimStatementTest, ArmenianStatementUsesArmenianLabelsAndNames) {
  in_.lang = "hy";
  std::string text = Text(in_);
  EXPECT_TRUE(Has(text, "Հատուցման պահանջի քաղվածք"));
  EXPECT_TRUE(Has(text, "Աննա Պետրոսյան"));
  EXPECT_FALSE(Has(text, "Anna Petrosyan"));
  EXPECT_TRUE(Has(text, vocab_.Find("claim_status")->Find("partly_granted")->hy));
  EXPECT_TRUE(Has(text, "Պահանջին կցված ապացույցներ՝ 3։"));
  EXPECT_TRUE(Has(text, "20000 (15000–30000)"));
}

TEST_F(ClaimStatementTest, RussianStatementUsesCyrillicNames) {
  in_.lang = "ru";
  std::string text = Text(in_);
  EXPECT_TRUE(Has(text, "Выписка по требованию о возмещении"));
  EXPECT_TRUE(Has(text, "Анна Петросян"));
  EXPECT_TRUE(Has(text, "Aram"));  // no Cyrillic name: the one there is
  EXPECT_TRUE(Has(text, vocab_.Find("claim_status")->Find("paid")->ru));
}

TEST_F(ClaimStatementTest, SensitiveFieldsOnlyWhenAsked) {
  std::string text = Text(in_);
  EXPECT_FALSE(Has(text, "PASSPORT-AB1234567"));
  EXPECT_FALSE(Has(text, "+374 00 000000"));
  EXPECT_TRUE(Has(text, "Protected personal details are left out of this statement."));
  in_.include_sensitive = true;
  text = Text(in_);
  EXPECT_TRUE(Has(text, "Identity document: PASSPORT-AB1234567"));
  EXPECT_TRUE(Has(text, "Contacts: +374 00 000000"));
  EXPECT_FALSE(Has(text, "Protected personal details"));
}

TEST_F(ClaimStatementTest, UndecidedClaimSaysSo) {
  in_.claim.status = "submitted";
  in_.claim.awards.clear();
  in_.decision = {};
  in_.deadlines.clear();
  in_.history.resize(2);
  std::string text = Text(in_);
  EXPECT_TRUE(Has(text, "No decision has been taken yet."));
  EXPECT_TRUE(Has(text, "No deadlines are set."));
  EXPECT_FALSE(Has(text, "Awarded, in"));
}

TEST_F(ClaimStatementTest, UnknownLanguageIsRefused) {
  in_.lang = "de";
  auto doc = BuildClaimStatement(in_, tables_, vocab_);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Has(doc.status().message(), "\"de\""));
}

TEST_F(ClaimStatementTest, RendersAsPdfInEveryLanguage) {
  for (const std::string& lang : ClaimStatementLanguages()) {
    in_.lang = lang;
    auto doc = BuildClaimStatement(in_, tables_, vocab_);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    auto pdf = RenderPdf(*doc);
    ASSERT_TRUE(pdf.ok()) << lang << ": " << pdf.status().message();
    EXPECT_GE(pdf->pages, 1);
  }
}

}  // namespace
}  // namespace vka::report
