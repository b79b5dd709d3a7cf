#pragma once

// The six charts. Each Prepare* computes the chart's numbers once and
// returns a Drawing that lays them out (docs/charts.md describes each).

#include "chart/chart.h"
#include "chart/internal/layout.h"

namespace vka::chart::internal {

// Stacked bars of single-day acts per day (week, month for long spans) by type.
Drawing PrepareTimeline(const Context& ctx);
// Horizontal stacked bars of acts per place by type, most acts first.
Drawing PreparePlaces(const Context& ctx);
// A heat map of acts per day, a block of weeks (Monday to Sunday) per year.
Drawing PrepareCalendar(const Context& ctx);
// Grouped bars of distinct identified victims by age band and sex.
Drawing PrepareVictims(const Context& ctx);
// Circles at the places' coordinates, area proportional to acts.
Drawing PrepareMap(const Context& ctx);
// Documented count and each method's estimate with its interval.
Drawing PrepareEstimate(const EstimateData& data, Language language);

}  // namespace vka::chart::internal
