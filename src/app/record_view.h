#pragma once

// Records as a signed-in role sees them (the web API, issue 7 part 4): one
// record with the sources that support it, its history with field-level
// changes, and its log inclusion proof. Access is enforced here
// (app/access.h): a record the role may not read is kNotFound, exactly as a
// record that does not exist, so its existence is not revealed; sensitive
// fields are removed for roles that may not see them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"
#include "storage/store.h"

namespace vka::app {

// One information record linking a source to the viewed record.
struct SourceLink {
  std::string information;  // the information record's id
  base::Json source;        // {id, title, type, reliability}, or null if unreadable
  std::string excerpt;
  std::string locator;
  std::string credibility;
  std::string stance;
};

struct RecordView {
  storage::Revision head;  // the latest revision (body unredacted: do not serve)
  base::Json body;         // the body as the role may see it
  std::vector<SourceLink> sources;  // readable information links, by id
};

// kNotFound when the record does not exist or the role may not read it;
// kInvalidArgument for an id of the wrong form.
base::Result<RecordView> ViewRecord(Workspace& ws, Role role, const std::string& id);

struct FieldDiff {
  std::string path;               // "status", "names[0].value"
  std::optional<base::Json> old_value;  // nullopt: absent before
  std::optional<base::Json> new_value;  // nullopt: removed
};

struct RevisionView {
  storage::Revision rev;          // body unredacted: do not serve
  std::optional<base::Json> body;  // nullopt when the role may not read this revision
  std::vector<FieldDiff> changes;  // against the previous readable revision
};

// Every revision, oldest first. Access as ViewRecord, decided on the latest
// revision; older revisions the role may not read have no body and no changes.
base::Result<std::vector<RevisionView>> ViewHistory(Workspace& ws, Role role,
                                                    const std::string& id);

// The leaf-level differences between two bodies (objects recurse by member,
// arrays by index), sorted by path.
std::vector<FieldDiff> DiffBodies(const base::Json& before, const base::Json& after);

struct RecordProof {
  std::string ref;          // "per_01J…@3"
  int64_t leaf_index = 0;
  uint64_t tree_size = 0;
  std::string root_hash;    // hex
  std::vector<std::string> proof;  // hex hashes, RFC 9162 order
  std::string checkpoint;   // the signed checkpoint note
};

// The inclusion proof of the latest revision's leaf in the current
// checkpoint. Publishes pending leaves first (app/log.h): callers serialise
// it with other writers. kNotFound as ViewRecord, or if no leaf commits to it.
base::Result<RecordProof> ProveRecord(Workspace& ws, Role role, const std::string& id);

}  // namespace vka::app
