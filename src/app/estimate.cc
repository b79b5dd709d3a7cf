#include "app/estimate.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/csv.h"
#include "stats/overlap_table.h"

namespace vka::app {
namespace {

constexpr size_t kMaxRows = 1'000'000;  // patterns x strata; a table, not a person list

base::Result<std::vector<stats::TableRow>> ReadRows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::IOError(path + ": cannot open: " + std::strerror(errno));
  base::CsvReader reader(in, path);
  std::vector<stats::TableRow> rows;
  std::vector<std::string> fields;
  for (;;) {
    VKA_ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (rows.size() >= kMaxRows) {
      return base::InvalidArgumentError(path + ": more than " + std::to_string(kMaxRows) +
                                        " rows; aggregate to one row per pattern with a count");
    }
    rows.push_back({reader.line(), fields});
  }
  if (in.bad()) return base::IOError(path + ": read failed");
  return rows;
}

}  // namespace

base::Result<stats::MseResult> EstimateFromTable(const EstimateRequest& request) {
  VKA_ASSIGN_OR_RETURN(auto rows, ReadRows(request.table_path));
  VKA_ASSIGN_OR_RETURN(stats::OverlapTable table,
                       stats::ParseOverlapTable(rows, request.table_path, request.stratum_column));
  auto result = stats::EstimatePopulation(table, request.options);
  if (!result.ok()) return result.status().WithContext("estimate " + request.table_path);
  return result;
}

}  // namespace vka::app
