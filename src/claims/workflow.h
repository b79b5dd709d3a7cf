#pragma once

// The workflow of a reparation claim (docs/claims.md):
//
//   draft → submitted → under_verification → verified
//         → granted | partly_granted | rejected
//   granted | partly_granted → enforced | paid
//   withdrawn from any state that is not final.
//
// Final states: rejected, withdrawn, enforced, paid. A claim may also go
// back from under_verification to submitted (documents missing) and from
// verified to under_verification (new evidence), so that verification can
// be repeated; every other move is refused. Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::claims {

// The states, in workflow order (the codes of data/vocab/claim_status.toml).
const std::vector<std::string_view>& ClaimStatuses();

bool IsFinalStatus(std::string_view status);

// The decision states (granted, partly_granted, rejected): a transition to
// one of them needs a decision with reasons.
bool IsDecisionStatus(std::string_view status);

// The states reachable from `from` in one step. Empty for a final or
// unknown state.
std::vector<std::string_view> NextStatuses(std::string_view from);

// OK if `from` → `to` is allowed. kInvalidArgument for an unknown status;
// kFailedPrecondition "cannot go from X to Y; from X a claim may go to: ..."
// otherwise.
base::Status CheckTransition(std::string_view from, std::string_view to);

}  // namespace vka::claims
