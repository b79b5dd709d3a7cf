// Records: schema, vocabularies, list, show, history, proof, add, edit,
// delete (docs/api.md "Records"). Access: app/access.h, decided here and in
// app/record_view.h; a record the role may not read is 404.

#include "app/claims.h"
#include "app/claims_access.h"
#include "app/record_view.h"
#include "app/records.h"
#include "http/internal/api.h"
#include "model/schema.h"

namespace vka::http::internal {
namespace {

constexpr int64_t kDefaultPageSize = 50;
constexpr int64_t kMaxPageSize = 500;
constexpr size_t kAllLevels = 4;  // public, internal, restricted, sealed
constexpr char kIdPattern[] = "([a-z]{2,4}_[0-9A-Za-z]{1,64})";

std::string_view FieldTypeName(model::FieldType type) {
  switch (type) {
    case model::FieldType::kString: return "string";
    case model::FieldType::kText: return "text";
    case model::FieldType::kInteger: return "integer";
    case model::FieldType::kNumber: return "number";
    case model::FieldType::kBoolean: return "boolean";
    case model::FieldType::kDate: return "date";
    case model::FieldType::kCode: return "code";
    case model::FieldType::kRef: return "ref";
    case model::FieldType::kSha256: return "sha256";
    case model::FieldType::kObject: return "object";
  }
  return "string";
}

base::Json FieldJson(const model::FieldSpec& field) {
  base::Json ref_kinds = base::Json::array();
  for (model::Kind kind : field.ref_kinds) ref_kinds.push_back(model::KindName(kind));
  base::Json members = base::Json::array();
  for (const auto& member : field.members) members.push_back(FieldJson(member));
  return {{"name", field.name},
          {"type", FieldTypeName(field.type)},
          {"required", field.required},
          {"repeated", field.repeated},
          {"vocabulary", field.vocabulary.empty() ? base::Json() : base::Json(field.vocabulary)},
          {"ref_kinds", std::move(ref_kinds)},
          {"sensitive", field.sensitive},
          {"members", std::move(members)}};
}

base::Json SchemaJson() {
  base::Json kinds = base::Json::array();
  for (model::Kind kind : model::AllKinds()) {
    base::Json fields = base::Json::array();
    for (const auto& field : model::CommonFields()) fields.push_back(FieldJson(field));
    for (const auto& field : model::SchemaOf(kind).fields) fields.push_back(FieldJson(field));
    kinds.push_back({{"kind", model::KindName(kind)},
                     {"prefix", model::KindPrefix(kind)},
                     {"fields", std::move(fields)}});
  }
  return {{"kinds", std::move(kinds)}};
}

// A record's body as the role may see it, or an error for a body that does
// not parse (stored bodies are canonical JSON, so this is a bug).
base::Result<base::Json> VisibleBody(app::Role role, const storage::Revision& rev) {
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(rev.body));
  auto visible = app::RedactFor(role, rev.kind, body);
  if (!visible) return base::InternalError("listed a record the role may not read: " + rev.id);
  return *std::move(visible);
}

// Sends validation failures as 422 with details; other errors pass through.
base::Status Unprocessable(Call& call, const base::Status& status) {
  if (status.code() != base::StatusCode::kInvalidArgument) return status;
  SendError(call.res, 422, "invalid_argument", "the record has errors",
            FieldErrorDetails(status.message()));
  return base::OkStatus();
}

// Every string in the JSON value that is a record id, with its path.
void CollectIds(const base::Json& value, const std::string& path,
                std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (model::KindOfId(text)) out.emplace_back(path, text);
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      CollectIds(member, path.empty() ? key : path + "." + key, out);
    }
  } else if (value.is_array()) {
    for (size_t idx = 0; idx < value.size(); ++idx) {
      CollectIds(value[idx], path + "[" + std::to_string(idx) + "]", out);
    }
  }
}

