#pragma once

// The `vka chart` use case: read a situation's acts (as `vka stats` does)
// or an overlap table (as `vka estimate` does), draw the chart
// (chart/chart.h) and write it atomically.

#include <optional>
#include <string>

#include "app/access.h"
#include "app/workspace.h"
#include "base/status.h"
#include "chart/chart.h"
#include "stats/mse.h"

namespace vka::app {

struct ChartRequest {
  chart::Kind kind = chart::Kind::kTimeline;
  std::string situation_id;  // empty: the workspace's only situation
  std::string output;        // .svg, .pdf or .png
  chart::Language language = chart::Language::kEn;
  // kEstimate only: the overlap table and how to estimate (as EstimateRequest).
  // Without a table, the estimate kept with the situation (KeptEstimate in
  // app/estimate.h, as the reader may see it) is drawn.
  std::string table_path;
  std::string stratum_column;
  stats::MseOptions options;
  // When set, the situation charts draw only what this role may read
  // (LoadSituationRecords in app/patterns.h).
  std::optional<Role> reader;
};

struct ChartResult {
  std::string output;
  chart::Format format = chart::Format::kSvg;
  size_t bytes = 0;
  std::string situation_id;  // "" for an estimate chart drawn without a situation
};

// Draws a chart of the situation's acts and writes it to request.output
// (a temporary file in the same folder, synced, renamed). `ws` is needed
// for every kind but kEstimate, where it may be null (then no situation is
// named on the chart).
// Returns kInvalidArgument when the output's extension is not .svg, .pdf or
// .png, when the estimate chart has neither a table nor a situation or
// another chart has a table, kNotFound when no estimate is kept with the
// situation (or none the reader may see), or
// when no situation is named and the workspace has several
// ("name a situation with --situation"); kNotFound for an unknown situation
// or none in the workspace; the errors of ComputeSituationPatterns' reading
// and of EstimateFromTable; kIOError "write chart <path>: ..." when the
// file cannot be written (the old file, if any, is left as it was).
base::Result<ChartResult> DrawChart(Workspace* ws, const ChartRequest& request);

// Draws the chart as DrawChart does, in `format`, and returns its bytes
// without writing a file (request.output is not used). `situation_id`, if
// not null, receives the situation drawn ("" for an estimate chart without
// one). The errors of DrawChart but kIOError.
base::Result<std::string> RenderChart(Workspace* ws, const ChartRequest& request,
                                      chart::Format format, std::string* situation_id = nullptr);

}  // namespace vka::app
