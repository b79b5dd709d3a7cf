#include "app/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "app/internal/search_index.h"
#include "app/internal/search_text.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

using base::StatusCode;
using model::Kind;

// ---- folding, fields, queries and snippets (pure) ----

class SearchTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto norm = linkage::NameNormalizer::Create();
    ASSERT_TRUE(norm.ok()) << norm.status().ToString();
    norm_ = std::move(*norm);
  }
  std::unique_ptr<linkage::NameNormalizer> norm_;
};

TEST_F(SearchTextTest, FoldsScriptsCaseAndHyphensToLatinWords) {
  EXPECT_EQ(internal::FoldText("Հովհաննիսյան ԱՇՈՏ", *norm_), "hovhannisyan ashot");
  EXPECT_EQ(internal::FoldText("Оганесян, Тер-Петросян!", *norm_), "oganesyan ter petrosyan");
  EXPECT_EQ(internal::FoldText("ＨＥＬＬＯ  World's", *norm_), "hello worlds");  // NFKC
}

TEST_F(SearchTextTest, FourSpellingsOfOneSurnameShareTheirKey) {
  std::vector<std::string> keys;
  for (const char* name : {"Оганесян", "Հովհաննիսյան", "Hovhannisyan", "Ovanesyan"}) {
    keys.push_back(internal::SearchKey(internal::FoldText(name, *norm_)));
  }
  EXPECT_FALSE(keys[0].empty());
  EXPECT_EQ(std::count(keys.begin(), keys.end(), keys[0]), 4) << keys[0];
  EXPECT_NE(internal::SearchKey("petrosyan"), keys[0]);
  EXPECT_EQ(internal::SearchKey("ani"), "");   // one consonant: too vague
  EXPECT_EQ(internal::SearchKey("1915"), "");  // digits are not names
}

TEST_F(SearchTextTest, IndexesNamesTitlesAndLongTextButNoSensitiveField) {
  auto body = base::ParseJsonStrict(R"({"names":[{"value":"Ani Petrosyan"}],
      "occupation":"teacher","contacts":"SECRET-PHONE","national_identity":"SECRET-ID",
      "current_location":"SECRET-PLACE","remarks":"seen in 1992","sex":"female"})");
  ASSERT_TRUE(body.ok());
  auto fields = internal::IndexedFields(Kind::kPerson, *body);
  std::vector<std::string> texts;
  for (const auto& f : fields) texts.push_back(f.text + (f.name ? " (name)" : ""));
  EXPECT_EQ(texts, (std::vector<std::string>{"Ani Petrosyan (name)", "teacher", "seen in 1992"}));

  auto source = base::ParseJsonStrict(R"({"title":"Interview 7","transcript":"We fled.",
      "translations":[{"language":"en","text":"In English."}],"witness":"per_x","type":"testimony"})");
  ASSERT_TRUE(source.ok());
  texts.clear();
  for (const auto& f : internal::IndexedFields(Kind::kSource, *source)) texts.push_back(f.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"Interview 7", "We fled.", "In English."}));
}

TEST_F(SearchTextTest, NamesAreIndexedWithAndWithoutTheirHyphen) {
  auto doc = internal::FoldDocument({{"Տեր-Պետրոսյան", true}, {"a note", false}}, *norm_);
  EXPECT_EQ(doc.words, "ter petrosyan terpetrosyan a note");
  EXPECT_NE(doc.keys.find(internal::SearchKey("petrosyan")), std::string::npos);
}

TEST_F(SearchTextTest, HostileQueriesBecomeQuotedWords) {
  for (const char* text : {"\"unbalanced", "a* OR b", "NEAR(x y, 2)", "((x", "words:x",
                           "x) OR fts MATCH '*", "^start", "it's \"", "NOT x AND"}) {
    auto parsed = internal::ParseQuery(text, *norm_);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    for (const std::string& word : parsed->words) {
      EXPECT_TRUE(std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      })) << text;
    }
  }
  auto near = internal::ParseQuery("NEAR(x", *norm_);
  ASSERT_TRUE(near.ok());
  EXPECT_EQ(near->match, "(words : \"near\" OR keys : \"NR\") AND words : \"x\"");
  auto name = internal::ParseQuery("Ovanesyan", *norm_);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->match, "(words : \"ovanesyan\"* OR keys : \"" + name->keys[0] + "\")");
}

