#pragma once

// The claimant's statement of a reparation claim (docs/claims.md "Outputs"):
// a Document in English, Armenian or Russian, with the claim's status and
// history, its persons, harms, forms and amounts, the valuation with its
// bounds, the decision, deadlines, the evidence count and how to verify the
// record in the transparency log. The fixed wording is data
// (data/claims/statement.toml, embedded); codes take the vocabularies'
// labels. Pure: facts in, document out; no I/O. Thread-safe.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "claims/claim.h"
#include "claims/valuation.h"
#include "model/vocabulary.h"
#include "report/document.h"

namespace vka::report {

// One name of a person record (model schema `names`).
struct StatementName {
  std::string value;
  std::string script;  // ISO 15924 code, "" if not given
  std::string part;    // name_part code, "" if not given
};

struct StatementPerson {
  enum class Role { kClaimant, kHouseholdMember, kVictim, kBeneficiary, kRepresentative };
  std::string id;
  Role role = Role::kClaimant;
  std::string relationship;          // relationship code ("" if none)
  std::string victim;                // a beneficiary's victim: a per_ id ("" if none)
  std::vector<StatementName> names;  // empty: the record could not be read; the id is shown
  std::string birth;                 // EDTF
  // The person's sensitive fields (schema `sensitive`): (field, value).
  // Shown only with ClaimStatementInput::include_sensitive.
  std::vector<std::pair<std::string, std::string>> sensitive;
};

// A harm the claim rests on (an act, property or displacement record).
struct StatementHarm {
  std::string id;
  std::string kind;                // "act", "property", "displacement"
  std::string type;                // act_type, property_type or displacement_circumstance code
  std::string date;                // EDTF
  std::string address;             // property
  std::string registry_reference;  // property
  std::string tenure;              // property: tenure_type code
  std::string dispossession;       // property: dispossession_mechanism code
  std::string from, to;            // displacement: place names
};

// A revision of the claim that created it or changed its status.
struct StatementTransition {
  int64_t rev = 0;
  std::string at;  // RFC 3339
  std::string status;
  std::string reason;
};

struct StatementDecision {
  std::string date;
  std::string reasons;
  std::vector<std::string> legal_basis;  // legal KB ids
};

struct StatementDeadline {
  std::string what;
  std::string due;
};

struct ClaimStatementInput {
  std::string lang = "en";  // en, hy or ru
  std::string registry_name;
  claims::ClaimFacts claim;
  std::string household_name;  // a household claim's name
  std::vector<StatementPerson> persons;
  std::vector<StatementHarm> harms;
  std::vector<StatementTransition> history;  // oldest first
  StatementDecision decision;                // empty date and reasons: no decision
  std::vector<StatementDeadline> deadlines;
  int64_t revision = 0;    // the claim's current revision
  std::string commitment;  // its log commitment, hex
  std::string issued_at;   // RFC 3339
  bool synthetic = false;  // the claim's remarks say SYNTHETIC
  bool include_sensitive = false;
};

// The languages a statement can be written in: "en", "hy", "ru".
const std::vector<std::string>& ClaimStatementLanguages();

// Builds the statement. REQUIRES: tables and vocab outlive the call.
// Persons' names are given in the script of the language (Armn for hy, Cyrl
// for ru, Latn for en) where the record has one, else in the first script
// it has. Sensitive person fields appear only with include_sensitive; else
// a sentence says they were left out. kInvalidArgument for a language other
// than en, hy, ru; kInternal if the embedded labels do not parse or lack a
// key (a build problem, caught by the tests).
base::Result<Document> BuildClaimStatement(const ClaimStatementInput& input,
                                           const claims::ValuationTables& tables,
                                           const model::VocabularySet& vocab);

// Checks the embedded labels: every language has every key of "en".
// kInternal naming the language and key otherwise.
base::Status CheckClaimStatementLabels();

}  // namespace vka::report
