#pragma once

// Checking an archival bag before anything is imported (app/bag.h, ImportBag;
// docs/formats/bag.md "Checking a bag"): the BagIt layer (bagit.txt, both
// manifests, Payload-Oxum, completeness), then vka's (the layout, the
// checkpoint's signature, every inclusion proof, every record and evidence
// file against the leaf its proof is for, the custody metadata).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

#include "app/internal/bag_format.h"
#include "app/progress.h"
#include "base/json.h"
#include "base/status.h"
#include "evidence/checkpoint.h"

namespace vka::app::internal {

// An inclusion proof of a record revision, checked against the checkpoint.
struct RecordProof {
  int64_t rev = 0;
  std::string salt;
  std::string entry;
  uint64_t leaf_index = 0;
  int64_t line = 0;  // in proofs.ndjson
  bool used = false;
};

// A bag whose every checksum, signature and proof has been checked.
struct CheckedBag {
  std::filesystem::path dir;
  TagList info;
  evidence::Checkpoint checkpoint;
  std::string verifier_key;
  std::map<std::string, std::string> manifest;  // path -> sha256
  std::unordered_map<std::string, RecordProof> record_proofs;
  std::map<std::string, int64_t> evidence_proofs;           // sha256 -> proofs.ndjson line
  std::map<std::string, CustodyLine> evidence;              // sha256 -> metadata
  std::map<std::string, uint64_t> payload_sizes;            // path -> bytes
  std::unordered_map<std::string, std::string> custody_of;  // custody_event id -> sha256
  uint64_t payload_bytes = 0;
  uint64_t evidence_bytes = 0;  // of the files under data/evidence/
  uint64_t bytes_checked = 0;   // hashed while checking (for progress)
};

using RecordFn = std::function<base::Status(int64_t line, const std::string& id, base::Json body,
                                            const std::string& text)>;

// Checks the bag in `dir`. progress gets the bytes hashed so far, of
// payload_bytes + evidence_bytes (the import stores the evidence after).
// Errors name the bag file (and line): kNotFound (no folder),
// kInvalidArgument (not a bag or not a vka bag, a malformed line), kDataLoss
// (a checksum, the Payload-Oxum, the signature or a proof fails, a record or
// file does not recompute its leaf, a proven item is missing), kIOError.
base::Result<CheckedBag> CheckBag(const std::filesystem::path& dir, const ProgressFn& progress);

// Streams data/records.ndjson of a checked bag. Every line must be a record
// whose bytes and salt recompute the leaf entry its proof was checked for,
// so what fn gets is what the log committed to, even if the file changed
// after it was hashed (kDataLoss otherwise). fn's error stops the walk.
base::Status ForEachBagRecord(const CheckedBag& bag, const RecordFn& fn);

}  // namespace vka::app::internal
