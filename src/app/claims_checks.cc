#include "app/claims_checks.h"

#include <string>

#include "app/claims.h"
#include "claims/claim.h"
#include "legal/kb.h"

namespace vka::app {
namespace {

using base::Json;

void CheckLegalBasis(const Json& body, std::vector<model::FieldError>& errors) {
  if (!body.contains("decision") || !body["decision"].contains("legal_basis")) return;
  auto kb = legal::KnowledgeBase::BuiltIn();  // loaded once, then shared
  if (!kb.ok()) {
    errors.push_back({"decision.legal_basis", "", "legal knowledge base unavailable: " + kb.status().message()});
    return;
  }
  const Json& ids = body["decision"]["legal_basis"];
  for (size_t idx = 0; idx < ids.size(); ++idx) {
    if (!ids[idx].is_string()) continue;
    const std::string& id = ids[idx].get_ref<const std::string&>();
    if ((*kb)->FindItem(id) || (*kb)->FindInstrument(id) || (*kb)->FindStandard(id)) continue;
    errors.push_back({"decision.legal_basis[" + std::to_string(idx) + "]", id,
                      "unknown legal knowledge base id \"" + id + "\" (see `vka legal list`)"});
  }
}

}  // namespace

void AppendClaimErrors(const Json& normalized, std::vector<model::FieldError>& errors) {
  if (!normalized.is_object() || normalized.value("kind", "") != "claim") return;
  static const base::Result<claims::ValuationTables> tables = claims::ValuationTables::BuiltIn();
  if (!tables.ok()) {
    errors.push_back({"amounts", "", "valuation tables unavailable: " + tables.status().message()});
    return;
  }
  std::vector<model::FieldError> found = claims::CheckClaim(normalized, *tables, TodayUtc());
  errors.insert(errors.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  CheckLegalBasis(normalized, errors);
}

}  // namespace vka::app
