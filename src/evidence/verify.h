#pragma once

// Offline verification of a log directory against a checkpoint.

#include <cstdint>
#include <string>

#include "base/status.h"
#include "evidence/log_env.h"
#include "evidence/merkle.h"

namespace vka::evidence {

// Recomputes the tree of `size` leaves from the entry bundles, compares every
// hash tile that tree implies (full tiles and the partial tiles of `size`)
// with the stored one, and the root with `root` (from a checkpoint whose
// signature the caller verified). Reads each bundle and tile once; memory is
// O(log size). Returns OK or the first difference as kDataLoss, e.g.
//   "entry bundle 003 is missing", "entry bundle 003 is truncated in entry 17",
//   "entry bundle 003 has 255 entries, expected 256",
//   "tile 0/x001/002 is missing", "tile 1/000.p/3 has 64 bytes, expected 96",
//   "tile 0/001 hash 17 differs from the recomputed tree (leaf 273)",
//   "the entries give root <hex>, the checkpoint says <hex>".
// kIOError if a file cannot be read. Thread-compatible.
base::Status VerifyTiles(const LogEnv& env, const std::string& dir, uint64_t size,
                         const Hash& root);

}  // namespace vka::evidence
