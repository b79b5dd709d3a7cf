#pragma once

// The `vka estimate` use case: read an overlap table from a CSV file and run
// multiple systems estimation on it (stats/mse.h). Needs no workspace.

#include <string>

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

}  // namespace vka::app
