#pragma once

// The claim checks every write path applies (docs/claims.md): beyond the
// schema, claims/claim.h CheckClaim with the built-in valuation tables and
// today's date, and every decision.legal_basis id existing in the legal
// knowledge base. RecordWriter runs them on each claim it creates or
// updates, so `vka claim`, `vka add|edit`, `vka import`, the API and the
// demo refuse the same bodies. Thread-safe: the tables and the knowledge
// base are loaded once per process and only read.

#include <vector>

#include "base/json.h"
#include "model/validate.h"

namespace vka::app {

// Appends the problems of a claim body that already passed model::Validate
// (normalised) to errors, each with its JSON path ("amounts[0].currency",
// "decision.legal_basis[1]"). Bodies of other kinds are left alone. If the
// tables or the knowledge base cannot be loaded, that is reported as an
// error on the field that needs them, so nothing unchecked is written.
void AppendClaimErrors(const base::Json& normalized, std::vector<model::FieldError>& errors);

}  // namespace vka::app
