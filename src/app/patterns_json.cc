// The JSON form of a situation's patterns (app/patterns_json.h).

#include "app/patterns_json.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace vka::app {
namespace {

using base::Json;

Json Num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json GroupsJson(const stats::DimensionCounts& d) {
  Json rows = Json::array();
  for (const auto& g : d.groups) {
    rows.push_back({{"key", g.key}, {"acts", g.acts}, {"victims", g.victims},
                    {"unidentified_victims", g.unidentified_victims}});
  }
  return rows;
}

Json TemporalJson(const stats::TemporalConcentration& t) {
  if (t.dated_acts == 0) return {{"dated_acts", 0}};
  return {{"dated_acts", t.dated_acts},
          {"first_day", stats::DayString(t.first_day)},
          {"last_day", stats::DayString(t.last_day)},
          {"span_days", t.span_days},
          {"acts_per_day", t.acts_per_day},
          {"peak_day", stats::DayString(t.peak_day)},
          {"peak_acts", t.peak_acts},
          {"half_window", {{"start", stats::DayString(t.half_window_start)},
                           {"end", stats::DayString(t.half_window_end)},
                           {"days", t.half_window_days},
                           {"acts", t.half_window_acts}}}};
}

Json SpreadJson(const stats::Spread& s) {
  Json j = {{"distinct_places", s.distinct_places},
            {"places_with_coordinates", s.places_with_coordinates},
            {"max_distance_km", s.has_distance ? Json(s.max_distance_km) : Json(nullptr)}};
  if (s.has_distance) j["farthest"] = {s.farthest_a, s.farthest_b};
  return j;
}

Json ModusJson(const stats::ModusOperandi& m) {
  return {{"measure", "jaccard similarity of the act-type sets of each pair of events"},
          {"events", m.events},
          {"pairs", m.pairs},
          {"mean_jaccard", m.mean_jaccard},
          {"pairs_above_half", m.pairs_above_half},
          {"share_above_half", m.share_above_half}};
}

Json TargetingJson(const std::vector<stats::TargetingRatio>& ts) {
  Json a = Json::array();
  for (const auto& t : ts) {
    Json j = {{"group", t.group}, {"victims", t.victims},
              {"victims_with_identity", t.victims_with_identity},
              {"victim_share", Num(t.victim_share)}, {"population_share", t.population_share},
              {"ratio", Num(t.ratio)}};
    if (t.population_count) j["population_count"] = *t.population_count;
    a.push_back(j);
  }
  return a;
}

}  // namespace

base::Result<Json> PatternsJson(const PatternsReport& rep, const std::string& by_name) {
  std::optional<stats::Dimension> only;
  if (!by_name.empty()) {
    VKA_ASSIGN_OR_RETURN(only, stats::ParseDimension(by_name));
    if (std::find(rep.withheld_dimensions.begin(), rep.withheld_dimensions.end(), by_name) !=
        rep.withheld_dimensions.end()) {
      return base::PermissionDeniedError("by " + by_name +
                                         ": drawn from a sensitive field this role may not see");
    }
  }
  const stats::PatternResult& r = rep.result;
  Json by = Json::object();
  for (const auto& d : r.dimensions) {
    if (!only || *only == d.dimension) by[stats::DimensionName(d.dimension)] = GroupsJson(d);
  }
  Json caveats = Json::array();
  for (const auto& c : r.caveats) caveats.push_back(c);
  Json out{{"situation", rep.situation_id},
          {"situation_name", rep.situation_name},
          {"events", rep.events},
          {"all_acts", rep.all_acts},
          {"acts", r.acts},
          {"distinct_victims", r.distinct_victims},
          {"unidentified_victims", r.unidentified_victims},
          {"lower_bounds", true},
          {"dates", {{"single_day", r.dates.single_day},
                     {"ranged_or_approximate", r.dates.ranged_or_approximate},
                     {"undated", r.dates.undated}}},
          {"by", by},
          {"temporal", TemporalJson(r.temporal)},
          {"spread", SpreadJson(r.spread)},
          {"modus_operandi", ModusJson(r.modus_operandi)},
          {"targeting", TargetingJson(r.targeting)},
          {"caveats", caveats},
          {"estimate", rep.estimate ? *rep.estimate : Json(nullptr)}};
  if (!rep.withheld_dimensions.empty()) out["withheld_dimensions"] = rep.withheld_dimensions;
  return out;
}

}  // namespace vka::app
