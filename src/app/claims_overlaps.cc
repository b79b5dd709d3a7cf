// The duplicate and overlap review of the reparations registry (app/claims.h):
// loads what the detector needs from the store and records reviewers'
// decisions as claim revisions.

#include <map>
#include <unordered_set>

#include "app/claims.h"
#include "base/json.h"
#include "claims/leaves.h"

namespace vka::app {
namespace {

using IdSet = std::unordered_set<std::string>;

// Progress is reported every this many records read.
constexpr uint64_t kProgressEvery = 10000;

// Reads the names and birth of a stored person body. Canonical order puts
// "value" last in each name, so a name ends there.
claims::PersonNames ReadPerson(const storage::Revision& r) {
  claims::PersonNames p;
  p.id = r.id;
  std::string part;
  claims::VisitLeaves(r.body, [&](std::string_view path, std::string_view value) {
    if (path == "names.part") {
      part = value;
    } else if (path == "names.value") {
      if (part == "given") p.given.emplace_back(value);
      else if (part == "family") p.family.emplace_back(value);
      else if (part == "patronymic") p.patronymic.emplace_back(value);
      part.clear();
    } else if (path == "birth") {
      p.birth = value;
    }
  }).IgnoreError();  // stored bodies are JSON; a bad one yields an empty person
  return p;
}

claims::PropertyFacts ReadProperty(const storage::Revision& r) {
  claims::PropertyFacts p;
  p.id = r.id;
  claims::VisitLeaves(r.body, [&](std::string_view path, std::string_view value) {
    if (path == "registry_reference") p.registry_reference = value;
    else if (path == "address") p.address = value;
    else if (path == "place") p.place = value;
  }).IgnoreError();
  return p;
}

claims::HarmFacts ReadHarm(const storage::Revision& r) {
  claims::HarmFacts h;
  h.id = r.id;
  claims::VisitLeaves(r.body, [&](std::string_view path, std::string_view value) {
    if (path == "victim" || path == "persons") h.victims.emplace_back(value);
  }).IgnoreError();
  return h;
}

claims::PersonLinkDecision ReadLink(const storage::Revision& r) {
  claims::PersonLinkDecision d;
  claims::VisitLeaves(r.body, [&](std::string_view path, std::string_view value) {
    if (path == "person_a") d.a = value;
    else if (path == "person_b") d.b = value;
    else if (path == "decision") d.same = value == "same_person";
  }).IgnoreError();
  return d;
}

// Tells progress how many records of a kind were read, of how many.
class ReadProgress {
 public:
  ReadProgress(Workspace& ws, model::Kind kind, const claims::OverlapProgress& progress)
      : progress_(progress), phase_("read " + std::string(model::KindName(kind)) + " records") {
    if (!progress_) return;
    auto count = ws.store().Count(kind);  // only for the display: unknown (0) if it fails
    total_ = count.ok() ? static_cast<uint64_t>(*count) : 0;
  }
  void Tick() {
    if (progress_ && ++done_ % kProgressEvery == 0) progress_(phase_, done_, total_);
  }
  void Done() {
    if (progress_) progress_(phase_, done_, total_);
  }

 private:
  const claims::OverlapProgress& progress_;
  std::string phase_;
  uint64_t done_ = 0, total_ = 0;
};

// Reads the current records of a kind, those in wanted unless it is null.
template <typename T, typename Reader>
base::Status LoadKind(Workspace& ws, model::Kind kind, const IdSet* wanted, Reader read, std::vector<T>& out,
                      const claims::OverlapProgress& progress) {
  ReadProgress counter(ws, kind, progress);
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(kind, [&](const storage::Revision& r) {
    if (wanted == nullptr || wanted->contains(r.id)) out.push_back(read(r));
    counter.Tick();
    return base::OkStatus();
  }));
  counter.Done();
  return base::OkStatus();
}

// Keeps only what the detector and the review lookup read (ids of persons,
// harms and properties; reviews): at 5*10^5 claims the peak memory of
// `vka claims duplicates` fell from 1.67 to 1.41 GB.
claims::ClaimFacts ForOverlaps(claims::ClaimFacts full) {
  claims::ClaimFacts c;
  c.id = std::move(full.id);
  c.claimant = std::move(full.claimant);
  c.household = std::move(full.household);
  c.victims = std::move(full.victims);
  for (auto& b : full.beneficiaries) c.beneficiaries.push_back({"", "", std::move(b.victim)});
  c.harms = std::move(full.harms);
  for (auto& a : full.amounts) {
    if (!a.property.empty()) c.amounts.push_back({"", {}, "", std::move(a.property)});
  }
  c.reviews = std::move(full.reviews);
  return c;
}

base::Status LoadClaims(Workspace& ws, std::vector<claims::ClaimFacts>& out, const claims::OverlapProgress& progress) {
  ReadProgress counter(ws, model::Kind::kClaim, progress);
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(model::Kind::kClaim, [&](const storage::Revision& r) -> base::Status {
    auto facts = claims::ReadClaimFacts(r.body);
    if (!facts.ok()) return facts.status().WithContext(r.id);
    out.push_back(ForOverlaps(std::move(*facts)));
    counter.Tick();
    return base::OkStatus();
  }));
  counter.Done();
  return base::OkStatus();
}

