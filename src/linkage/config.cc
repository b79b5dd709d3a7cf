#include "linkage/config.h"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "linkage/comparators.h"

namespace vka::linkage {
namespace {

constexpr std::array<std::pair<FieldKind, const char*>, 7> kKindNames = {{
    {FieldKind::kName, "name"},
    {FieldKind::kPatronymic, "patronymic"},
    {FieldKind::kString, "string"},
    {FieldKind::kNumber, "number"},
    {FieldKind::kExact, "exact"},
    {FieldKind::kDate, "date"},
    {FieldKind::kText, "text"},
}};

constexpr std::array<std::pair<BlockTransform, const char*>, 5> kTransformNames = {{
    {BlockTransform::kValue, "value"},
    {BlockTransform::kKey, "key"},
    {BlockTransform::kYear, "year"},
    {BlockTransform::kInitial, "initial"},
    {BlockTransform::kSortedKeys, "sorted_keys"},
}};

// Columns that describe where a record comes from, not who it is.
constexpr std::array<std::string_view, 7> kIgnoredColumns = {
    "list", "source", "input", "script", "entity_id", "cluster_id", "latent_class"};
constexpr std::array<std::string_view, 5> kIdColumns = {"record_id", "rec_id", "id", "recid",
                                                        "record"};
constexpr size_t kSampleRows = 2000;
constexpr double kDateShare = 0.8;    // share of values that parse as dates
constexpr double kDigitShare = 0.9;   // share of values that are digits
constexpr size_t kSmallVocabulary = 20;
constexpr double kIdentifierDistinct = 0.3;  // distinct / non-empty for id-like numbers
constexpr double kTextWords = 2.5;           // mean words per value for free text

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

struct ColumnStats {
  size_t non_empty = 0;
  size_t distinct = 0;
  size_t dates = 0;
  size_t digits = 0;
  size_t words = 0;
};

ColumnStats Describe(const Table& table, int col) {
  ColumnStats s;
  std::unordered_set<std::string> seen;
  size_t rows = std::min(table.rows.size(), kSampleRows);
  for (size_t r = 0; r < rows; ++r) {
    std::string v = Trim(table.rows[r][col]);
    if (v.empty()) continue;
    ++s.non_empty;
    seen.insert(v);
    if (ParseDateValue(v)) ++s.dates;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) ++s.digits;
    s.words += 1 + std::count(v.begin(), v.end(), ' ');
  }
  s.distinct = seen.size();
  return s;
}

bool AllUnique(const Table& table, int col) {
  std::unordered_set<std::string> seen;
  for (const auto& row : table.rows) {
    if (row[col].empty() || !seen.insert(row[col]).second) return false;
  }
  return true;
}

base::Result<std::string> FindIdColumn(const Table& table) {
  for (std::string_view want : kIdColumns) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (Lower(Trim(table.columns[c])) == want && AllUnique(table, static_cast<int>(c))) {
        return table.columns[c];
      }
    }
  }
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (AllUnique(table, static_cast<int>(c))) return table.columns[c];
  }
  return base::InvalidArgumentError(
      "no id column: name one (record_id, rec_id, id) with a unique value in every row");
}

// The kind a column's name suggests, or nullopt to decide from the data.
enum class Role { kNone, kGiven, kFamily, kMaiden, kPatronymic, kDate, kSex, kPlace };

Role RoleOf(const std::string& raw) {
  std::string n = Lower(Trim(raw));
  if (Contains(n, "maiden")) return Role::kMaiden;
  if (Contains(n, "patronym") || Contains(n, "father")) return Role::kPatronymic;
  if (Contains(n, "given") || Contains(n, "first") || Contains(n, "forename")) return Role::kGiven;
  if (Contains(n, "surname") || Contains(n, "family") || Contains(n, "last_name") ||
      Contains(n, "lastname")) {
    return Role::kFamily;
  }
  if (Contains(n, "place") || Contains(n, "address") || Contains(n, "suburb") ||
      Contains(n, "city") || Contains(n, "street") || Contains(n, "village")) {
    return Role::kPlace;
  }
  if (Contains(n, "date") || Contains(n, "dob") || Contains(n, "birth")) return Role::kDate;
  if (n == "sex" || n == "gender") return Role::kSex;
  return Role::kNone;
}