TEST_F(SearchTextTest, QueriesWithoutWordsOrTooLongAreInvalid) {
  for (const char* text : {"", "   ", "\"*()\"", "— … «»", "- + : ; ' \" { }"}) {
    auto parsed = internal::ParseQuery(text, *norm_);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << text;
  }
  EXPECT_EQ(internal::ParseQuery(std::string(1001, 'a'), *norm_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(internal::ParseQuery("a b c d e f g h i j k l m n o p q", *norm_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(internal::ParseQuery("bad \xff utf8", *norm_).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(SearchTextTest, SnippetMarksMatchesInTheFirstMatchingField) {
  auto parsed = internal::ParseQuery("Hovhannisyan villa", *norm_);
  ASSERT_TRUE(parsed.ok());
  internal::SnippetMaker maker(*parsed, *norm_);
  std::string long_text =
      "one two three four five six seven eight nine ten eleven twelve "
      "the Villages\nof Hovhannisyan family burned; many more words follow "
      "here and here and here and here and here and the end";
  EXPECT_EQ(maker.Make({{"unrelated", false}, {long_text, false}}),
            "… six seven eight nine ten eleven twelve the [Villages] of [Hovhannisyan] family "
            "burned; many more words follow here and here and here and here …");
  // Names match by their sound too, whatever the script; other text does not.
  EXPECT_EQ(maker.Make({{"Оганесян", false}, {"Оганесян", true}}), "[Оганесян]");
  EXPECT_EQ(maker.Make({{"Հովհաննիսյան", true}}), "[Հովհաննիսյան]");
  EXPECT_EQ(maker.Make({{"The end.", false}}), "The end.");  // no match: the start, unmarked
  EXPECT_EQ(maker.Make({}), "");
}

// ---- search over a workspace ----

class SearchTest : public testing::WorkspaceTest {
 protected:
  std::string Add(Kind kind, const std::string& json) {
    auto id = AddRecord(*ws_, kind, json, {"tester", ""});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }

  std::string AddPerson(const std::string& name, const std::string& extra = "") {
    return Add(Kind::kPerson, R"({"names":[{"value":")" + name + R"("}])" + extra + "}");
  }

  std::vector<std::string> Ids(const std::string& text, Role role = Role::kAdmin,
                               std::optional<Kind> kind = std::nullopt, int64_t limit = 50,
                               int64_t offset = 0) {
    auto hits = Search(*ws_, {text, kind, role, limit, offset});
    EXPECT_TRUE(hits.ok()) << text << ": " << hits.status().ToString();
    std::vector<std::string> ids;
    if (hits.ok()) {
      for (const auto& h : *hits) ids.push_back(h.id);
    }
    return ids;
  }

  static std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }
};

TEST_F(SearchTest, ANameIsFoundWhicheverScriptItWasWrittenIn) {
  std::vector<std::string> same = {AddPerson("Оганесян"), AddPerson("Հովհաննիսյան"),
                                   AddPerson("Hovhannisyan"), AddPerson("Ovanesyan")};
  AddPerson("Petrosyan");
  AddPerson("Hakobyan");
  for (const char* query : {"Оганесян", "Հովհաննիսյան", "Hovhannisyan", "Ovanesyan", "ОГАНЕСЯН"}) {
    EXPECT_EQ(Sorted(Ids(query)), Sorted(same)) << query;
  }
  // The exact spelling ranks first.
  auto hits = Search(*ws_, {.text = "Ovanesyan"});
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().id, same[3]);
  EXPECT_EQ(hits->front().snippet, "[Ovanesyan]");
  EXPECT_EQ(hits->front().label, "Ovanesyan");
  EXPECT_EQ(hits->front().kind, Kind::kPerson);
}

TEST_F(SearchTest, FindsTextInTranscriptsTranslationsAndDescriptionsWithASnippet) {
  std::string src = Add(Kind::kSource, R"({"type":"testimony","title":"Interview 12",
      "transcript":"Մենք փախանք գյուղից գիշերը։",
      "translations":[{"language":"ru","text":"Мы бежали из деревни ночью."}]})");
  std::string evt =
      Add(Kind::kEvent,
          R"({"title":"Shelling","description":"The village school was shelled at night."})");
  EXPECT_EQ(Sorted(Ids("night")), Sorted({evt}));
  EXPECT_EQ(Ids("gisher"), std::vector<std::string>{src});  // the Latin spelling
  EXPECT_EQ(Ids("գիշերը"), std::vector<std::string>{src});
  EXPECT_EQ(Ids("деревни"), std::vector<std::string>{src});
  auto hits = Search(*ws_, {.text = "деревни ночью"});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].snippet, "Мы бежали из [деревни] [ночью].");
  EXPECT_EQ((*hits)[0].label, "Interview 12");
  // The last word matches as a prefix.
  EXPECT_EQ(Ids("Interv"), std::vector<std::string>{src});
  EXPECT_EQ(Ids("vill sch"), std::vector<std::string>{});  // only the last word is a prefix
  EXPECT_EQ(Ids("village sch"), std::vector<std::string>{evt});
}

TEST_F(SearchTest, KindFilterKeepsOneKind) {
  std::string per = AddPerson("Sargsyan");
  std::string org = Add(Kind::kOrganization, R"({"names":[{"value":"Sargsyan Brothers"}]})");
  EXPECT_EQ(Sorted(Ids("Sargsyan")), Sorted({per, org}));
  EXPECT_EQ(Ids("Sargsyan", Role::kAdmin, Kind::kOrganization), std::vector<std::string>{org});
}

TEST_F(SearchTest, ResultsAndCountsHoldOnlyWhatTheRoleMayRead) {
  std::string pub = AddPerson("Grigoryan", R"(,"confidentiality":"public")");
  std::string internal = AddPerson("Grigoryan");
  std::string restricted = AddPerson("Grigoryan", R"(,"confidentiality":"restricted")");
  std::string sealed = AddPerson("Grigoryan", R"(,"confidentiality":"sealed")");
  EXPECT_EQ(Sorted(Ids("Grigoryan", Role::kViewer)), Sorted({pub, internal}));
  EXPECT_EQ(Sorted(Ids("Grigoryan", Role::kReviewer)), Sorted({pub, internal, restricted}));
  EXPECT_EQ(Sorted(Ids("Grigoryan", Role::kAdmin)), Sorted({pub, internal, restricted, sealed}));
  EXPECT_EQ(*CountSearchHits(*ws_, {.text = "Grigoryan", .role = Role::kViewer}), 2);
  EXPECT_EQ(*CountSearchHits(*ws_, {.text = "Grigoryan", .role = Role::kLawyer}), 3);
  EXPECT_EQ(*CountSearchHits(*ws_, {.text = "Grigoryan", .role = Role::kAdmin}), 4);
  // Paging after filtering: a viewer's second page of one is the other readable record.
  std::vector<std::string> pages = Ids("Grigoryan", Role::kViewer, std::nullopt, 1, 0);
  std::vector<std::string> second = Ids("Grigoryan", Role::kViewer, std::nullopt, 1, 1);
  pages.insert(pages.end(), second.begin(), second.end());
  EXPECT_EQ(Sorted(pages), Sorted({pub, internal}));
  EXPECT_TRUE(Ids("Grigoryan", Role::kViewer, std::nullopt, 1, 2).empty());
  // Raising a record's level hides it at once.
  ASSERT_TRUE(
      EditRecord(*ws_, internal, {{"confidentiality", "restricted"}}, {"tester", "risk"}).ok());
  EXPECT_EQ(Ids("Grigoryan", Role::kViewer), std::vector<std::string>{pub});
  EXPECT_EQ(*CountSearchHits(*ws_, {.text = "Grigoryan", .role = Role::kViewer}), 1);
}

TEST_F(SearchTest, SensitiveFieldsAreNeverSearchedNorShown) {
  AddPerson("Karapetyan", R"(,"contacts":"Zvartnots street 5","national_identity":"AM123456",
      "current_location":"Gyumri shelter")");
  for (const char* text : {"Zvartnots", "AM123456", "Gyumri", "shelter"}) {
    EXPECT_TRUE(Ids(text).empty()) << text;
  }
  auto hits = Search(*ws_, {.text = "Karapetyan"});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].snippet.find("Gyumri"), std::string::npos);
  // Nor is the value in the index file.
  std::ifstream file(ws_->dir() / "index" / "search.db", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find("gyumri"), std::string::npos);
  EXPECT_EQ(bytes.find("zvartnots"), std::string::npos);
}

