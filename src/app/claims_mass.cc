#include "app/claims_mass.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/access.h"
#include "app/files.h"
#include "app/records.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/ulid.h"
#include "claims/sampling.h"
#include "claims/workflow.h"

namespace vka::app {
namespace {

using base::Json;

constexpr size_t kMaxRulesBytes = 1 << 20;
constexpr size_t kMaxListedIds = 20;  // in an error listing claims

base::Result<const claims::ValuationTables*> Tables() {
  static const base::Result<claims::ValuationTables> tables = claims::ValuationTables::BuiltIn();
  if (!tables.ok()) return tables.status();
  return &*tables;
}

base::Status RequireReason(const ChangeContext& context, std::string_view what) {
  if (context.reason.empty())
    return base::InvalidArgumentError(std::string(what) +
                                      " needs --reason: say why, for the claims' history");
  return base::OkStatus();
}

std::string Today() { return base::NowRfc3339().substr(0, 10); }

std::string ListIds(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t idx = 0; idx < ids.size() && idx < kMaxListedIds; ++idx)
    out += (idx ? ", " : "") + ids[idx];
  if (ids.size() > kMaxListedIds)
    out += " and " + std::to_string(ids.size() - kMaxListedIds) + " more";
  return out;
}

base::Result<Json> CurrentBody(Workspace& ws, const std::string& id) {
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  if (latest.deleted) return base::NotFoundError(id + " is deleted");
  return base::ParseJsonStrict(latest.body);
}

// Writes the bodies in one transaction, or nothing.
base::Status WriteAll(Workspace& ws, std::vector<std::pair<std::string, Json>> bodies,
                      const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  for (auto& [id, body] : bodies) {
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Update(id, std::move(body)));
    if (!outcome.ok())
      return base::InvalidArgumentError(id + ": " + DescribeErrors(outcome.errors));
  }
  VKA_ASSIGN_OR_RETURN(auto dangling, writer->Finish());
  if (!dangling.empty()) {
    return base::InvalidArgumentError(dangling[0].record_id + ": " + dangling[0].path +
                                      ": refers to " + dangling[0].target_id +
                                      ", which does not exist");
  }
  return writer->Commit();
}

// ---- Routing ----

base::Status CheckCodes(const Workspace& ws, std::string_view vocab,
                        const std::vector<std::string>& codes, const std::string& where) {
  for (const auto& code : codes) {
    base::Status s = ws.vocab().Check(vocab, code);
    if (!s.ok()) return base::InvalidArgumentError(where + ": " + s.message());
  }
  return base::OkStatus();
}

// Tenure documents of every current property, by id.
base::Result<std::unordered_map<std::string, std::vector<std::string>>> TenureDocuments(
    Workspace& ws) {
  std::unordered_map<std::string, std::vector<std::string>> out;
  VKA_RETURN_IF_ERROR(
      ws.store().ForEachCurrent(model::Kind::kProperty, [&](const storage::Revision& r) {
        return base::VisitJsonLeaves(r.body, [&](std::string_view path, std::string_view value) {
          if (path == "tenure.documents") out[r.id].emplace_back(value);
        });
      }));
  return out;
}

// Claims in an overlap flag no reviewer has dismissed.
base::Result<std::unordered_set<std::string>> ClaimsWithOpenOverlap(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(auto flags, FindClaimOverlaps(ws));
  std::unordered_set<std::string> out;
  for (const auto& f : flags) {
    if (f.decision == "dismissed") continue;
    out.insert(f.flag.claims.begin(), f.flag.claims.end());
  }
  return out;
}

base::Result<double> ClaimedMid(const claims::ClaimFacts& claim,
                                const claims::ValuationTables& tables) {
  double total = 0;
  for (size_t idx = 0; idx < claim.amounts.size(); ++idx) {
    auto value = tables.ToReference(claim.amounts[idx].money);
    if (!value.ok()) {
      return base::FailedPreconditionError(claim.id + ": amounts[" + std::to_string(idx) +
                                           "] cannot be valued: " + value.status().message());
    }
    total += value->mid;
  }
  return total;
}

bool Selected(const claims::ClaimFacts& claim, const std::vector<std::string>& statuses) {
  if (statuses.empty())
    return !claims::IsFinalStatus(claim.status) && !claims::IsDecisionStatus(claim.status);
  return std::find(statuses.begin(), statuses.end(), claim.status) != statuses.end();
}

// ---- Sampling ----

std::string PopulationOf(const SampleRequest& r) {
  std::string out;
  if (!r.track.empty()) out = "track=" + r.track;
  if (!r.status.empty()) out += (out.empty() ? "" : ",") + std::string("status=") + r.status;
  return out;
}

