#pragma once

// The entries (leaf data) this system appends to the log. Each is 33 bytes:
// a type byte and a SHA-256 commitment (docs/formats/log.md, "Leaf entries").
// The commitments reveal nothing about the people in the records.

#include <string>
#include <string_view>

#include "base/status.h"
#include "evidence/log_format.h"
#include "evidence/merkle.h"

namespace vka::evidence {

// SHA-256(salt ‖ canonical body): the commitment to a record revision or a
// custody event (the salt is random per revision and stored with it).
Hash SaltedCommitment(std::string_view salt, std::string_view canonical_body);

// type ‖ hash (33 bytes).
std::string LeafEntry(format::LeafType type, const Hash& hash);
inline std::string RevisionLeaf(const Hash& commitment) {
  return LeafEntry(format::LeafType::kRevision, commitment);
}
inline std::string EvidenceFileLeaf(const Hash& file_sha256) {
  return LeafEntry(format::LeafType::kEvidenceFile, file_sha256);
}
inline std::string CustodyEventLeaf(const Hash& commitment) {
  return LeafEntry(format::LeafType::kCustodyEvent, commitment);
}
inline std::string AuditEntryLeaf(const Hash& commitment) {
  return LeafEntry(format::LeafType::kAuditEntry, commitment);
}

struct ParsedLeaf {
  format::LeafType type;
  Hash hash;
};
// kDataLoss unless `entry` is 33 bytes with a known type byte.
base::Result<ParsedLeaf> ParseLeafEntry(std::string_view entry);

}  // namespace vka::evidence
