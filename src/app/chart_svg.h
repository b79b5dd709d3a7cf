#pragma once

// A situation chart as SVG bytes, for GET /api/v1/charts/{kind}.svg
// (docs/api.md "Engines"); `vka chart` writes the same drawing to a file.

#include <string>

#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

// Draws the chart through DrawChart (app/charts.h) into a private temporary
// folder and returns the SVG. `kind`: timeline, places, calendar, victims or
// map; `language`: en, hy or ru; both kInvalidArgument otherwise. Otherwise
// the errors of DrawChart (kNotFound for an unknown situation). Reads only.
base::Result<std::string> SituationChartSvg(Workspace& ws, const std::string& kind,
                                            const std::string& situation_id,
                                            const std::string& language);

}  // namespace vka::app