base::Status CheckSampleRequest(const Workspace& ws, const SampleRequest& r) {
  if (r.track.empty() && r.status.empty()) {
    return base::InvalidArgumentError(
        "say which claims to sample: --track TRACK and/or --status STATUS");
  }
  if (!r.track.empty()) VKA_RETURN_IF_ERROR(CheckCodes(ws, "claim_track", {r.track}, "--track"));
  if (!r.status.empty())
    VKA_RETURN_IF_ERROR(CheckCodes(ws, "claim_status", {r.status}, "--status"));
  if (!(r.margin > 0 && r.margin < 1))
    return base::InvalidArgumentError("--margin must be between 0 and 1 (e.g. 0.05)");
  if (!(r.confidence > 0 && r.confidence < 1)) {
    return base::InvalidArgumentError("--confidence must be between 0 and 1 (e.g. 0.95)");
  }
  if (r.seed && *r.seed > kMaxSampleSeed) {
    return base::InvalidArgumentError("--seed must be at most " + std::to_string(kMaxSampleSeed));
  }
  return base::OkStatus();
}

uint64_t RandomSeed() {
  std::random_device device;
  uint64_t seed = (static_cast<uint64_t>(device()) << 32) ^ device();
  return seed & kMaxSampleSeed;
}

// The entry of `sample` in a claim body's verifications; nullptr if none.
Json* FindVerification(Json& body, const std::string& sample_id) {
  if (!body.contains("verifications")) return nullptr;
  for (Json& v : body["verifications"]) {
    if (v.value("sample", "") == sample_id) return &v;
  }
  return nullptr;
}

// Calls fn(id, body) for every current claim drawn into the sample.
base::Status ForEachSampled(Workspace& ws, const std::string& sample_id,
                            const std::function<base::Status(const std::string&, Json&)>& fn) {
  return ws.store().ForEachCurrent(
      model::Kind::kClaim, [&](const storage::Revision& r) -> base::Status {
        bool drawn = false;
        VKA_RETURN_IF_ERROR(
            base::VisitJsonLeaves(r.body, [&](std::string_view path, std::string_view value) {
              if (path == "verifications.sample" && value == sample_id) drawn = true;
            }));
        if (!drawn) return base::OkStatus();
        VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(r.body));
        return fn(r.id, body);
      });
}

// ---- Precedents ----

// The decision status of a decided claim: its status, or for an enforced or
// paid claim the decision status it last had. "" if never decided.
base::Result<std::string> OutcomeOf(Workspace& ws, const std::string& id,
                                    const std::string& status) {
  if (claims::IsDecisionStatus(status)) return status;
  if (status != "enforced" && status != "paid") return std::string();
  VKA_ASSIGN_OR_RETURN(auto history, RecordHistory(ws, id));
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(it->body));
    if (claims::IsDecisionStatus(facts.status)) return facts.status;
  }
  return std::string();
}

// form -> awarded / claimed, both mid in reference money, for the forms the
// precedent claimed a positive amount of.
base::Result<std::map<std::string, double>> GrantedShares(const claims::ClaimFacts& precedent,
                                                          const claims::ValuationTables& tables) {
  std::map<std::string, double> claimed, awarded;
  for (const auto& [list, sums] :
       {std::pair{&precedent.amounts, &claimed}, std::pair{&precedent.awards, &awarded}}) {
    for (const auto& a : *list) {
      auto value = tables.ToReference(a.money);
      if (!value.ok()) return value.status().WithContext(precedent.id);
      (*sums)[a.form] += value->mid;
    }
  }
  std::map<std::string, double> shares;
  for (const auto& [form, total] : claimed) {
    if (total > 0) shares[form] = awarded[form] / total;
  }
  return shares;
}

std::string AwardText(const std::string& form, double amount, const std::string& currency,
                      int year) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", amount);
  std::string number = buf;
  number.erase(number.find_last_not_of('0') + 1);  // "1200.50" -> "1200.5", "1200.00" -> "1200."
  if (number.back() == '.') number.pop_back();
  return form + ":" + number + ":" + currency + ":" + std::to_string(year);
}

