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

TEST_F(EvidenceFilesTest, GetCopiesBytesAndRecordsExport) {
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
  EXPECT_EQ((*chain)[1].action, "exported");
  EXPECT_EQ((*chain)[1].purpose, "court filing");
  EXPECT_EQ(GetEvidence(*ws_, std::string(64, 'b'), dir_->Join("x"), "", ctx_).code(),
            StatusCode::kNotFound);
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
