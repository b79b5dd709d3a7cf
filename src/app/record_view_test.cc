#include "app/record_view.h"

#include <gtest/gtest.h>

#include "app/memorial.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

class RecordViewTest : public testing::WorkspaceTest {
 protected:
  std::string Add(model::Kind kind, const std::string& json) {
    auto id = AddRecord(*ws_, kind, json, {"tester", ""});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }
  std::string AddPerson(const std::string& level) {
    return Add(model::Kind::kPerson,
               R"({"names":[{"value":"SYNTHETIC Petrosyan","script":"Latn"}],"confidentiality":")" +
                   level + R"(","contacts":"SYNTHETIC phone 555-0100"})");
  }
};

TEST_F(RecordViewTest, UnreadableRecordIsNotFoundLikeAMissingOne) {
  std::string sealed = AddPerson("sealed");
  EXPECT_EQ(ViewRecord(*ws_, Role::kLawyer, sealed).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(ViewRecord(*ws_, Role::kLawyer, "per_01JAAAAAAAAAAAAAAAAAAAAAAA").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(ViewHistory(*ws_, Role::kViewer, sealed).status().code(), base::StatusCode::kNotFound);
  EXPECT_TRUE(ViewRecord(*ws_, Role::kAdmin, sealed).ok());
}

TEST_F(RecordViewTest, SensitiveFieldsAreRemovedForViewersInRecordAndHistory) {
  std::string id = AddPerson("internal");
  auto view = ViewRecord(*ws_, Role::kViewer, id);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_FALSE(view->body.contains("contacts"));
  auto history = ViewHistory(*ws_, Role::kViewer, id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  for (const auto& change : (*history)[0].changes) EXPECT_NE(change.path, "contacts");
  EXPECT_TRUE(ViewRecord(*ws_, Role::kDocumenter, id)->body.contains("contacts"));
}

TEST_F(RecordViewTest, SourcesListOnlyReadableLinks) {
  std::string person = AddPerson("internal");
  std::string open_source = Add(model::Kind::kSource, R"({"type":"testimony","title":"SYNTHETIC open"})");
  std::string sealed_source = Add(
      model::Kind::kSource, R"({"type":"testimony","title":"SYNTHETIC sealed","confidentiality":"sealed"})");
  Add(model::Kind::kInformation, R"({"source":")" + open_source + R"(","record":")" + person +
                                     R"(","stance":"supports","excerpt":"SYNTHETIC seen"})");
  Add(model::Kind::kInformation, R"({"source":")" + sealed_source + R"(","record":")" + person +
                                     R"(","stance":"supports"})");
  auto viewer = ViewRecord(*ws_, Role::kViewer, person);
  ASSERT_TRUE(viewer.ok());
  ASSERT_EQ(viewer->sources.size(), 1u);
  EXPECT_EQ(viewer->sources[0].source["id"], open_source);
  EXPECT_EQ(viewer->sources[0].excerpt, "SYNTHETIC seen");
  EXPECT_EQ(ViewRecord(*ws_, Role::kAdmin, person)->sources.size(), 2u);
}

TEST_F(RecordViewTest, HistoryShowsFieldChanges) {
  std::string id = AddPerson("internal");
  ASSERT_TRUE(EditRecord(*ws_, id, {{"status", "missing"}}, {"tester", "report"}).ok());
  auto history = ViewHistory(*ws_, Role::kAdmin, id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  ASSERT_EQ((*history)[1].changes.size(), 1u);
  EXPECT_EQ((*history)[1].changes[0].path, "status");
  EXPECT_FALSE((*history)[1].changes[0].old_value.has_value());
  EXPECT_EQ(*(*history)[1].changes[0].new_value, "missing");
}

TEST_F(RecordViewTest, DiffRecursesIntoObjectsAndArrays) {
  auto diffs = DiffBodies(base::Json::parse(R"({"a":{"b":1},"l":[1,2]})"),
                          base::Json::parse(R"({"a":{"b":2},"l":[1]})"));
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].path, "a.b");
  EXPECT_EQ(diffs[1].path, "l[1]");
  EXPECT_FALSE(diffs[1].new_value.has_value());
}

TEST_F(RecordViewTest, ProofNamesTheLatestRevisionsLeaf) {
  std::string id = AddPerson("internal");
  auto proof = ProveRecord(*ws_, Role::kViewer, id);
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  EXPECT_EQ(proof->ref, id + "@1");
  EXPECT_GE(proof->tree_size, 1u);
  EXPECT_EQ(proof->root_hash.size(), 64u);
  EXPECT_NE(proof->checkpoint.find('\n'), std::string::npos);
}

TEST_F(RecordViewTest, MemorialNamesOnlyConsentedPublicVictims) {
  std::string named = AddPerson("public");
  std::string unconsented = AddPerson("public");
  std::string restricted = AddPerson("restricted");
  Add(model::Kind::kSource,
      R"({"type":"testimony","title":"SYNTHETIC t","witness":")" + named +
          R"(","consent":{"scopes":["named_publication","public_use"]}})");
  for (const auto& victim : {named, unconsented, restricted}) {
    Add(model::Kind::kAct,
        R"({"type":"killing","victim":")" + victim + R"(","confidentiality":"public"})");
  }
  auto data = MemorialData(*ws_);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  const auto& victims = (*data)["victims"];
  ASSERT_EQ(victims["named"].size(), 1u);
  EXPECT_EQ(victims["named"][0]["id"], named);
  EXPECT_EQ(victims["named"][0]["name"], "SYNTHETIC Petrosyan");
  EXPECT_EQ(victims["unnamed_count"], 2);
  std::string text = data->dump();
  EXPECT_EQ(text.find(unconsented), std::string::npos);
  EXPECT_EQ(text.find(restricted), std::string::npos);
  EXPECT_EQ(text.find("555-0100"), std::string::npos);
}

}  // namespace
}  // namespace vka::app
