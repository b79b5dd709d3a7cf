#include "app/records.h"

#include <gtest/gtest.h>

#include "testing/workspace_test.h"

namespace vka::app {
namespace {

constexpr char kPerson[] =
    R"({"names":[{"value":"Հովհաննիսյան","script":"Armn","part":"family"}],"status":"missing"})";

class RecordsTest : public testing::WorkspaceTest {
 protected:
  std::string AddPerson() {
    auto id = AddRecord(*ws_, model::Kind::kPerson, kPerson, {"tester", ""});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }
};

TEST_F(RecordsTest, AddThenShowReturnsCanonicalBodyWithDefaults) {
  std::string id = AddPerson();
  ASSERT_EQ(model::KindOfId(id), model::Kind::kPerson);
  auto rev = GetRecord(*ws_, id);
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->rev, 1);
  EXPECT_EQ(rev->by, "tester");
  EXPECT_EQ(rev->body, "{\"confidentiality\":\"internal\",\"id\":\"" + id +
                           "\",\"kind\":\"person\",\"names\":[{\"part\":\"family\",\"script\":"
                           "\"Armn\",\"value\":\"Հովհաննիսյան\"}],\"status\":\"missing\"}");
}

TEST_F(RecordsTest, EditWritesANewRevisionAndKeepsTheOld) {
  std::string id = AddPerson();
  auto rev = EditRecord(*ws_, id, {{"status", "deceased"}}, {"tester", "death certificate"});
  ASSERT_TRUE(rev.ok()) << rev.status().ToString();
  EXPECT_EQ(*rev, 2);
  auto history = RecordHistory(*ws_, id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_NE((*history)[0].body.find("missing"), std::string::npos);
  EXPECT_NE((*history)[1].body.find("deceased"), std::string::npos);
  EXPECT_EQ((*history)[1].reason, "death certificate");
  EXPECT_NE(RevisionCommitment((*history)[0]), RevisionCommitment((*history)[1]));
}

TEST_F(RecordsTest, EditRefusesBadValuesNoReasonAndNoChange) {
  std::string id = AddPerson();
  auto bad = EditRecord(*ws_, id, {{"status", "dead"}}, {"tester", "typo"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown person_status code \"dead\""), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(EditRecord(*ws_, id, {{"status", "deceased"}}, {"tester", ""}).status().code(),
            base::StatusCode::kInvalidArgument);
  auto same = EditRecord(*ws_, id, {{"status", "missing"}}, {"tester", "same"});
  EXPECT_NE(same.status().message().find("nothing to change"), std::string::npos);
  EXPECT_EQ(RecordHistory(*ws_, id)->size(), 1u);
}

TEST_F(RecordsTest, DeleteIsATombstoneAndHistoryStays) {
  std::string id = AddPerson();
  auto rev = DeleteRecord(*ws_, id, {"tester", "entered twice"});
  ASSERT_TRUE(rev.ok());
  auto latest = GetRecord(*ws_, id);
  ASSERT_TRUE(latest.ok());
  EXPECT_TRUE(latest->deleted);
  EXPECT_EQ(RecordHistory(*ws_, id)->size(), 2u);
  EXPECT_EQ(ListRecords(*ws_, {.kind = model::Kind::kPerson})->size(), 0u);
  EXPECT_EQ(DeleteRecord(*ws_, id, {"tester", "again"}).status().code(),
            base::StatusCode::kNotFound);
}

TEST_F(RecordsTest, ReferencesMustPointAtLiveRecordsOfTheRightKind) {
  std::string person = AddPerson();
  std::string act = std::string(R"({"type":"killing","victim":")") + person + "\"}";
  EXPECT_TRUE(AddRecord(*ws_, model::Kind::kAct, act, {"t", ""}).ok());
  std::string missing = R"({"type":"killing","victim":"per_01ARYZ6S41TSV4RRFFQ69G5FAV"})";
  auto r = AddRecord(*ws_, model::Kind::kAct, missing, {"t", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("victim: refers to per_01ARYZ6S41TSV4RRFFQ69G5FAV, which does not exist"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(ListRecords(*ws_, {.kind = model::Kind::kAct})->size(), 1u);
}

TEST_F(RecordsTest, ListFiltersOnFields) {
  std::string a = AddPerson();
  ASSERT_TRUE(AddRecord(*ws_, model::Kind::kPerson,
                        R"({"names":[{"value":"Оганесян"}],"status":"alive"})", {"t", ""})
                  .ok());
  auto missing = ListRecords(*ws_, {.kind = model::Kind::kPerson,
                                    .where = {{"status", "missing"}}});
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->size(), 1u);
  EXPECT_EQ((*missing)[0].id, a);
}

TEST_F(RecordsTest, RejectsMalformedIdsAndJson) {
  EXPECT_EQ(GetRecord(*ws_, "per_nope").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetRecord(*ws_, "per_01ARYZ6S41TSV4RRFFQ69G5FAV").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(AddRecord(*ws_, model::Kind::kPerson, "{\"names\":", {"t", ""}).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddRecord(*ws_, model::Kind::kAct, R"({"kind":"person"})", {"t", ""}).status().code(),
            base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::app
