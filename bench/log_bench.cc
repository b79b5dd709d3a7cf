// Evidence log benchmarks (issue 3): bulk append in leaves/s and proof time
// from the tiles of a 10,000,000-leaf log on disk. The 10M log is built once
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

namespace vka::evidence {
namespace {

constexpr uint64_t kBigLog = 10'000'000;
constexpr uint64_t kBatch = 500'000;

std::string TempRoot() {
  const char* dir = std::getenv("VKA_BENCH_DIR");
  if (dir == nullptr) dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/vka_log_bench_" + std::to_string(::getpid());
}

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
// fsyncs of each batch (one LogEnv::WriteFiles call).
void BM_BulkAppend(benchmark::State& state) {
  std::unique_ptr<LogEnv> env = NewPosixLogEnv();
  const std::vector<std::string> entries = Entries(0, kBatch);
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = TempRoot() + "/append" + std::to_string(run++);
    auto writer = std::move(LogWriter::Open(env.get(), dir, 0)).value();
    state.ResumeTiming();
    if (!writer->Append(entries).ok()) state.SkipWithError("append failed");
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(kBatch) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BulkAppend)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

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

}  // namespace
}  // namespace vka::evidence

BENCHMARK_MAIN();
