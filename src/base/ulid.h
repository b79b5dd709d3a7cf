#pragma once

// ULIDs (https://github.com/ulid/spec): 48-bit millisecond timestamp plus 80
// random bits, 26 Crockford base-32 characters, lexicographically sortable.

#include <cstdint>
#include <string>
#include <string_view>

namespace vka::base {

// Returns a new ULID for the current time. Monotonic within one process:
// two ULIDs made in the same millisecond still sort in creation order.
// Thread-safe.
std::string NewUlid();

// Returns the ULID for a given time and 80 bits of randomness (for tests).
std::string MakeUlid(uint64_t unix_millis, const uint8_t random[10]);

// True when text is 26 Crockford base-32 characters (upper case) whose first
// character is 0-7.
bool IsValidUlid(std::string_view text);

}  // namespace vka::base
