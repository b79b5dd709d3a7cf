#include "app/record_view.h"

#include <sstream>

#include "app/log.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

// At most this many information links are shown with a record.
constexpr int64_t kMaxSourceLinks = 500;

base::Status NotFound(const std::string& id) { return base::NotFoundError("no record " + id); }

std::string StringMember(const base::Json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

// The latest revision if the role may read it, else kNotFound.
base::Result<storage::Revision> ReadableHead(Workspace& ws, Role role, const std::string& id) {
  if (!model::KindOfId(id)) return base::InvalidArgumentError("not a record id: " + id);
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!latest) return NotFound(id);
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(latest->body));
  if (!MayRead(role, ConfidentialityOf(body))) return NotFound(id);
  return *std::move(latest);
}

// The record as the role may see it, or nullopt (absent, deleted or unreadable).
base::Result<std::optional<base::Json>> ReadableBody(Workspace& ws, Role role,
                                                     const std::string& id) {
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!latest || latest->deleted) return std::optional<base::Json>();
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(latest->body));
  return RedactFor(role, latest->kind, body);
}

base::Result<std::vector<SourceLink>> SourceLinks(Workspace& ws, Role role,
                                                  const std::string& id) {
  storage::ListQuery query{.kind = model::Kind::kInformation,
                           .where = {{"record", id}},
                           .limit = kMaxSourceLinks,
                           .confidentiality = ReadableLevels(role)};
  VKA_ASSIGN_OR_RETURN(auto infos, ws.store().List(query));
  std::vector<SourceLink> links;
  for (const auto& info : infos) {
    VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(info.body));
    VKA_ASSIGN_OR_RETURN(auto source, ReadableBody(ws, role, StringMember(body, "source")));
    if (!source) continue;  // a link to an unreadable source would reveal it
    base::Json summary = base::Json::object();
    for (const char* name : {"id", "title", "type", "reliability"}) {
      if (auto it = source->find(name); it != source->end()) summary[name] = *it;
    }
    links.push_back({info.id, std::move(summary), StringMember(body, "excerpt"),
                     StringMember(body, "locator"), StringMember(body, "credibility"),
                     StringMember(body, "stance")});
  }
  return links;
}

void Diff(const std::string& path, const base::Json* before, const base::Json* after,
          std::vector<FieldDiff>& out) {
  auto child = [](const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  };
  if (before && after && before->is_object() && after->is_object()) {
    for (const auto& [key, value] : before->items()) {
      auto it = after->find(key);
      Diff(child(path, key), &value, it == after->end() ? nullptr : &*it, out);
    }
    for (const auto& [key, value] : after->items()) {
      if (!before->contains(key)) Diff(child(path, key), nullptr, &value, out);
    }
    return;
  }
  if (before && after && before->is_array() && after->is_array()) {
    size_t n = std::max(before->size(), after->size());
    for (size_t idx = 0; idx < n; ++idx) {
      std::string p = path + "[" + std::to_string(idx) + "]";
      Diff(p, idx < before->size() ? &(*before)[idx] : nullptr,
           idx < after->size() ? &(*after)[idx] : nullptr, out);
    }
    return;
  }
  if (before && after && *before == *after) return;
  FieldDiff diff{path, std::nullopt, std::nullopt};
  if (before) diff.old_value = *before;
  if (after) diff.new_value = *after;
  out.push_back(std::move(diff));
}

}  // namespace

std::vector<FieldDiff> DiffBodies(const base::Json& before, const base::Json& after) {
  std::vector<FieldDiff> out;
  Diff("", &before, &after, out);
  std::sort(out.begin(), out.end(),
            [](const FieldDiff& a, const FieldDiff& b) { return a.path < b.path; });
  return out;
}

base::Result<RecordView> ViewRecord(Workspace& ws, Role role, const std::string& id) {
  VKA_ASSIGN_OR_RETURN(storage::Revision head, ReadableHead(ws, role, id));
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(head.body));
  std::optional<base::Json> visible = RedactFor(role, head.kind, body);
  if (!visible) return NotFound(id);
  VKA_ASSIGN_OR_RETURN(auto sources, SourceLinks(ws, role, id));
  return RecordView{std::move(head), *std::move(visible), std::move(sources)};
}

base::Result<std::vector<RevisionView>> ViewHistory(Workspace& ws, Role role,
                                                    const std::string& id) {
  VKA_ASSIGN_OR_RETURN(storage::Revision head, ReadableHead(ws, role, id));
  VKA_ASSIGN_OR_RETURN(auto revisions, ws.store().History(id));
  std::vector<RevisionView> out;
  base::Json previous = base::Json::object();
  for (auto& rev : revisions) {
    VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(rev.body));
    RevisionView view{std::move(rev), RedactFor(role, head.kind, body), {}};
    if (view.body) {
      view.changes = DiffBodies(previous, *view.body);
      previous = *view.body;
    }
    out.push_back(std::move(view));
  }
  return out;
}

base::Result<RecordProof> ProveRecord(Workspace& ws, Role role, const std::string& id) {
  VKA_ASSIGN_OR_RETURN(storage::Revision head, ReadableHead(ws, role, id));
  RecordProof proof;
  proof.ref = id + "@" + std::to_string(head.rev);
  VKA_ASSIGN_OR_RETURN(auto leaves, ws.store().LeavesFor(proof.ref));
  if (leaves.empty()) return base::NotFoundError("no log leaf commits to " + proof.ref);
  proof.leaf_index = leaves[0].seq;
  VKA_ASSIGN_OR_RETURN(std::string text, InclusionProofText(ws, leaves[0].seq, std::nullopt));
  VKA_ASSIGN_OR_RETURN(LogState state, CurrentCheckpoint(ws));
  proof.checkpoint = state.checkpoint;
  // The text is "inclusion proof", then "key value" lines, then one hex hash a line.
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("size ", 0) == 0) {
      proof.tree_size = std::stoull(line.substr(5));
    } else if (line.rfind("root ", 0) == 0) {
      proof.root_hash = line.substr(5);
    } else if (line.size() == 64 && line.find(' ') == std::string::npos) {
      proof.proof.push_back(line);
    }
  }
  return proof;
}

}  // namespace vka::app