// The decision a verified target receives, or why it cannot receive one.
base::Result<Transition> TargetDecision(const claims::ClaimFacts& target,
                                        const PrecedentPlan& plan) {
  if (target.status != "verified") {
    return base::FailedPreconditionError("is " + target.status + ", not verified");
  }
  Transition t{.id = target.id,
               .to = plan.outcome,
               .legal_basis = plan.legal_basis,
               .evidence = target.evidence,
               .precedent = plan.precedent};
  if (plan.outcome == "rejected") return t;
  for (const auto& a : target.amounts) {
    auto share = plan.granted_share.find(a.form);
    if (share == plan.granted_share.end()) {
      return base::FailedPreconditionError("claims " + a.form +
                                           ", which the precedent claimed no amount of");
    }
    double amount = std::round(a.money.amount * share->second * 100) / 100;  // cents
    if (amount > 0) t.awards.push_back(AwardText(a.form, amount, a.money.currency, a.money.year));
  }
  return t;
}

base::Result<claims::ClaimFacts> ReadClaim(Workspace& ws, const std::string& id) {
  if (model::KindOfId(id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + id + "\" is not a claim id (clm_…)");
  }
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  if (latest.deleted) return base::NotFoundError(id + " is deleted");
  return claims::ReadClaimFacts(latest.body);
}

}  // namespace

base::Result<claims::RoutingRules> LoadRoutingRules(const Workspace& ws,
                                                    const std::string& rules_file) {
  claims::RoutingRules rules;
  std::string origin = rules_file.empty() ? "data/claims/routing.toml" : rules_file;
  if (rules_file.empty()) {
    VKA_ASSIGN_OR_RETURN(rules, claims::RoutingRules::BuiltIn());
  } else {
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(rules_file, kMaxRulesBytes));
    VKA_ASSIGN_OR_RETURN(rules, claims::RoutingRules::Parse(text, rules_file));
  }
  for (size_t idx = 0; idx < rules.rules().size(); ++idx) {
    const claims::RoutingRule& rule = rules.rules()[idx];
    std::string where = origin + ": rule[" + std::to_string(idx) + "] \"" + rule.name + "\"";
    VKA_RETURN_IF_ERROR(CheckCodes(ws, "claim_track", {rule.track}, where + ": track"));
    VKA_RETURN_IF_ERROR(
        CheckCodes(ws, "reparation_form", rule.forms_within, where + ": forms_within"));
    VKA_RETURN_IF_ERROR(CheckCodes(ws, "tenure_document", rule.tenure_documents_any,
                                   where + ": tenure_documents_any"));
  }
  return rules;
}

base::Result<RouteReport> RouteClaims(Workspace& ws, const RouteRequest& request,
                                      const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "routing"));
  for (const auto& s : request.statuses)
    VKA_RETURN_IF_ERROR(CheckCodes(ws, "claim_status", {s}, "--status"));
  VKA_ASSIGN_OR_RETURN(claims::RoutingRules rules, LoadRoutingRules(ws, request.rules_file));
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  VKA_ASSIGN_OR_RETURN(auto all, ReadAllClaims(ws));
  VKA_ASSIGN_OR_RETURN(auto tenure, TenureDocuments(ws));
  VKA_ASSIGN_OR_RETURN(auto overlapping, ClaimsWithOpenOverlap(ws));

  RouteReport report;
  report.rules = request.rules_file.empty() ? "built-in" : request.rules_file;
  report.rules_version = rules.version();
  for (const auto& claim : all) {
    if (!Selected(claim, request.statuses)) continue;
    claims::RoutingFacts facts{.open_overlap = overlapping.contains(claim.id),
                               .evidence = static_cast<int>(claim.evidence.size()),
                               .forms = claim.forms};
    std::set<std::string> properties;
    for (const auto& h : claim.harms) {
      if (h.starts_with("prp_")) properties.insert(h);
    }
    for (const auto& a : claim.amounts) {
      if (!a.property.empty()) properties.insert(a.property);
    }
    for (const auto& p : properties) {
      if (auto it = tenure.find(p); it != tenure.end()) {
        facts.tenure_documents.insert(facts.tenure_documents.end(), it->second.begin(),
                                      it->second.end());
      }
    }
    VKA_ASSIGN_OR_RETURN(facts.claimed_mid, ClaimedMid(claim, *tables));
    const claims::RoutingRule* rule = rules.Route(facts);
    if (rule == nullptr) {
      return base::FailedPreconditionError(report.rules + ": no rule matches " + claim.id +
                                           "; end the rules with one without conditions");
    }
    ++report.considered;
    ++report.by_track[rule->track];
    ++report.by_rule[rule->name];
    if (rule->track != claim.track)
      report.changed.push_back({claim.id, claim.track, rule->track, rule->name});
  }
  if (request.dry_run || report.changed.empty()) return report;

  Json routing_base = {{"rules_version", rules.version()}, {"rules", report.rules}};
  if (rules.version().empty()) routing_base.erase("rules_version");
  std::vector<std::pair<std::string, Json>> bodies;
  for (const auto& c : report.changed) {
    VKA_ASSIGN_OR_RETURN(Json body, CurrentBody(ws, c.id));
    body["track"] = c.track;
    body["routing"] = routing_base;
    body["routing"]["rule"] = c.rule;
    bodies.emplace_back(c.id, std::move(body));
  }
  VKA_RETURN_IF_ERROR(WriteAll(ws, std::move(bodies), context));
  report.written = true;
  return report;
}

