#include "app/bag.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/evidence_files.h"
#include "app/export.h"
#include "app/internal/bag_format.h"
#include "app/log.h"
#include "app/records.h"
#include "base/json.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

namespace fs = std::filesystem;
using internal::ProofLine;

ChangeContext Ctx() { return {"tester", ""}; }

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteAll(const fs::path& path, const std::string& data) {
  fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

TEST(BagFormat, ProofLineRoundTrips) {
  ProofLine line;
  line.record = "per_01JD3XK5E8Q9V7RZ3M4N6P2B1C";
  line.rev = 2;
  line.salt = std::string(32, '\x11');
  line.entry = std::string(1, '\x01') + std::string(32, '\x22');
  line.leaf_index = 5;
  line.leaf_hash = evidence::LeafHash(line.entry);
  line.proof = {evidence::LeafHash("a"), evidence::LeafHash("b")};
  line.tree_size = 9;
  auto text = internal::FormatProofLine(line);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  auto parsed = internal::ParseProofLine(*text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->record, line.record);
  EXPECT_EQ(parsed->rev, 2);
  EXPECT_EQ(parsed->salt, line.salt);
  EXPECT_EQ(parsed->entry, line.entry);
  EXPECT_EQ(parsed->leaf_hash, line.leaf_hash);
  EXPECT_EQ(parsed->proof, line.proof);
  EXPECT_EQ(parsed->tree_size, 9u);
}

TEST(BagFormat, ProofLineRejectsUnknownMembersAndBadHex) {
  EXPECT_FALSE(internal::ParseProofLine("{}").ok());
  EXPECT_FALSE(internal::ParseProofLine("[1]").ok());
  std::string evidence(64, 'a');
  std::string good = "{\"entry\":\"02" + evidence + "\",\"evidence\":\"" + evidence +
                     "\",\"leaf_hash\":\"" + evidence +
                     "\",\"leaf_index\":0,\"proof\":[],\"tree_size\":1}";
  EXPECT_TRUE(internal::ParseProofLine(good).ok());
  std::string extra = good;
  extra.insert(1, "\"x\":1,");
  EXPECT_FALSE(internal::ParseProofLine(extra).ok());
  std::string upper = good;
  upper.replace(upper.find("aaaa"), 4, "AAAA");
  EXPECT_FALSE(internal::ParseProofLine(upper).ok());
}

TEST(BagFormat, ManifestParsesAndRefusesUnsafePaths) {
  std::string sha(64, '0');
  auto entries = internal::ParseManifest(sha + "  data/a%25b\n" + sha + " data/c\r\n", "m.txt");
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].path, "data/a%b");
  EXPECT_EQ(internal::FormatManifest(*entries), sha + "  data/a%25b\n" + sha + "  data/c\n");
  for (std::string bad : {"data/../x", "/etc/passwd", "data//x", "./data/x"}) {
    auto r = internal::ParseManifest(sha + "  " + bad + "\n", "m.txt");
    EXPECT_FALSE(r.ok()) << bad;
  }
  auto twice = internal::ParseManifest(sha + "  data/x\n" + sha + "  data/x\n", "m.txt");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("listed twice"), std::string::npos);
  auto short_sum = internal::ParseManifest("abc  data/x\n", "m.txt");
  ASSERT_FALSE(short_sum.ok());
  EXPECT_EQ(short_sum.status().message().rfind("m.txt:1: ", 0), 0u);
}

TEST(BagFormat, TagFileFoldsContinuationLines) {
  auto tags = internal::ParseTagFile("A: one\n  two\nB:three\n\n", "bag-info.txt");
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(internal::TagValue(*tags, "A"), "one two");
  EXPECT_EQ(internal::TagValue(*tags, "B"), "three");
  EXPECT_FALSE(internal::ParseTagFile("\xEF\xBB\xBF"
                                      "A: b\n",
                                      "x")
                   .ok());
  EXPECT_FALSE(internal::ParseTagFile("no colon\n", "x").ok());
}

class BagTest : public testing::WorkspaceTest {
 protected:
  std::string Add(const std::string& json) {
    auto body = base::ParseJsonStrict(json);
    auto kind = model::ParseKindName((*body)["kind"].get<std::string>());
    auto id = AddRecord(*ws_, *kind, json, Ctx());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }

  // A source with one evidence file, a person, an event with an act.
  void Populate() {
    situation_ = Add(R"({"kind":"situation","name":"[SYNTHETIC] S"})");
    source_ = Add(R"({"kind":"source","type":"testimony","title":"[SYNTHETIC] t"})");
    person_ = Add(R"({"kind":"person","names":[{"value":"[SYNTHETIC] A"}]})");
    std::string event =
        Add(R"({"kind":"event","title":"[SYNTHETIC] e","situation":")" + situation_ + "\"}");
    Add(R"({"kind":"act","type":"killing","event":")" + event + R"(","victim":")" + person_ +
        "\"}");
    auto added = AddEvidence(*ws_, {Write("file.bin", "[SYNTHETIC] evidence bytes")},
                             {.source = source_}, Ctx());
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    sha_ = (*added)[0].sha256;
  }

  std::string Export(Workspace& ws) {
    std::ostringstream out;
    EXPECT_TRUE(ExportRecords(ws, {}, out).ok());
    return out.str();
  }

  fs::path Bag() { return dir_->Join("bag"); }

  std::string situation_, source_, person_, sha_;
};

