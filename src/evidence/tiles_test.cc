#include "evidence/tiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "testing/scoped_temp_dir.h"

namespace vka::evidence {
namespace {

using base::Result;

std::vector<std::string> Entries(uint64_t first, uint64_t count) {
  std::vector<std::string> out;
  for (uint64_t i = first; i < first + count; ++i) out.push_back("entry " + std::to_string(i));
  return out;
}

std::vector<Hash> LeafHashes(const std::vector<std::string>& entries) {
  std::vector<Hash> out;
  for (const std::string& e : entries) out.push_back(LeafHash(e));
  return out;
}

bool Exists(const MemLogEnv& env, const std::string& path) {
  const std::vector<std::string> paths = env.Paths();
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

TEST(TilePaths, FollowTlogTilesEncoding) {
  EXPECT_EQ(TileIndexPath(0), "000");
  EXPECT_EQ(TileIndexPath(999), "999");
  EXPECT_EQ(TileIndexPath(1000), "x001/000");
  EXPECT_EQ(TileIndexPath(1234067), "x001/x234/067");
  EXPECT_EQ(HashTilePath(0, 1234067, 256), "tile/0/x001/x234/067");
  EXPECT_EQ(HashTilePath(1, 5, 17), "tile/1/005.p/17");
  EXPECT_EQ(EntryBundlePath(273, 112), "tile/entries/273.p/112");
  EXPECT_EQ(EntryBundlePath(1000, 256), "tile/entries/x001/000");
}

TEST(Bundle, RoundTripsAndDetectsTruncation) {
  std::string bundle;
  ASSERT_TRUE(AppendToBundle(bundle, "ab").ok());
  ASSERT_TRUE(AppendToBundle(bundle, "").ok());
  EXPECT_EQ(bundle, std::string("\x00\x02" "ab" "\x00\x00", 6));
  Result<std::vector<std::string_view>> parts = SplitBundle(bundle);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(*parts, (std::vector<std::string_view>{"ab", ""}));
  EXPECT_EQ(SplitBundle(bundle.substr(0, 3)).status().code(), base::StatusCode::kDataLoss);
  EXPECT_EQ(SplitBundle(bundle.substr(0, 5)).status().code(), base::StatusCode::kDataLoss);
  EXPECT_EQ(AppendToBundle(bundle, std::string(65536, 'x')).code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(AppendToBundle(bundle, std::string(65535, 'x')).ok());
}

TEST(LogWriter, SpecExampleOf70000LeavesHasTheTilesOfTheSpec) {
  MemLogEnv env;
  auto writer = LogWriter::Open(&env, "log", 0);
  ASSERT_TRUE(writer.ok());
  const std::vector<std::string> entries = Entries(0, 70000);
  ASSERT_TRUE((*writer)->Append(entries).ok());
  EXPECT_EQ(env.write_batches(), 1);
  EXPECT_TRUE(Exists(env, "log/tile/0/272"));
  EXPECT_FALSE(Exists(env, "log/tile/0/273"));
  EXPECT_TRUE(Exists(env, "log/tile/0/273.p/112"));
  EXPECT_TRUE(Exists(env, "log/tile/1/000"));
  EXPECT_TRUE(Exists(env, "log/tile/1/001.p/17"));
  EXPECT_TRUE(Exists(env, "log/tile/2/000.p/1"));
  EXPECT_TRUE(Exists(env, "log/tile/entries/273.p/112"));
  // 273 + 1 + 1 full hash tiles, 273 full bundles, 3 partial tiles, 1 partial bundle.
  EXPECT_EQ(env.Paths().size(), 273u + 1 + 273 + 3 + 1);
  const std::vector<Hash> leaves = LeafHashes(entries);
  EXPECT_EQ((*writer)->root(), *TreeHash(LeafHashReader(leaves), 70000));
}

TEST(LogWriter, RootsAndProofsFromTilesMatchMemoryForAnyChunking) {
  MemLogEnv env;
  auto writer = std::move(LogWriter::Open(&env, "log", 0)).value();
  const std::vector<std::string> all = Entries(0, 70000);
  const std::vector<Hash> leaves = LeafHashes(all);
  LeafHashReader memory(leaves);
  std::mt19937_64 rng(7);
  const uint64_t chunks[] = {1, 254, 1, 300, 65000, 1, 255, 256, 3928, 3, 1};
  uint64_t done = 0;
  for (uint64_t chunk : chunks) {
    std::vector<std::string> part(all.begin() + done, all.begin() + done + chunk);
    ASSERT_TRUE(writer->Append(part).ok());
    done += chunk;
    ASSERT_EQ(writer->size(), done);
    ASSERT_EQ(writer->root(), *TreeHash(memory, done)) << done;
    TileReader tiles(&env, "log", done);
    for (int trial = 0; trial < 5; ++trial) {
      const uint64_t size = 1 + rng() % done;
      const uint64_t index = rng() % size;
      ASSERT_EQ(*InclusionProof(tiles, index, size), *InclusionProof(memory, index, size));
      ASSERT_EQ(*ConsistencyProof(tiles, index + 1, size),
                *ConsistencyProof(memory, index + 1, size));
      ASSERT_EQ(*TreeHash(tiles, size), *TreeHash(memory, size));
    }
    EXPECT_EQ(*tiles.ReadEntry(done - 1), all[done - 1]);
  }
  EXPECT_EQ(done, all.size());
  EXPECT_EQ(env.write_batches(), static_cast<int>(std::size(chunks)));
}

TEST(LogWriter, RemovesPartialsOfTilesThatBecameFull) {
  MemLogEnv env;
  auto writer = std::move(LogWriter::Open(&env, "log", 0)).value();
  ASSERT_TRUE(writer->Append(Entries(0, 10)).ok());
  EXPECT_TRUE(Exists(env, "log/tile/0/000.p/10"));
  ASSERT_TRUE(writer->Append(Entries(10, 20)).ok());
  EXPECT_TRUE(Exists(env, "log/tile/0/000.p/10"));  // kept: 30 < 256
  EXPECT_TRUE(Exists(env, "log/tile/0/000.p/30"));
  ASSERT_TRUE(writer->Append(Entries(30, 300)).ok());
  for (const std::string& path : env.Paths()) {
    EXPECT_EQ(path.find("tile/0/000.p/"), std::string::npos) << path;
  }
  EXPECT_TRUE(Exists(env, "log/tile/0/001.p/74"));
}

TEST(LogWriter, ReopenContinuesTheSameTree) {
  MemLogEnv env;
  const std::vector<std::string> all = Entries(0, 1000);
  {
    auto writer = std::move(LogWriter::Open(&env, "log", 0)).value();
    ASSERT_TRUE(writer->Append(std::span(all).subspan(0, 600)).ok());
  }
  auto writer = LogWriter::Open(&env, "log", 600);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Append(std::span(all).subspan(600)).ok());
  const std::vector<Hash> leaves = LeafHashes(all);
  EXPECT_EQ((*writer)->root(), *TreeHash(LeafHashReader(leaves), 1000));
  EXPECT_EQ(*TileReader(&env, "log", 1000).ReadEntry(601), all[601]);
}

TEST(LogWriter, OpenFailsWithDataLossWhenTilesAreMissing) {
  MemLogEnv env;
  auto writer = LogWriter::Open(&env, "log", 5);
  EXPECT_EQ(writer.status().code(), base::StatusCode::kDataLoss);
  EXPECT_NE(writer.status().message().find("tile 0/000.p/5 is missing"), std::string::npos)
      << writer.status().message();
}

TEST(LogWriter, OversizedEntryIsRejectedAndNothingIsWritten) {
  MemLogEnv env;
  auto writer = std::move(LogWriter::Open(&env, "log", 0)).value();
  std::vector<std::string> entries = {"a", std::string(70000, 'x')};
  EXPECT_EQ(writer->Append(entries).code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->size(), 0u);
  EXPECT_TRUE(env.Paths().empty());
}

TEST(PosixLogEnv, WritesReadsAndReopensALog) {
  auto dir = testing::ScopedTempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::unique_ptr<LogEnv> env = NewPosixLogEnv();
  const std::string log = dir->Join("log");
  const std::vector<std::string> all = Entries(0, 700);
  {
    auto writer = std::move(LogWriter::Open(env.get(), log, 0)).value();
    ASSERT_TRUE(writer->Append(std::span(all).subspan(0, 300)).ok());
    ASSERT_TRUE(writer->WriteCheckpoint("checkpoint text\n").ok());
  }
  EXPECT_EQ(*env->ReadFile(log + "/checkpoint"), "checkpoint text\n");
  auto writer = std::move(LogWriter::Open(env.get(), log, 300)).value();
  ASSERT_TRUE(writer->Append(std::span(all).subspan(300)).ok());
  const std::vector<Hash> leaves = LeafHashes(all);
  TileReader tiles(env.get(), log, 700);
  EXPECT_EQ(*TreeHash(tiles, 700), *TreeHash(LeafHashReader(leaves), 700));
  EXPECT_EQ(*InclusionProof(tiles, 299, 700), *InclusionProof(LeafHashReader(leaves), 299, 700));
  EXPECT_EQ(*env->ListDir(log + "/tile/0"), (std::vector<std::string>{"000", "001", "002.p"}));
  EXPECT_EQ(env->ReadFile(log + "/nope").status().code(), base::StatusCode::kNotFound);
}

// A crash while a full tile and bundle were being created in place leaves
// them torn beyond the checkpoint: readers of the checkpoint's size still use
// the partial files, and the next append replaces the torn files.
TEST(PosixLogEnv, TornFullTilesBeyondTheCheckpointAreReplaced) {
  auto dir = testing::ScopedTempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::unique_ptr<LogEnv> env = NewPosixLogEnv();
  const std::string log = dir->Join("log");
  const std::vector<std::string> all = Entries(0, 700);
  const std::vector<Hash> leaves = LeafHashes(all);
  {
    auto writer = std::move(LogWriter::Open(env.get(), log, 0)).value();
    ASSERT_TRUE(writer->Append(std::span(all).subspan(0, 300)).ok());
  }
  ASSERT_TRUE(env->WriteFiles({FileWrite{log + "/tile/0/001", std::string(100, 'x')},
                               FileWrite{log + "/tile/entries/001", "\x01"}})
                  .ok());
  TileReader at_checkpoint(env.get(), log, 300);
  EXPECT_EQ(*TreeHash(at_checkpoint, 300), *TreeHash(LeafHashReader(leaves), 300));

  auto writer = std::move(LogWriter::Open(env.get(), log, 300)).value();
  ASSERT_TRUE(writer->Append(std::span(all).subspan(300)).ok());
  EXPECT_EQ(env->ReadFile(log + "/tile/0/001")->size(), 256u * 32);
  TileReader tiles(env.get(), log, 700);
  EXPECT_EQ(*TreeHash(tiles, 700), *TreeHash(LeafHashReader(leaves), 700));
  EXPECT_EQ(*tiles.ReadEntry(511), all[511]);
  EXPECT_EQ(*env->ListDir(log + "/tile/0"), (std::vector<std::string>{"000", "001", "002.p"}));
}

}  // namespace
}  // namespace vka::evidence
