#include "model/vocabulary.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace vka::model {
namespace {

constexpr std::string_view kOrigin = "data/vocab/act_type.toml";

// A valid act_type file with two terms; tests splice faults into it.
constexpr std::string_view kName = "name = \"act_type\"\n";
constexpr std::string_view kLabel = R"([label]
en = "Act type"
hy = "Գործողության տեսակ"
ru = "Вид деяния"
)";
constexpr std::string_view kKilling = R"(
[[term]]
code = "killing"
en = "Killing"
hy = "Սպանություն"
ru = "Убийство"
)";

// Top-level keys must come before [label], or TOML puts them in that table.
std::string Header(std::string_view top_level = "") {
  return std::string(kName) + std::string(top_level) + std::string(kLabel);
}

std::string WithTerm(std::string_view second_term) {
  return Header() + std::string(kKilling) + std::string(second_term);
}

// The error message of parsing `text` as kOrigin; empty if it parsed.
std::string ParseError(std::string_view text, std::string_view origin = kOrigin) {
  base::Result<Vocabulary> result = ParseVocabulary(text, origin);
  if (result.ok()) return "";
  EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument);
  return result.status().message();
}

bool HasCodePointIn(std::string_view text, char16_t lo, char16_t hi) {
  for (char16_t unit : base::Utf16Units(text)) {
    if (unit >= lo && unit <= hi) return true;
  }
  return false;
}
bool HasArmenian(std::string_view text) { return HasCodePointIn(text, 0x0531, 0x058F); }
bool HasCyrillic(std::string_view text) { return HasCodePointIn(text, 0x0400, 0x04FF); }

class BuiltInVocabularyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base::Result<VocabularySet> set = VocabularySet::BuiltIn();
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    set_ = std::move(set).value();
  }
  VocabularySet set_;
};

TEST_F(BuiltInVocabularyTest, EveryEmbeddedFileLoadsUnderItsOwnName) {
  const std::vector<base::EmbeddedFile> files = EmbeddedVocabularyFiles();
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(set_.all().size(), files.size());
  for (const base::EmbeddedFile& file : files) {
    std::string_view stem = file.name.substr(0, file.name.size() - 5);
    EXPECT_NE(set_.Find(stem), nullptr) << file.name;
  }
}

