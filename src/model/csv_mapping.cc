#include "model/csv_mapping.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "base/toml.h"
#include "base/utf8.h"

namespace vka::model {
namespace {

using base::Json;
using base::Result;
using base::Status;

constexpr int64_t kMaxSafeInteger = int64_t{1} << 53;  // schema: integers within +-2^53
constexpr size_t kMaxValueInMessage = 80;

constexpr std::array<std::pair<std::string_view, CellType>, 5> kCellTypes = {{
    {"string", CellType::kString},
    {"integer", CellType::kInteger},
    {"number", CellType::kNumber},
    {"boolean", CellType::kBoolean},
    {"json", CellType::kJson},
}};

constexpr std::array<std::pair<std::string_view, DateFormat>, 6> kDateFormats = {{
    {"EDTF", DateFormat::kEdtf},
    {"DD.MM.YYYY", DateFormat::kDayMonthYearDots},
    {"DD/MM/YYYY", DateFormat::kDayMonthYearSlash},
    {"MM/DD/YYYY", DateFormat::kMonthDayYearSlash},
    {"YYYY-MM-DD", DateFormat::kIso},
    {"YYYY", DateFormat::kYear},
}};

constexpr std::array<std::string_view, 5> kTopLevelKeys = {"kind", "id_column", "ignore_unmapped",
                                                           "defaults", "columns"};
constexpr std::array<std::string_view, 8> kColumnKeys = {
    "field", "value_key", "set", "values", "split", "type", "date_format", "ignore"};

bool IsIdColumn(const CsvMapping& mapping, std::string_view name) {
  return !mapping.id_column.empty() && name == mapping.id_column;
}

// Zero-padded decimal of a non-negative number.
std::string Digits(unsigned value, size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

// Replaces each ill-formed UTF-8 byte with U+FFFD, so that messages built
// from caller strings (headers, parser details) stay valid UTF-8: they end up
// in JSON responses.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  for (;;) {
    const size_t bad = base::FirstInvalidUtf8(text);
    out.append(text.substr(0, bad));
    if (bad == text.size()) return out;
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(bad + 1);
  }
}

Status InvalidRow(std::string_view message) {
  return base::InvalidArgumentError(ValidUtf8(message));
}

// ---- TOML adapter ----

Status NodeError(std::string_view origin, const toml::node& node, std::string_view what) {
  const toml::source_position pos = node.source().begin;
  return base::InvalidArgumentError(std::string(origin) + ":" + std::to_string(pos.line) + ":" +
                                    std::to_string(pos.column) + ": " + std::string(what));
}

Status KeyError(std::string_view origin, const toml::key& key, std::string_view what) {
  const toml::source_position pos = key.source().begin;
  return base::InvalidArgumentError(std::string(origin) + ":" + std::to_string(pos.line) + ":" +
                                    std::to_string(pos.column) + ": " + std::string(what));
}

Status CheckKeys(std::string_view origin, const toml::table& table,
                 std::span<const std::string_view> allowed, std::string_view where) {
  for (const auto& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), base::TomlKeyText(key)) == allowed.end()) {
      return KeyError(origin, key,
                      std::string(where) + "unknown key \"" + base::TomlKeyText(key) + "\"");
    }
  }
  return base::OkStatus();
}

Result<std::string> StringAt(std::string_view origin, const toml::table& table,
                             std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::string();
  if (!node->is_string()) return NodeError(origin, *node, std::string(key) + " must be a string");
  return node->as_string()->get();
}

Result<bool> BoolAt(std::string_view origin, const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return false;
  if (!node->is_boolean()) return NodeError(origin, *node, std::string(key) + " must be a boolean");
  return node->as_boolean()->get();
}

// ---- Target paths ----

struct Target {
  const FieldSpec* spec = nullptr;  // the last member of the path
  std::vector<std::string> path;
  bool append = false;
};

const FieldSpec* FindMember(const FieldSpec& parent, std::string_view name) {
  for (const FieldSpec& member : parent.members) {
    if (member.name == name) return &member;
  }
  return nullptr;
}

