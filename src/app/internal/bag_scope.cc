#include "app/internal/bag_scope.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <unordered_set>

#include "base/json.h"
#include "model/kinds.h"
#include "model/schema.h"

namespace vka::app::internal {
namespace {

// What a leaf at a JSON path of a kind's body is, for the scope.
struct PathRole {
  bool ref = false;     // a reference to another record
  bool sha256 = false;  // an evidence file's hash
};
using RoleTable = std::unordered_map<std::string, PathRole>;

void AddRoles(std::span<const model::FieldSpec> fields, const std::string& prefix,
              RoleTable& table) {
  for (const auto& f : fields) {
    std::string path = prefix.empty() ? std::string(f.name) : prefix + "." + std::string(f.name);
    if (f.type == model::FieldType::kRef) table[path].ref = true;
    if (f.type == model::FieldType::kSha256) table[path].sha256 = true;
    if (f.type == model::FieldType::kObject) AddRoles(f.members, path, table);
  }
}

// The roles of every kind's paths, built once (thread-safe static init).
const RoleTable& RolesOf(model::Kind kind) {
  static const auto* tables = [] {
    auto* t = new std::vector<RoleTable>(model::AllKinds().size());  // never freed
    for (model::Kind k : model::AllKinds()) {
      AddRoles(model::SchemaOf(k).fields, "", (*t)[static_cast<size_t>(k)]);
    }
    return t;
  }();
  return (*tables)[static_cast<size_t>(kind)];
}

// One live record, reduced to what the scope needs.
struct Node {
  model::Kind kind;
  int64_t rev = 0;
  uint64_t bytes = 0;
  std::vector<std::string> refs;     // every record it refers to
  std::vector<std::string> sha256s;  // source.evidence, custody_event.evidence
  std::string situation;             // its `situation`
  std::string parent;                // event.parent
  std::string event;                 // act/displacement/state_conduct.event
  std::string about;                 // information.record, annotation.target
};

base::Status IndexRecord(const storage::Revision& rev,
                         std::unordered_map<std::string, Node>& nodes) {
  Node node{rev.kind, rev.rev, rev.body.size() + 1};
  const RoleTable& roles = RolesOf(rev.kind);
  base::Status parsed =
      base::VisitJsonLeaves(rev.body, [&](std::string_view path, std::string_view value) {
        auto it = roles.find(std::string(path));
        if (it == roles.end()) return;
        if (it->second.sha256) node.sha256s.emplace_back(value);
        if (!it->second.ref) return;
        node.refs.emplace_back(value);
        if (path == "situation") node.situation = value;
        if (path == "parent" && rev.kind == model::Kind::kEvent) node.parent = value;
        if (path == "event") node.event = value;
        if ((path == "record" && rev.kind == model::Kind::kInformation) ||
            (path == "target" && rev.kind == model::Kind::kAnnotation)) {
          node.about = value;
        }
      });
  if (!parsed.ok())
    return base::DataLossError("stored body of " + rev.id + ": " + parsed.message());
  nodes.emplace(rev.id, std::move(node));
  return base::OkStatus();
}

// Grows the included set along references (and, with `about`, to the
// information and annotation records about included records).
class Closure {
 public:
  Closure(const std::unordered_map<std::string, Node>& nodes, bool about)
      : nodes_(nodes), about_(about) {
    if (!about_) return;
    for (const auto& [id, node] : nodes_) {
      if (!node.about.empty()) about_index_[node.about].push_back(id);
    }
  }

  void Add(const std::string& id) {
    if (included_.insert(id).second) queue_.push_back(id);
  }

  base::Status Run() {
    while (!queue_.empty()) {
      std::string id = std::move(queue_.front());
      queue_.pop_front();
      const Node& node = nodes_.at(id);
      for (const std::string& target : node.refs) {
        if (nodes_.count(target) == 0) {
          return base::FailedPreconditionError(
              id + " refers to " + target +
              ", which is deleted or missing: a bag must hold every record its records refer "
              "to (edit " +
              id + " first)");
        }
        Add(target);
      }
      if (!about_) continue;
      auto it = about_index_.find(id);
      if (it == about_index_.end()) continue;
      for (const std::string& other : it->second) Add(other);
    }
    return base::OkStatus();
  }

  const std::unordered_set<std::string>& included() const { return included_; }