TEST_F(BuiltInVocabularyTest, RequiredVocabulariesHaveTheirRequiredCodes) {
  const std::map<std::string, std::vector<std::string>> required = {
      {"confidentiality", {"public", "internal", "restricted", "sealed"}},
      {"source_type",
       {"testimony", "document", "official_record", "media", "report", "open_source",
        "expert_opinion", "list", "photograph", "video", "audio"}},
      {"reliability", {"A", "B", "C", "D", "E", "F"}},
      {"credibility", {"1", "2", "3", "4", "5", "6"}},
      {"consent_scope", {"legal_use", "public_use", "named_publication", "research_use"}},
      {"script", {"Armn", "Cyrl", "Latn"}},
      {"name_part", {"given", "family", "patronymic", "maiden", "other", "full"}},
      {"sex", {"female", "male", "unknown"}},
      {"person_status", {"alive", "deceased", "missing", "unknown"}},
      {"organization_type",
       {"state_organ", "governmental_authority", "armed_group", "mob", "civil_body",
        "political_party", "international_body", "other"}},
      {"place_type",
       {"country", "region", "city", "district", "street", "building", "village", "other"}},
      {"event_relation", {"precedes", "causes", "part_of"}},
      {"act_type",
       {"killing", "torture", "beating", "sexual_violence", "humiliation", "threat",
        "arbitrary_detention", "abduction", "enforced_disappearance", "destruction_of_property",
        "looting", "appropriation_of_property", "forced_eviction", "expulsion", "forced_transfer",
        "injury", "denial_of_medical_care", "other"}},
      {"involvement",
       {"direct_perpetrator", "ordered", "instigated", "aided", "failed_to_prevent", "present",
        "suspected"}},
      {"consequence",
       {"death", "injury", "disability", "psychological_harm", "loss_of_home", "loss_of_property",
        "displacement", "detention", "disappearance"}},
      {"grounds",
       {"national_identity", "ethnicity", "religion", "language", "political_opinion",
        "none_stated"}},
      {"property_type", {"dwelling", "land", "business", "movable", "other"}},
      {"tenure_type",
       {"ownership", "occupancy_right", "tenancy", "cooperative_membership", "informal_possession",
        "customary"}},
      {"tenure_document",
       {"title_deed", "occupancy_order", "residence_registration", "utility_bills", "tax_records",
        "witness_testimony", "cooperative_certificate", "other"}},
      {"property_fate",
       {"destroyed", "damaged", "looted", "occupied", "appropriated", "sold_under_duress",
        "exchanged_under_duress", "intact", "unknown"}},
      {"displacement_circumstance",
       {"expelled", "fled_under_threat", "evacuated", "deported", "forcibly_transferred", "other"}},
      {"state_conduct_type",
       {"participation", "instigation", "failure_to_intervene", "failure_to_protect",
        "failure_to_investigate", "failure_to_prosecute", "denial", "obstruction",
        "evacuation_assistance", "prosecution"}},
      {"stance", {"supports", "contradicts"}},
      {"annotation_status", {"suggested", "accepted", "rejected"}},
      {"reparation_form",
       {"restitution", "compensation_material", "compensation_moral", "rehabilitation_medical",
        "rehabilitation_psychological", "rehabilitation_legal", "rehabilitation_social",
        "satisfaction_truth", "satisfaction_search_for_missing", "satisfaction_acknowledgement",
        "satisfaction_memorial", "non_repetition"}},
      {"claim_status",
       {"draft", "submitted", "under_verification", "verified", "granted", "partly_granted",
        "rejected", "enforced", "paid"}},
      {"custody_action", {"received", "accessed", "copied", "exported", "transferred", "returned"}},
  };
  for (const auto& [name, codes] : required) {
    const Vocabulary* vocab = set_.Find(name);
    ASSERT_NE(vocab, nullptr) << name;
    for (const std::string& code : codes) {
      EXPECT_NE(vocab->Find(code), nullptr) << name << " lacks " << code;
      EXPECT_TRUE(set_.Check(name, code).ok()) << name << " " << code;
    }
  }
}

TEST_F(BuiltInVocabularyTest, EveryLabelIsInEnglishArmenianAndRussian) {
  for (const auto& [name, vocab] : set_.all()) {
    EXPECT_FALSE(vocab.label_en.empty()) << name;
    EXPECT_TRUE(HasArmenian(vocab.label_hy)) << name << ": " << vocab.label_hy;
    EXPECT_TRUE(HasCyrillic(vocab.label_ru)) << name << ": " << vocab.label_ru;
    for (const Term& term : vocab.terms) {
      const std::string what = name + "." + term.code;
      EXPECT_FALSE(term.en.empty()) << what;
      EXPECT_TRUE(HasArmenian(term.hy)) << what << ": " << term.hy;
      EXPECT_TRUE(HasCyrillic(term.ru)) << what << ": " << term.ru;
      // Mixed scripts would point at a label pasted into the wrong field.
      EXPECT_FALSE(HasCyrillic(term.hy)) << what << ": " << term.hy;
      EXPECT_FALSE(HasArmenian(term.ru)) << what << ": " << term.ru;
      EXPECT_FALSE(term.from_workspace) << what;
    }
  }
}

