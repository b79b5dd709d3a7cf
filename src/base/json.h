#pragma once

// Strict JSON parsing and RFC 8785 (JCS) canonical serialisation. Record
// bodies are stored and hashed in canonical form (docs/formats/records.md).

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace vka::base {

using Json = nlohmann::json;

struct JsonLimits {
  size_t max_depth = 64;
  size_t max_bytes = 16 * 1024 * 1024;
};

// Parses one JSON text. Stricter than RFC 8259 parsers in common use: rejects
// duplicate object keys, invalid UTF-8, nesting deeper than limits.max_depth,
// texts over limits.max_bytes, NaN/Infinity and trailing content. Errors are
// kInvalidArgument with the byte offset and what was expected.
Result<Json> ParseJsonStrict(std::string_view text, JsonLimits limits = {});

// Serialises value per RFC 8785: object members sorted by UTF-16 code units,
// no whitespace, ECMAScript number formatting, minimal string escapes.
// Returns kInvalidArgument for a value JSON cannot represent (non-finite
// number). Never throws.
Result<std::string> CanonicalJson(const Json& value);

// Formats a finite double as ECMAScript Number.prototype.toString does.
std::string FormatEcmaNumber(double value);

}  // namespace vka::base