// Splits "consent.scopes" / "names[]" and checks each step against the
// schema. Returns the reason (without position) on failure.
Result<Target> ResolveTarget(Kind kind, std::string_view field) {
  Target target;
  std::string_view rest = field;
  if (rest.size() >= 2 && rest.substr(rest.size() - 2) == "[]") {
    target.append = true;
    rest.remove_suffix(2);
  }
  const FieldSpec* parent = nullptr;
  for (;;) {
    const size_t dot = rest.find('.');
    std::string_view name = rest.substr(0, dot);
    if (name.empty() || name.find_first_of("[]") != std::string_view::npos) {
      return base::InvalidArgumentError("malformed target path");
    }
    const FieldSpec* spec = parent == nullptr ? FindField(kind, name) : FindMember(*parent, name);
    if (spec == nullptr)
      return base::InvalidArgumentError("no such field in " + std::string(KindName(kind)));
    target.path.emplace_back(name);
    target.spec = spec;
    if (dot == std::string_view::npos) break;
    if (spec->type != FieldType::kObject || spec->repeated) {
      return base::InvalidArgumentError("\"" + std::string(name) +
                                        "\" is not a single object; to fill elements of a repeated "
                                        "field use \"" +
                                        std::string(name) + "[]\" with value_key and set");
    }
    parent = spec;
    rest.remove_prefix(dot + 1);
  }
  if (target.append && !target.spec->repeated) {
    return base::InvalidArgumentError("\"[]\" needs a repeated field");
  }
  if (target.path.size() == 1 && target.path[0] == "id") {
    return base::InvalidArgumentError("ids come from id_column, not from a column table");
  }
  if (target.path.size() == 1 && target.path[0] == "kind" && target.append) {
    return base::InvalidArgumentError("malformed target path");
  }
  return target;
}

CellType DerivedType(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
      return CellType::kInteger;
    case FieldType::kNumber:
      return CellType::kNumber;
    case FieldType::kBoolean:
      return CellType::kBoolean;
    case FieldType::kObject:
      return CellType::kJson;
    default:
      return CellType::kString;
  }
}

// ---- Column tables ----

std::string ColumnPrefix(std::string_view column) {
  return "column \"" + std::string(column) + "\": ";
}

// The spec each single value goes into: the member value_key of an appended
// object, an element of a repeated field, or the field itself.
Status ResolveValueSpec(std::string_view origin, const toml::table& table, ColumnMapping& col,
                        const FieldSpec& spec, const FieldSpec*& value_spec) {
  value_spec = &spec;
  if (col.value_key.empty()) return base::OkStatus();
  const std::string prefix = ColumnPrefix(col.column);
  if (!col.append || spec.type != FieldType::kObject) {
    return NodeError(origin, *table.get("value_key"),
                     prefix + "value_key needs a \"field[]\" target whose elements are objects");
  }
  value_spec = FindMember(spec, col.value_key);
  if (value_spec == nullptr) {
    return NodeError(origin, *table.get("value_key"),
                     prefix + "\"" + col.value_key + "\" is not a member of " + col.field);
  }
  return base::OkStatus();
}

Status ParseSet(std::string_view origin, const toml::table& table, ColumnMapping& col,
                const FieldSpec& spec) {
  const toml::node* node = table.get("set");
  if (node == nullptr) return base::OkStatus();
  const std::string prefix = ColumnPrefix(col.column);
  if (!node->is_table()) return NodeError(origin, *node, prefix + "set must be a table");
  if (col.value_key.empty()) return NodeError(origin, *node, prefix + "set needs value_key");
  for (const auto& [key, member] : *node->as_table()) {
    if (FindMember(spec, base::TomlKeyText(key)) == nullptr || base::TomlKeyText(key) == col.value_key) {
      return KeyError(
          origin, key,
          prefix + "set: \"" + base::TomlKeyText(key) + "\" is not another member of " + col.field);
    }
  }
  VKA_ASSIGN_OR_RETURN(col.set, base::TomlToJson(*node, origin));
  return base::OkStatus();
}

Status ParseValues(std::string_view origin, const toml::table& table, ColumnMapping& col) {
  const toml::node* node = table.get("values");
  if (node == nullptr) return base::OkStatus();
  const std::string prefix = ColumnPrefix(col.column);
  if (!node->is_table()) return NodeError(origin, *node, prefix + "values must be a table");
  for (const auto& [key, value] : *node->as_table()) {
    if (!value.is_string()) return NodeError(origin, value, prefix + "values must map to strings");
    col.values.emplace(base::TomlKeyText(key), value.as_string()->get());
  }
  return base::OkStatus();
}