TEST(VocabularyParseTest, ReadsNameLabelsTermsAndDescription) {
  base::Result<Vocabulary> vocab = ParseVocabulary(
      WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\nhy = \"Խոշտանգում\"\n"
               "ru = \"Пытки\"\ndescription = \"Severe pain.\"\n"),
      kOrigin);
  ASSERT_TRUE(vocab.ok()) << vocab.status().ToString();
  EXPECT_EQ(vocab->name, "act_type");
  EXPECT_EQ(vocab->label_hy, "Գործողության տեսակ");
  ASSERT_EQ(vocab->terms.size(), 2u);
  EXPECT_EQ(vocab->terms[0].code, "killing");
  EXPECT_EQ(vocab->terms[0].description, "");
  EXPECT_EQ(vocab->terms[1].ru, "Пытки");
  EXPECT_EQ(vocab->terms[1].description, "Severe pain.");
  EXPECT_EQ(vocab->CodeList(), "killing, torture");
  EXPECT_EQ(vocab->Find("torture"), &vocab->terms[1]);
  EXPECT_EQ(vocab->Find("tortur"), nullptr);
}

TEST(VocabularyParseTest, AcceptsGradeAndScriptCodes) {
  for (std::string_view code : {"A", "F", "1", "6", "Armn", "Cyrl", "a_1"}) {
    std::string text = Header() + "[[term]]\ncode = \"" + std::string(code) +
                       "\"\nen = \"X\"\nhy = \"Ա\"\nru = \"Я\"\n";
    EXPECT_EQ(ParseError(text), "") << code;
  }
}

TEST(VocabularyParseTest, MalformedTomlNamesFileLineAndColumn) {
  std::string error = ParseError(Header() + "[[term]\ncode = \"x\"\n");
  EXPECT_EQ(error.rfind("data/vocab/act_type.toml:6:8: ", 0), 0u) << error;
}

TEST(VocabularyParseTest, MissingLabelNamesFileTermAndField) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\n"
                                "ru = \"Пытки\"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): missing hy label");
}

TEST(VocabularyParseTest, EmptyLabelIsRejected) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\n"
                                "hy = \"Խոշտանգում\"\nru = \"  \"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): empty ru label");
}

TEST(VocabularyParseTest, LabelMustBeAString) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = 5\n"
                                "hy = \"Խոշտանգում\"\nru = \"Пытки\"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): en must be a string");
}

TEST(VocabularyParseTest, DuplicateCodeNamesBothTerms) {
  EXPECT_EQ(ParseError(WithTerm(kKilling)),
            "data/vocab/act_type.toml: term 2 (\"killing\"): duplicate code (first used by "
            "term 1)");
}

TEST(VocabularyParseTest, BadCodeIsRejected) {
  std::string error =
      ParseError(WithTerm("[[term]]\ncode = \"Beating-1\"\nen = \"Beating\"\n"
                          "hy = \"Ծեծ\"\nru = \"Избиение\"\n"));
  EXPECT_EQ(error.rfind("data/vocab/act_type.toml: term 2 (\"Beating-1\"): invalid code", 0), 0u)
      << error;
  std::string too_long(65, 'a');
  error = ParseError(
      WithTerm("[[term]]\ncode = \"" + too_long + "\"\nen = \"X\"\nhy = \"Ա\"\nru = \"Я\"\n"));
  EXPECT_NE(error.find("term 2"), std::string::npos) << error;
  EXPECT_NE(error.find("invalid code"), std::string::npos) << error;
}

TEST(VocabularyParseTest, MissingCodeNamesTheTermNumber) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\nen = \"X\"\nhy = \"Ա\"\nru = \"Я\"\n")),
            "data/vocab/act_type.toml: term 2: missing code");
}

TEST(VocabularyParseTest, UnknownKeyIsRejected) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\n"
                                "hye = \"Խոշտանգում\"\nru = \"Пытки\"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): unknown key \"hye\"");
  EXPECT_EQ(ParseError(Header("version = 2\n") + std::string(kKilling)),
            "data/vocab/act_type.toml: unknown key \"version\"");
  EXPECT_EQ(ParseError("name = \"act_type\"\n[label]\nen = \"A\"\nhy = \"Ա\"\nru = \"Я\"\n"
                       "de = \"B\"\n" +
                       std::string(kKilling)),
            "data/vocab/act_type.toml: [label]: unknown key \"de\"");
}

