// vka verify: recompute everything the log commits to and name the first
// difference (app/log.h).

#include <algorithm>

#include "app/audit.h"
#include "app/evidence_files.h"
#include "app/internal/checkpoint_history.h"
#include "app/log.h"
#include "evidence/checkpoint.h"
#include "evidence/leaf.h"
#include "evidence/log_env.h"
#include "evidence/tiles.h"
#include "evidence/verify.h"

namespace vka::app {
namespace {

constexpr uint64_t kBundleWidth = 256;  // entries per full entry bundle (tlog-tiles)

// Splits "per_01J…@3" into id and rev.
bool SplitRef(const std::string& ref, std::string& id, int64_t& rev) {
  auto at = ref.rfind('@');
  if (at == std::string::npos) return false;
  id = ref.substr(0, at);
  rev = std::atoll(ref.c_str() + at + 1);
  return rev > 0;
}

bool IsRevisionLeaf(evidence::format::LeafType type) {
  // Custody events are records: their leaves commit to a revision too.
  return type == evidence::format::LeafType::kRevision ||
         type == evidence::format::LeafType::kCustodyEvent;
}

// An evidence file leaf commits to the bytes' SHA-256, named by its ref;
// the file's metadata row must exist (the bytes are re-hashed separately).
base::Status CheckEvidenceLeaf(Workspace& ws, const storage::LogLeaf& leaf,
                               const evidence::ParsedLeaf& parsed, const std::string& where) {
  const std::string sha = base::HexLower(parsed.hash);
  if (leaf.ref != "sha256:" + sha) {
    return base::DataLossError(where + ": the reference does not name the file it commits to");
  }
  VKA_ASSIGN_OR_RETURN(auto file, ws.store().GetEvidenceFile(sha));
  if (!file.has_value()) {
    return base::DataLossError(where + ": evidence file " + sha +
                               " is not in the database (evidence file removed)");
  }
  return base::OkStatus();
}

// Checks one database leaf: it equals the published entry, and a revision
// leaf's hash is the revision's recomputed commitment.
base::Status CheckLeaf(Workspace& ws, const storage::LogLeaf& leaf, const std::string& published) {
  const std::string where = "log leaf " + std::to_string(leaf.seq) + " (" + leaf.ref + ")";
  if (leaf.entry != published) {
    return base::DataLossError(where + ": the published entry differs from the database (tile entry altered)");
  }
  VKA_ASSIGN_OR_RETURN(evidence::ParsedLeaf parsed, evidence::ParseLeafEntry(leaf.entry));
  if (parsed.type == evidence::format::LeafType::kEvidenceFile) {
    return CheckEvidenceLeaf(ws, leaf, parsed, where);
  }
  if (parsed.type == evidence::format::LeafType::kAuditEntry) return CheckAuditLeaf(ws, leaf);
  std::string id;
  int64_t rev = 0;
  if (!SplitRef(leaf.ref, id, rev)) return base::DataLossError(where + ": malformed reference");
  auto revision = ws.store().Get(id, rev);
  if (!revision.ok()) {
    return base::DataLossError(where + ": the revision it commits to is missing (revision removed)");
  }
  if (evidence::SaltedCommitment(revision->salt, revision->body) != parsed.hash) {
    return base::DataLossError("revision " + leaf.ref + ": body or salt altered (its commitment differs from " + where + ")");
  }
  return base::OkStatus();
}

// Walks the database leaves below `size` bundle by bundle against the tiles.
base::Status CheckAllLeaves(Workspace& ws, const std::string& dir, uint64_t size,
                            const ProgressFn& progress, uint64_t& revision_leaves) {
  auto env = evidence::NewPosixLogEnv();
  std::vector<std::string> bundle;
  uint64_t bundle_index = UINT64_MAX;
  return ws.store().ForEachLeaf(0, [&](const storage::LogLeaf& leaf) -> base::Status {
    const uint64_t seq = static_cast<uint64_t>(leaf.seq);
    if (seq >= size) return base::OkStatus();
    if (seq / kBundleWidth != bundle_index) {
      bundle_index = seq / kBundleWidth;
      uint64_t width = std::min<uint64_t>(kBundleWidth, size - bundle_index * kBundleWidth);
      VKA_ASSIGN_OR_RETURN(bundle, evidence::ReadEntryBundle(*env, dir, bundle_index, width));
      if (progress) progress(seq, size);
    }
    if (!leaf.entry.empty() &&
        IsRevisionLeaf(static_cast<evidence::format::LeafType>(leaf.entry[0]))) {
      ++revision_leaves;
    }
    return CheckLeaf(ws, leaf, bundle[seq % kBundleWidth]);
  });
}

// Every revision must have a leaf: revisions written without one (behind
// the log's back) show as a count mismatch.
base::Status CheckEveryRevisionLogged(Workspace& ws, uint64_t revision_leaves) {
  VKA_ASSIGN_OR_RETURN(int64_t revisions, ws.store().RevisionCount());
  if (static_cast<uint64_t>(revisions) != revision_leaves) {
    return base::DataLossError("the database holds " + std::to_string(revisions) +
                               " revisions but the log commits to " +
                               std::to_string(revision_leaves) +
                               " (revisions added or removed outside vka)");
  }
  return base::OkStatus();
}

}  // namespace

base::Result<std::string> VerifyWorkspace(Workspace& ws, bool quick, const ProgressFn& progress) {
  VKA_ASSIGN_OR_RETURN(LogState state, CurrentCheckpoint(ws));
  auto env = evidence::NewPosixLogEnv();
  const std::string dir = (ws.dir() / "log").string();
  VKA_ASSIGN_OR_RETURN(std::string origin_vkey, LogVerifierKey(ws));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier verifier, evidence::NoteVerifier::Parse(origin_vkey));
  auto checkpoint = evidence::OpenCheckpoint(state.checkpoint, verifier);
  if (!checkpoint.ok()) return base::DataLossError("checkpoint: " + checkpoint.status().message());
  VKA_RETURN_IF_ERROR(evidence::VerifyTiles(*env, dir, checkpoint->size, checkpoint->root)
                          .WithContext("tiles"));
  VKA_ASSIGN_OR_RETURN(std::string history,
                       internal::VerifyCheckpointHistory(dir, verifier, *checkpoint));
  VKA_ASSIGN_OR_RETURN(int64_t leaves, ws.store().LeafCount());
  std::string summary = "checkpoint signature ok; tiles ok (" + std::to_string(checkpoint->size) +
                        " leaves, root " + base::HexLower(checkpoint->root) + ")\n" + history;
  if (quick) return summary;
  uint64_t revision_leaves = 0;
  VKA_RETURN_IF_ERROR(CheckAllLeaves(ws, dir, checkpoint->size, progress, revision_leaves));
  if (static_cast<uint64_t>(leaves) == checkpoint->size) {
    VKA_RETURN_IF_ERROR(CheckEveryRevisionLogged(ws, revision_leaves));
  }
  VKA_ASSIGN_OR_RETURN(int64_t audited, CheckAuditTrailLogged(ws));
  VKA_ASSIGN_OR_RETURN(int64_t files, VerifyEvidenceFiles(ws));
  return summary +
         "every log entry matches the database, and every revision's commitment matches its "
         "leaf\n" +
         std::to_string(files) + " evidence files re-hashed: all match\n" +
         std::to_string(audited) + " audit entries: each matches its log leaf\n";
}

}  // namespace vka::app