base::Result<DrawnSample> DrawVerificationSample(Workspace& ws, const SampleRequest& request,
                                                 const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "drawing a sample"));
  VKA_RETURN_IF_ERROR(CheckSampleRequest(ws, request));
  DrawnSample sample;
  sample.population = PopulationOf(request);
  sample.seed = request.seed ? *request.seed : RandomSeed();
  sample.margin = request.margin;
  sample.confidence = request.confidence;
  std::vector<std::string> population;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kClaim, [&](const storage::Revision& r) -> base::Status {
        VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(r.body));
        if ((request.track.empty() || facts.track == request.track) &&
            (request.status.empty() || facts.status == request.status)) {
          population.push_back(facts.id);
        }
        return base::OkStatus();
      }));
  if (population.empty())
    return base::FailedPreconditionError("no claims with " + sample.population + " to sample");
  sample.population_size = static_cast<int64_t>(population.size());
  int64_t size = claims::SampleSize(sample.population_size, request.margin, request.confidence);
  sample.claims = claims::DrawSample(population, size, sample.seed);
  if (request.dry_run) return sample;
  sample.id = "smp_" + base::NewUlid();

  Json entry = {{"sample", sample.id},
                {"population", sample.population},
                {"population_size", sample.population_size},
                {"size", static_cast<int64_t>(sample.claims.size())},
                {"seed", static_cast<int64_t>(sample.seed)},
                {"margin", sample.margin},
                {"confidence", sample.confidence},
                {"drawn", Today()}};
  std::vector<std::pair<std::string, Json>> bodies;
  for (const auto& id : sample.claims) {
    VKA_ASSIGN_OR_RETURN(Json body, CurrentBody(ws, id));
    body["verifications"].push_back(entry);
    bodies.emplace_back(id, std::move(body));
  }
  VKA_RETURN_IF_ERROR(WriteAll(ws, std::move(bodies), context));
  sample.written = true;
  return sample;
}

base::Status RecordSampleFinding(Workspace& ws, const std::string& sample_id,
                                 const std::string& claim_id, const std::string& result,
                                 const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "a finding"));
  if (result != "correct" && result != "error") {
    return base::InvalidArgumentError("--result must be correct or error, got \"" + result + "\"");
  }
  if (model::KindOfId(claim_id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + claim_id + "\" is not a claim id (clm_…)");
  }
  VKA_ASSIGN_OR_RETURN(Json body, CurrentBody(ws, claim_id));
  Json* entry = FindVerification(body, sample_id);
  if (entry == nullptr)
    return base::NotFoundError(claim_id + " was not drawn into sample " + sample_id);
  if (entry->contains("result")) {
    return base::AlreadyExistsError(claim_id + " already has a finding in " + sample_id + ": " +
                                    (*entry)["result"].get<std::string>() + " by " +
                                    entry->value("checker", "?") +
                                    "; findings are not overwritten");
  }
  (*entry)["result"] = result;
  (*entry)["checker"] = context.actor;
  (*entry)["checked"] = Today();
  (*entry)["note"] = context.reason;
  std::vector<std::pair<std::string, Json>> bodies;
  bodies.emplace_back(claim_id, std::move(body));
  return WriteAll(ws, std::move(bodies), context);
}

base::Result<SampleConclusion> ConcludeSample(Workspace& ws, const std::string& sample_id,
                                              double confidence) {
  SampleConclusion c;
  c.sample = sample_id;
  int64_t drawn_size = -1;
  double drawn_confidence = 0;
  std::vector<std::string> missing;
  VKA_RETURN_IF_ERROR(
      ForEachSampled(ws, sample_id, [&](const std::string& id, Json& body) -> base::Status {
        Json* entry = FindVerification(body, sample_id);
        if (entry == nullptr) return base::OkStatus();  // the id matched another field's text
        c.population = entry->value("population", "");
        c.population_size = entry->value("population_size", int64_t{0});
        drawn_size = entry->value("size", int64_t{0});
        drawn_confidence = entry->value("confidence", 0.0);
        ++c.checked;
        std::string result = entry->value("result", "");
        if (result.empty()) missing.push_back(id);
        if (result == "error") ++c.errors;
        return base::OkStatus();
      }));
  if (c.checked == 0) return base::NotFoundError("no claim was drawn into sample " + sample_id);
  if (c.checked != drawn_size) {
    return base::FailedPreconditionError(
        "sample " + sample_id + " drew " + std::to_string(drawn_size) + " claims but " +
        std::to_string(c.checked) + " carry it (a sampled claim was deleted)");
  }
  if (!missing.empty()) {
    return base::FailedPreconditionError(
        "sample " + sample_id + ": " + std::to_string(missing.size()) + " of " +
        std::to_string(c.checked) + " claims have no finding yet (" + ListIds(missing) +
        "); record them with `vka claims sample record`");
  }
  c.confidence = confidence > 0 ? confidence : drawn_confidence;
  c.point_estimate = static_cast<double>(c.errors) / static_cast<double>(c.checked);
  VKA_ASSIGN_OR_RETURN(c.upper_bound,
                       claims::ErrorRateUpperBound(c.errors, c.checked, c.confidence));
  return c;
}

