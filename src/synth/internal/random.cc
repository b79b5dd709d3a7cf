#include "synth/internal/random.h"

#include <numeric>

#include "base/ulid.h"

namespace vka::synth::internal {

uint64_t Rng::Below(uint64_t n) {
  // Rejection sampling removes the modulo bias.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do {
    x = engine_();
  } while (x >= limit);
  return x % n;
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

double Rng::Unit() {
  constexpr double kTwoPowMinus53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine_() >> 11) * kTwoPowMinus53;
}

size_t Rng::Weighted(std::span<const double> weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double x = Unit() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;  // rounding at the top end
}

std::string IdFactory::Next(model::Kind kind) {
  constexpr size_t kRandomBytes = 10;
  uint8_t random[kRandomBytes];
  const uint64_t a = rng_.Next();
  const uint64_t b = rng_.Next();
  for (size_t i = 0; i < 8; ++i) random[i] = static_cast<uint8_t>(a >> (8 * i));
  random[8] = static_cast<uint8_t>(b);
  random[9] = static_cast<uint8_t>(b >> 8);
  std::string id(model::KindPrefix(kind));
  id += '_';
  id += base::MakeUlid(kEpochMillis + counter_++, random);
  return id;
}

}  // namespace vka::synth::internal
