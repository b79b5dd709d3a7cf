#include "app/claims.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <utility>

#include "app/claims_checks.h"
#include "base/clock.h"
#include "base/edtf.h"
#include "claims/claim.h"
#include "claims/workflow.h"
#include "legal/kb.h"
#include "model/validate.h"

namespace vka::app {
namespace {

using base::Json;

base::Result<const claims::ValuationTables*> Tables() {
  static const base::Result<claims::ValuationTables> tables = claims::ValuationTables::BuiltIn();
  if (!tables.ok()) return tables.status();
  return &*tables;
}

base::Status RequireReason(const ChangeContext& context, std::string_view what) {
  if (context.reason.empty()) {
    return base::InvalidArgumentError(std::string(what) + " needs --reason: say why, for the claim's history");
  }
  return base::OkStatus();
}

// Runs the schema and the claim checks on a complete body; kInvalidArgument
// listing every problem.
base::Status CheckBody(const Workspace& ws, const Json& body) {
  Json normalized = model::Normalize(body);
  model::ValidationResult v = model::Validate(normalized, ws.vocab());
  if (!v.ok()) return base::InvalidArgumentError(DescribeErrors(v.errors));
  std::vector<model::FieldError> errors;
  AppendClaimErrors(normalized, errors);  // app/claims_checks.h, as every write path
  if (!errors.empty()) return base::InvalidArgumentError(DescribeErrors(errors));
  return base::OkStatus();
}

base::Status CommitOrReport(RecordWriter& writer) {
  VKA_ASSIGN_OR_RETURN(auto dangling, writer.Finish());
  if (!dangling.empty()) {
    std::string message;
    for (const auto& d : dangling) {
      message += (message.empty() ? "" : "\n") + d.path + ": refers to " + d.target_id + ", which does not exist";
    }
    return base::InvalidArgumentError(message);
  }
  return writer.Commit();
}

base::Result<Json> LatestClaimBody(Workspace& ws, const std::string& id) {
  if (model::KindOfId(id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + id + "\" is not a claim id (clm_…)");
  }
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  if (latest.deleted) return base::NotFoundError(id + " is deleted");
  return base::ParseJsonStrict(latest.body);
}

base::Result<int64_t> WriteUpdate(Workspace& ws, const std::string& id, Json body, const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(CheckBody(ws, body));
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Update(id, std::move(body)));
  if (!outcome.ok()) return base::InvalidArgumentError(DescribeErrors(outcome.errors));
  VKA_RETURN_IF_ERROR(CommitOrReport(*writer));
  return outcome.rev;
}

void ApplyChange(Json& body, const std::string& path, const std::optional<Json>& v) {
  Json* node = &body;
  size_t start = 0;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) {
    Json& next = (*node)[path.substr(start, dot - start)];
    if (!next.is_object()) next = Json::object();
    node = &next;
  }
  if (v) {
    (*node)[path.substr(start)] = *v;
  } else {
    node->erase(path.substr(start));
  }
}

// "form:amount:currency:year" -> an award object.
base::Result<Json> ParseAward(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t colon; (colon = text.find(':', start)) != std::string::npos; start = colon + 1) {
    parts.push_back(text.substr(start, colon - start));
  }
  parts.push_back(text.substr(start));
  auto bad = base::InvalidArgumentError("--award takes FORM:AMOUNT:CURRENCY:YEAR, e.g. compensation_material:12000:USD:2026, got \"" + text + "\"");
  if (parts.size() != 4) return bad;
  char* end = nullptr;
  double amount = std::strtod(parts[1].c_str(), &end);
  if (parts[1].empty() || *end != '\0') return bad;
  long year = std::strtol(parts[3].c_str(), &end, 10);
  if (parts[3].empty() || *end != '\0') return bad;
  return Json{{"form", parts[0]}, {"amount", amount}, {"currency", parts[2]}, {"year", year}};
}

