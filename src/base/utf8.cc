#include "base/utf8.h"

#include <cstdint>

namespace vka::base {
namespace {

// Returns the length of the well-formed sequence at text[i], or 0 if none
// (Unicode Table 3-7, "Well-Formed UTF-8 Byte Sequences").
size_t SequenceLength(std::string_view text, size_t i, char32_t* cp) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(text[i + k]); };
  const size_t left = text.size() - i;
  const uint8_t b0 = b(0);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return k < left && b(k) >= lo && b(k) <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
    *cp = ((b0 & 0x1F) << 6) | (b(1) & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;
    uint8_t hi = b0 == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2)) {
      *cp = ((b0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      return 3;
    }
    return 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    uint8_t lo = b0 == 0xF0 ? 0x90 : 0x80;
    uint8_t hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2) && cont(3)) {
      *cp = ((b0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
            (b(3) & 0x3F);
      return 4;
    }
  }
  return 0;
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  char32_t cp;
  while (i < text.size()) {
    // Fast path for ASCII runs.
    if (static_cast<uint8_t>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = SequenceLength(text, i, &cp);
    if (len == 0) return i;
    i += len;
  }
  return text.size();
}

std::string SanitizeUtf8(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  char32_t cp;
  while (i < text.size()) {
    size_t len = SequenceLength(text, i, &cp);
    if (len == 0) {
      const auto b = static_cast<uint8_t>(text[i]);
      out += "\\x";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xf]);
      len = 1;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == text.size(); }

std::u16string Utf16Units(std::string_view text) {
  std::u16string out;
  out.reserve(text.size());
  size_t i = 0;
  char32_t cp = 0;
  while (i < text.size()) {
    size_t len = SequenceLength(text, i, &cp);
    if (len == 0) {  // contract violation; keep going deterministically
      cp = 0xFFFD;
      len = 1;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

}  // namespace vka::base
