#include "model/validate.h"

#include <gtest/gtest.h>

namespace vka::model {
namespace {

using base::Json;

class ValidateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = VocabularySet::BuiltIn();
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    vocab_ = std::move(*v);
  }
  ValidationResult Check(const std::string& text) {
    return Validate(Normalize(Json::parse(text)), vocab_);
  }
  static bool HasError(const ValidationResult& r, const std::string& path,
                       const std::string& fragment) {
    for (const auto& e : r.errors) {
      if (e.path == path && e.message.find(fragment) != std::string::npos) return true;
    }
    return false;
  }
  VocabularySet vocab_;
};

constexpr char kPerson[] = R"({"id":"per_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"person",
  "names":[{"value":"Հովհաննիսյան","script":"Armn","part":"family"},
           {"value":"Оганесян","script":"Cyrl","part":"family"}],
  "sex":"male","birth":"1961~","status":"missing"})";

TEST_F(ValidateTest, AcceptsAValidPersonAndFillsDefaults) {
  Json body = Normalize(Json::parse(kPerson));
  EXPECT_EQ(body["confidentiality"], "internal");
  ValidationResult r = Validate(body, vocab_);
  EXPECT_TRUE(r.ok()) << r.Summary();
}

TEST_F(ValidateTest, NamesUnknownCodesWithTheirField) {
  auto r = Check(R"({"id":"per_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"person",
    "names":[{"value":"X","script":"Armm"}],"status":"dead"})");
  EXPECT_TRUE(HasError(r, "names[0].script", "unknown script code \"Armm\"")) << r.Summary();
  EXPECT_TRUE(HasError(r, "status", "unknown person_status code \"dead\"")) << r.Summary();
}

TEST_F(ValidateTest, ReportsWrongTypesMissingAndUnknownFields) {
  auto r = Check(R"({"id":"act_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"act",
    "victim_count":"three","colour":"red","date":"1990-02-30"})");
  EXPECT_TRUE(HasError(r, "type", "required")) << r.Summary();
  EXPECT_TRUE(HasError(r, "victim_count", "integer")) << r.Summary();
  EXPECT_TRUE(HasError(r, "colour", "unknown field")) << r.Summary();
  EXPECT_TRUE(HasError(r, "date", "day 30")) << r.Summary();
}

TEST_F(ValidateTest, ChecksReferenceKindsAndCollectsReferences) {
  auto r = Check(R"({"id":"act_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"act","type":"killing",
    "victim":"plc_01ARYZ6S41TSV4RRFFQ69G5FAW",
    "perpetrators":[{"perpetrator":"org_01ARYZ6S41TSV4RRFFQ69G5FAX","involvement":"direct_perpetrator"}]})");
  EXPECT_TRUE(HasError(r, "victim", "refers to a place; expected person or organization"))
      << r.Summary();
  ASSERT_EQ(r.references.size(), 1u);
  EXPECT_EQ(r.references[0].path, "perpetrators[0].perpetrator");
}

TEST_F(ValidateTest, RejectsIdOfAnotherKindAndNonObjects) {
  auto r = Check(R"({"id":"act_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"person","names":[{"value":"A"}]})");
  EXPECT_TRUE(HasError(r, "id", "not a person id")) << r.Summary();
  EXPECT_FALSE(Validate(Json::array(), vocab_).ok());
  EXPECT_TRUE(HasError(Check(R"({"id":"x","kind":"persn"})"), "kind", "unknown kind"));
}

TEST_F(ValidateTest, NormalizeDropsEmptyValuesAndIsIdempotent) {
  Json body = Normalize(Json::parse(R"({"id":"per_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"person",
    "names":[{"value":"A","script":""}],"remarks":"","birth":" 199x "})"));
  EXPECT_FALSE(body.contains("remarks"));
  EXPECT_FALSE(body["names"][0].contains("script"));
  EXPECT_EQ(body["birth"], "199X");
  EXPECT_EQ(Normalize(body), body);
}

TEST_F(ValidateTest, ListsSensitiveValues) {
  Json body = Json::parse(R"({"id":"per_01ARYZ6S41TSV4RRFFQ69G5FAV","kind":"person",
    "names":[{"value":"A"}],"contacts":"+374 ...","national_identity":"Armenian"})");
  auto values = SensitiveValues(body);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].first, "national_identity");
  EXPECT_EQ(values[1].first, "contacts");
}

}  // namespace
}  // namespace vka::model
