#pragma once

// The JSON of the reparations registry, shared by `vka claims ... --format
// json` and the web API (docs/api.md "Claims"), so that the two stay
// identical.

#include <vector>

#include "app/claims.h"
#include "app/claims_mass.h"
#include "base/json.h"

namespace vka::app {

// {"mid","low","high"} in reference money.
base::Json IntervalJson(const claims::Interval& value);

// As `vka claims summary --format json`: {"reference_currency",
// "reference_year","tables_version","by","total":{row},"groups":[{row}]},
// a row being {"key","claims","claimed","awarded","unvalued_amounts"}.
base::Json ClaimsSummaryJson(const claims::Summary& summary);

// As `vka claims duplicates --format json`: [{"id","type","key","claims",
// "explanation","decision","reviewer"}] ("decision" "" when unreviewed).
base::Json OverlapFlagJson(const ReviewedFlag& flag);
base::Json OverlapFlagsJson(const std::vector<ReviewedFlag>& flags);

// A claim's status and valuation: {"id","status","track","forms",
// "claimed","awarded","reference","next":[{"status","decision"}]} where
// "decision" says the move needs a decision (legal basis, reasons, awards).
base::Json ClaimViewJson(const ClaimView& view);

// Mass claims, as the `vka claims route|sample|precedent` JSON and the web
// API (docs/api.md "Mass claims"):
// {"rules","rules_version","considered","by_track","by_rule",
//  "changed":[{"id","from","track","rule"}],"written"}
base::Json RouteReportJson(const RouteReport& report);
// {"sample","population","population_size","seed","margin","confidence",
//  "claims":[ids],"written"}
base::Json DrawnSampleJson(const DrawnSample& sample);
// {"sample","population","population_size","checked","errors",
//  "confidence","point_estimate","upper_bound"}
base::Json SampleConclusionJson(const SampleConclusion& conclusion);
// {"precedent","outcome","legal_basis","granted_share":{form:share},
//  "targets":[{"id","to","awards":[...]}],"written"}
base::Json PrecedentPlanJson(const PrecedentPlan& plan);

}  // namespace vka::app
