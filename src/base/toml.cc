#include "base/toml.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "base/utf8.h"

namespace vka::base {
namespace {

// toml++ 3.3.0 (Debian's) reaches __builtin_unreachable, i.e. undefined
// behaviour, when it asks whether some non-ASCII code points are whitespace
// (upstream issues #190 and #295, fixed after 3.3.0 by PR #305). To keep that
// question away from it, the adapter moves every code point U+0080..U+FEFF to
// plane 15 (U+F0080..U+FFEFF, private use) before parsing and moves strings
// back afterwards. For the parser both are the same kind of character: not
// whitespace, allowed in strings and comments, not allowed in bare keys; and it
// counts columns in code points, so error positions do not change. Input that
// already holds plane-15 characters in that range is refused, so the mapping is
// reversible.
constexpr char32_t kShelterFirst = 0x80;
constexpr char32_t kShelterLast = 0xFEFF;
constexpr char32_t kShelterOffset = 0xF0000;

// Length of the sequence that starts with `lead`. REQUIRES: well-formed UTF-8.
size_t SequenceLength(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  return lead < 0xF0 ? 3 : 4;
}

// REQUIRES: `bytes` is one well-formed UTF-8 sequence.
char32_t Decode(std::string_view bytes) {
  constexpr std::array<uint8_t, 5> kLeadMask = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<uint8_t>(bytes[0]) & kLeadMask[bytes.size()];
  for (char c : bytes.substr(1)) cp = (cp << 6) | (static_cast<uint8_t>(c) & 0x3F);
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Applies `map` to every code point of well-formed UTF-8 `text`.
template <typename Map>
std::string MapCodePoints(std::string_view text, Map map) {
  std::string out;
  out.reserve(text.size() * 2);
  for (size_t i = 0; i < text.size();) {
    const size_t len = std::min(SequenceLength(static_cast<uint8_t>(text[i])), text.size() - i);
    if (len == 1) {
      out += text[i];
    } else {
      AppendUtf8(map(Decode(text.substr(i, len))), &out);
    }
    i += len;
  }
  return out;
}

bool IsShelteredCodePoint(char32_t cp) {
  return cp >= kShelterFirst + kShelterOffset && cp <= kShelterLast + kShelterOffset;
}

std::string Shelter(std::string_view text) {
  return MapCodePoints(text, [](char32_t cp) {
    return cp >= kShelterFirst && cp <= kShelterLast ? cp + kShelterOffset : cp;
  });
}

// The inverse of Shelter(); text that is not well-formed is returned as is.
std::string Unshelter(std::string_view text) {
  if (!base::IsValidUtf8(text)) return std::string(text);
  return MapCodePoints(
      text, [](char32_t cp) { return IsShelteredCodePoint(cp) ? cp - kShelterOffset : cp; });
}

// Moves every string value in `node` back out of plane 15.
void UnshelterStrings(toml::node& node) {
  if (toml::value<std::string>* value = node.as_string()) {
    value->get() = Unshelter(value->get());
  } else if (toml::table* table = node.as_table()) {
    for (auto&& [key, child] : *table) UnshelterStrings(child);
  } else if (toml::array* array = node.as_array()) {
    for (toml::node& child : *array) UnshelterStrings(child);
  }
}

Status PositionError(std::string_view origin, size_t line, size_t column, std::string_view what) {
  return InvalidArgumentError(std::string(origin) + ":" + std::to_string(line) + ":" +
                              std::to_string(column) + ": " + std::string(what));
}

// Refuses ill-formed UTF-8 and the plane-15 characters Shelter() uses.
Status CheckEncoding(std::string_view text, std::string_view origin) {
  size_t line = 1;
  size_t column = 1;
  const size_t invalid = base::FirstInvalidUtf8(text);
  for (size_t i = 0; i < text.size();) {
    if (i == invalid) return PositionError(origin, line, column, "invalid UTF-8");
    const size_t len = SequenceLength(static_cast<uint8_t>(text[i]));
    if (len == 4 && IsShelteredCodePoint(Decode(text.substr(i, len)))) {
      return PositionError(origin, line, column, "private-use character not allowed");
    }
    column = text[i] == '\n' ? 1 : column + 1;
    line += text[i] == '\n' ? 1 : 0;
    i += len;
  }
  return base::OkStatus();
}

}  // namespace

Result<toml::table> ParseToml(std::string_view text, std::string_view origin) {
  VKA_RETURN_IF_ERROR(CheckEncoding(text, origin));
  const std::string sheltered = Shelter(text);
  try {
    toml::table root = toml::parse(sheltered, origin);
    UnshelterStrings(root);
    return root;
  } catch (const toml::parse_error& e) {
    const toml::source_position& pos = e.source().begin;
    return PositionError(origin, pos.line, pos.column, Unshelter(e.description()));
  }
}


std::string TomlKeyText(const toml::key& key) { return Unshelter(key.str()); }

std::string TomlText(std::string_view text) { return Unshelter(text); }

namespace {

std::string Digits(unsigned value, size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

Status NodeError(std::string_view origin, const toml::node& node, std::string_view what) {
  const toml::source_position pos = node.source().begin;
  return InvalidArgumentError(std::string(origin) + ":" + std::to_string(pos.line) + ":" +
                              std::to_string(pos.column) + ": " + std::string(what));
}

}  // namespace

Result<Json> TomlToJson(const toml::node& node, std::string_view origin) {
  if (auto s = node.as_string()) return Json(s->get());
  if (auto i = node.as_integer()) return Json(i->get());
  if (auto b = node.as_boolean()) return Json(b->get());
  if (auto f = node.as_floating_point()) {
    if (!std::isfinite(f->get())) return NodeError(origin, node, "number is not finite");
    return Json(f->get());
  }
  if (auto d = node.as_date()) {
    const toml::date& date = d->get();
    return Json(Digits(date.year, 4) + "-" + Digits(date.month, 2) + "-" + Digits(date.day, 2));
  }
  if (auto a = node.as_array()) {
    Json out = Json::array();
    for (const toml::node& element : *a) {
      VKA_ASSIGN_OR_RETURN(Json value, TomlToJson(element, origin));
      out.push_back(std::move(value));
    }
    return out;
  }
  if (auto t = node.as_table()) {
    Json out = Json::object();
    for (const auto& [key, member] : *t) {
      VKA_ASSIGN_OR_RETURN(out[TomlKeyText(key)], TomlToJson(member, origin));
    }
    return out;
  }
  return NodeError(origin, node, "times are not supported here; write a string");
}

}  // namespace vka::base