TEST_F(SearchTest, DeletedAndEditedRecordsLeaveTheIndex) {
  std::string gone = AddPerson("Melikyan");
  std::string renamed = AddPerson("Avetisyan");
  EXPECT_EQ(Ids("Melikyan"), std::vector<std::string>{gone});  // builds the index
  ASSERT_TRUE(DeleteRecord(*ws_, gone, {"tester", "duplicate"}).ok());
  ASSERT_TRUE(
      EditRecord(*ws_, renamed, {{"names", R"([{"value":"Danielyan"}])"}}, {"tester", "typo"})
          .ok());
  EXPECT_TRUE(Ids("Melikyan").empty());
  EXPECT_TRUE(Ids("Avetisyan").empty());
  EXPECT_EQ(Ids("Danielyan"), std::vector<std::string>{renamed});
  EXPECT_EQ(*CountSearchHits(*ws_, {.text = "Melikyan"}), 0);
  // A record added after the index was built is found by the next search.
  std::string later = AddPerson("Melikyan");
  EXPECT_EQ(Ids("Melikyan"), std::vector<std::string>{later});
}

TEST_F(SearchTest, RebuildIndexesEveryRecordWithText) {
  AddPerson("Abrahamyan");
  AddPerson("Mkrtchyan");
  Add(Kind::kPlace, R"({"names":[{"value":"Stepanakert"}]})");
  auto count = RebuildSearchIndex(*ws_);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 3);
  EXPECT_EQ(Ids("Stepanakert").size(), 1u);
}