// A reference to a record the role may not read is reported exactly as a
// reference to a missing one, so that writing cannot probe for hidden
// records. Returns the field errors (empty when every reference is
// readable or absent; absent ones are left to the writer's own check).
base::Result<base::Json> HiddenReferences(Call& call, const base::Json& body) {
  std::vector<std::pair<std::string, std::string>> ids;
  CollectIds(body, "", ids);
  base::Json details = base::Json::array();
  for (const auto& [path, id] : ids) {
    if (path == "id") continue;
    auto view = app::ViewRecord(call.ws, call.caller.role, id);
    if (view.ok() || view.status().code() != base::StatusCode::kNotFound) continue;
    VKA_ASSIGN_OR_RETURN(auto latest, call.ws.store().Latest(id));
    if (!latest) continue;  // truly missing: the writer reports it
    details.push_back({{"path", path}, {"problem", "refers to " + id + ", which does not exist"}});
  }
  return details;
}

bool IsRestrictedLevel(const std::string& level) {
  return level == "restricted" || level == "sealed";
}

}  // namespace

void Api::RegisterRecords(httplib::Server& server) {
  Handle(server, "GET", "/api/v1/schema", Access::kSignedIn, [](Call& call) -> base::Status {
    static const base::Json schema = SchemaJson();
    call.Json(200, schema);
    return base::OkStatus();
  });

  Handle(server, "GET", "/api/v1/vocab/([a-z0-9_]+)", Access::kSignedIn,
         [](Call& call) -> base::Status {
           const model::Vocabulary* vocab = call.ws.vocab().Find(call.Match(1));
           if (vocab == nullptr) return base::NotFoundError("no vocabulary " + call.Match(1));
           base::Json terms = base::Json::array();
           for (const auto& term : vocab->terms) {
             terms.push_back({{"code", term.code}, {"en", term.en}, {"hy", term.hy}, {"ru", term.ru}});
           }
           call.Json(200, {{"name", vocab->name},
                           {"label", {{"en", vocab->label_en}, {"hy", vocab->label_hy}, {"ru", vocab->label_ru}}},
                           {"terms", std::move(terms)}});
           return base::OkStatus();
         });

  Handle(server, "GET", "/api/v1/records", Access::kSignedIn, [](Call& call) -> base::Status {
    VKA_ASSIGN_OR_RETURN(model::Kind kind, model::ParseKindName(call.Param("kind")));
    VKA_ASSIGN_OR_RETURN(int64_t limit, IntParam(call, "limit", kDefaultPageSize));
    VKA_ASSIGN_OR_RETURN(int64_t offset, IntParam(call, "offset", 0));
    if (limit == 0 || limit > kMaxPageSize) {
      return base::InvalidArgumentError("limit: expected 1 to " + std::to_string(kMaxPageSize));
    }
    storage::ListQuery query{.kind = kind,
                             .limit = limit + 1,  // one more tells whether a next page exists
                             .offset = offset,
                             .confidentiality = app::ReadableLevels(call.caller.role),
                             .after_id = call.Param("after")};
    size_t count = call.req.get_param_value_count("where");
    for (size_t idx = 0; idx < count; ++idx) {
      std::string where = call.req.get_param_value("where", idx);
      size_t eq = where.find('=');
      if (eq == std::string::npos || eq == 0) {
        return base::InvalidArgumentError("where: expected FIELD=VALUE");
      }
      std::string field = where.substr(0, eq);
      const model::FieldSpec* spec = model::FindField(kind, field.substr(0, field.find('.')));
      if (spec != nullptr && spec->sensitive && !app::MaySeeSensitive(call.caller.role)) {
        // Filtering on a hidden field would reveal its values.
        return base::PermissionDeniedError("where: " + field + " is a sensitive field");
      }
      query.where.push_back({field, where.substr(eq + 1)});
    }
    VKA_ASSIGN_OR_RETURN(auto revisions, app::ListRecords(call.ws, query));
    bool more = static_cast<int64_t>(revisions.size()) > limit;
    if (more) revisions.pop_back();
    const bool keyset = !query.after_id.empty();
    // The total: cheap (an index count) when nothing is filtered out; a scan
    // of the readable records only when asked for with count=true.
    base::Json total;
    if (query.where.empty() && app::ReadableLevels(call.caller.role).size() == kAllLevels) {
      VKA_ASSIGN_OR_RETURN(int64_t n, call.ws.store().Count(kind));
      total = n;
    } else if (call.Param("count") == "true") {
      storage::ListQuery all = query;
      all.limit = 0;
      all.offset = 0;
      all.after_id.clear();
      int64_t n = 0;
      VKA_ASSIGN_OR_RETURN(auto everything, call.ws.store().List(all));
      n = static_cast<int64_t>(everything.size());
      total = n;
    }
    base::Json items = base::Json::array();
    for (const auto& rev : revisions) {
      VKA_ASSIGN_OR_RETURN(base::Json body, VisibleBody(call.caller.role, rev));
      items.push_back({{"id", rev.id},
                       {"kind", model::KindName(rev.kind)},
                       {"rev", rev.rev},
                       {"at", rev.at},
                       {"by", rev.by},
                       {"body", std::move(body)}});
    }
    call.Json(200, {{"items", std::move(items)},
                    {"offset", offset},
                    {"limit", limit},
                    {"next_offset", more && !keyset ? base::Json(offset + limit) : base::Json()},
                    {"after", keyset ? base::Json(query.after_id) : base::Json()},
                    {"next_after", more ? base::Json(revisions.back().id) : base::Json()},
                    {"total", total}});
    return base::OkStatus();
  });

  Handle(server, "GET", std::string("/api/v1/records/") + kIdPattern, Access::kSignedIn,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::RecordView view,
                                app::ViewRecord(call.ws, call.caller.role, call.Match(1)));
           std::string level = app::ConfidentialityOf(view.body);
           if (IsRestrictedLevel(level)) Audit(call, "record.read", view.head.id, level);
           base::Json sources = base::Json::array();
           for (const auto& link : view.sources) {
             sources.push_back({{"information", link.information},
                                {"source", link.source},
                                {"excerpt", link.excerpt},
                                {"locator", link.locator},
                                {"credibility", link.credibility},
                                {"stance", link.stance}});
           }
           call.Json(200, {{"id", view.head.id},
                           {"kind", model::KindName(view.head.kind)},
                           {"rev", view.head.rev},
                           {"at", view.head.at},
                           {"by", view.head.by},
                           {"deleted", view.head.deleted},
                           {"body", std::move(view.body)},
                           {"sources", std::move(sources)}});
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/records/") + kIdPattern + "/history",
         Access::kSignedIn, [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(auto history,
                                app::ViewHistory(call.ws, call.caller.role, call.Match(1)));
           base::Json revisions = base::Json::array();
           for (auto& view : history) {
             base::Json changes = base::Json::array();
             for (const auto& change : view.changes) {
               changes.push_back({{"path", change.path},
                                  {"old", change.old_value ? *change.old_value : base::Json()},
                                  {"new", change.new_value ? *change.new_value : base::Json()}});
             }
             revisions.push_back({{"rev", view.rev.rev},
                                  {"at", view.rev.at},
                                  {"by", view.rev.by},
                                  {"reason", view.rev.reason},
                                  {"deleted", view.rev.deleted},
                                  {"body", view.body ? *view.body : base::Json()},
                                  {"changes", std::move(changes)}});
           }
           if (!history.empty() && history.back().body &&
               IsRestrictedLevel(app::ConfidentialityOf(*history.back().body))) {
             Audit(call, "record.history", call.Match(1));
           }
           call.Json(200, {{"revisions", std::move(revisions)}});
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/records/") + kIdPattern + "/proof",
         Access::kSignedIn, [this](Call& call) -> base::Status {
           auto lock = LockWrites();  // may publish pending leaves
           VKA_ASSIGN_OR_RETURN(app::RecordProof proof,
                                app::ProveRecord(call.ws, call.caller.role, call.Match(1)));
           call.Json(200, {{"ref", proof.ref},
                           {"leaf_index", proof.leaf_index},
                           {"tree_size", proof.tree_size},
                           {"root_hash", proof.root_hash},
                           {"proof", proof.proof},
                           {"checkpoint", proof.checkpoint}});
           return base::OkStatus();
         });

  Handle(server, "POST", "/api/v1/records", Access::kWriter, [this](Call& call) -> base::Status {
    VKA_ASSIGN_OR_RETURN(base::Json request, call.JsonBody());
    auto kind_it = request.find("kind");
    auto body_it = request.find("body");
    if (kind_it == request.end() || !kind_it->is_string()) {
      return base::InvalidArgumentError("kind: required (a record kind)");
    }
    if (body_it == request.end() || !body_it->is_object()) {
      return base::InvalidArgumentError("body: required (a JSON object)");
    }
    VKA_ASSIGN_OR_RETURN(model::Kind kind, model::ParseKindName(kind_it->get<std::string>()));
    if (body_it->contains("id")) {
      // A chosen id could collide with a hidden record and so reveal it.
      return base::InvalidArgumentError("body.id: ids are assigned by the server");
    }
    VKA_ASSIGN_OR_RETURN(base::Json hidden, HiddenReferences(call, *body_it));
    if (!hidden.empty()) {
      SendError(call.res, 422, "invalid_argument", "the record has errors", hidden);
      return base::OkStatus();
    }
    // Claims pass the registry's own checks (app/claims.h); one carrying a
    // decision needs a reviewer's role, as a transition to it does.
    bool claim = kind == model::Kind::kClaim;
    if (claim && app::ClaimBodyNeedsReviewer(*body_it) && !app::MayReview(call.caller.role)) {
      return base::PermissionDeniedError("a claim with a decision or overlap reviews needs a lawyer or admin");
    }
    auto lock = LockWrites();
    auto id = claim ? app::AddClaim(call.ws, body_it->dump(), {call.caller.actor(), ""})
                    : app::AddRecord(call.ws, kind, body_it->dump(), {call.caller.actor(), ""});
    if (!id.ok()) return Unprocessable(call, id.status());
    Audit(call, "record.create", *id);
    call.Json(201, {{"id", *id}, {"rev", 1}});
    return base::OkStatus();
  });

  Handle(server, "PATCH", std::string("/api/v1/records/") + kIdPattern, Access::kWriter,
         [this](Call& call) -> base::Status {
           std::string id = call.Match(1);
           VKA_ASSIGN_OR_RETURN(base::Json request, call.JsonBody());
           // The role must be able to read what it edits.
           VKA_RETURN_IF_ERROR(app::ViewRecord(call.ws, call.caller.role, id).status());
           std::vector<app::FieldChange> changes;
           if (auto set = request.find("set"); set != request.end()) {
             if (!set->is_object()) return base::InvalidArgumentError("set: expected an object");
             for (const auto& [path, value] : set->items()) {
               changes.push_back({path, value.is_string() ? value.get<std::string>() : value.dump()});
             }
           }
           if (auto remove = request.find("remove"); remove != request.end()) {
             if (!remove->is_array()) return base::InvalidArgumentError("remove: expected a list");
             for (const auto& path : *remove) {
               if (!path.is_string()) return base::InvalidArgumentError("remove: expected paths");
               changes.push_back({path.get<std::string>(), std::nullopt});
             }
           }
           std::string reason = request.value("reason", "");
           if (reason.empty()) return base::InvalidArgumentError("reason: required for an edit");
           if (auto set = request.find("set"); set != request.end()) {
             VKA_ASSIGN_OR_RETURN(base::Json hidden, HiddenReferences(call, *set));
             if (!hidden.empty()) {
               SendError(call.res, 422, "invalid_argument", "the record has errors", hidden);
               return base::OkStatus();
             }
           }
           auto lock = LockWrites();
           auto rev = model::KindOfId(id) == model::Kind::kClaim
                          ? app::EditClaim(call.ws, id, changes, {call.caller.actor(), reason})
                          : app::EditRecord(call.ws, id, changes, {call.caller.actor(), reason});
           if (!rev.ok()) return Unprocessable(call, rev.status());
           Audit(call, "record.edit", id);
           call.Json(200, {{"id", id}, {"rev", *rev}});
           return base::OkStatus();
         });

  Handle(server, "DELETE", std::string("/api/v1/records/") + kIdPattern, Access::kWriter,
         [this](Call& call) -> base::Status {
           std::string id = call.Match(1);
           VKA_ASSIGN_OR_RETURN(app::RecordView view, app::ViewRecord(call.ws, call.caller.role, id));
           if (view.head.deleted) return base::FailedPreconditionError(id + " is already deleted");
           std::string reason = call.Param("reason");
           if (reason.empty()) return base::InvalidArgumentError("reason: required for a delete");
           auto lock = LockWrites();
           VKA_ASSIGN_OR_RETURN(int64_t rev,
                                app::DeleteRecord(call.ws, id, {call.caller.actor(), reason}));
           Audit(call, "record.delete", id);
           call.Json(200, {{"id", id}, {"rev", rev}});
           return base::OkStatus();
         });
}

}  // namespace vka::http::internal
