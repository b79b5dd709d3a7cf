#pragma once

// The `vka estimate` use case: read an overlap table from a CSV file and run
// multiple systems estimation on it (stats/mse.h). Needs no workspace, unless
// the estimate is kept with a situation (below).

#include <optional>
#include <string>

#include "app/access.h"
#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"
#include "stats/mse.h"

namespace vka::app {

struct EstimateRequest {
  std::string table_path;      // CSV: 0/1 list columns, `count`, optional stratum
  std::string stratum_column;  // empty: no strata
  stats::MseOptions options;
};

// Reads the table and estimates. Returns kIOError "<path>: cannot open ..."
// when the file cannot be read, kInvalidArgument naming the file, line and
// column for a malformed table, and the errors of stats::EstimatePopulation
// with the file as context.
base::Result<stats::MseResult> EstimateFromTable(const EstimateRequest& request);

// What an estimate kept with a situation says it counts, e.g. "persons
// killed": free text, 1 to 200 bytes of UTF-8 without control characters.
struct KeptEstimateLabel {
  std::string situation_id;
  std::string counts;
};

// Keeps `result` (estimated from request.table_path) with a situation, as
// WORKSPACE/estimates/<situation id>.json (written atomically; replaces an
// earlier one). `vka stats`, GET /api/v1/stats and the stats page show it
// beside the documented counts. The file holds the label, the table's file
// name and SHA-256, the time and MseResultJson (docs/statistics.md).
// kNotFound if the situation does not exist or is deleted; kInvalidArgument
// for a bad label; kIOError. Writes nothing on error.
base::Status KeepEstimate(Workspace& ws, const KeptEstimateLabel& label,
                          const EstimateRequest& request, const stats::MseResult& result);

// The estimate kept with the situation, or nullopt if there is none. With a
// `reader` that may not read restricted records (viewer, documenter), always
// nullopt:
// the lists behind an estimate are restricted material, and their sizes can
// be too. It names no record of the workspace, so no finer rule is needed.
// kDataLoss naming the file if it exists but is not a kept estimate.
base::Result<std::optional<base::Json>> KeptEstimate(Workspace& ws,
                                                     const std::string& situation_id,
                                                     std::optional<Role> reader);

}  // namespace vka::app