template <typename T, size_t N>
Result<T> LookUpName(std::string_view origin, const toml::node& node,
                     const std::array<std::pair<std::string_view, T>, N>& names,
                     std::string_view what, const std::string& prefix, std::string_view text) {
  std::string valid;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    valid += (valid.empty() ? "" : ", ") + std::string(name);
  }
  return NodeError(origin, node,
                   prefix + "unknown " + std::string(what) + " \"" + std::string(text) +
                       "\" (valid: " + valid + ")");
}

Status ParseConversion(std::string_view origin, const toml::table& table, ColumnMapping& col,
                       const FieldSpec& value_spec) {
  const std::string prefix = ColumnPrefix(col.column);
  VKA_ASSIGN_OR_RETURN(col.split, StringAt(origin, table, "split"));
  if (table.contains("split") && col.split.empty()) {
    return NodeError(origin, *table.get("split"), prefix + "split must not be empty");
  }
  if (!col.split.empty() && !col.repeated) {
    return NodeError(origin, *table.get("split"),
                     prefix + "split needs a repeated field or a \"field[]\" target");
  }
  const bool single = col.append || !col.repeated || !col.split.empty();
  col.type = single ? DerivedType(value_spec.type) : CellType::kJson;
  col.is_date = single && value_spec.type == FieldType::kDate;
  VKA_ASSIGN_OR_RETURN(std::string type, StringAt(origin, table, "type"));
  if (!type.empty()) {
    VKA_ASSIGN_OR_RETURN(col.type,
                         LookUpName(origin, *table.get("type"), kCellTypes, "type", prefix, type));
  }
  col.is_date = col.is_date && col.type == CellType::kString;
  VKA_ASSIGN_OR_RETURN(std::string format, StringAt(origin, table, "date_format"));
  if (format.empty()) return base::OkStatus();
  const toml::node& node = *table.get("date_format");
  VKA_ASSIGN_OR_RETURN(col.date_format,
                       LookUpName(origin, node, kDateFormats, "date_format", prefix, format));
  if (!col.is_date) {
    return NodeError(origin, node, prefix + "date_format needs a single date field of type string");
  }
  return base::OkStatus();
}