base::Result<Json> DecisionFor(const Transition& t, const ChangeContext& context) {
  if (t.legal_basis.empty()) {
    return base::InvalidArgumentError("a decision (" + t.to + ") must cite its legal basis: give --legal-basis KB_ID (e.g. bpg.20, pinheiro.2)");
  }
  Json decision = {{"reasons", context.reason}, {"legal_basis", t.legal_basis}};
  std::string date = t.date.empty() ? base::NowRfc3339().substr(0, 10) : t.date;
  decision["date"] = date;
  if (!t.evidence.empty()) decision["evidence"] = t.evidence;
  if (!t.precedent.empty()) decision["precedent"] = t.precedent;
  Json awards = Json::array();
  for (const auto& a : t.awards) {
    VKA_ASSIGN_OR_RETURN(Json award, ParseAward(a));
    awards.push_back(std::move(award));
  }
  if (!awards.empty()) decision["awards"] = std::move(awards);
  return decision;
}

// Batches of (claim id, body) handed from the thread that reads the store
// to the one that summarizes; Push blocks while kMaxBatches wait. Emptied
// batches come back through Recycle, so their strings' memory is reused
// instead of allocated for every claim.
class BodyQueue {
 public:
  struct Batch {
    std::vector<std::pair<std::string, std::string>> items;  // items[0, size) are filled
    size_t size = 0;
  };
  static constexpr size_t kBatchSize = 2048;
  static constexpr size_t kMaxBatches = 8;

  void Push(Batch batch) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return batches_.size() < kMaxBatches; });
    batches_.push_back(std::move(batch));
    changed_.notify_all();
  }
  // False when closed and drained.
  bool Pop(Batch& out) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return !batches_.empty() || closed_; });
    if (batches_.empty()) return false;
    out = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return true;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    changed_.notify_all();
  }
  void Recycle(Batch batch) {
    batch.size = 0;
    std::lock_guard lock(mu_);
    free_.push_back(std::move(batch));
  }
  // An emptied batch, or a new one.
  Batch Empty() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return {};
    Batch out = std::move(free_.back());
    free_.pop_back();
    return out;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Batch> batches_;
  std::vector<Batch> free_;
  bool closed_ = false;
};

// Adds every current claim to the summarizer. Reading the store and
// parsing the bodies take about as long each, so a second thread parses
// while this one reads (on two cores the wall time is that of the longer
// half). The first bad body's error is returned, with its id, after the
// scan.
base::Status SummarizeBodies(Workspace& ws, claims::Summarizer& summarizer) {
  BodyQueue queue;
  base::Status parse_error;
  std::jthread parser([&queue, &summarizer, &parse_error] {
    BodyQueue::Batch batch;
    while (queue.Pop(batch)) {
      for (size_t idx = 0; idx < batch.size && parse_error.ok(); ++idx) {
        const auto& [id, body] = batch.items[idx];
        parse_error = summarizer.AddBody(body).WithContext(id);
      }
      queue.Recycle(std::move(batch));
    }
  });
  struct CloseOnExit {  // before the thread is joined, on every path
    BodyQueue& queue;
    ~CloseOnExit() { queue.Close(); }
  } close_on_exit{queue};
  BodyQueue::Batch batch;
  base::Status read = ws.store().ForEachCurrent(model::Kind::kClaim, [&](const storage::Revision& r) {
    if (batch.size == batch.items.size()) batch.items.emplace_back();
    auto& [id, body] = batch.items[batch.size++];
    id.assign(r.id);
    body.assign(r.body);
    if (batch.size == BodyQueue::kBatchSize) {
      queue.Push(std::move(batch));
      batch = queue.Empty();
    }
    return base::OkStatus();
  });
  if (batch.size > 0) queue.Push(std::move(batch));
  queue.Close();
  parser.join();
  VKA_RETURN_IF_ERROR(read);
  return parse_error;
}

}  // namespace

claims::Today TodayUtc() {
  std::string now = base::NowRfc3339();
  int year = std::atoi(now.substr(0, 4).c_str());
  auto day = base::EdtfDate::Parse(now.substr(0, 10));
  return {day.ok() ? day->earliest() : 0, year};
}

base::Result<std::string> AddClaim(Workspace& ws, std::string_view json_text, const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(json_text));
  if (!body.is_object()) return base::InvalidArgumentError("the claim must be a JSON object");
  if (body.contains("kind") && body["kind"] != "claim") {
    return base::InvalidArgumentError("\"kind\" in the JSON is " + body["kind"].dump() + ", not \"claim\"");
  }
  body["kind"] = "claim";
  if (!body.contains("id")) body["id"] = model::NewId(model::Kind::kClaim);
  if (!body.contains("status")) body["status"] = "draft";
  VKA_RETURN_IF_ERROR(CheckBody(ws, body));
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Create(std::move(body), "--json"));
  if (!outcome.ok()) return base::InvalidArgumentError(DescribeErrors(outcome.errors));
  VKA_RETURN_IF_ERROR(CommitOrReport(*writer));
  return outcome.id;
}

