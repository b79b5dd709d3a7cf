#pragma once

// The reparations registry as a signed-in role may see it (the web API,
// docs/api.md "Claims"). Access as app/access.h: a claim the role may not
// read is absent (kNotFound for one claim, as a missing one), and lists,
// counts, totals and duplicate flags are computed over readable records
// only, so that none reveals a record the role may not read.

#include <cstdint>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/claims.h"
#include "app/record_view.h"
#include "app/workspace.h"

namespace vka::app {

struct ClaimFilter {
  std::string status;  // claim_status code, "" any
  std::string track;   // claim_track code, "" any
  int64_t limit = 50;  // <= 0: all
  int64_t offset = 0;
};

struct ClaimListItem {
  storage::Revision head;  // body unredacted: do not serve
  ClaimView view;
  std::string claimant_name;  // "" without a claimant or when the role may not read the person
  std::string household;      // the household's name, "" for a person's claim
};

// The readable current claims matching the filter, in id order; the filter
// and the role apply before limit and offset. kInvalidArgument for a status
// or track that is not a code of its vocabulary.
base::Result<std::vector<ClaimListItem>> ListClaimsFor(Workspace& ws, Role role,
                                                       const ClaimFilter& filter);

struct ClaimDetail {
  RecordView record;  // body as the role may see it
  ClaimView view;
  std::string claimant_name;          // as in ClaimListItem
  std::vector<RevisionView> history;  // oldest first (app/record_view.h)
};

// One claim with its valuation, next states and history. kNotFound when it
// does not exist, is deleted, or the role may not read it; kInvalidArgument
// for an id that is not a claim's.
base::Result<ClaimDetail> ViewClaimFor(Workspace& ws, Role role, const std::string& id);

// SummarizeClaims over the claims the role may read; place keys get the
// place's name only when the role may read the place. For a role that reads
// every level it is SummarizeClaims itself.
base::Result<claims::Summary> SummarizeClaimsFor(Workspace& ws, Role role, claims::GroupBy by);

// FindClaimOverlaps, keeping the flags whose claims, key and every record
// their explanation names the role may read (detection runs over the whole
// registry: a duplicate of a hidden claim is not shown, but still found for
// those who may see it).
base::Result<std::vector<ReviewedFlag>> ClaimOverlapsFor(Workspace& ws, Role role);

// The claimant's statement (claims_outputs.h) prints the records a claim
// refers to and those its harms refer to. OkStatus when the role may read
// every one of them; kPermissionDenied otherwise (the statement would name
// a record the role may not read). kNotFound as ViewClaimFor.
base::Status CheckStatementReadable(Workspace& ws, Role role, const std::string& claim_id);

// A decision status (granted, partly_granted, rejected): a transition to it
// needs a decision, and on the web app::MayReview (claims/workflow.h).
bool IsClaimDecisionStatus(std::string_view status);

// True when a claim body carries what only a reviewer may write: a decision,
// a decided status (granted, partly_granted, rejected, enforced, paid) or
// overlap reviews. The web API requires app::MayReview for such a new claim,
// as it does for a transition to a decision.
bool ClaimBodyNeedsReviewer(const base::Json& body);

// A person's display name from its body's "names" (the "full" name, or the
// given, patronymic and family names of the first name's script).
std::string PersonDisplayName(const base::Json& person);

}  // namespace vka::app
