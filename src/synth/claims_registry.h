#pragma once

// A SYNTHETIC reparations registry (`vka claims gen`, `vka demo`, the
// duplicate-detection tests and bench/claims.sh): fictional claimants,
// victims, properties and acts, and claims on them, with planted duplicates
// and overlaps of each kind and the ground truth to score a detector
// against. Every person is a combination of common Armenian names with
// random attributes; every place is a numbered "Synthetic district"; every
// record's remarks begin "SYNTHETIC". Deterministic for a seed. Pure.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vka::synth {

struct ClaimsRegistryOptions {
  int64_t claims = 1000;    // claims to generate (planted ones included)
  uint64_t seed = 11;
  // Share of claims that are planted duplicates, per kind (same_claimant,
  // double_harm, shared_property, shared_victim).
  double planted_share = 0.02;
};

// The truth about one claim: the true entities behind its records.
struct ClaimTruth {
  std::string claim;                       // clm_ id
  int64_t claimant = 0;                    // true person
  std::vector<int64_t> properties;         // true properties claimed
  std::vector<int64_t> victims;            // true victims claimed for
  std::vector<int64_t> acts;               // true acts claimed
  std::string planted;                     // "" or the claim_overlap kind it was planted as
};

struct ClaimsRegistryCounts {
  int64_t records = 0;
  int64_t claims = 0;
  int64_t persons = 0;
  int64_t properties = 0;
  int64_t acts = 0;
  int64_t planted_same_claimant = 0;
  int64_t planted_double_harm = 0;
  int64_t planted_shared_property = 0;
  int64_t planted_shared_victim = 0;
};

// Calls emit for every record in dependency order (places, then per claim
// its new persons, properties and acts, then the claim), and truth (when
// not null) for every claim. Stops at and returns emit's first error.
// Every record is valid against the schema, the vocabularies and the
// claims checks (claims/claim.h) with the built-in valuation tables.
base::Result<ClaimsRegistryCounts> GenerateClaimsRegistry(
    const ClaimsRegistryOptions& options, const std::function<base::Status(const base::Json&)>& emit,
    const std::function<void(ClaimTruth)>& truth = nullptr);

// A small SYNTHETIC claims registry on the records of the demo situation
// (synth/demo.h): restitution claims by the holders of its properties and
// compensation claims for its killings, with a few planted duplicates of
// each kind. Claims only; every reference points into `demo`. Valid like
// GenerateClaimsRegistry's. Deterministic for the seed.
base::Result<std::vector<base::Json>> DemoClaims(const std::vector<base::Json>& demo, uint64_t seed);

}  // namespace vka::synth
