#include "legal/kb.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vka::legal {
namespace {

using ::testing::HasSubstr;

const char* kInstrument = R"(
[instrument]
id = "tst"
title = { en = "Test instrument", hy = "Փորձ", ru = "Тест" }
citation = "Test instrument (no such treaty), art. 1"

[[item]]
id = "tst.1"
provision = "art. 1"
kind = "provision"
title = { en = "Article", hy = "Հոդված", ru = "Статья" }
text = "An article."
citation = "art. 1"
checked = false

[[item]]
id = "tst.1.e1"
provision = "art. 1"
kind = "conduct"
title = { en = "Element", hy = "Տարր", ru = "Элемент" }
text = "An element."
citation = "art. 1"
part_of = "tst.1"
checked = true
checked_against = "https://example.invalid/official"

[[item]]
id = "tst.1.e2"
provision = "art. 1"
kind = "context"
title = { en = "Shared", hy = "Ընդհանուր", ru = "Общий" }
text = "Repeats the first element."
citation = "art. 1"
part_of = "tst.1"
ref = "tst.1.e1"
checked = false
)";

const char* kQualifications = R"(
[[qualification]]
id = "tst.crime"
provision = "tst.1"
title = { en = "Crime", hy = "Հանցագործություն", ru = "Преступление" }
elements = ["tst.1.e1", "tst.1.e2"]
)";

const char* kRules = R"(
[state_responsibility]
attribution = ["tst.1"]
consequences = ["tst.1"]
omissions = ["failure_to_protect"]

[[rule]]
id = "r1"
kind = "act"
description = "A killing."
when = [{ path = "type", in = ["killing"] }]
suggests = ["tst.1.e1"]
)";

// `text` with the first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(KnowledgeBaseTest, ParsesAndResolvesRefs) {
  auto kb = KnowledgeBase::Parse(
      {{"tst.toml", kInstrument}, {"qualifications.toml", kQualifications}, {"rules.toml", kRules}});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  ASSERT_EQ(kb->items().size(), 3u);
  const Item* e2 = kb->FindItem("tst.1.e2");
  ASSERT_NE(e2, nullptr);
  EXPECT_EQ(kb->Resolve(*e2).id, "tst.1.e1");
  EXPECT_TRUE(kb->FindItem("tst.1.e1")->checked);
  EXPECT_EQ(kb->rules().front().when.front().in, std::vector<std::string>{"killing"});
  EXPECT_EQ(kb->omission_codes(), std::vector<std::string>{"failure_to_protect"});
}

TEST(KnowledgeBaseTest, RefusesRuleWithUnknownItem) {
  std::string rules = Replaced(kRules, "suggests = [\"tst.1.e1\"]", "suggests = [\"tst.9\"]");
  auto kb = KnowledgeBase::Parse({{"tst.toml", kInstrument}, {"rules.toml", rules}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("rule r1: suggests unknown item tst.9"));
}

TEST(KnowledgeBaseTest, RefusesCheckedWithoutWhere) {
  std::string text = Replaced(kInstrument, "checked_against = \"https://example.invalid/official\"\n", "");
  auto kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("tst.toml:"));
  EXPECT_THAT(kb.status().message(), HasSubstr("checked_against"));
}

TEST(KnowledgeBaseTest, RefusesUnknownKeyKindAndPrefix) {
  std::string text = Replaced(kInstrument, "kind = \"conduct\"", "kind = \"conduit\"");
  auto kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("unknown kind \"conduit\""));

  text = Replaced(kInstrument, "id = \"tst.1.e1\"", "id = \"xyz.1.e1\"");
  kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("must start with \"tst.\""));

  text = Replaced(kInstrument, "text = \"An article.\"", "txt = \"An article.\"");
  kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("missing text"));
}

TEST(KnowledgeBaseTest, RefusesDuplicateIdsAndDanglingRefs) {
  std::string text = Replaced(kInstrument, "id = \"tst.1.e2\"", "id = \"tst.1.e1\"");
  auto kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("duplicate item id tst.1.e1"));

  text = Replaced(kInstrument, "ref = \"tst.1.e1\"", "ref = \"tst.7.e1\"");
  kb = KnowledgeBase::Parse({{"tst.toml", text}});
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(kb.status().message(), HasSubstr("ref tst.7.e1 is unknown"));
}

// The built-in base: every rule, qualification element and reference resolves
// (Parse checks all of it), and the instruments the issue names are there.
TEST(KnowledgeBaseTest, BuiltInIsComplete) {
  auto kb = KnowledgeBase::BuiltIn();
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  for (const char* id :
       {"rome.7.ctx.c1", "rome.7.ctx.c5", "rome.7.1.a.e1", "rome.7.1.d.e1", "rome.7.1.e.e1",
        "rome.7.1.f.e1", "rome.7.1.h.e1", "rome.7.1.k.e1", "rome.7.2.a", "udhr.2", "udhr.17",
        "iccpr.2.3", "iccpr.27", "icerd.5", "icerd.6", "cat.1", "cat.15", "cat.16", "arsiwa.4",
        "arsiwa.11", "arsiwa.15", "arsiwa.37", "bpg.19", "bpg.24", "pinheiro.2", "sl1968.I"}) {
    EXPECT_NE((*kb)->FindItem(id), nullptr) << id;
  }
  for (const char* q : {"cah.murder", "cah.deportation", "cah.imprisonment", "cah.torture",
                        "cah.persecution", "cah.other_inhumane_acts"}) {
    EXPECT_NE((*kb)->FindQualification(q), nullptr) << q;
  }
  EXPECT_NE((*kb)->FindStandard("reasonable_grounds"), nullptr);
  for (const Item& item : (*kb)->items()) {
    EXPECT_FALSE(item.title.hy.empty()) << item.id;
    EXPECT_FALSE(item.title.ru.empty()) << item.id;
  }
}

}  // namespace
}  // namespace vka::legal
