#include "app/records.h"

#include "app/claims.h"
#include "base/sha256.h"

namespace vka::app {
namespace {

base::Status CheckId(const std::string& id) {
  if (!model::KindOfId(id)) {
    return base::InvalidArgumentError("\"" + id + "\" is not a record id (expected <prefix>_<ULID>, e.g. per_01J…)");
  }
  return base::OkStatus();
}

base::Status RequireReason(const ChangeContext& context, std::string_view what) {
  if (context.reason.empty()) {
    return base::InvalidArgumentError(std::string(what) + " needs --reason: say why, for the record's history");
  }
  return base::OkStatus();
}

base::Status Rejected(const WriteOutcome& outcome) {
  return base::InvalidArgumentError(DescribeErrors(outcome.errors));
}

base::Status CommitOrReport(RecordWriter& writer) {
  VKA_ASSIGN_OR_RETURN(auto dangling, writer.Finish());
  if (!dangling.empty()) {
    std::string message;
    for (const auto& d : dangling) {
      if (!message.empty()) message += "\n";
      message += d.path + ": refers to " + d.target_id + ", which does not exist";
    }
    return base::InvalidArgumentError(message);
  }
  return writer.Commit();
}

// Sets or removes a value at a dotted path, creating objects on the way.
void ApplyChange(base::Json& body, const std::string& path, const std::optional<base::Json>& v) {
  base::Json* node = &body;
  size_t start = 0;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) {
    base::Json& next = (*node)[path.substr(start, dot - start)];
    if (!next.is_object()) next = base::Json::object();
    node = &next;
  }
  std::string leaf = path.substr(start);
  if (v) {
    (*node)[leaf] = *v;
  } else {
    node->erase(leaf);
  }
}

}  // namespace

std::string DescribeErrors(const std::vector<model::FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "\n";
    out += (e.path.empty() ? "" : e.path + ": ") + e.message;
    if (!e.value.empty() && e.message.find(e.value) == std::string::npos) {
      out += " (value \"" + e.value + "\")";
    }
  }
  return out;
}

base::Result<std::string> AddRecord(Workspace& ws, model::Kind kind, std::string_view json_text,
                                    const ChangeContext& context) {
  // Claims have their use case (app/claims.h): the same checks, defaults
  // and errors as `vka claim add`.
  if (kind == model::Kind::kClaim) return AddClaim(ws, json_text, context);
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(json_text));
  if (!body.is_object()) return base::InvalidArgumentError("--json must be a JSON object");
  std::string kind_name(model::KindName(kind));
  if (body.contains("kind") && body["kind"] != kind_name) {
    return base::InvalidArgumentError("\"kind\" in the JSON is " + body["kind"].dump() +
                                      " but the command adds a " + kind_name);
  }
  body["kind"] = kind_name;
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Create(std::move(body), "--json"));
  if (!outcome.ok()) return Rejected(outcome);
  VKA_RETURN_IF_ERROR(CommitOrReport(*writer));
  return outcome.id;
}

base::Result<int64_t> EditRecord(Workspace& ws, const std::string& id,
                                 const std::vector<FieldChange>& changes,
                                 const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(CheckId(id));
  auto kind = *model::KindOfId(id);
  // As `vka claim edit`: status and decision change only by transition.
  if (kind == model::Kind::kClaim) return EditClaim(ws, id, changes, context);
  VKA_RETURN_IF_ERROR(RequireReason(context, "an edit"));
  if (changes.empty()) return base::InvalidArgumentError("nothing to change: give --set or --unset");
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  if (latest.deleted) return base::NotFoundError(id + " is deleted");
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(latest.body));
  for (const auto& change : changes) {
    if (change.path == "id" || change.path == "kind") {
      return base::InvalidArgumentError("the " + change.path + " of a record cannot change");
    }
    std::optional<base::Json> value;
    if (change.text) {
      VKA_ASSIGN_OR_RETURN(value, ParseFieldValue(kind, change.path, *change.text));
    }
    ApplyChange(body, change.path, value);
  }
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Update(id, std::move(body)));
  if (!outcome.ok()) return Rejected(outcome);
  VKA_RETURN_IF_ERROR(CommitOrReport(*writer));
  return outcome.rev;
}

base::Result<int64_t> DeleteRecord(Workspace& ws, const std::string& id,
                                   const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(CheckId(id));
  VKA_RETURN_IF_ERROR(RequireReason(context, "a delete"));
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Delete(id));
  VKA_RETURN_IF_ERROR(writer->Commit());
  return outcome.rev;
}

base::Result<storage::Revision> GetRecord(Workspace& ws, const std::string& id) {
  VKA_RETURN_IF_ERROR(CheckId(id));
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!latest) return base::NotFoundError("no record " + id);
  return *latest;
}

base::Result<std::vector<storage::Revision>> ListRecords(Workspace& ws,
                                                         const storage::ListQuery& query) {
  if (!query.after_id.empty() && model::KindOfId(query.after_id) != query.kind) {
    return base::InvalidArgumentError("after: \"" + query.after_id + "\" is not a " +
                                      std::string(model::KindName(query.kind)) +
                                      " id (expected " + std::string(model::KindPrefix(query.kind)) +
                                      "_<ULID>)");
  }
  return ws.store().List(query);
}

base::Result<std::vector<storage::Revision>> RecordHistory(Workspace& ws, const std::string& id) {
  VKA_RETURN_IF_ERROR(CheckId(id));
  VKA_ASSIGN_OR_RETURN(auto history, ws.store().History(id));
  if (history.empty()) return base::NotFoundError("no record " + id);
  return history;
}

std::string RevisionCommitment(const storage::Revision& rev) {
  base::Sha256 h;
  h.Update(rev.salt);
  h.Update(rev.body);
  return base::HexLower(h.Finish());
}

}  // namespace vka::app
