// The reparations registry as a signed-in role may see it
// (app/claims_access.h).

#include "app/claims_access.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "app/records.h"
#include "claims/summary.h"
#include "claims/valuation.h"
#include "claims/workflow.h"
#include "model/vocabulary.h"

namespace vka::app {
namespace {

using base::Json;

constexpr size_t kAllLevels = 4;  // public, internal, restricted, sealed

bool ReadsEverything(Role role) { return ReadableLevels(role).size() == kAllLevels; }

base::Result<const claims::ValuationTables*> Tables() {
  static const base::Result<claims::ValuationTables> tables = claims::ValuationTables::BuiltIn();
  if (!tables.ok()) return tables.status();
  return &*tables;
}

// The current body of a record as the role may see it; nullopt when it does
// not exist, is deleted, or the role may not read it.
base::Result<std::optional<Json>> ReadableBody(Workspace& ws, Role role, const std::string& id) {
  std::optional<model::Kind> kind = model::KindOfId(id);
  if (!kind) return std::optional<Json>();
  VKA_ASSIGN_OR_RETURN(std::optional<storage::Revision> latest, ws.store().Latest(id));
  if (!latest || latest->deleted) return std::optional<Json>();
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
  return RedactFor(role, *kind, body);
}

base::Result<std::string> ClaimantName(Workspace& ws, Role role, const claims::ClaimFacts& facts) {
  if (facts.claimant.empty()) return std::string();
  VKA_ASSIGN_OR_RETURN(std::optional<Json> person, ReadableBody(ws, role, facts.claimant));
  return person ? PersonDisplayName(*person) : std::string();
}

std::string HouseholdName(const Json& body) {
  auto it = body.find("household");
  if (it == body.end() || !it->is_object()) return "";
  return it->value("name", "");
}

base::Status CheckCode(const Workspace& ws, const char* vocabulary, const char* what,
                       const std::string& code) {
  if (code.empty()) return base::OkStatus();
  const model::Vocabulary* vocab = ws.vocab().Find(vocabulary);
  if (vocab != nullptr && vocab->Find(code) != nullptr) return base::OkStatus();
  return base::InvalidArgumentError(std::string(what) + ": \"" + code + "\" is not a " +
                                    vocabulary + " code");
}

// The record ids named in a text (flag explanations name persons, properties
// and harms by id).
std::vector<std::string> IdsIn(const std::string& text) {
  std::vector<std::string> ids;
  auto is_id_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t start = 0; start < text.size();) {
    if (!is_id_char(text[start])) {
      ++start;
      continue;
    }
    size_t end = start;
    while (end < text.size() && is_id_char(text[end])) ++end;
    std::string token = text.substr(start, end - start);
    if (model::KindOfId(token)) ids.push_back(std::move(token));
    start = end;
  }
  return ids;
}

}  // namespace

bool IsClaimDecisionStatus(std::string_view status) { return claims::IsDecisionStatus(status); }

bool ClaimBodyNeedsReviewer(const Json& body) {
  if (!body.is_object()) return false;
  if (body.contains("decision") || body.contains("overlap_reviews")) return true;
  auto it = body.find("status");
  std::string status = it != body.end() && it->is_string() ? it->get<std::string>() : "";
  return claims::IsDecisionStatus(status) || status == "enforced" || status == "paid";
}

std::string PersonDisplayName(const Json& person) {
  auto names = person.find("names");
  if (names == person.end() || !names->is_array() || names->empty()) return "";
  for (const auto& n : *names) {
    if (n.value("part", "") == "full") return n.value("value", "");
  }
  std::string script = (*names)[0].value("script", "");
  std::string out;
  for (const char* part : {"given", "patronymic", "family", ""}) {
    for (const auto& n : *names) {
      if (n.value("script", "") != script || n.value("part", "") != part) continue;
      out += (out.empty() ? "" : " ") + n.value("value", "");
    }
  }
  return out.empty() ? (*names)[0].value("value", "") : out;
}

base::Result<std::vector<ClaimListItem>> ListClaimsFor(Workspace& ws, Role role,
                                                       const ClaimFilter& filter) {
  VKA_RETURN_IF_ERROR(CheckCode(ws, "claim_status", "status", filter.status));
  VKA_RETURN_IF_ERROR(CheckCode(ws, "claim_track", "track", filter.track));
  storage::ListQuery query{.kind = model::Kind::kClaim,
                           .limit = filter.limit,
                           .offset = filter.offset,
                           .confidentiality = ReadableLevels(role)};
  if (!filter.status.empty()) query.where.push_back({"status", filter.status});
  if (!filter.track.empty()) query.where.push_back({"track", filter.track});
  VKA_ASSIGN_OR_RETURN(std::vector<storage::Revision> revisions, ws.store().List(query));
  std::vector<ClaimListItem> items;
  items.reserve(revisions.size());
  for (auto& rev : revisions) {
    ClaimListItem item;
    VKA_ASSIGN_OR_RETURN(item.view, ViewClaim(ws, rev.id));
    VKA_ASSIGN_OR_RETURN(item.claimant_name, ClaimantName(ws, role, item.view.facts));
    VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(rev.body));
    item.household = HouseholdName(body);
    item.head = std::move(rev);
    items.push_back(std::move(item));
  }
  return items;
}