Result<ColumnMapping> ParseColumn(std::string_view origin, Kind kind, std::string_view name,
                                  const toml::node& node) {
  ColumnMapping col;
  col.column = std::string(name);
  const std::string prefix = ColumnPrefix(name);
  if (!node.is_table()) return NodeError(origin, node, prefix + "must be a table");
  const toml::table& table = *node.as_table();
  VKA_RETURN_IF_ERROR(CheckKeys(origin, table, kColumnKeys, prefix));
  VKA_ASSIGN_OR_RETURN(col.ignore, BoolAt(origin, table, "ignore"));
  if (col.ignore) {
    if (table.size() > 1)
      return NodeError(origin, node, prefix + "ignore = true takes no other keys");
    return col;
  }
  if (!table.contains("field")) return NodeError(origin, node, prefix + "missing field");
  VKA_ASSIGN_OR_RETURN(col.field, StringAt(origin, table, "field"));
  Result<Target> target = ResolveTarget(kind, col.field);
  if (!target.ok()) {
    return NodeError(origin, *table.get("field"),
                     prefix + "field \"" + col.field + "\": " + target.status().message());
  }
  col.path = target->path;
  col.append = target->append;
  col.repeated = target->spec->repeated;
  col.check_kind = col.path.size() == 1 && col.path[0] == "kind";
  VKA_ASSIGN_OR_RETURN(col.value_key, StringAt(origin, table, "value_key"));
  const FieldSpec* value_spec = nullptr;
  VKA_RETURN_IF_ERROR(ResolveValueSpec(origin, table, col, *target->spec, value_spec));
  VKA_RETURN_IF_ERROR(ParseSet(origin, table, col, *target->spec));
  VKA_RETURN_IF_ERROR(ParseValues(origin, table, col));
  VKA_RETURN_IF_ERROR(ParseConversion(origin, table, col, *value_spec));
  return col;
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

Status ParseColumns(std::string_view origin, const toml::table& root, CsvMapping& mapping) {
  const toml::node* node = root.get("columns");
  if (node == nullptr) return base::OkStatus();
  if (!node->is_table()) return NodeError(origin, *node, "columns must be a table");
  std::map<std::string, std::string> single_targets;  // path -> column
  for (const auto& [key, column_node] : *node->as_table()) {
    VKA_ASSIGN_OR_RETURN(ColumnMapping col,
                         ParseColumn(origin, mapping.kind, base::TomlKeyText(key), column_node));
    if (IsIdColumn(mapping, col.column)) {
      return NodeError(origin, column_node, ColumnPrefix(col.column) + "is the id_column");
    }
    const bool single = !col.ignore && !col.append && !col.repeated;
    if (single) {
      auto [it, inserted] = single_targets.emplace(JoinPath(col.path), col.column);
      if (!inserted) {
        return NodeError(origin, column_node,
                         ColumnPrefix(col.column) + "field " + col.field +
                             " is already written by column \"" + it->second + "\"");
      }
    }
    mapping.columns.push_back(std::move(col));
  }
  std::sort(mapping.columns.begin(), mapping.columns.end(),
            [](const ColumnMapping& a, const ColumnMapping& b) { return a.column < b.column; });
  return base::OkStatus();
}

Status ParseDefaults(std::string_view origin, const toml::table& root, CsvMapping& mapping) {
  const toml::node* node = root.get("defaults");
  if (node == nullptr) return base::OkStatus();
  if (!node->is_table()) return NodeError(origin, *node, "defaults must be a table");
  for (const auto& [key, value] : *node->as_table()) {
    const std::string name(base::TomlKeyText(key));
    if (FindField(mapping.kind, name) == nullptr || name == "id" || name == "kind") {
      return KeyError(origin, key,
                      "defaults: \"" + name + "\" is not a field of " +
                          std::string(KindName(mapping.kind)) + " that can have a default");
    }
    VKA_ASSIGN_OR_RETURN(mapping.defaults[name], base::TomlToJson(value, origin));
  }
  return base::OkStatus();
}

Result<CsvMapping> BuildMapping(std::string_view origin, const toml::table& root) {
  VKA_RETURN_IF_ERROR(CheckKeys(origin, root, kTopLevelKeys, ""));
  CsvMapping mapping;
  const toml::node* kind_node = root.get("kind");
  if (kind_node == nullptr) {
    return base::InvalidArgumentError(std::string(origin) + ": missing kind");
  }
  VKA_ASSIGN_OR_RETURN(std::string kind_name, StringAt(origin, root, "kind"));
  Result<Kind> kind = ParseKindName(kind_name);
  if (!kind.ok()) return NodeError(origin, *kind_node, kind.status().message());
  mapping.kind = *kind;
  VKA_ASSIGN_OR_RETURN(mapping.id_column, StringAt(origin, root, "id_column"));
  VKA_ASSIGN_OR_RETURN(mapping.ignore_unmapped, BoolAt(origin, root, "ignore_unmapped"));
  VKA_RETURN_IF_ERROR(ParseDefaults(origin, root, mapping));
  VKA_RETURN_IF_ERROR(ParseColumns(origin, root, mapping));
  return mapping;
}

// ---- Cell conversion ----

std::string Quoted(std::string_view value) {
  std::string shown(value.substr(0, kMaxValueInMessage));
  std::string out = Json(shown).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (value.size() > kMaxValueInMessage) out += "...";
  return out;
}

Status CellError(const ColumnMapping& col, std::string_view value, std::string_view what) {
  return InvalidRow("column \"" + col.column + "\" (field " + col.field + "): " + Quoted(value) +
                    " " + std::string(what));
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Parses three numbers separated by `sep` in the given order ('D', 'M',
// 'Y'); day and month take one or two digits, the year four. Returns
// "YYYY-MM-DD" or "" when the text does not fit or the day does not exist.
std::string ParseDayMonthYear(std::string_view text, char sep, std::string_view order) {
  int day = 0, month = 0, year = 0;
  for (size_t part_idx = 0; part_idx < 3; ++part_idx) {
    const size_t end = part_idx < 2 ? text.find(sep) : text.size();
    if (end == std::string_view::npos) return "";
    const std::string_view part = text.substr(0, end);
    const bool is_year = order[part_idx] == 'Y';
    if (!AllDigits(part) || (is_year ? part.size() != 4 : part.size() > 2)) return "";
    int value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    (is_year ? year : order[part_idx] == 'M' ? month : day) = value;
    text.remove_prefix(part_idx < 2 ? end + 1 : end);
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return "";
  return Digits(year, 4) + "-" + Digits(month, 2) + "-" + Digits(day, 2);
}

std::string ConvertDate(std::string_view text, DateFormat format) {
  switch (format) {
    case DateFormat::kEdtf:
      return std::string(text);
    case DateFormat::kDayMonthYearDots:
      return ParseDayMonthYear(text, '.', "DMY");
    case DateFormat::kDayMonthYearSlash:
      return ParseDayMonthYear(text, '/', "DMY");
    case DateFormat::kMonthDayYearSlash:
      return ParseDayMonthYear(text, '/', "MDY");
    case DateFormat::kIso:
      return ParseDayMonthYear(text, '-', "YMD");
    case DateFormat::kYear:
      return AllDigits(text) && text.size() == 4 ? std::string(text) : "";
  }
  return "";
}

Result<Json> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return base::InvalidArgumentError("is not an integer");
  }
  if (value > kMaxSafeInteger || value < -kMaxSafeInteger) {
    return base::InvalidArgumentError("is outside the integer range +-2^53");
  }
  return Json(value);
}

Result<Json> ParseNumber(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return base::InvalidArgumentError("is not a finite number");
  }
  return Json(value);
}

Result<Json> ParseBoolean(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (lower == "true" || lower == "yes" || lower == "1") return Json(true);
  if (lower == "false" || lower == "no" || lower == "0") return Json(false);
  return base::InvalidArgumentError("is not a boolean (true/false, yes/no, 1/0)");
}

Result<Json> ConvertValue(const ColumnMapping& col, std::string_view text) {
  if (col.is_date) {
    std::string date = ConvertDate(text, col.date_format);
    if (date.empty()) {
      return CellError(col, text,
                       "is not a date in format " + std::string(DateFormatName(col.date_format)));
    }
    return Json(std::move(date));
  }
  Result<Json> value = Json(std::string(text));
  switch (col.type) {
    case CellType::kString:
      break;
    case CellType::kInteger:
      value = ParseInteger(text);
      break;
    case CellType::kNumber:
      value = ParseNumber(text);
      break;
    case CellType::kBoolean:
      value = ParseBoolean(text);
      break;
    case CellType::kJson: {
      value = base::ParseJsonStrict(text);
      if (!value.ok())
        value = base::InvalidArgumentError("is not JSON text: " + value.status().message());
      break;
    }
  }
  if (!value.ok()) return CellError(col, text, value.status().message());
  return value;
}

// ---- Placing values in the body ----

std::vector<std::string_view> CellValues(const ColumnMapping& col, std::string_view cell) {
  if (col.split.empty()) return {cell};
  std::vector<std::string_view> out;
  for (;;) {
    const size_t end = cell.find(col.split);
    std::string_view piece = cell.substr(0, end);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) return out;
    cell.remove_prefix(end + col.split.size());
  }
}

