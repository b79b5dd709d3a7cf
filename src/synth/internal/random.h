#pragma once

// Portable seeded randomness for the synthetic-data generators. The
// std:: distributions are implementation-defined, so the same seed would give
// different data under another standard library; everything here is built on
// the raw 64-bit output of std::mt19937_64, which the standard fixes exactly.

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>

#include "model/kinds.h"

namespace vka::synth::internal {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform integer in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n);
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  // Uniform double in [0, 1), 53 bits.
  double Unit();
  // True with probability p.
  bool Chance(double p) { return Unit() < p; }
  // Index drawn with probability proportional to weights[i].
  // REQUIRES: weights non-empty, all >= 0, sum > 0.
  size_t Weighted(std::span<const double> weights);

  template <typename T>
  const T &Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// Deterministic record ids: "<prefix>_<ULID>" whose time part is a fixed
// epoch plus a counter (so ids sort in creation order) and whose random part
// comes from the generator.
class IdFactory {
 public:
  // 2024-01-01T00:00:00Z: a fixed, obviously synthetic creation time.
  static constexpr uint64_t kEpochMillis = 1704067200000;

  explicit IdFactory(uint64_t seed) : rng_(seed) {}
  std::string Next(model::Kind kind);

 private:
  Rng rng_;
  uint64_t counter_ = 0;
};

}  // namespace vka::synth::internal
