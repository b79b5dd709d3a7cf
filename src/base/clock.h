#pragma once

// Wall-clock time as text.

#include <cstdint>
#include <string>

namespace vka::base {

// The current UTC time as RFC 3339 with milliseconds: "2026-11-29T11:20:00.123Z".
// Honours $VKA_FAKE_NOW (returned verbatim) so that tests get stable output.
std::string NowRfc3339();

// Formats milliseconds since the Unix epoch as above.
std::string FormatRfc3339Millis(int64_t unix_millis);

}  // namespace vka::base
