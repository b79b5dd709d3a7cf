#pragma once

// Strict JSON parsing and RFC 8785 (JCS) canonical serialisation. Record
// bodies are stored and hashed in canonical form (docs/formats/records.md).

#include <cstddef>
#include <functional>
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

// Calls fn(path, value) for every string, boolean and number in a JSON
// text, without building a tree: path joins the object keys from the root
// with "." ("consent.withdrawn"); array elements share their array's path
// ("consent.scopes"); value is the string's text, "true"/"false", or the
// number as written. For reading stored bodies fast: checks syntax only
// (kInvalidArgument), not duplicate keys.
Status VisitJsonLeaves(std::string_view text,
                       const std::function<void(std::string_view path, std::string_view value)>& fn);

// Serialises value per RFC 8785: object members sorted by UTF-16 code units,
// no whitespace, ECMAScript number formatting, minimal string escapes.
// Returns kInvalidArgument for a value JSON cannot represent (non-finite
// number). Never throws.
Result<std::string> CanonicalJson(const Json& value);

// Formats a finite double as ECMAScript Number.prototype.toString does.
std::string FormatEcmaNumber(double value);

}  // namespace vka::base