TEST_F(BagTest, RoundTripsRecordsAndEvidence) {
  Populate();
  std::string before = Export(*ws_);
  auto exported = ExportBag(*ws_, {.dir = Bag().string()}, Ctx());
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_EQ(exported->evidence_files, 1);
  EXPECT_EQ(ReadAll(Bag() / "data/records.ndjson"), before);
  EXPECT_EQ(ReadAll(Bag() / "data/evidence" / sha_), "[SYNTHETIC] evidence bytes");

  auto target = NewWorkspace("target");
  auto imported = ImportBag(*target, {.dir = Bag().string()}, Ctx());
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->records, exported->records);
  EXPECT_EQ(imported->evidence_files, 1);
  EXPECT_TRUE(ShowEvidence(*target, sha_).ok());
  auto verified = VerifyWorkspace(*target, false, nullptr);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();

  // A second import changes nothing: every record is present.
  auto again = ImportBag(*target, {.dir = Bag().string()}, Ctx());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->records, 0);
  EXPECT_EQ(again->records_present, exported->records);
  EXPECT_EQ(again->evidence_present, 1);
}

TEST_F(BagTest, RefusesExistingFolderAndLeavesNoTemporaryFolder) {
  Populate();
  fs::create_directory(Bag());
  auto exported = ExportBag(*ws_, {.dir = Bag().string()}, Ctx());
  ASSERT_FALSE(exported.ok());
  EXPECT_EQ(exported.status().code(), base::StatusCode::kAlreadyExists);
  for (const auto& entry : fs::directory_iterator(dir_->Join(""))) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos);
  }
}

TEST_F(BagTest, SituationScopeLeavesOtherRecordsOut) {
  Populate();
  std::string other = Add(R"({"kind":"person","names":[{"value":"[SYNTHETIC] Other"}]})");
  auto exported = ExportBag(*ws_, {.dir = Bag().string(), .situation = situation_}, Ctx());
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  std::string records = ReadAll(Bag() / "data/records.ndjson");
  EXPECT_NE(records.find(person_), std::string::npos);  // the act's victim
  EXPECT_EQ(records.find(other), std::string::npos);
  EXPECT_EQ(records.find(source_), std::string::npos);  // not about anything included
  EXPECT_EQ(exported->evidence_files, 0);
}

TEST_F(BagTest, AlteredRecordFailsItsProofEvenWithConsistentManifests) {
  Populate();
  ASSERT_TRUE(ExportBag(*ws_, {.dir = Bag().string()}, Ctx()).ok());
  fs::path records = Bag() / "data/records.ndjson";
  std::string text = ReadAll(records);
  text.replace(text.find("[SYNTHETIC] A"), 13, "[SYNTHETIC] B");
  WriteAll(records, text);
  // Recompute both manifests and the Oxum as a forger would.
  std::string manifest = ReadAll(Bag() / "manifest-sha256.txt");
  std::string old_sum = manifest.substr(manifest.find("data/records.ndjson") - 66, 64);
  manifest.replace(manifest.find(old_sum), 64, base::HexLower(base::Sha256Of(text)));
  WriteAll(Bag() / "manifest-sha256.txt", manifest);
  std::string tags = ReadAll(Bag() / "tagmanifest-sha256.txt");
  std::string old_tag = tags.substr(tags.find("manifest-sha256.txt") - 66, 64);
  tags.replace(tags.find(old_tag), 64, base::HexLower(base::Sha256Of(manifest)));
  WriteAll(Bag() / "tagmanifest-sha256.txt", tags);

  auto target = NewWorkspace("target");
  auto imported = ImportBag(*target, {.dir = Bag().string()}, Ctx());
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), base::StatusCode::kDataLoss);
  EXPECT_NE(imported.status().message().find("data/records.ndjson:"), std::string::npos)
      << imported.status().message();
  EXPECT_NE(imported.status().message().find("does not match log leaf"), std::string::npos);
  EXPECT_EQ(Export(*target), "");
}

TEST_F(BagTest, ConflictingRecordIsNamed) {
  Populate();
  ASSERT_TRUE(ExportBag(*ws_, {.dir = Bag().string()}, Ctx()).ok());
  ASSERT_TRUE(EditRecord(*ws_, person_, {{"sex", "female"}}, {"tester", "fix"}).ok());
  auto imported = ImportBag(*ws_, {.dir = Bag().string()}, Ctx());
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_NE(imported.status().message().find(person_ + " conflicts with the workspace"),
            std::string::npos)
      << imported.status().message();
}

}  // namespace
}  // namespace vka::app
