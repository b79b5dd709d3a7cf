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

}  // namespace vka::app
