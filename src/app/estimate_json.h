#pragma once

// The JSON form of a multiple systems estimate, shared by `vka estimate
// --format json`, the estimate kept with a situation (app/estimate.h) and the
// stats API, so they stay identical. docs/statistics.md lists the fields.

#include "base/json.h"
#include "stats/mse.h"

namespace vka::app {

// {"lists", "methods": {name: {observed, estimate, missing, lower, upper,
// level, warnings, model}}, "caveats", and with strata "stratum_column" and
// "strata"}. Non-finite numbers are null.
base::Json MseResultJson(const stats::MseResult& result);

}  // namespace vka::app
