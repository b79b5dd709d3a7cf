#pragma once

// Use cases of the reparations registry (docs/claims.md): adding, editing
// and moving claims through their workflow, the registry summary, and the
// duplicate and overlap review. Every change is a revision written through
// RecordWriter with the actor and the reason; nothing is ever merged.

#include <optional>
#include <string>
#include <vector>

#include "app/record_writer.h"
#include "app/records.h"
#include "app/workspace.h"
#include "claims/overlaps.h"
#include "claims/summary.h"

namespace vka::app {

// Adds a claim from a JSON object (as `vka add claim`, plus the checks of
// claims/claim.h and that legal-basis ids exist in the legal knowledge
// base). A claim without "status" starts as "draft". kInvalidArgument
// listing every problem, references to missing records included; nothing is
// written then. Returns the new id.
base::Result<std::string> AddClaim(Workspace& ws, std::string_view json_text, const ChangeContext& context);

// Edits fields of a claim (as EditRecord, with the same checks as AddClaim).
// "status", "decision", "overlap_reviews", "routing" and "verifications"
// cannot be edited: kInvalidArgument pointing to the command that changes
// them. Returns the new revision number.
base::Result<int64_t> EditClaim(Workspace& ws, const std::string& id, const std::vector<FieldChange>& changes,
                                const ChangeContext& context);

struct Transition {
  std::string id;
  std::string to;                        // claim_status code
  // For a decision (granted, partly_granted, rejected): the legal basis
  // (KB ids, at least one), the evidence cited, the awards, the date
  // (EDTF; default today) and the precedent it follows. The decision's
  // reasons are the transition's reason.
  std::vector<std::string> legal_basis;
  std::vector<std::string> evidence;
  std::vector<std::string> awards;       // "form:amount:currency:year"
  std::string date;
  std::string precedent;
};

// Moves a claim to the next status (claims/workflow.h), writing a revision
// whose reason is context.reason (required). kFailedPrecondition, with the
// allowed next states, for a refused move; kInvalidArgument for a missing
// reason or a bad decision. Nothing is written on any error. Returns the
// new revision number.
base::Result<int64_t> TransitionClaim(Workspace& ws, const Transition& transition, const ChangeContext& context);

// The claim body TransitionClaim would write, checked as it checks it, for
// callers that write several transitions in one transaction (app/
// claims_mass.h). Same errors as TransitionClaim; writes nothing.
base::Result<base::Json> PrepareTransition(Workspace& ws, const Transition& transition,
                                           const ChangeContext& context);

struct ClaimView {
  claims::ClaimFacts facts;
  claims::Interval claimed;  // reference money (valuation tables)
  claims::Interval awarded;
  std::string reference;     // "USD of 2024"
  std::vector<std::string> next_statuses;
};

// The current claim with its valuation and the states it may move to.
// kNotFound, or kInvalidArgument for an id that is not a claim's.
base::Result<ClaimView> ViewClaim(Workspace& ws, const std::string& id);

// Reads every current claim, in id order. kInvalidArgument if a stored body
// is not JSON (corruption would be kDataLoss from the store).
base::Result<std::vector<claims::ClaimFacts>> ReadAllClaims(Workspace& ws);

// The registry's totals, grouped. With kPlace, keys are "plc_… Name".
base::Result<claims::Summary> SummarizeClaims(Workspace& ws, claims::GroupBy by);

struct ReviewedFlag {
  claims::OverlapFlag flag;
  std::string decision;  // "" unreviewed; else overlap_decision code
  std::string reviewer;
};

// Detects duplicates and overlaps among the current claims (claims/
// overlaps.h) and attaches the reviewers' decisions recorded on the claims.
// progress (may be empty) is told the phases: reading claims, persons, ...,
// comparing persons, grouping claims.
base::Result<std::vector<ReviewedFlag>> FindClaimOverlaps(Workspace& ws, claims::OverlapStats* stats = nullptr,
                                                          const claims::OverlapProgress& progress = {});

// Records a reviewer's decision ("confirmed" or "dismissed") on every claim
// of the flag, in one transaction, with context.reason (required) as the
// rationale. kNotFound if no current flag has that id (flags change when
// their claims do); kAlreadyExists if it was already decided. Returns the
// number of claims that got a revision.
base::Result<int64_t> ReviewClaimOverlap(Workspace& ws, const std::string& flag_id, const std::string& decision,
                                         const ChangeContext& context);

// Writes a SYNTHETIC registry of `claims` claims to dir (created if
// missing): registry.ndjson (for `vka import`), truth.csv (the true
// entities behind every claim and which were planted as duplicates) and
// README.txt, each atomically. Returns the README text.
base::Result<std::string> GenerateClaimsRegistryFiles(const std::string& dir, int64_t claims, uint64_t seed);

// The same registry's records in memory (for `vka demo`).
base::Result<std::vector<base::Json>> SyntheticClaimsRecords(int64_t claims, uint64_t seed);

// Today's date per base::NowRfc3339 ($VKA_FAKE_NOW honoured).
claims::Today TodayUtc();

}  // namespace vka::app
