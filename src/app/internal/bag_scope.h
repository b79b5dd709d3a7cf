#pragma once

// Which records and evidence files an archival bag holds (docs/formats/bag.md,
// "What a bag holds"). Computed from one read of every live record's
// references, held in memory (about 200 bytes per record).

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/workspace.h"
#include "base/status.h"

namespace vka::app::internal {

struct ScopeRequest {
  enum class Mode { kAll, kSituation, kIds };
  Mode mode = Mode::kAll;
  std::string situation;  // kSituation: the situation's id
  std::string ids_file;   // kIds: a file of ids, one per line ('#' comments)
};

struct BagScope {
  std::unordered_map<std::string, int64_t> records;  // id -> the revision to export
  std::vector<std::string> evidence;                 // SHA-256 of the files, sorted
  uint64_t record_bytes = 0;                         // bytes of the included bodies, with newlines
  uint64_t evidence_bytes = 0;                       // bytes of the included files
  std::string description;                           // "situation sit_… (name)", for bag-info.txt
};

// kAll: every live record and every evidence file.
// kSituation: the situation; the events, persons and sources whose
// `situation` is it; the events below those events (`parent`); the acts,
// displacements and state_conduct records of those events; the information
// and annotation records about anything included (`record`, `target`); and
// every record those refer to, transitively.
// kIds: the listed records and every record they refer to, transitively.
// In every mode: the evidence files of the included sources (the files
// added with --source, and the hashes in a source's `evidence` list that
// the workspace holds), and every custody_event record of those files.
//
// Errors: kNotFound (no such situation; an id in the file that names no
// live record, "FILE:LINE: ..."), kInvalidArgument (the situation id names
// another kind), kFailedPrecondition (an included record refers to a
// deleted or missing record: the bag could not be imported), kIOError.
base::Result<BagScope> ComputeBagScope(Workspace& ws, const ScopeRequest& request);

}  // namespace vka::app::internal