 private:
  const std::unordered_map<std::string, Node>& nodes_;
  bool about_;
  std::unordered_map<std::string, std::vector<std::string>> about_index_;
  std::unordered_set<std::string> included_;
  std::deque<std::string> queue_;
};

// The events of a situation and every event below them.
std::unordered_set<std::string> SituationEvents(const std::unordered_map<std::string, Node>& nodes,
                                                const std::string& situation) {
  std::unordered_map<std::string, std::vector<std::string>> children;
  std::deque<std::string> queue;
  for (const auto& [id, node] : nodes) {
    if (node.kind != model::Kind::kEvent) continue;
    if (node.situation == situation) queue.push_back(id);
    if (!node.parent.empty()) children[node.parent].push_back(id);
  }
  std::unordered_set<std::string> events;
  while (!queue.empty()) {
    std::string id = std::move(queue.front());
    queue.pop_front();
    if (!events.insert(id).second) continue;
    for (const std::string& child : children[id]) queue.push_back(child);
  }
  return events;
}

base::Status SeedSituation(const std::unordered_map<std::string, Node>& nodes,
                           const std::string& situation, Closure& closure) {
  auto it = nodes.find(situation);
  if (it == nodes.end()) return base::NotFoundError("no live situation '" + situation + "'");
  if (it->second.kind != model::Kind::kSituation) {
    return base::InvalidArgumentError(
        situation + " is a " + std::string(model::KindName(it->second.kind)) + ", not a situation");
  }
  closure.Add(situation);
  std::unordered_set<std::string> events = SituationEvents(nodes, situation);
  for (const auto& [id, node] : nodes) {
    bool member = node.situation == situation &&
                  (node.kind == model::Kind::kPerson || node.kind == model::Kind::kSource);
    bool of_event = !node.event.empty() && events.count(node.event) != 0 &&
                    (node.kind == model::Kind::kAct || node.kind == model::Kind::kDisplacement ||
                     node.kind == model::Kind::kStateConduct);
    if (member || of_event || events.count(id) != 0) closure.Add(id);
  }
  return base::OkStatus();
}

base::Status SeedIds(const std::unordered_map<std::string, Node>& nodes, const std::string& file,
                     Closure& closure) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return base::NotFoundError("cannot open --ids file '" + file + "'");
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t\r");
    std::string id = line.substr(b, e - b + 1);
    if (nodes.count(id) == 0) {
      return base::NotFoundError(file + ":" + std::to_string(number) + ": no live record '" + id +
                                 "'");
    }
    closure.Add(id);
  }
  if (in.bad()) return base::IOError("read " + file + " failed");
  return base::OkStatus();
}

// The evidence files of the included sources, and their custody events.
base::Status AddEvidence(Workspace& ws, const std::unordered_map<std::string, Node>& nodes,
                         bool all, std::unordered_set<std::string>& included, BagScope& scope) {
  std::unordered_set<std::string> listed;  // hashes in included sources' `evidence`
  for (const std::string& id : included) {
    const Node& node = nodes.at(id);
    if (node.kind == model::Kind::kSource) listed.insert(node.sha256s.begin(), node.sha256s.end());
  }
  VKA_ASSIGN_OR_RETURN(auto files, ws.store().ListEvidenceFiles(""));
  std::unordered_set<std::string> chosen;
  for (const auto& f : files) {
    if (all || included.count(f.source) != 0 || listed.count(f.sha256) != 0) {
      if (chosen.insert(f.sha256).second) scope.evidence_bytes += static_cast<uint64_t>(f.size);
    }
  }
  scope.evidence.assign(chosen.begin(), chosen.end());
  std::sort(scope.evidence.begin(), scope.evidence.end());
  for (const auto& [id, node] : nodes) {
    if (node.kind != model::Kind::kCustodyEvent) continue;
    if (!node.sha256s.empty() && chosen.count(node.sha256s.front()) != 0) included.insert(id);
  }
  return base::OkStatus();
}

std::string Describe(const ScopeRequest& request) {
  switch (request.mode) {
    case ScopeRequest::Mode::kAll:
      return "all records";
    case ScopeRequest::Mode::kSituation:
      return "situation " + request.situation;
    case ScopeRequest::Mode::kIds:
      return "the records listed in " + request.ids_file;
  }
  return "";
}

}  // namespace

base::Result<BagScope> ComputeBagScope(Workspace& ws, const ScopeRequest& request) {
  std::unordered_map<std::string, Node> nodes;
  for (model::Kind kind : model::AllKinds()) {
    VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
        kind, [&](const storage::Revision& rev) { return IndexRecord(rev, nodes); }));
  }
  const bool all = request.mode == ScopeRequest::Mode::kAll;
  Closure closure(nodes, request.mode == ScopeRequest::Mode::kSituation);
  if (all) {
    for (const auto& [id, node] : nodes) closure.Add(id);
  } else if (request.mode == ScopeRequest::Mode::kSituation) {
    VKA_RETURN_IF_ERROR(SeedSituation(nodes, request.situation, closure));
  } else {
    VKA_RETURN_IF_ERROR(SeedIds(nodes, request.ids_file, closure));
  }
  VKA_RETURN_IF_ERROR(closure.Run());
  std::unordered_set<std::string> included = closure.included();
  BagScope scope;
  VKA_RETURN_IF_ERROR(AddEvidence(ws, nodes, all, included, scope));
  for (const std::string& id : included) {
    const Node& node = nodes.at(id);
    scope.records.emplace(id, node.rev);
    scope.record_bytes += node.bytes;
  }
  scope.description = Describe(request);
  return scope;
}

}  // namespace vka::app::internal