TEST_F(SearchTest, TooManyMatchesComeInIndexOrderUnranked) {
  std::vector<std::string> ids = {AddPerson("Aslanyan"), AddPerson("Aslanyan Aslanyan"),
                                  AddPerson("Aslanyan Aslanyan Aslanyan")};
  auto norm = linkage::NameNormalizer::Create();
  ASSERT_TRUE(norm.ok());
  auto parsed = internal::ParseQuery("Aslanyan", **norm);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(RebuildSearchIndex(*ws_).status().code(), StatusCode::kOk);
  auto index = internal::SearchIndex::Open(ws_->dir() / "index" / "search.db");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  internal::IndexQuery query{.match = parsed->match, .levels = {"internal"}, .limit = 2};
  auto page_ids = [&](const internal::IndexQuery& q) {
    auto rows = (*index)->Query(q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(page_ids(query).size(), 2u);  // ranked by bm25
  // Over the bound: the order the records were indexed in (id order).
  query.max_ranked = 2;
  std::vector<std::string> sorted = Sorted(ids);
  EXPECT_EQ(page_ids(query), (std::vector<std::string>{sorted[0], sorted[1]}));
  query.offset = 2;
  EXPECT_EQ(page_ids(query), std::vector<std::string>{sorted[2]});
  EXPECT_EQ(*(*index)->Count(query), 3);
}

TEST_F(SearchTest, HostileQueriesNeverReachSqlite) {
  AddPerson("Nazaryan");
  for (const char* text : {"\"Nazaryan", "Nazaryan*", "NEAR(Nazaryan", "(Nazaryan", "Nazaryan)",
                           "words:Nazaryan", "keys : Nazaryan", "Nazaryan OR",
                           "'; DROP TABLE docs; --Nazaryan", "{words}: Nazaryan ^"}) {
    auto hits = Search(*ws_, {.text = text});
    ASSERT_TRUE(hits.ok()) << text << ": " << hits.status().ToString();
  }
  EXPECT_EQ(Ids("NEAR(Nazaryan").size(), 0u);  // "near" is a word to find like any other
  EXPECT_EQ(Ids("(Nazaryan\"*").size(), 1u);
  for (const char* text : {"\"\"", "*", "()", ":"}) {
    auto hits = Search(*ws_, {.text = text});
    EXPECT_EQ(hits.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(hits.status().message().find("no words"), std::string::npos);
  }
}

TEST_F(SearchTest, RefusesThePublicRoleAndBadPaging) {
  EXPECT_EQ(Search(*ws_, {.text = "x", .role = Role::kPublic}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Search(*ws_, {.text = "x", .limit = 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Search(*ws_, {.text = "x", .limit = kMaxSearchLimit + 1}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Search(*ws_, {.text = "x", .offset = -1}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(SearchTest, WorksWhileAnotherWriterHoldsTheWorkspace) {
  std::string id = AddPerson("Harutyunyan");
  auto other = Workspace::Open(ws_->dir());
  ASSERT_TRUE(other.ok());
  auto txn = (*other)->store().Begin();
  ASSERT_TRUE(txn.ok()) << txn.status().ToString();
  EXPECT_EQ(Ids("Harutyunyan"), std::vector<std::string>{id});
}

TEST_F(SearchTest, ADamagedIndexIsRebuilt) {
  std::string id = AddPerson("Vardanyan");
  EXPECT_EQ(Ids("Vardanyan"), std::vector<std::string>{id});
  std::ofstream(ws_->dir() / "index" / "search.db", std::ios::binary | std::ios::trunc)
      << std::string(8192, 'x');
  std::filesystem::remove(ws_->dir() / "index" / "search.db-wal");
  std::filesystem::remove(ws_->dir() / "index" / "search.db-shm");
  EXPECT_EQ(Ids("Vardanyan"), std::vector<std::string>{id});
}

TEST_F(SearchTest, AnIndexFromAnotherWorkspaceIsRebuilt) {
  std::string here = AddPerson("Khachatryan");
  EXPECT_EQ(Ids("Khachatryan"), std::vector<std::string>{here});
  auto other = NewWorkspace("other");
  ASSERT_NE(other, nullptr);
  std::filesystem::copy(ws_->dir() / "index", other->dir() / "index");
  auto hits = Search(*other, {.text = "Khachatryan"});
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_TRUE(hits->empty());
}

}  // namespace
}  // namespace vka::app
