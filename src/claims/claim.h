#pragma once

// A reparation claim as the claims component reads it: the facts of one
// `claim` record body (model/schema.h, docs/claims.md), and the checks a
// claim must pass beyond the schema (amounts, currencies, dates, decision).
// Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "claims/valuation.h"
#include "model/validate.h"

namespace vka::claims {

struct ClaimAmount {
  std::string form;  // reparation_form code
  Money money;
  std::string method;    // valuation_method code, "" if not given
  std::string property;  // prp_ id the amount is for, "" if none
};

struct Beneficiary {
  std::string person;
  std::string relationship;
  std::string victim;
};

struct ClaimFacts {
  std::string id;
  std::string status;
  std::string track;
  std::string claimant;                      // per_ id, "" for a household claim
  std::vector<std::string> household;        // per_ ids of household members
  std::vector<std::string> victims;          // per_ ids
  std::vector<Beneficiary> beneficiaries;
  std::vector<std::string> harms;            // act_/prp_/dsp_ ids
  std::vector<std::string> forms;
  std::vector<ClaimAmount> amounts;
  std::vector<ClaimAmount> awards;           // decision.awards (form, money)
  std::vector<std::string> evidence;         // src_/inf_ ids
  std::string place;                         // plc_ id
  std::string filed;                         // EDTF
  std::string harm_date;                     // EDTF
  std::string precedent;                     // decision.precedent
  // overlap_reviews: (flag id, overlap_decision code, reviewer).
  struct Review {
    std::string flag, decision, reviewer;
  };
  std::vector<Review> reviews;

  // The persons who claim: the claimant, or the household members.
  std::vector<std::string> Claimants() const;
};

// Reads the facts from a stored (RFC 8785 canonical) claim body, without
// building a JSON tree (fast enough for a registry of 10^6 claims).
// kInvalidArgument if the text is not JSON. Fields it does not know are
// ignored.
base::Result<ClaimFacts> ReadClaimFacts(std::string_view canonical_body);

// What the day is, for date checks.
struct Today {
  int64_t day = 0;  // days since 1970-01-01 (base/edtf.h DayNumber)
  int year = 0;
};

// Checks a claim body that already passed model::Validate: a claimant or a
// household; amounts and awards non-negative with low <= amount <= high, in
// a known currency, with a rate and index for their year, a year not in the
// future, a form among the claim's forms; dates not in the future, the harm
// not after the filing; a decided claim (granted, partly_granted, rejected,
// enforced, paid) has a decision with a date, reasons and a legal basis. Returns every
// problem as a FieldError with its JSON path; empty when the claim is fine.
std::vector<model::FieldError> CheckClaim(const base::Json& body, const ValuationTables& tables,
                                          const Today& today);

}  // namespace vka::claims