TEST(VocabularyParseTest, NameMustMatchTheFileStem) {
  EXPECT_EQ(ParseError(WithTerm(""), "ws/vocab/act_types.toml"),
            "ws/vocab/act_types.toml: name \"act_type\" does not match the file name "
            "(expected \"act_types\")");
  // Origins that are not .toml files carry no expectation.
  EXPECT_EQ(ParseError(WithTerm(""), "<stdin>"), "");
}

TEST(VocabularyParseTest, StructuralFaultsAreRejected) {
  EXPECT_EQ(ParseError(Header()), "data/vocab/act_type.toml: no terms (add [[term]] entries)");
  EXPECT_EQ(ParseError(Header("term = \"killing\"\n")),
            "data/vocab/act_type.toml: term must be an array of tables ([[term]])");
  EXPECT_EQ(ParseError(Header("term = [1]\n")),
            "data/vocab/act_type.toml: term 1: must be a table");
  EXPECT_EQ(ParseError("name = \"act_type\"\n" + std::string(kKilling)),
            "data/vocab/act_type.toml: missing [label] table");
  EXPECT_EQ(ParseError("[label]\nen = \"A\"\nhy = \"Ա\"\nru = \"Я\"\n" + std::string(kKilling)),
            "data/vocab/act_type.toml: missing name");
}

TEST(VocabularyParseTest, ControlCharacterInLabelIsRejected) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Tor\\u0000ture\"\n"
                                "hy = \"Խոշտանգում\"\nru = \"Пытки\"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): en label contains a control "
            "character");
}

// toml++ 3.3.0 has undefined behaviour when it classifies some non-ASCII code
// points as whitespace or not (upstream #190); these inputs reach that path.
TEST(VocabularyParseTest, NonAsciiAfterLineEndingBackslashKeepsItsText) {
  base::Result<Vocabulary> vocab =
      ParseVocabulary(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\n"
                               "hy = \"\"\"\\\n    Խոշտանգում\"\"\"\nru = \"\"\"\\\n  Пытки\"\"\"\n"
                               "description = \"\"\"\\\n  § 1\"\"\"\n"),
                      kOrigin);
  ASSERT_TRUE(vocab.ok()) << vocab.status().ToString();
  EXPECT_EQ(vocab->terms[1].hy, "Խոշտանգում");
  EXPECT_EQ(vocab->terms[1].ru, "Пытки");
  EXPECT_EQ(vocab->terms[1].description, "§ 1");
}

TEST(VocabularyParseTest, NonAsciiOutsideStringsIsASyntaxErrorAtItsColumn) {
  std::string error = ParseError(Header("x = 1П\n") + std::string(kKilling));
  EXPECT_EQ(error.rfind("data/vocab/act_type.toml:2:6: ", 0), 0u) << error;
  EXPECT_NE(error.find("П"), std::string::npos) << error;
}

TEST(VocabularyParseTest, QuotedNonAsciiKeyIsNamedInTheError) {
  EXPECT_EQ(ParseError(WithTerm("[[term]]\ncode = \"torture\"\nen = \"Torture\"\n"
                                "\"հայ\" = \"Խոշտանգում\"\nru = \"Пытки\"\n")),
            "data/vocab/act_type.toml: term 2 (\"torture\"): unknown key \"հայ\"");
}

TEST(VocabularyParseTest, IllFormedUtf8IsRejectedWithItsPosition) {
  EXPECT_EQ(ParseError(Header() + "[[term]]\ncode = \"x\"\nen = \"\xC0\xAF\"\n"),
            "data/vocab/act_type.toml:8:7: invalid UTF-8");
  EXPECT_EQ(ParseError("# \xF3\xB0\x82\x80\n"),
            "data/vocab/act_type.toml:1:3: private-use character not allowed");
}

