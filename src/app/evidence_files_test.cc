#include "app/evidence_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "app/log.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

using base::StatusCode;

class EvidenceFilesTest : public testing::WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    auto source = AddRecord(*ws_, model::Kind::kSource,
                            R"({"type":"testimony","title":"[SYNTHETIC] t"})", ctx_);
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    source_ = *source;
  }
  AddEvidenceOptions Options() {
    AddEvidenceOptions options;
    options.source = source_;
    return options;
  }
  int64_t Leaves() { return ws_->store().LeafCount().value(); }

  ChangeContext ctx_{"tester", ""};
  std::string source_;
};

TEST_F(EvidenceFilesTest, AddStoresRowLeafAndReceivedEvent) {
  int64_t before = Leaves();
  AddEvidenceOptions options = Options();
  options.captured_at = "2025-12-01";
  auto added = AddEvidence(*ws_, {Write("photo.txt", "a photograph, allegedly")}, options, ctx_);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->size(), 1u);
  const std::string sha = (*added)[0].sha256;
  EXPECT_FALSE((*added)[0].already_present);
  EXPECT_EQ(Leaves(), before + 2);  // evidence leaf + custody event leaf

  auto file = ShowEvidence(*ws_, sha);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->source, source_);
  EXPECT_EQ(file->original_name, "photo.txt");
  EXPECT_EQ(file->mime, "text/plain");
  EXPECT_EQ(file->captured_at, "2025-12-01");
  EXPECT_EQ(file->added_by, "tester");
  auto leaves = ws_->store().LeavesFor("sha256:" + sha);
  ASSERT_TRUE(leaves.ok());
  ASSERT_EQ(leaves->size(), 1u);
  EXPECT_EQ((*leaves)[0].entry[0], '\x02');

  auto chain = CustodyChain(*ws_, sha);
  ASSERT_TRUE(chain.ok());
  ASSERT_EQ(chain->size(), 1u);
  EXPECT_EQ((*chain)[0].action, "received");
  EXPECT_EQ((*chain)[0].actor, "tester");
  auto event_leaves = ws_->store().LeavesFor((*chain)[0].id + "@1");
  ASSERT_TRUE(event_leaves.ok() && event_leaves->size() == 1u);
  EXPECT_EQ((*event_leaves)[0].entry[0], '\x03');  // a custody event leaf
}

TEST_F(EvidenceFilesTest, SameBytesTwiceKeepOneRowAndAddAReceivedEvent) {
  auto first = AddEvidence(*ws_, {Write("a", "same"), Write("b", "same")}, Options(), ctx_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE((*first)[0].already_present);
  EXPECT_TRUE((*first)[1].already_present);
  auto files = ListEvidence(*ws_, source_);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 1u);
  EXPECT_EQ(CustodyChain(*ws_, (*first)[0].sha256)->size(), 2u);
}