std::string_view MapValue(const ColumnMapping& col, std::string_view value) {
  auto it = col.values.find(value);
  return it == col.values.end() ? value : std::string_view(it->second);
}

Status Conflict(const ColumnMapping& col) {
  return base::InvalidArgumentError("column \"" + col.column + "\" (field " + col.field +
                                    "): conflicts with another value of the same field");
}

Status Place(const ColumnMapping& col, std::vector<Json> values, Json& body) {
  Json* object = &body;
  for (size_t part_idx = 0; part_idx + 1 < col.path.size(); ++part_idx) {
    Json& child = (*object)[col.path[part_idx]];
    if (child.is_null()) child = Json::object();
    if (!child.is_object()) return Conflict(col);
    object = &child;
  }
  Json& target = (*object)[col.path.back()];
  const bool elements =
      col.append || (col.repeated && (!col.split.empty() || col.type != CellType::kJson));
  if (!elements) {
    target = std::move(values.front());
    return base::OkStatus();
  }
  if (target.is_null()) target = Json::array();
  if (!target.is_array()) return Conflict(col);
  for (Json& value : values) {
    if (col.value_key.empty()) {
      target.push_back(std::move(value));
      continue;
    }
    Json element = col.set;
    element[col.value_key] = std::move(value);
    target.push_back(std::move(element));
  }
  return base::OkStatus();
}

