#include "evidence/leaf.h"

#include <cstring>

namespace vka::evidence {

Hash SaltedCommitment(std::string_view salt, std::string_view canonical_body) {
  // One hasher per thread: setting up an OpenSSL digest context costs more
  // than hashing a record body. Finish() resets it for the next call.
  thread_local base::Sha256 h;
  h.Update(salt);
  h.Update(canonical_body);
  return h.Finish();
}

std::string LeafEntry(format::LeafType type, const Hash& hash) {
  std::string out(1, static_cast<char>(type));
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  return out;
}

base::Result<ParsedLeaf> ParseLeafEntry(std::string_view entry) {
  if (entry.size() != format::kLeafEntrySize) {
    return base::DataLossError("log entry has " + std::to_string(entry.size()) +
                               " bytes, expected 33");
  }
  const auto type = static_cast<format::LeafType>(entry[0]);
  if (type != format::LeafType::kRevision && type != format::LeafType::kEvidenceFile &&
      type != format::LeafType::kCustodyEvent && type != format::LeafType::kAuditEntry) {
    return base::DataLossError("log entry has unknown type " +
                               std::to_string(static_cast<uint8_t>(entry[0])));
  }
  ParsedLeaf leaf{type, {}};
  std::memcpy(leaf.hash.data(), entry.data() + 1, leaf.hash.size());
  return leaf;
}

}  // namespace vka::evidence