base::Result<int64_t> EditClaim(Workspace& ws, const std::string& id, const std::vector<FieldChange>& changes,
                                const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "an edit"));
  if (changes.empty()) return base::InvalidArgumentError("nothing to change: give --set or --unset");
  VKA_ASSIGN_OR_RETURN(Json body, LatestClaimBody(ws, id));
  for (const auto& change : changes) {
    std::string top = change.path.substr(0, change.path.find('.'));
    if (top == "status" || top == "decision" || top == "overlap_reviews" || top == "routing" ||
        top == "verifications") {
      return base::InvalidArgumentError("\"" + top + "\" changes only through `vka claim transition`, `vka claims duplicate`, `vka claims route` or `vka claims sample`");
    }
    if (top == "id" || top == "kind") return base::InvalidArgumentError("the " + top + " of a claim cannot change");
    std::optional<Json> value;
    if (change.text) {
      VKA_ASSIGN_OR_RETURN(value, ParseFieldValue(model::Kind::kClaim, change.path, *change.text));
    }
    ApplyChange(body, change.path, value);
  }
  return WriteUpdate(ws, id, std::move(body), context);
}

base::Result<int64_t> TransitionClaim(Workspace& ws, const Transition& t, const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(Json body, PrepareTransition(ws, t, context));
  return WriteUpdate(ws, t.id, std::move(body), context);
}

base::Result<ClaimView> ViewClaim(Workspace& ws, const std::string& id) {
  if (model::KindOfId(id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + id + "\" is not a claim id (clm_…)");
  }
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  ClaimView view;
  VKA_ASSIGN_OR_RETURN(view.facts, claims::ReadClaimFacts(latest.body));
  claims::Summarizer one(*tables, claims::GroupBy::kNone);
  one.Add(view.facts);
  claims::Summary s = one.Finish();
  view.claimed = s.total.claimed;
  view.awarded = s.total.awarded;
  view.reference = tables->reference_currency() + " of " + std::to_string(tables->reference_year());
  for (auto next : claims::NextStatuses(view.facts.status)) view.next_statuses.emplace_back(next);
  return view;
}

base::Result<std::vector<claims::ClaimFacts>> ReadAllClaims(Workspace& ws) {
  std::vector<claims::ClaimFacts> out;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(model::Kind::kClaim, [&out](const storage::Revision& r) -> base::Status {
    VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(r.body));
    out.push_back(std::move(facts));
    return base::OkStatus();
  }));
  return out;
}

base::Result<claims::Summary> SummarizeClaims(Workspace& ws, claims::GroupBy by) {
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  claims::Summarizer summarizer(*tables, by);
  VKA_RETURN_IF_ERROR(SummarizeBodies(ws, summarizer));
  claims::Summary summary = summarizer.Finish();
  if (by != claims::GroupBy::kPlace) return summary;
  for (auto& row : summary.rows) {
    auto place = ws.store().Latest(row.key);
    if (!place.ok() || !*place) continue;
    auto body = base::ParseJsonStrict((*place)->body);
    if (body.ok() && body->contains("names") && !(*body)["names"].empty()) {
      row.key += " " + (*body)["names"][0].value("value", "");
    }
  }
  return summary;
}

base::Result<Json> PrepareTransition(Workspace& ws, const Transition& t, const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(RequireReason(context, "a transition"));
  VKA_ASSIGN_OR_RETURN(Json body, LatestClaimBody(ws, t.id));
  std::string from = body.value("status", "");
  VKA_RETURN_IF_ERROR(claims::CheckTransition(from, t.to).WithContext(t.id));
  if (claims::IsDecisionStatus(t.to)) {
    VKA_ASSIGN_OR_RETURN(body["decision"], DecisionFor(t, context));
  } else if (!t.legal_basis.empty() || !t.awards.empty() || !t.precedent.empty()) {
    return base::InvalidArgumentError("--legal-basis, --award and --precedent belong to a decision (granted, partly_granted, rejected), not to " + t.to);
  }
  body["status"] = t.to;
  VKA_RETURN_IF_ERROR(CheckBody(ws, body));
  return body;
}

}  // namespace vka::app
