#pragma once

// Mass-claims processing (docs/claims.md "Mass claims"): routing claims to
// tracks by rules kept as data, verifying a category by a random sample with
// a stated confidence for its error rate, and applying a precedent decision
// to a reviewed group of claims. Every change is a claim revision with the
// actor and the reason, written in one transaction per command: all or
// nothing. The stored fields are in docs/formats/claims.md.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/claims.h"
#include "app/record_writer.h"
#include "app/workspace.h"
#include "claims/routing.h"

namespace vka::app {

// ---- Routing ----

struct RouteRequest {
  std::string rules_file;             // "" for the built-in data/claims/routing.toml
  std::vector<std::string> statuses;  // only claims in these; empty: every claim not yet decided
  bool dry_run = false;
};

struct RoutedClaim {
  std::string id;
  std::string from_track;  // "" when it had none
  std::string track;
  std::string rule;
};

struct RouteReport {
  std::string rules;  // "built-in" or the file as given
  std::string rules_version;
  int64_t considered = 0;                   // claims the rules were applied to
  std::vector<RoutedClaim> changed;         // whose track changed (written unless dry run)
  std::map<std::string, int64_t> by_track;  // every considered claim's track
  std::map<std::string, int64_t> by_rule;   // every considered claim's rule
  bool written = false;
};

// Loads and checks routing rules: the built-in ones, or the file. Beyond
// claims::RoutingRules::Parse, every track, form and tenure document must be
// a code of its vocabulary: kInvalidArgument "<file>: rule[i] \"name\": ...".
// kIOError if the file cannot be read.
base::Result<claims::RoutingRules> LoadRoutingRules(const Workspace& ws,
                                                    const std::string& rules_file);

// Routes the selected current claims: gathers each claim's facts (open
// overlap flag — unreviewed or confirmed; evidence cited; tenure documents
// of the properties it claims; claimed total, mid, in reference money;
// forms) and writes, in one transaction, a revision setting `track` and
// `routing` on every claim whose track changes. context.reason is required
// (kInvalidArgument). kFailedPrecondition naming the claim if no rule
// matches one (the rules lack a default) or a claim's amount cannot be
// valued; nothing is written on any error or when request.dry_run.
base::Result<RouteReport> RouteClaims(Workspace& ws, const RouteRequest& request,
                                      const ChangeContext& context);

// ---- Verification by sampling ----

struct SampleRequest {
  std::string track;   // population: claims with this track ("" any)
  std::string status;  // and this status ("" any); at least one is required
  double margin = 0.05;
  double confidence = 0.95;
  std::optional<uint64_t> seed;  // none: a random one, recorded
  bool dry_run = false;
};

struct DrawnSample {
  std::string id;          // "smp_<ULID>"; "" for a dry run
  std::string population;  // "track=expedited", "status=verified", or both joined by ","
  int64_t population_size = 0;
  uint64_t seed = 0;
  double margin = 0, confidence = 0;
  std::vector<std::string> claims;  // the sample, in id order
  bool written = false;
};

// Largest seed accepted: stored as a JSON number, it must stay exact.
inline constexpr uint64_t kMaxSampleSeed = (uint64_t{1} << 53) - 1;

// Draws a simple random sample of the population (claims::SampleSize with
// the finite population, claims::DrawSample in claim id order) and records
// it as a `verifications` entry on every sampled claim, in one transaction.
// kInvalidArgument for no population, a margin or confidence outside (0, 1),
// a seed above kMaxSampleSeed, an unknown track or status, or no reason;
// kFailedPrecondition for an empty population.
base::Result<DrawnSample> DrawVerificationSample(Workspace& ws, const SampleRequest& request,
                                                 const ChangeContext& context);

// Records a checker's finding ("correct" or "error") on a sampled claim,
// with context.actor as checker and context.reason as the note. kNotFound
// if the claim was not drawn into that sample; kAlreadyExists if it has a
// finding (findings are never overwritten); kInvalidArgument for another
// result or no reason.
base::Status RecordSampleFinding(Workspace& ws, const std::string& sample_id,
                                 const std::string& claim_id, const std::string& result,
                                 const ChangeContext& context);

struct SampleConclusion {
  std::string sample;
  std::string population;
  int64_t population_size = 0;
  int64_t checked = 0;  // sample size
  int64_t errors = 0;
  double confidence = 0;
  double point_estimate = 0;  // errors / checked
  double upper_bound = 0;     // exact one-sided Clopper-Pearson bound
};

// What the sample's findings say about its population's error rate, at
// `confidence` (0: the confidence it was drawn for). kNotFound for an
// unknown sample; kFailedPrecondition listing the claims still without a
// finding, or if fewer claims carry the sample than were drawn (one was
// deleted).
base::Result<SampleConclusion> ConcludeSample(Workspace& ws, const std::string& sample_id,
                                              double confidence);

struct SampledClaim {
  std::string id;
  std::string confidentiality;  // the claim's level (app/access.h), for the caller to filter
  std::string result;           // "correct", "error", "" before a finding
  std::string checker, checked, note;
};

struct SampleListing {
  std::string sample;
  std::string population;
  int64_t population_size = 0;
  int64_t size = 0;  // drawn
  uint64_t seed = 0;
  double margin = 0, confidence = 0;
  std::string drawn;
  std::vector<SampledClaim> claims;  // the current claims carrying it, in id order
};

// The sample's claims and their findings. kNotFound for an unknown sample.
// Reads only.
base::Result<SampleListing> ListSample(Workspace& ws, const std::string& sample_id);

// ---- Precedents ----

struct PrecedentRequest {
  std::string precedent;             // a decided claim
  std::vector<std::string> targets;  // claims in status verified
  bool apply = false;                // false: the review step, nothing written
};

struct PrecedentTarget {
  std::string id;
  Transition transition;  // the decision it receives
};

struct PrecedentPlan {
  std::string precedent;
  std::string outcome;  // granted, partly_granted or rejected
  std::vector<std::string> legal_basis;
  std::map<std::string, double> granted_share;  // form -> awarded / claimed (reference money)
  std::vector<PrecedentTarget> targets;
  bool written = false;
};

// Applies a decided claim's outcome and legal basis to each target, as
// `vka claim transition` would (PrepareTransition), with `precedent` set
// and the awards rule of docs/claims.md: each amount the target claims,
// times the share of its form the precedent was awarded (reference money),
// in the target's own currency and year. With request.apply, writes every
// decision in one transaction. kFailedPrecondition if the precedent is not
// decided; kFailedPrecondition listing every refused target (not verified,
// unknown, a form the precedent gives no share for, the precedent itself,
// repeated, a decision the claim checks refuse) — nothing is written on any
// error.
base::Result<PrecedentPlan> ApplyPrecedent(Workspace& ws, const PrecedentRequest& request,
                                           const ChangeContext& context);

}  // namespace vka::app
