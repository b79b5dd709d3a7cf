// The JSON of the reparations registry (app/claims_json.h).

#include "app/claims_json.h"

#include "claims/workflow.h"

namespace vka::app {
namespace {

using base::Json;

const char* GroupName(claims::GroupBy by) {
  switch (by) {
    case claims::GroupBy::kStatus:
      return "status";
    case claims::GroupBy::kForm:
      return "form";
    case claims::GroupBy::kPlace:
      return "place";
    case claims::GroupBy::kPeriod:
      return "period";
    case claims::GroupBy::kNone:
      break;
  }
  return "";
}

Json RowJson(const claims::SummaryRow& row) {
  return {{"key", row.key},
          {"claims", row.claims},
          {"claimed", IntervalJson(row.claimed)},
          {"awarded", IntervalJson(row.awarded)},
          {"unvalued_amounts", row.unvalued}};
}

}  // namespace

Json IntervalJson(const claims::Interval& value) {
  return {{"mid", value.mid}, {"low", value.low}, {"high", value.high}};
}

Json ClaimsSummaryJson(const claims::Summary& s) {
  Json out = {{"reference_currency", s.reference_currency},
              {"reference_year", s.reference_year},
              {"tables_version", s.tables_version},
              {"by", GroupName(s.by)},
              {"total", RowJson(s.total)}};
  out["groups"] = Json::array();
  for (const auto& row : s.rows) out["groups"].push_back(RowJson(row));
  return out;
}

Json OverlapFlagJson(const ReviewedFlag& f) {
  return {{"id", f.flag.id},
          {"type", f.flag.type},
          {"key", f.flag.key},
          {"claims", f.flag.claims},
          {"explanation", f.flag.explanation},
          {"decision", f.decision},
          {"reviewer", f.reviewer}};
}

Json OverlapFlagsJson(const std::vector<ReviewedFlag>& flags) {
  Json out = Json::array();
  for (const auto& f : flags) out.push_back(OverlapFlagJson(f));
  return out;
}

Json ClaimViewJson(const ClaimView& view) {
  Json next = Json::array();
  for (const auto& status : view.next_statuses) {
    next.push_back({{"status", status}, {"decision", claims::IsDecisionStatus(status)}});
  }
  return {{"id", view.facts.id},
          {"status", view.facts.status},
          {"track", view.facts.track},
          {"forms", view.facts.forms},
          {"claimed", IntervalJson(view.claimed)},
          {"awarded", IntervalJson(view.awarded)},
          {"reference", view.reference},
          {"next", std::move(next)}};
}

Json RouteReportJson(const RouteReport& r) {
  Json changed = Json::array();
  for (const auto& c : r.changed) {
    changed.push_back({{"id", c.id}, {"from", c.from_track}, {"track", c.track}, {"rule", c.rule}});
  }
  return {{"rules", r.rules},       {"rules_version", r.rules_version}, {"considered", r.considered},
          {"by_track", r.by_track}, {"by_rule", r.by_rule},             {"changed", changed},
          {"written", r.written}};
}

Json DrawnSampleJson(const DrawnSample& s) {
  return {{"sample", s.id},         {"population", s.population}, {"population_size", s.population_size},
          {"seed", s.seed},         {"margin", s.margin},         {"confidence", s.confidence},
          {"claims", s.claims},     {"written", s.written}};
}

Json SampleConclusionJson(const SampleConclusion& c) {
  return {{"sample", c.sample},
          {"population", c.population},
          {"population_size", c.population_size},
          {"checked", c.checked},
          {"errors", c.errors},
          {"confidence", c.confidence},
          {"point_estimate", c.point_estimate},
          {"upper_bound", c.upper_bound}};
}

Json PrecedentPlanJson(const PrecedentPlan& p) {
  Json targets = Json::array();
  for (const auto& t : p.targets) {
    targets.push_back({{"id", t.id}, {"to", t.transition.to}, {"awards", t.transition.awards}});
  }
  return {{"precedent", p.precedent},         {"outcome", p.outcome},
          {"legal_basis", p.legal_basis},     {"granted_share", p.granted_share},
          {"targets", std::move(targets)},    {"written", p.written}};
}

}  // namespace vka::app
