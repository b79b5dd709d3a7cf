// Evidence log benchmarks (issue 3): bulk append in leaves/s (on disk and in
// memory), proof time from the tiles of a 10,000,000-leaf log on disk, and
// the tile check of `vka verify --quick` on that log. The 10M log is built once
// in a temp directory (VKA_BENCH_DIR, default $TMPDIR or /tmp) and removed at
// exit.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "evidence/leaf.h"
#include "evidence/merkle.h"
#include "evidence/tiles.h"
#include "evidence/verify.h"

namespace vka::evidence {
namespace {

constexpr uint64_t kBigLog = 10'000'000;
constexpr uint64_t kBatch = 500'000;

std::string TempRoot() {
  const char* dir = std::getenv("VKA_BENCH_DIR");
  if (dir == nullptr) dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/vka_log_bench_" + std::to_string(::getpid());
}

// Removes the temp directory at exit.
struct TempCleanup {
  ~TempCleanup() { std::filesystem::remove_all(TempRoot()); }
};

std::vector<std::string> Entries(uint64_t first, uint64_t count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (uint64_t i = first; i < first + count; ++i) {
    out.push_back(RevisionLeaf(SaltedCommitment(std::to_string(i), "{}")));
  }
  return out;
}

struct BigLog {
  std::unique_ptr<LogEnv> env = NewPosixLogEnv();
  std::string dir = TempRoot() + "/big";
  BigLog() {
    auto writer = std::move(LogWriter::Open(env.get(), dir, 0)).value();
    for (uint64_t done = 0; done < kBigLog; done += kBatch) {
      if (!writer->Append(Entries(done, kBatch)).ok()) std::abort();
    }
  }
  ~BigLog() { std::filesystem::remove_all(TempRoot()); }
};

BigLog& Big() {
  static BigLog log;
  return log;
}

// Appends batches of 500,000 33-byte leaves to a fresh log on disk, with the
// syncs of each batch (one LogEnv::WriteFiles call). The logs are removed
// only at exit: on an ext4 volume without a journal (this
// machine's), creating a file steps over every inode of its block group freed
// in the last 1-6 minutes (ext4 recently_deleted()), so removing each run's
// ~3,900 files before the next made its creates several times slower, a cost
// that a real log, which never removes tiles in bulk, does not pay.
void BM_BulkAppend(benchmark::State& state) {
  static TempCleanup cleanup;
  static int run = 0;
  std::unique_ptr<LogEnv> env = NewPosixLogEnv();
  const std::vector<std::string> entries = Entries(0, kBatch);
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = TempRoot() + "/append" + std::to_string(run++);
    auto writer = std::move(LogWriter::Open(env.get(), dir, 0)).value();
    state.ResumeTiming();
    if (!writer->Append(entries).ok()) state.SkipWithError("append failed");
  }
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(kBatch) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BulkAppend)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// The same appends into MemLogEnv: hashing, tiling and bundling only.
void BM_BulkAppendInMemory(benchmark::State& state) {
  const std::vector<std::string> entries = Entries(0, kBatch);
  for (auto _ : state) {
    state.PauseTiming();
    MemLogEnv env;
    auto writer = std::move(LogWriter::Open(&env, "log", 0)).value();
    state.ResumeTiming();
    if (!writer->Append(entries).ok()) state.SkipWithError("append failed");
    state.PauseTiming();
    writer.reset();  // MemLogEnv's files are freed outside the timing
    state.ResumeTiming();
  }
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(kBatch) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BulkAppendInMemory)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// An inclusion proof for a random leaf of the 10M log, from a fresh
// TileReader each time (no cache carried between proofs; the OS page cache
// holds the tiles, as on a serving machine).
void BM_InclusionProof10M(benchmark::State& state) {
  BigLog& log = Big();
  uint64_t index = 12345;
  for (auto _ : state) {
    TileReader reader(log.env.get(), log.dir, kBigLog);
    auto proof = InclusionProof(reader, index, kBigLog);
    if (!proof.ok()) state.SkipWithError("proof failed");
    benchmark::DoNotOptimize(proof);
    index = (index * 6364136223846793005ULL + 1442695040888963407ULL) % kBigLog;
  }
}
BENCHMARK(BM_InclusionProof10M)->Unit(benchmark::kMicrosecond);

void BM_ConsistencyProof10M(benchmark::State& state) {
  BigLog& log = Big();
  uint64_t old_size = 1234567;
  for (auto _ : state) {
    TileReader reader(log.env.get(), log.dir, kBigLog);
    auto proof = ConsistencyProof(reader, old_size, kBigLog);
    if (!proof.ok()) state.SkipWithError("proof failed");
    benchmark::DoNotOptimize(proof);
    old_size = 1 + (old_size * 6364136223846793005ULL + 1442695040888963407ULL) % (kBigLog - 1);
  }
}
BENCHMARK(BM_ConsistencyProof10M)->Unit(benchmark::kMicrosecond);

// Proof plus its verification against the root, as a client would do.
void BM_InclusionProveAndVerify10M(benchmark::State& state) {
  BigLog& log = Big();
  TileReader root_reader(log.env.get(), log.dir, kBigLog);
  const Hash root = *TreeHash(root_reader, kBigLog);
  const uint64_t index = 9'876'543;
  for (auto _ : state) {
    TileReader reader(log.env.get(), log.dir, kBigLog);
    auto proof = InclusionProof(reader, index, kBigLog);
    auto leaf = reader.ReadEntry(index);
    if (!proof.ok() || !leaf.ok() ||
        !VerifyInclusion(index, kBigLog, LeafHash(*leaf), *proof, root).ok()) {
      state.SkipWithError("verification failed");
    }
  }
}
BENCHMARK(BM_InclusionProveAndVerify10M)->Unit(benchmark::kMicrosecond);

// The tile check of `vka verify --quick` (VerifyTiles) on the 10M log:
// reads every entry bundle and tile, recomputes the tree and compares.
void BM_VerifyTiles10M(benchmark::State& state) {
  BigLog& log = Big();
  TileReader reader(log.env.get(), log.dir, kBigLog);
  const Hash root = *TreeHash(reader, kBigLog);
  for (auto _ : state) {
    if (!VerifyTiles(*log.env, log.dir, kBigLog, root).ok()) state.SkipWithError("verify failed");
  }
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(kBigLog) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyTiles10M)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace vka::evidence

BENCHMARK_MAIN();