base::Result<ClaimDetail> ViewClaimFor(Workspace& ws, Role role, const std::string& id) {
  if (model::KindOfId(id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + id + "\" is not a claim id (clm_…)");
  }
  ClaimDetail detail;
  VKA_ASSIGN_OR_RETURN(detail.record, ViewRecord(ws, role, id));
  if (detail.record.head.deleted) return base::NotFoundError(id + " is deleted");
  VKA_ASSIGN_OR_RETURN(detail.view, ViewClaim(ws, id));
  VKA_ASSIGN_OR_RETURN(detail.claimant_name, ClaimantName(ws, role, detail.view.facts));
  VKA_ASSIGN_OR_RETURN(detail.history, ViewHistory(ws, role, id));
  return detail;
}

base::Result<claims::Summary> SummarizeClaimsFor(Workspace& ws, Role role, claims::GroupBy by) {
  if (ReadsEverything(role)) return SummarizeClaims(ws, by);
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  claims::Summarizer summarizer(*tables, by);
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kClaim, [&](const storage::Revision& r) -> base::Status {
        VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(r.body));
        if (!MayRead(role, ConfidentialityOf(body))) return base::OkStatus();
        VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(r.body));
        summarizer.Add(facts);
        return base::OkStatus();
      }));
  claims::Summary summary = summarizer.Finish();
  if (by != claims::GroupBy::kPlace) return summary;
  for (auto& row : summary.rows) {
    VKA_ASSIGN_OR_RETURN(std::optional<Json> place, ReadableBody(ws, role, row.key));
    if (place && place->contains("names") && !(*place)["names"].empty()) {
      row.key += " " + (*place)["names"][0].value("value", "");
    }
  }
  return summary;
}

base::Result<std::vector<ReviewedFlag>> ClaimOverlapsFor(Workspace& ws, Role role) {
  VKA_ASSIGN_OR_RETURN(std::vector<ReviewedFlag> flags, FindClaimOverlaps(ws));
  if (ReadsEverything(role)) return flags;
  std::map<std::string, bool> readable;
  auto may_read = [&](const std::string& id) -> base::Result<bool> {
    auto it = readable.find(id);
    if (it != readable.end()) return it->second;
    VKA_ASSIGN_OR_RETURN(std::optional<Json> body, ReadableBody(ws, role, id));
    return readable[id] = body.has_value();
  };
  std::vector<ReviewedFlag> kept;
  for (auto& f : flags) {
    std::vector<std::string> ids = f.flag.claims;
    ids.push_back(f.flag.key);
    for (auto& id : IdsIn(f.flag.explanation)) ids.push_back(std::move(id));
    bool visible = true;
    for (const auto& id : ids) {
      VKA_ASSIGN_OR_RETURN(bool ok, may_read(id));
      if (!ok) {
        visible = false;
        break;
      }
    }
    if (visible) kept.push_back(std::move(f));
  }
  return kept;
}

base::Status CheckStatementReadable(Workspace& ws, Role role, const std::string& claim_id) {
  VKA_ASSIGN_OR_RETURN(std::optional<Json> claim, ReadableBody(ws, role, claim_id));
  if (!claim) return base::NotFoundError("no claim " + claim_id);
  if (ReadsEverything(role)) return base::OkStatus();
  // The claim's references, then (one level further) those of its acts,
  // properties and displacements: victims, places, events.
  std::vector<std::string> pending = IdsIn(claim->dump());
  std::set<std::string> checked{claim_id};
  for (size_t i = 0; i < pending.size(); ++i) {
    const std::string id = pending[i];
    if (!checked.insert(id).second) continue;
    VKA_ASSIGN_OR_RETURN(std::optional<Json> body, ReadableBody(ws, role, id));
    if (!body) {
      return base::PermissionDeniedError("the statement of " + claim_id +
                                         " names a record your role may not read; ask a lawyer or an admin");
    }
    std::optional<model::Kind> kind = model::KindOfId(id);
    bool harm = kind == model::Kind::kAct || kind == model::Kind::kProperty || kind == model::Kind::kDisplacement;
    if (harm) {
      for (auto& ref : IdsIn(body->dump())) pending.push_back(std::move(ref));
    }
  }
  return base::OkStatus();
}

}  // namespace vka::app
