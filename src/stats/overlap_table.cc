#include "stats/overlap_table.h"

#include <charconv>
#include <limits>
#include <map>
#include <set>

namespace vka::stats {
namespace {

constexpr std::string_view kCountColumn = "count";

struct Layout {
  std::vector<int> list_columns;
  int count_column = -1;
  int stratum_column = -1;
};

base::Result<Layout> ReadHeader(const std::vector<std::string>& header, std::string_view origin,
                                std::string_view stratum_column) {
  Layout layout;
  std::set<std::string> seen;
  for (size_t col = 0; col < header.size(); ++col) {
    const std::string& name = header[col];
    if (!seen.insert(name).second) {
      return base::InvalidArgumentError(std::string(origin) + ":1: duplicate column '" + name + "'");
    }
    if (name == kCountColumn) {
      layout.count_column = static_cast<int>(col);
    } else if (!stratum_column.empty() && name == stratum_column) {
      layout.stratum_column = static_cast<int>(col);
    } else {
      layout.list_columns.push_back(static_cast<int>(col));
    }
  }
  if (!stratum_column.empty() && layout.stratum_column < 0) {
    return base::InvalidArgumentError(std::string(origin) + ": no stratum column '" +
                                      std::string(stratum_column) + "' in the header");
  }
  const int lists = static_cast<int>(layout.list_columns.size());
  if (lists < kMinLists || lists > kMaxLists) {
    return base::InvalidArgumentError(
        std::string(origin) + ": " + std::to_string(lists) + " list columns; need " +
        std::to_string(kMinLists) + " to " + std::to_string(kMaxLists) +
        " (every column other than 'count' and the stratum column is a 0/1 list column)");
  }
  return layout;
}

base::Status CellError(std::string_view origin, int64_t line, const std::string& column,
                       const std::string& what) {
  return base::InvalidArgumentError(std::string(origin) + ":" + std::to_string(line) +
                                    ": column '" + column + "': " + what);
}

base::Result<int64_t> ParseCount(const std::string& text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
    return base::InvalidArgumentError("count \"" + text + "\" is not a non-negative integer");
  }
  return value;
}

}  // namespace

int64_t OverlapTable::Observed(size_t stratum) const {
  int64_t total = 0;
  for (int64_t c : counts[stratum]) total += c;
  return total;
}

std::vector<int64_t> OverlapTable::Pooled() const {
  std::vector<int64_t> pooled(counts.empty() ? 0 : counts[0].size(), 0);
  for (const auto& stratum : counts) {
    for (size_t cell = 0; cell < stratum.size(); ++cell) pooled[cell] += stratum[cell];
  }
  return pooled;
}

std::string PatternString(uint32_t pattern, int num_lists) {
  std::string s;
  for (int list = 0; list < num_lists; ++list) s += (pattern >> list) & 1 ? '1' : '0';
  return s;
}

base::Result<OverlapTable> ParseOverlapTable(const std::vector<TableRow>& rows,
                                             std::string_view origin,
                                             std::string_view stratum_column) {
  if (rows.empty()) return base::InvalidArgumentError(std::string(origin) + ": empty file");
  const std::vector<std::string>& header = rows[0].fields;
  VKA_ASSIGN_OR_RETURN(Layout layout, ReadHeader(header, origin, stratum_column));
  OverlapTable table;
  for (int col : layout.list_columns) table.list_names.push_back(header[col]);
  table.stratum_column = std::string(stratum_column);
  const size_t cells = size_t{1} << layout.list_columns.size();
  std::map<std::string, size_t> stratum_index;
  constexpr int64_t kMaxTotal = std::numeric_limits<int64_t>::max() / 4;
  for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
    const TableRow& row = rows[row_idx];
    if (row.fields.size() != header.size()) {
      return base::InvalidArgumentError(std::string(origin) + ":" + std::to_string(row.line) + ": " +
                                        std::to_string(row.fields.size()) + " fields; the header has " +
                                        std::to_string(header.size()));
    }
    uint32_t pattern = 0;
    for (size_t list = 0; list < layout.list_columns.size(); ++list) {
      const std::string& v = row.fields[layout.list_columns[list]];
      if (v != "0" && v != "1") {
        return CellError(origin, row.line, header[layout.list_columns[list]],
                         "\"" + v + "\" is not 0 or 1");
      }
      if (v == "1") pattern |= uint32_t{1} << list;
    }
    if (pattern == 0) {
      return base::InvalidArgumentError(
          std::string(origin) + ":" + std::to_string(row.line) +
          ": the all-zero pattern (on no list) cannot be observed; remove this row");
    }
    int64_t count = 1;
    if (layout.count_column >= 0) {
      auto parsed = ParseCount(row.fields[layout.count_column]);
      if (!parsed.ok()) return CellError(origin, row.line, "count", parsed.status().message());
      count = *parsed;
    }
    std::string stratum = layout.stratum_column >= 0 ? row.fields[layout.stratum_column] : "";
    auto [it, added] = stratum_index.emplace(stratum, table.strata.size());
    if (added) {
      table.strata.push_back(stratum);
      table.counts.emplace_back(cells, 0);
    }
    int64_t& cell = table.counts[it->second][pattern];
    if (count > kMaxTotal - cell) return CellError(origin, row.line, "count", "total too large");
    cell += count;
  }
  if (table.strata.empty()) return base::InvalidArgumentError(std::string(origin) + ": no data rows");
  return table;
}

base::Result<OverlapTable> TableFromCounts(std::vector<std::string> list_names,
                                           std::vector<int64_t> counts) {
  const int lists = static_cast<int>(list_names.size());
  if (lists < kMinLists || lists > kMaxLists || counts.size() != (size_t{1} << lists)) {
    return base::InvalidArgumentError("table needs 2^K counts for K in [2, 15] lists");
  }
  if (counts[0] != 0) return base::InvalidArgumentError("the all-zero cell must be 0");
  for (int64_t c : counts) {
    if (c < 0) return base::InvalidArgumentError("negative count");
  }
  OverlapTable table;
  table.list_names = std::move(list_names);
  table.strata = {""};
  table.counts = {std::move(counts)};
  return table;
}

}  // namespace vka::stats
