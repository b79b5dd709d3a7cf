#include "evidence/checkpoint_history.h"

#include <limits>

namespace vka::evidence {
namespace {

std::string Position(const StoredCheckpoint& stored) {
  return "checkpoint of size " + std::to_string(stored.size) + " (" + stored.where + ")";
}

}  // namespace

std::optional<uint64_t> ParseHistoryName(std::string_view name) {
  if (name.empty() || name.size() > 20 || (name.size() > 1 && name[0] == '0')) return std::nullopt;
  uint64_t size = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (size > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
    size = size * 10 + digit;
  }
  return size;
}

base::Result<Checkpoint> OpenStoredCheckpoint(const StoredCheckpoint& stored,
                                              const NoteVerifier& log_key) {
  auto checkpoint = OpenCheckpoint(stored.note, log_key);
  if (!checkpoint.ok()) {
    const base::Status& s = checkpoint.status();
    switch (s.code()) {
      case base::StatusCode::kDataLoss:
        return base::DataLossError(stored.where + ": bad signature");
      case base::StatusCode::kNotFound:
        return base::DataLossError(stored.where + ": not signed by the log's key " + log_key.name);
      default:
        return base::DataLossError(stored.where + ": malformed (" + s.message() + ")");
    }
  }
  if (checkpoint->size != stored.size) {
    return base::DataLossError(stored.where + ": holds a checkpoint of size " +
                               std::to_string(checkpoint->size));
  }
  return checkpoint;
}

base::Status CheckStoredCheckpoint(const StoredCheckpoint& stored, const NoteVerifier& log_key,
                                   const Checkpoint& latest, const HashReader& tree) {
  VKA_ASSIGN_OR_RETURN(Checkpoint checkpoint, OpenStoredCheckpoint(stored, log_key));
  if (checkpoint.size > latest.size) {
    return base::DataLossError(Position(stored) + " is beyond the log's " +
                               std::to_string(latest.size) + " leaves (log truncated)");
  }
  VKA_ASSIGN_OR_RETURN(Hash expected, TreeHash(tree, checkpoint.size));
  auto proof = ConsistencyProof(tree, checkpoint.size, latest.size);
  if (!proof.ok()) return proof.status();
  if (expected != checkpoint.root ||
      !VerifyConsistency(checkpoint.size, latest.size, *proof, checkpoint.root, latest.root).ok()) {
    return base::DataLossError(Position(stored) + " is not consistent with the log: root " +
                               base::HexLower(checkpoint.root) + " vs " +
                               base::HexLower(expected) + " (a different history)");
  }
  return base::OkStatus();
}

base::Result<size_t> CheckCheckpointHistory(const std::vector<StoredCheckpoint>& history,
                                            const NoteVerifier& log_key, const Checkpoint& latest,
                                            const HashReader& tree) {
  for (const StoredCheckpoint& stored : history) {
    VKA_RETURN_IF_ERROR(CheckStoredCheckpoint(stored, log_key, latest, tree));
  }
  if (history.empty()) return base::DataLossError("log/checkpoints/ is empty");
  if (history.back().size != latest.size) {
    return base::DataLossError("log/checkpoint (size " + std::to_string(latest.size) +
                               ") is not the newest stored checkpoint (" + history.back().where +
                               ")");
  }
  return history.size();
}

}  // namespace vka::evidence