base::Result<SampleListing> ListSample(Workspace& ws, const std::string& sample_id) {
  SampleListing out;
  out.sample = sample_id;
  VKA_RETURN_IF_ERROR(
      ForEachSampled(ws, sample_id, [&](const std::string& id, Json& body) -> base::Status {
        Json* entry = FindVerification(body, sample_id);
        if (entry == nullptr) return base::OkStatus();  // the id matched another field's text
        out.population = entry->value("population", "");
        out.population_size = entry->value("population_size", int64_t{0});
        out.size = entry->value("size", int64_t{0});
        out.seed = entry->value("seed", uint64_t{0});
        out.margin = entry->value("margin", 0.0);
        out.confidence = entry->value("confidence", 0.0);
        out.drawn = entry->value("drawn", "");
        out.claims.push_back({id, ConfidentialityOf(body), entry->value("result", ""),
                              entry->value("checker", ""), entry->value("checked", ""),
                              entry->value("note", "")});
        return base::OkStatus();
      }));
  if (out.claims.empty()) return base::NotFoundError("no claim was drawn into sample " + sample_id);
  std::sort(out.claims.begin(), out.claims.end(),
            [](const SampledClaim& a, const SampledClaim& b) { return a.id < b.id; });
  return out;
}

base::Result<PrecedentPlan> ApplyPrecedent(Workspace& ws, const PrecedentRequest& request,
                                           const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "applying a precedent"));
  if (request.targets.empty())
    return base::InvalidArgumentError("name the claims to decide: --to CLM[,CLM...]");
  VKA_ASSIGN_OR_RETURN(claims::ClaimFacts precedent, ReadClaim(ws, request.precedent));
  PrecedentPlan plan;
  plan.precedent = precedent.id;
  VKA_ASSIGN_OR_RETURN(plan.outcome, OutcomeOf(ws, precedent.id, precedent.status));
  if (plan.outcome.empty()) {
    return base::FailedPreconditionError("the precedent " + precedent.id + " is " +
                                         precedent.status +
                                         ", not decided (granted, partly_granted or rejected)");
  }
  VKA_ASSIGN_OR_RETURN(Json precedent_body, CurrentBody(ws, precedent.id));
  plan.legal_basis = precedent_body["decision"].value("legal_basis", std::vector<std::string>{});
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  VKA_ASSIGN_OR_RETURN(plan.granted_share, GrantedShares(precedent, *tables));

  std::string refused;
  std::set<std::string> seen;
  std::vector<std::pair<std::string, Json>> bodies;
  for (const auto& id : request.targets) {
    base::Status problem = base::OkStatus();
    if (id == precedent.id) {
      problem = base::InvalidArgumentError("is the precedent itself");
    } else if (!seen.insert(id).second) {
      problem = base::InvalidArgumentError("is named twice");
    } else if (auto target = ReadClaim(ws, id); !target.ok()) {
      problem = target.status();
    } else if (auto t = TargetDecision(*target, plan); !t.ok()) {
      problem = t.status();
    } else if (auto body = PrepareTransition(ws, *t, context); !body.ok()) {
      problem = body.status();
    } else {
      plan.targets.push_back({id, *t});
      bodies.emplace_back(id, std::move(*body));
    }
    if (!problem.ok()) refused += "\n  " + id + ": " + problem.message();
  }
  if (!refused.empty()) {
    return base::FailedPreconditionError("precedent " + precedent.id +
                                         " not applied; nothing was written. Refused:" + refused);
  }
  if (!request.apply) return plan;
  VKA_RETURN_IF_ERROR(WriteAll(ws, std::move(bodies), context));
  plan.written = true;
  return plan;
}

}  // namespace vka::app
