#pragma once

// The JSON form of a situation's patterns, shared by `vka stats --format
// json` and GET /api/v1/stats (docs/api.md), so the two stay identical.

#include <string>

#include "app/patterns.h"
#include "base/json.h"
#include "base/status.h"

namespace vka::app {

// The report as JSON. `by`: "" for every dimension, or one dimension name
// (type, day, place, sex, age, identity) to keep only that one under "by";
// kInvalidArgument listing the names otherwise; kPermissionDenied for a
// dimension the report withheld from its reader. "withheld_dimensions" is
// present only when the report has some.
base::Result<base::Json> PatternsJson(const PatternsReport& report, const std::string& by);

}  // namespace vka::app
