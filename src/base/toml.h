#pragma once

// The one adapter through which vka parses TOML (vka.toml, vocabularies,
// CSV mappings, linkage configurations). toml++ throws and, in the version
// Debian ships (3.3.0), reaches undefined behaviour on some non-ASCII text;
// this adapter returns a Status and keeps such text away from the flaw
// (toml.cc explains how).

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "base/json.h"
#include "base/status.h"

namespace vka::base {

// Parses a TOML document. String values come back as written. Returns
// kInvalidArgument "<origin>:<line>:<column>: <what>" for malformed TOML,
// ill-formed UTF-8, or private-use characters U+F0080..U+FFEFF (reserved by
// the workaround). Thread-safe.
Result<toml::table> ParseToml(std::string_view text, std::string_view origin);

// The text of a key of a table returned by ParseToml. Keys are not restored
// in place: read them through this function.
std::string TomlKeyText(const toml::key& key);

// The same for any other text taken from the parsed document other than
// string values (for example a parse error's description).
std::string TomlText(std::string_view text);

// Converts a parsed TOML value to JSON: strings, integers, booleans, finite
// floats, arrays and tables (keys through TomlKeyText); a local date becomes
// "YYYY-MM-DD". kInvalidArgument "<origin>:<line>:<column>: ..." for an
// infinite or NaN float or a time value.
Result<Json> TomlToJson(const toml::node& node, std::string_view origin);

}  // namespace vka::base
