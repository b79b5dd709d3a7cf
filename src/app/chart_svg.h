#pragma once

// A situation chart as SVG bytes, for GET /api/v1/charts/{kind}.svg
// (docs/api.md "Engines"); `vka chart` writes the same drawing to a file.

#include <optional>
#include <string>

#include "app/access.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

// Draws the chart in memory (RenderChart in app/charts.h) and returns the
// SVG. `kind`: timeline, places, calendar, victims, map, or estimate (the
// estimate kept with the situation; kNotFound when there is none the reader
// may see); `language`: en,
// hy or ru; both kInvalidArgument otherwise. With a `reader`, the chart
// draws only what that role may read (kNotFound for a situation it may not
// read, as for an unknown one). Otherwise the errors of RenderChart
// (kNotFound for an unknown situation). Reads only; writes no file.
base::Result<std::string> SituationChartSvg(Workspace& ws, const std::string& kind,
                                            const std::string& situation_id,
                                            const std::string& language,
                                            std::optional<Role> reader = std::nullopt);

}  // namespace vka::app
