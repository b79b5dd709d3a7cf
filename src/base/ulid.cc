#include "base/ulid.h"

#include <openssl/rand.h>

#include <chrono>
#include <cstring>
#include <mutex>

namespace vka::base {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kUlidLength = 26;
constexpr size_t kRandomBytes = 10;

bool IsCrockford(char c) {
  return std::strchr(kAlphabet, c) != nullptr && c != '\0';
}

// Adds one to a big-endian 80-bit number; returns false on overflow.
bool Increment(uint8_t bytes[kRandomBytes]) {
  for (int i = kRandomBytes - 1; i >= 0; --i) {
    if (++bytes[i] != 0) return true;
  }
  return false;
}

}  // namespace

std::string MakeUlid(uint64_t unix_millis, const uint8_t random[10]) {
  // 128 bits: 48 time + 80 random, written as 26 base-32 digits (130 bits,
  // the top two are zero).
  uint8_t bits[16];
  for (int i = 0; i < 6; ++i) bits[i] = (unix_millis >> (8 * (5 - i))) & 0xff;
  std::memcpy(bits + 6, random, kRandomBytes);
  std::string out(kUlidLength, '0');
  for (size_t idx = 0; idx < kUlidLength; ++idx) {
    // Digit idx covers bits [130 - 5*(idx+1), 130 - 5*idx) of the number.
    int value = 0;
    for (int b = 0; b < 5; ++b) {
      int bit_pos = 129 - static_cast<int>(idx) * 5 - b;  // from the top
      value <<= 1;
      if (bit_pos < 128) {
        int byte = 15 - bit_pos / 8;
        value |= (bits[byte] >> (bit_pos % 8)) & 1;
      }
    }
    out[idx] = kAlphabet[value];
  }
  return out;
}

std::string NewUlid() {
  static std::mutex mu;
  static uint64_t last_millis = 0;
  static uint8_t last_random[kRandomBytes];
  const uint64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  std::lock_guard<std::mutex> lock(mu);
  if (now <= last_millis && Increment(last_random)) {
    return MakeUlid(last_millis, last_random);
  }
  last_millis = std::max(now, last_millis + (now <= last_millis ? 1 : 0));
  if (RAND_bytes(last_random, kRandomBytes) != 1) {
    // The OS random source failing is not recoverable for id generation.
    std::abort();
  }
  last_random[0] &= 0x7f;  // leave room to increment within a millisecond
  return MakeUlid(last_millis, last_random);
}

bool IsValidUlid(std::string_view text) {
  if (text.size() != kUlidLength) return false;
  if (text[0] < '0' || text[0] > '7') return false;
  for (char c : text) {
    if (!IsCrockford(c)) return false;
  }
  return true;
}

}  // namespace vka::base
