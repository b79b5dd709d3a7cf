#pragma once

// Duplicate and overlapping reparation claims (`vka claims duplicates`;
// docs/claims.md "Duplicates and overlaps"). Four kinds of flag:
//
//   same_claimant    one person (the same record, records a reviewer linked
//                    as the same person, or records whose names agree across
//                    scripts and whose birth dates agree) claims in several
//                    claims;
//   double_harm      the same claimant claims the same harm (act,
//                    displacement, or one property) in several claims;
//   shared_property  different claimants claim one property (the same
//                    record, or records with the same registry reference or
//                    the same address in the same place);
//   shared_victim    different claimants claim for one victim (heirs of a
//                    killed or missing person claiming separately).
//
// Flags are never acted on here: a reviewer confirms or dismisses each, and
// the claims are never merged. Pure; not thread-safe.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "claims/claim.h"

namespace vka::claims {

// What the detector needs to know about a person record.
struct PersonNames {
  std::string id;
  std::vector<std::string> given;        // any script
  std::vector<std::string> family;
  std::vector<std::string> patronymic;
  std::string birth;                     // EDTF, "" if unknown
};

struct PropertyFacts {
  std::string id;
  std::string registry_reference;
  std::string address;
  std::string place;
};

// An act or a displacement and the persons it harmed.
struct HarmFacts {
  std::string id;
  std::vector<std::string> victims;
};

// A reviewer's person_link decision.
struct PersonLinkDecision {
  std::string a, b;
  bool same = false;
};

struct OverlapInput {
  std::vector<ClaimFacts> claims;
  std::vector<PersonNames> persons;       // at least the claimants and victims
  std::vector<PropertyFacts> properties;  // the properties claims refer to
  std::vector<HarmFacts> harms;           // acts and displacements claims refer to
  std::vector<PersonLinkDecision> links;
};

struct OverlapFlag {
  std::string id;    // "ovl_" + 16 hex digits of SHA-256(type, key, claims)
  std::string type;  // claim_overlap code
  std::string key;   // the shared thing: a person, property or harm id
  std::vector<std::string> claims;  // sorted ids, at least two
  std::string explanation;
};

struct OverlapStats {
  int64_t claims = 0;
  int64_t persons = 0;
  int64_t name_pairs_compared = 0;
  int64_t person_matches = 0;  // pairs of distinct person records judged the same
};

// Told now and then during long work which phase runs ("compare persons")
// and how many of its items are done of total; may be empty.
using OverlapProgress = std::function<void(std::string_view phase, uint64_t done, uint64_t total)>;

// Flags every overlap, sorted by (type, first claim). Names are compared
// with the linkage component (transliteration to Latin, phonetic keys,
// Jaro-Winkler, dates). kInternal if ICU is broken.
base::Result<std::vector<OverlapFlag>> DetectOverlaps(const OverlapInput& input,
                                                      OverlapStats* stats = nullptr,
                                                      const OverlapProgress& progress = {});

// The flag id for a type, key and claim set (sorted or not).
std::string OverlapFlagId(const std::string& type, const std::string& key,
                          std::vector<std::string> claims);

// Every unordered pair of claims in the flags of one type, as "a|b" with
// a < b; for evaluation against planted duplicates.
std::vector<std::string> FlaggedPairs(const std::vector<OverlapFlag>& flags,
                                      const std::string& type);

}  // namespace vka::claims
