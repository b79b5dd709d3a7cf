#pragma once

// UTF-8 validation and small Unicode helpers.

#include <cstddef>
#include <string>
#include <string_view>

namespace vka::base {

// True when text is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Byte offset of the first ill-formed sequence, or text.size() when valid.
size_t FirstInvalidUtf8(std::string_view text);

// Returns text with every ill-formed byte replaced by "\xNN" (for messages
// that quote input: they must stay valid UTF-8).
std::string SanitizeUtf8(std::string_view text);

// REQUIRES: IsValidUtf8(text). Returns the UTF-16 code units of text.
std::u16string Utf16Units(std::string_view text);

}  // namespace vka::base
