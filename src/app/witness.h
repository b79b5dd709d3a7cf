#pragma once

// Witnessing between organisations (docs/witnessing.md): each workspace can
// act as a witness for the logs of its peers, and collect its peers'
// cosignatures (C2SP tlog-cosignature, evidence/cosignature.h) of its own
// checkpoints. The witness key is the workspace's log key (keys/log.key).
//
// Files under the workspace, each written atomically (base/files.h):
//   witness/peers/<NAME>.vkey        a peer's verifier key, one line
//   witness/state/<origin>.checkpoint the last checkpoint of that log this
//                                    workspace cosigned, with its signatures
//                                    (origin percent-encoded: '/' is %2F)
//   log/cosignatures/<size>          a checkpoint of our own log with every
//                                    accepted cosignature line
//
// Write order of a cosignature: the state file is replaced after every check
// passed and before the cosigned checkpoint is returned; a crash in between
// leaves the state of the new checkpoint, which a retry cosigns again.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

struct WitnessPeer {
  std::string name;                       // the local label
  std::string vkey;                       // "<key name>+<key id>+<base64>"
  std::optional<uint64_t> cosigned_size;  // of the last checkpoint this workspace cosigned
};

// Registers a peer's verifier key (as its `vka log key` prints it) under
// `name` (1–64 of A–Z a–z 0–9 . _ -, not starting with '.').
// Returns true if it was added, false if the same key was already registered
// under that name. Errors: kInvalidArgument for a bad name or key, or this
// workspace's own key; kAlreadyExists if the name has another key, the key
// another name, or another peer has a key for the same log; kIOError.
base::Result<bool> AddWitnessPeer(Workspace& ws, const std::string& name, const std::string& vkey);

// The registered peers, by name. kDataLoss naming the file if one is
// malformed; kIOError.
base::Result<std::vector<WitnessPeer>> ListWitnessPeers(Workspace& ws);

struct CosignRequest {
  std::string checkpoint;            // the peer's signed checkpoint note
  std::optional<uint64_t> old_size;  // --old-size, checked against the proof
  std::optional<std::string> proof;  // `vka log consistency --old M` output
  uint64_t now = 0;                  // POSIX seconds of the cosignature
};

struct CosignResult {
  std::string origin;
  std::string peer;  // the peer's local name
  uint64_t size = 0;
  std::optional<uint64_t> previous_size;  // nullopt: trust on first use
  std::string cosigned;                   // the checkpoint with our cosignature line added
};

// Acts as a witness for a peer's log: verifies the checkpoint with the
// registered peer key named by its origin; if this workspace cosigned that
// log before (size S, root R), requires a consistency proof from S to the
// new size and verifies it against R and the new root (no proof needed for
// the same size and root); then cosigns with the workspace's log key and
// records the checkpoint as the log's new state. Errors (state unchanged):
//   kInvalidArgument  malformed checkpoint or proof, proof for other sizes;
//   kNotFound         no peer key for the origin, or not signed by it;
//   kFailedPrecondition  a proof is needed but missing, or the size is
//                     smaller than the one already cosigned;
//   kDataLoss         bad signature, or "the log <origin> shows a different
//                     history: ..." (the proof does not verify, or the same
//                     size has another root).
base::Result<CosignResult> CosignCheckpoint(Workspace& ws, const CosignRequest& request);

struct CosignatureImport {
  uint64_t size = 0;
  std::vector<std::string> accepted;  // "<peer>: <witness key name> at <time>"
  std::vector<std::string> unknown;   // key names of signatures of no registered peer
  size_t stored = 0;                  // cosignatures now stored for this size
};

// Stores the cosignatures of a checkpoint of our own log returned by peers:
// the note must be signed by this workspace's log key and match the tree we
// published at its size; every cosignature of a registered peer must verify.
// The accepted lines are merged into log/cosignatures/<size> (one line per
// witness key, the newest). Errors: kInvalidArgument malformed; kNotFound
// not our signature, or no cosignature of a registered peer; kDataLoss a
// bad signature or a root that is not our tree's at that size; kIOError.
base::Result<CosignatureImport> ImportCosignatures(Workspace& ws, const std::string& note);

struct CosignedCheckpoint {
  std::optional<uint64_t> cosigned_size;  // nullopt: no cosigned checkpoint
  uint64_t log_size = 0;                  // the latest checkpoint's size
  std::string note;                       // the cosigned checkpoint, or the plain latest one
};

// The largest stored cosigned checkpoint, its cosignatures verified again
// with the registered peers (kDataLoss if one fails); the plain latest
// checkpoint when there is none.
base::Result<CosignedCheckpoint> LatestCosignedCheckpoint(Workspace& ws);

}  // namespace vka::app