Status ApplyCell(const CsvMapping& mapping, const ColumnMapping& col, std::string_view cell,
                 Json& body) {
  std::vector<Json> values;
  for (std::string_view piece : CellValues(col, cell)) {
    const std::string_view text = MapValue(col, piece);
    if (text.empty()) continue;
    if (col.check_kind) {
      if (text != KindName(mapping.kind)) {
        return CellError(
            col, text, "is not the mapping's kind \"" + std::string(KindName(mapping.kind)) + "\"");
      }
      continue;
    }
    VKA_ASSIGN_OR_RETURN(Json value, ConvertValue(col, text));
    values.push_back(std::move(value));
  }
  if (values.empty()) return base::OkStatus();
  return Place(col, std::move(values), body);
}

const ColumnMapping* FindColumn(const CsvMapping& mapping, std::string_view name) {
  auto it =
      std::lower_bound(mapping.columns.begin(), mapping.columns.end(), name,
                       [](const ColumnMapping& c, std::string_view n) { return c.column < n; });
  if (it == mapping.columns.end() || it->column != name) return nullptr;
  return &*it;
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

}  // namespace

std::string_view DateFormatName(DateFormat format) {
  for (const auto& [name, value] : kDateFormats) {
    if (value == format) return name;
  }
  return "EDTF";
}

Result<CsvMapping> ParseCsvMapping(std::string_view toml_text, std::string_view origin) {
  VKA_ASSIGN_OR_RETURN(toml::table root, base::ParseToml(toml_text, origin));
  return BuildMapping(origin, root);
}

CsvMapping DefaultCsvMapping(Kind kind, const std::vector<std::string>& header) {
  CsvMapping mapping;
  mapping.kind = kind;
  for (const std::string& name : header) {
    const FieldSpec* spec = FindField(kind, name);
    if (name == "id") {
      mapping.id_column = name;
      continue;
    }
    if (spec == nullptr || FindColumn(mapping, name) != nullptr) continue;
    ColumnMapping col{.column = name, .field = name, .path = {name}};
    col.repeated = spec->repeated;
    col.check_kind = name == "kind";
    col.type = spec->repeated ? CellType::kJson : DerivedType(spec->type);
    col.is_date = !spec->repeated && spec->type == FieldType::kDate;
    auto at =
        std::lower_bound(mapping.columns.begin(), mapping.columns.end(), name,
                         [](const ColumnMapping& c, std::string_view n) { return c.column < n; });
    mapping.columns.insert(at, std::move(col));
  }
  return mapping;
}

Status CheckHeader(const CsvMapping& mapping, const std::vector<std::string>& header) {
  std::set<std::string_view> seen;
  std::vector<std::string> repeated, missing, unmapped;
  for (const std::string& name : header) {
    if (!seen.insert(name).second) repeated.push_back(name);
    if (!IsIdColumn(mapping, name) && FindColumn(mapping, name) == nullptr) {
      unmapped.push_back(name);
    }
  }
  for (const ColumnMapping& col : mapping.columns) {
    if (seen.count(col.column) == 0) missing.push_back(col.column);
  }
  if (!repeated.empty()) {
    return InvalidRow("header repeats column(s) " + QuotedList(repeated));
  }
  if (!missing.empty()) {
    return InvalidRow("header lacks mapped column(s) " + QuotedList(missing));
  }
  if (!unmapped.empty() && !mapping.ignore_unmapped) {
    return InvalidRow(
        "header column(s) " + QuotedList(unmapped) +
        " are not mapped (map them, give them ignore = true, or set ignore_unmapped = true)");
  }
  return base::OkStatus();
}

Result<Json> RowToRecord(const CsvMapping& mapping, const std::vector<std::string>& header,
                         const std::vector<std::string>& row) {
  VKA_RETURN_IF_ERROR(CheckHeader(mapping, header));
  if (row.size() != header.size()) {
    return base::InvalidArgumentError("row has " + std::to_string(row.size()) +
                                      " cells but the header has " + std::to_string(header.size()) +
                                      " columns");
  }
  Json body = mapping.defaults;
  body["kind"] = std::string(KindName(mapping.kind));
  for (size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const std::string& name = header[column_idx];
    const std::string& cell = row[column_idx];
    if (cell.empty()) continue;
    if (!base::IsValidUtf8(cell)) {
      return InvalidRow("column \"" + name + "\": cell is not valid UTF-8");
    }
    if (IsIdColumn(mapping, name)) {
      body["id"] = cell;
      continue;
    }
    const ColumnMapping* col = FindColumn(mapping, name);
    if (col == nullptr || col->ignore) continue;
    VKA_RETURN_IF_ERROR(ApplyCell(mapping, *col, cell, body));
  }
  return body;
}

}  // namespace vka::model