class VocabularySetTest : public BuiltInVocabularyTest {
 protected:
  static Vocabulary Extra(std::string name, std::vector<std::string> codes) {
    Vocabulary extra;
    extra.name = std::move(name);
    for (std::string& code : codes) {
      extra.terms.push_back(
          {.code = std::move(code), .en = "X", .hy = "Ա", .ru = "Я", .description = ""});
    }
    return extra;
  }
};

TEST_F(VocabularySetTest, CheckNamesTheVocabularyAndListsValidCodes) {
  EXPECT_TRUE(set_.Check("act_type", "killing").ok());
  base::Status status = set_.Check("act_type", "kiling");
  EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "unknown act_type code \"kiling\" (valid: " + set_.Find("act_type")->CodeList() + ")");
  EXPECT_EQ(
      status.message().rfind("unknown act_type code \"kiling\" (valid: killing, torture, ", 0), 0u);
  EXPECT_EQ(set_.Check("no_such_vocabulary", "x").message(),
            "unknown vocabulary \"no_such_vocabulary\"");
  EXPECT_EQ(set_.Find("no_such_vocabulary"), nullptr);
}

TEST_F(VocabularySetTest, ExtendAddsWorkspaceTermsAfterBuiltInOnes) {
  const size_t before = set_.Find("act_type")->terms.size();
  base::Result<Vocabulary> extra =
      ParseVocabulary(Header() +
                          "[[term]]\ncode = \"forced_labour\"\nen = \"Forced labour\"\n"
                          "hy = \"Հարկադիր աշխատանք\"\nru = \"Принудительный труд\"\n",
                      "workspace/vocab/act_type.toml");
  ASSERT_TRUE(extra.ok()) << extra.status().ToString();
  ASSERT_TRUE(set_.Extend(*extra).ok());
  const Vocabulary* vocab = set_.Find("act_type");
  ASSERT_EQ(vocab->terms.size(), before + 1);
  EXPECT_EQ(vocab->terms.back().code, "forced_labour");
  EXPECT_TRUE(vocab->terms.back().from_workspace);
  EXPECT_FALSE(vocab->Find("killing")->from_workspace);
  EXPECT_TRUE(set_.Check("act_type", "forced_labour").ok());
}

TEST_F(VocabularySetTest, ExtendRefusesAnExistingCodeAndChangesNothing) {
  const size_t before = set_.Find("act_type")->terms.size();
  base::Status status = set_.Extend(Extra("act_type", {"new_one", "killing"}));
  EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "vocabulary act_type: term 2 (\"killing\"): code already exists");
  EXPECT_EQ(set_.Find("act_type")->terms.size(), before);
  EXPECT_FALSE(set_.Check("act_type", "new_one").ok());
}

TEST_F(VocabularySetTest, ExtendRefusesDuplicatesWithinTheExtension) {
  base::Status status = set_.Extend(Extra("act_type", {"new_one", "new_one"}));
  EXPECT_EQ(status.message(), "vocabulary act_type: term 2 (\"new_one\"): duplicate code");
}

TEST_F(VocabularySetTest, ExtendRefusesTheSameTermTwice) {
  ASSERT_TRUE(set_.Extend(Extra("sex", {"intersex"})).ok());
  EXPECT_FALSE(set_.Extend(Extra("sex", {"intersex"})).ok());
}

TEST_F(VocabularySetTest, ExtendRefusesUnknownVocabularyAndInvalidTerms) {
  base::Status status = set_.Extend(Extra("act_types", {"x"}));
  EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().rfind("unknown vocabulary \"act_types\" (valid: act_type, ", 0), 0u)
      << status.message();
  Vocabulary bad = Extra("act_type", {"fine"});
  bad.terms[0].hy = "";
  EXPECT_EQ(set_.Extend(bad).message(), "vocabulary act_type: term 1 (\"fine\"): empty hy label");
  EXPECT_EQ(set_.Extend(Extra("act_type", {"Bad Code"}))
                .message()
                .rfind("vocabulary act_type: term 1 (\"Bad Code\"): invalid code", 0),
            0u);
}

}  // namespace
}  // namespace vka::model
