#pragma once

// Registry totals for `vka claims summary`: claims counted and their
// claimed and awarded amounts valued in reference money (valuation.h), with
// bounds, grouped by status, form, place or period. Pure; not thread-safe
// (one Summarizer per thread).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claim.h"
#include "claims/valuation.h"

namespace vka::claims {

enum class GroupBy { kNone, kStatus, kForm, kPlace, kPeriod };

// Parses "status", "form", "place", "period" ("" is kNone).
// kInvalidArgument names the valid values.
base::Result<GroupBy> ParseGroupBy(std::string_view text);

struct SummaryRow {
  std::string key;         // group key ("" for the total); "unknown" when absent
  int64_t claims = 0;
  Interval claimed;        // reference money
  Interval awarded;
  int64_t unvalued = 0;    // amounts without a rate or index (should be 0)
};

struct Summary {
  std::string reference_currency;
  int reference_year = 0;
  std::string tables_version;
  GroupBy by = GroupBy::kNone;
  std::vector<SummaryRow> rows;  // sorted by key
  SummaryRow total;
};

class Summarizer {
 public:
  // REQUIRES: tables outlives the Summarizer.
  Summarizer(const ValuationTables& tables, GroupBy by) : tables_(tables), by_(by) {}

  // Counts one claim. With kForm, a claim counts once in each of its forms
  // (and the total once), and each amount in the group of its own form.
  void Add(const ClaimFacts& claim);

  // Counts one claim from its stored (canonical JSON) body, as Add of its
  // ReadClaimFacts would, reading only the fields a summary needs (status,
  // place, harm_date, forms, amounts, decision.awards); for whole-registry
  // summaries. kInvalidArgument if the body is not JSON (nothing counted).
  base::Status AddBody(std::string_view canonical_body);

  Summary Finish() const;

 private:
  void AddTo(SummaryRow& row, const ClaimFacts& claim, const std::string* only_form);

  const ValuationTables& tables_;
  GroupBy by_;
  std::map<std::string, SummaryRow> groups_;
  SummaryRow total_;
  ClaimFacts scratch_;  // AddBody's claim, reused to keep its allocations
};

// The year of an EDTF value's earliest day as text, or "unknown".
std::string PeriodOf(const std::string& edtf);

}  // namespace vka::claims
