#pragma once

// Standard base64 (RFC 4648 §4, with padding) through libsodium.

#include <optional>
#include <string>
#include <string_view>

namespace vka::evidence::internal {

std::string Base64Encode(std::string_view bytes);
// The decoded bytes, or nullopt unless `text` is canonical padded base64
// with nothing else (no whitespace).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace vka::evidence::internal