FieldKind KindFromData(const ColumnStats& s) {
  if (s.non_empty == 0) return FieldKind::kExact;
  double n = static_cast<double>(s.non_empty);
  if (s.digits >= kDigitShare * n) {
    return s.distinct <= kSmallVocabulary ? FieldKind::kExact : FieldKind::kNumber;
  }
  if (s.distinct <= kSmallVocabulary) return FieldKind::kExact;
  if (static_cast<double>(s.words) / n >= kTextWords) return FieldKind::kText;
  return FieldKind::kString;
}

BlockPart Part(const std::string& column, BlockTransform t, std::string column2 = "") {
  return BlockPart{column, t, std::move(column2)};
}

void AddBlockingRules(LinkConfig& c, const std::string& given, const std::string& family,
                      const std::string& patronymic, const std::string& maiden,
                      const std::string& date, const std::vector<std::string>& identifiers) {
  auto rule = [&](std::vector<BlockPart> parts) { c.blocking.push_back({std::move(parts)}); };
  using T = BlockTransform;
  if (!given.empty() && !family.empty()) rule({Part(given, T::kSortedKeys, family)});
  if (!family.empty() && !date.empty()) rule({Part(family, T::kKey), Part(date, T::kYear)});
  if (!given.empty() && !date.empty()) rule({Part(given, T::kKey), Part(date, T::kYear)});
  if (!given.empty() && !family.empty() && !date.empty()) {
    rule({Part(given, T::kInitial), Part(family, T::kInitial), Part(date, T::kValue)});
  }
  if (!patronymic.empty() && !family.empty()) {
    rule({Part(patronymic, T::kKey), Part(family, T::kKey)});
  }
  if (!patronymic.empty() && !given.empty()) {
    rule({Part(patronymic, T::kKey), Part(given, T::kKey)});
  }
  if (!maiden.empty() && !given.empty()) rule({Part(maiden, T::kKey), Part(given, T::kKey)});
  if (!maiden.empty() && !given.empty() && !family.empty()) {
    rule({Part(maiden, T::kSortedKeys, family), Part(given, T::kKey)});
  }
  for (const std::string& id : identifiers) rule({Part(id, T::kValue)});
}

}  // namespace

int Table::ColumnIndex(const std::string& name) const {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == name) return static_cast<int>(c);
  }
  return -1;
}

const char* FieldKindName(FieldKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "?";
}

base::Result<FieldKind> ParseFieldKind(const std::string& name) {
  for (const auto& [k, n] : kKindNames) {
    if (name == n) return k;
  }
  return base::InvalidArgumentError("unknown comparison \"" + name +
                                    "\" (name, patronymic, string, number, exact, date, text)");
}