TEST_F(EvidenceFilesTest, BadOptionsStoreNothing) {
  std::string path = Write("a", "content");
  int64_t before = Leaves();
  AddEvidenceOptions no_source;
  EXPECT_EQ(AddEvidence(*ws_, {path}, no_source, ctx_).status().code(),
            StatusCode::kInvalidArgument);
  AddEvidenceOptions unknown = Options();
  unknown.source = "src_01JAAAAAAAAAAAAAAAAAAAAAAA";
  EXPECT_EQ(AddEvidence(*ws_, {path}, unknown, ctx_).status().code(), StatusCode::kNotFound);
  AddEvidenceOptions bad_date = Options();
  bad_date.captured_at = "1990-02-31";
  EXPECT_EQ(AddEvidence(*ws_, {path}, bad_date, ctx_).status().code(),
            StatusCode::kInvalidArgument);
  AddEvidenceOptions bad_origin = Options();
  bad_origin.derived_from = std::string(64, 'a');
  EXPECT_EQ(AddEvidence(*ws_, {path}, bad_origin, ctx_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AddEvidence(*ws_, {dir_->Join("missing")}, Options(), ctx_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Leaves(), before);
  EXPECT_TRUE(ListEvidence(*ws_, "")->empty());
}

TEST_F(EvidenceFilesTest, DerivedCopyLinksToOriginal) {
  auto original = AddEvidence(*ws_, {Write("orig", "original")}, Options(), ctx_);
  ASSERT_TRUE(original.ok());
  AddEvidenceOptions options = Options();
  options.derived_from = (*original)[0].sha256;
  auto copy = AddEvidence(*ws_, {Write("redacted", "redacted")}, options, ctx_);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(ShowEvidence(*ws_, (*copy)[0].sha256)->derived_from, (*original)[0].sha256);
}

TEST_F(EvidenceFilesTest, GetCopiesBytesAndRecordsACopy) {
  auto added = AddEvidence(*ws_, {Write("a", std::string("x\0y", 3))}, Options(), ctx_);
  ASSERT_TRUE(added.ok());
  const std::string sha = (*added)[0].sha256;
  ASSERT_TRUE(GetEvidence(*ws_, sha, dir_->Join("out"), "court filing", ctx_).ok());
  std::ifstream in(dir_->Join("out"), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string("x\0y", 3));
  auto chain = CustodyChain(*ws_, sha);
  ASSERT_TRUE(chain.ok());
  ASSERT_EQ(chain->size(), 2u);
  EXPECT_EQ((*chain)[1].action, "copied");
  EXPECT_EQ((*chain)[1].purpose, "court filing");
  EXPECT_EQ(GetEvidence(*ws_, std::string(64, 'b'), dir_->Join("x"), "", ctx_).code(),
            StatusCode::kNotFound);
}

class CustodyActionTest : public EvidenceFilesTest {
 protected:
  void SetUp() override {
    EvidenceFilesTest::SetUp();
    auto added = AddEvidence(*ws_, {Write("letter.txt", "[SYNTHETIC] a letter")}, Options(), ctx_);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    sha_ = (*added)[0].sha256;
  }
  // The number of revisions in the store: unchanged when a call is refused.
  int64_t Revisions() { return ws_->store().RevisionCount().value(); }

  std::string sha_;
};

TEST_F(CustodyActionTest, EveryActionIsOneEventAndOneCustodyLeaf) {
  const std::vector<CustodyAction> actions = {
      {"accessed", "", "2026-01-05", "review", ""},
      {"copied", "lawyer-1", "2026-01-06", "working copy", ""},
      {"exported", "", "2026-01-07", "", ""},
      {"transferred", "", "2026-01-08", "prosecution", "[SYNTHETIC] Prosecutor's Office"},
      {"returned", "", "2026-01-09T10:00:00Z", "", "[SYNTHETIC] Prosecutor's Office"},
      {"verified", "", "", "", ""},
  };
  for (const CustodyAction& action : actions) {
    int64_t leaves = Leaves();
    auto id = RecordCustodyAction(*ws_, sha_, action, {"recorder", "logged by hand"});
    ASSERT_TRUE(id.ok()) << action.action << ": " << id.status().ToString();
    EXPECT_EQ(Leaves(), leaves + 1) << action.action;
    auto leaf = ws_->store().LeavesFor(*id + "@1");
    ASSERT_TRUE(leaf.ok() && leaf->size() == 1u);
    EXPECT_EQ((*leaf)[0].entry[0], '\x03');  // a custody event leaf
  }
  auto chain = CustodyChain(*ws_, sha_);
  ASSERT_TRUE(chain.ok());
  ASSERT_EQ(chain->size(), 7u);  // "received" on add, then the six
  std::vector<std::string> order;
  for (const auto& e : *chain) order.push_back(e.action);
  EXPECT_EQ(order, (std::vector<std::string>{"accessed", "copied", "exported", "transferred",
                                             "returned", "received", "verified"}));
  EXPECT_EQ((*chain)[0].actor, "recorder");  // the context's actor by default
  EXPECT_EQ((*chain)[1].actor, "lawyer-1");
  EXPECT_EQ((*chain)[1].purpose, "working copy");
  EXPECT_EQ((*chain)[3].counterpart, "[SYNTHETIC] Prosecutor's Office");
  EXPECT_EQ((*chain)[4].date, "2026-01-09T10:00:00Z");
  auto history = ws_->store().History((*chain)[0].id);
  ASSERT_TRUE(history.ok() && history->size() == 1u);
  EXPECT_EQ((*history)[0].by, "recorder");
  EXPECT_EQ((*history)[0].reason, "logged by hand");
}

TEST_F(CustodyActionTest, RefusalsNameTheFieldAndWriteNothing) {
  int64_t revisions = Revisions();
  int64_t leaves = Leaves();
  auto refused = [&](const std::string& sha, CustodyAction action, StatusCode code,
                     const std::string& text) {
    auto id = RecordCustodyAction(*ws_, sha, action, ctx_);
    ASSERT_FALSE(id.ok()) << action.action;
    EXPECT_EQ(id.status().code(), code) << id.status().ToString();
    EXPECT_NE(id.status().message().find(text), std::string::npos) << id.status().ToString();
  };
  refused(std::string(64, 'a'), {"accessed"}, StatusCode::kNotFound, "no evidence file");
  refused("XYZ", {"accessed"}, StatusCode::kInvalidArgument, "not a SHA-256");
  refused(sha_, {"lost"}, StatusCode::kInvalidArgument, "action: unknown custody_action code");
  refused(sha_, {""}, StatusCode::kInvalidArgument, "action: required");
  refused(sha_, {"transferred"}, StatusCode::kInvalidArgument, "counterpart: required");
  refused(sha_, {"returned", "", "", "", ""}, StatusCode::kInvalidArgument,
          "counterpart: required");
  refused(sha_, {"transferred", "", "", "", source_}, StatusCode::kInvalidArgument,
          "not a person or organization");
  refused(sha_, {"transferred", "", "", "", "org_01JD3XK5E8Q9V7RZ3M4N6P2B1C"},
          StatusCode::kNotFound, "counterpart: no record");
  refused(sha_, {"accessed", "", "2026-02-30"}, StatusCode::kInvalidArgument, "date:");
  refused(sha_, {"accessed", "", "2999-01-01"}, StatusCode::kInvalidArgument, "after today");
  EXPECT_EQ(Revisions(), revisions);
  EXPECT_EQ(Leaves(), leaves);
  EXPECT_EQ(CustodyChain(*ws_, sha_)->size(), 1u);
}

TEST_F(CustodyActionTest, CounterpartMayBeAPersonOrOrganizationRecord) {
  auto org = AddRecord(*ws_, model::Kind::kOrganization, R"({"names":[{"value":"[SYNTHETIC] Archive"}]})", ctx_);
  ASSERT_TRUE(org.ok()) << org.status().ToString();
  auto id = RecordCustodyAction(*ws_, sha_, {"transferred", "", "", "safekeeping", *org}, ctx_);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(CustodyChain(*ws_, sha_)->back().counterpart, *org);
}

TEST_F(EvidenceFilesTest, VerifyWorkspaceRehashesEvidence) {
  auto added = AddEvidence(*ws_, {Write("clip.bin", "video bytes")}, Options(), ctx_);
  ASSERT_TRUE(added.ok());
  auto ok = VerifyWorkspace(*ws_, false, nullptr);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_NE(ok->find("1 evidence files re-hashed"), std::string::npos);

  const std::string sha = (*added)[0].sha256;
  std::string blob = (ws_->dir() / "blobs/sha256" / sha.substr(0, 2) / sha.substr(2, 2) / sha);
  ASSERT_EQ(::chmod(blob.c_str(), 0644), 0);
  std::ofstream(blob, std::ios::binary) << "video bytez";
  auto changed = VerifyWorkspace(*ws_, false, nullptr);
  EXPECT_EQ(changed.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(changed.status().message().find("evidence file " + sha + " ('clip.bin'): file changed"),
            std::string::npos)
      << changed.status().message();
  std::filesystem::remove(blob);
  auto missing = VerifyWorkspace(*ws_, false, nullptr);
  EXPECT_NE(missing.status().message().find("file missing"), std::string::npos);
}

}  // namespace
}  // namespace vka::app