base::Result<claims::OverlapInput> LoadOverlapInput(Workspace& ws, const claims::OverlapProgress& progress) {
  claims::OverlapInput in;
  VKA_RETURN_IF_ERROR(LoadClaims(ws, in.claims, progress));
  IdSet persons, properties, harms;
  for (const auto& c : in.claims) {
    for (const auto& p : c.Claimants()) persons.insert(p);
    for (const auto& v : c.victims) persons.insert(v);
    for (const auto& b : c.beneficiaries) persons.insert(b.victim);
    for (const auto& h : c.harms) (h.starts_with("prp_") ? properties : harms).insert(h);
    for (const auto& a : c.amounts) properties.insert(a.property);
  }
  VKA_RETURN_IF_ERROR(LoadKind(ws, model::Kind::kAct, &harms, ReadHarm, in.harms, progress));
  VKA_RETURN_IF_ERROR(LoadKind(ws, model::Kind::kDisplacement, &harms, ReadHarm, in.harms, progress));
  for (const auto& h : in.harms) persons.insert(h.victims.begin(), h.victims.end());
  VKA_RETURN_IF_ERROR(LoadKind(ws, model::Kind::kPerson, &persons, ReadPerson, in.persons, progress));
  VKA_RETURN_IF_ERROR(LoadKind(ws, model::Kind::kProperty, &properties, ReadProperty, in.properties, progress));
  VKA_RETURN_IF_ERROR(LoadKind(ws, model::Kind::kPersonLink, nullptr, ReadLink, in.links, progress));
  return in;
}

}  // namespace

base::Result<std::vector<ReviewedFlag>> FindClaimOverlaps(Workspace& ws, claims::OverlapStats* stats,
                                                          const claims::OverlapProgress& progress) {
  VKA_ASSIGN_OR_RETURN(claims::OverlapInput in, LoadOverlapInput(ws, progress));
  std::map<std::string, std::pair<std::string, std::string>> decided;  // flag -> (decision, reviewer)
  for (const auto& c : in.claims) {
    for (const auto& r : c.reviews) decided[r.flag] = {r.decision, r.reviewer};
  }
  VKA_ASSIGN_OR_RETURN(auto flags, claims::DetectOverlaps(in, stats, progress));
  std::vector<ReviewedFlag> out;
  out.reserve(flags.size());
  for (auto& f : flags) {
    ReviewedFlag rf{std::move(f), "", ""};
    if (auto it = decided.find(rf.flag.id); it != decided.end()) std::tie(rf.decision, rf.reviewer) = it->second;
    out.push_back(std::move(rf));
  }
  return out;
}

base::Result<int64_t> ReviewClaimOverlap(Workspace& ws, const std::string& flag_id, const std::string& decision,
                                         const ChangeContext& context) {
  if (context.reason.empty()) {
    return base::InvalidArgumentError("a review needs --reason: the rationale, for the claims' history");
  }
  if (decision != "confirmed" && decision != "dismissed") {
    return base::InvalidArgumentError("decision must be confirmed or dismissed");
  }
  VKA_ASSIGN_OR_RETURN(auto flags, FindClaimOverlaps(ws));
  const ReviewedFlag* found = nullptr;
  for (const auto& f : flags) {
    if (f.flag.id == flag_id) found = &f;
  }
  if (found == nullptr) {
    return base::NotFoundError("no current overlap flag " + flag_id + " (run `vka claims duplicates`; a flag's id changes when its claims do)");
  }
  if (!found->decision.empty()) {
    return base::AlreadyExistsError(flag_id + " was already reviewed: " + found->decision + " by " + found->reviewer);
  }
  base::Json review = {{"flag", flag_id},           {"type", found->flag.type},
                       {"decision", decision},
                       {"reviewer", context.actor}, {"rationale", context.reason}};
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  for (const auto& id : found->flag.claims) {
    VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
    VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(latest.body));
    base::Json others = base::Json::array();  // a record may not refer to itself
    for (const auto& other : found->flag.claims) {
      if (other != id) others.push_back(other);
    }
    review["claims"] = std::move(others);
    body["overlap_reviews"].push_back(review);
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Update(id, std::move(body)));
    if (!outcome.ok()) return base::InvalidArgumentError(id + ": " + DescribeErrors(outcome.errors));
  }
  VKA_RETURN_IF_ERROR(writer->Commit());
  return static_cast<int64_t>(found->flag.claims.size());
}

}  // namespace vka::app