std::vector<std::string> LevelNames(FieldKind kind) {
  switch (kind) {
    case FieldKind::kName:
      return {"exact", "phonetic key", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80", "different"};
    case FieldKind::kPatronymic:
      return {"exact", "same father's name (key)", "jaro-winkler >= 0.88", "different"};
    case FieldKind::kString:
      return {"exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80", "different"};
    case FieldKind::kNumber:
      return {"exact", "one edit", "two edits", "different"};
    case FieldKind::kExact:
      return {"exact", "different"};
    case FieldKind::kDate:
      return {"same day", "typo in day", "same year", "same year, other day", "year +-1",
              "overlapping", "different"};
    case FieldKind::kText:
      return {"exact", "most words shared", "some words shared", "different"};
  }
  return {};
}

const char* BlockTransformName(BlockTransform t) {
  for (const auto& [k, name] : kTransformNames) {
    if (k == t) return name;
  }
  return "?";
}

base::Result<BlockTransform> ParseBlockTransform(const std::string& name) {
  for (const auto& [k, n] : kTransformNames) {
    if (name == n) return k;
  }
  return base::InvalidArgumentError("unknown blocking transform \"" + name +
                                    "\" (value, key, year, initial, sorted_keys)");
}

std::string BlockingRule::Describe() const {
  std::string out;
  for (const BlockPart& p : parts) {
    if (!out.empty()) out += "+";
    out += std::string(BlockTransformName(p.transform)) + "(" + p.column;
    if (!p.column2.empty()) out += "," + p.column2;
    out += ")";
  }
  return out;
}

base::Status ValidateConfig(const LinkConfig& config, const Table& table) {
  auto need = [&](const std::string& col, const char* what) -> base::Status {
    if (table.ColumnIndex(col) < 0) {
      return base::InvalidArgumentError(std::string(what) + " column \"" + col +
                                        "\" is not in the input header");
    }
    return base::OkStatus();
  };
  VKA_RETURN_IF_ERROR(need(config.id_column, "id"));
  if (config.fields.empty()) return base::InvalidArgumentError("no fields to compare");
  for (const FieldSpec& f : config.fields) {
    VKA_RETURN_IF_ERROR(need(f.column, "field"));
    if (!f.also_column.empty()) VKA_RETURN_IF_ERROR(need(f.also_column, "also"));
  }
  if (config.blocking.empty()) return base::InvalidArgumentError("no blocking rules");
  for (const BlockingRule& r : config.blocking) {
    if (r.parts.empty()) return base::InvalidArgumentError("an empty blocking rule");
    for (const BlockPart& p : r.parts) {
      VKA_RETURN_IF_ERROR(need(p.column, "blocking"));
      if (p.transform == BlockTransform::kSortedKeys) VKA_RETURN_IF_ERROR(need(p.column2, "blocking"));
    }
  }
  if (!config.swap_first.empty()) {
    VKA_RETURN_IF_ERROR(need(config.swap_first, "swap"));
    VKA_RETURN_IF_ERROR(need(config.swap_second, "swap"));
  }
  if (!(config.threshold > 0.0 && config.threshold < 1.0)) {
    return base::InvalidArgumentError("threshold must be between 0 and 1 (exclusive)");
  }
  if (config.max_block_size < 2) return base::InvalidArgumentError("max_block_size must be >= 2");
  return base::OkStatus();
}

base::Result<LinkConfig> ProposeConfig(const Table& table) {
  LinkConfig c;
  // A pair is more likely a match than not: the threshold that maximises
  // the expected number of correct decisions when the model is calibrated
  // (its prior now is, PopulationPrior in linker.cc).
  constexpr double kAutoThreshold = 0.5;
  c.threshold = kAutoThreshold;
  VKA_ASSIGN_OR_RETURN(c.id_column, FindIdColumn(table));
  std::string given, family, patronymic, maiden, date;
  std::vector<std::string> identifiers;
  for (size_t col = 0; col < table.columns.size(); ++col) {
    const std::string& name = table.columns[col];
    std::string lower = Lower(Trim(name));
    if (name == c.id_column) continue;
    if (std::find(kIgnoredColumns.begin(), kIgnoredColumns.end(), lower) != kIgnoredColumns.end()) {
      continue;
    }
    ColumnStats stats = Describe(table, static_cast<int>(col));
    if (stats.non_empty == 0) continue;
    FieldSpec f{name, KindFromData(stats), false, ""};
    Role role = RoleOf(name);
    bool dates = stats.dates >= kDateShare * static_cast<double>(stats.non_empty);
    switch (role) {
      case Role::kGiven: f.kind = FieldKind::kName; f.term_frequency = true; given = name; break;
      case Role::kFamily: f.kind = FieldKind::kName; f.term_frequency = true; family = name; break;
      case Role::kMaiden: f.kind = FieldKind::kName; maiden = name; break;
      case Role::kPatronymic: f.kind = FieldKind::kPatronymic; patronymic = name; break;
      case Role::kSex: f.kind = FieldKind::kExact; break;
      case Role::kPlace:
        if (f.kind == FieldKind::kExact && stats.distinct > kSmallVocabulary) f.kind = FieldKind::kString;
        break;
      case Role::kDate:
      case Role::kNone:
        if (dates && stats.digits < stats.non_empty) f.kind = FieldKind::kDate;
        if (dates && role == Role::kDate) f.kind = FieldKind::kDate;
        break;
    }
    if (f.kind == FieldKind::kDate && date.empty()) date = name;
    if (f.kind == FieldKind::kNumber &&
        static_cast<double>(stats.distinct) >= kIdentifierDistinct * static_cast<double>(stats.non_empty)) {
      identifiers.push_back(name);
    }
    c.fields.push_back(std::move(f));
  }
  if (!family.empty() && !maiden.empty()) {
    for (FieldSpec& f : c.fields) {
      if (f.column == family) f.also_column = maiden;
    }
  }
  if (!given.empty() && !family.empty()) {
    c.swap_first = given;
    c.swap_second = family;
  }
  if (!date.empty()) identifiers.push_back(date);
  AddBlockingRules(c, given, family, patronymic, maiden, date, identifiers);
  if (c.blocking.empty()) {
    for (const FieldSpec& f : c.fields) {
      c.blocking.push_back({{Part(f.column, BlockTransform::kValue)}});
    }
  }
  VKA_RETURN_IF_ERROR(ValidateConfig(c, table));
  return c;
}

}  // namespace vka::linkage
