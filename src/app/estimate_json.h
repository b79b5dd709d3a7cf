#pragma once

// The JSON form of a multiple systems estimate, shared by `vka estimate
// --format json`, the estimate kept with a situation (app/estimate.h) and the
// stats API, so they stay identical. docs/statistics.md lists the fields.

#include "base/json.h"
#include "base/status.h"
#include "stats/mse.h"

namespace vka::app {

// {"lists", "methods": {name: {observed, estimate, missing, lower, upper,
// level, warnings, model}}, "caveats", and with strata "stratum_column" and
// "strata"}. Non-finite numbers are null.
base::Json MseResultJson(const stats::MseResult& result);

// The figures of MseResultJson read back: lists, caveats, and per method
// (and stratum) the counts, interval, level and warnings; the model details
// are not read. kDataLoss naming the member when it is not such JSON.
base::Result<stats::MseResult> MseFiguresFromJson(const base::Json& json);

}  // namespace vka::app
