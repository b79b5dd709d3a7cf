#pragma once

// RFC 6962 / RFC 9162 Merkle tree hashing and proofs. Trees are read through
// HashReader, so the same algorithms work on a vector of leaf hashes in memory
// and on the tiles of a log on disk (evidence/tiles.h) without loading every
// leaf. Byte formats: docs/formats/log.md.

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/status.h"

namespace vka::evidence {

using Hash = base::Digest;  // 32 bytes, SHA-256

// SHA-256(0x00 ‖ data). Thread-safe.
Hash LeafHash(std::string_view data);
// SHA-256(0x01 ‖ left ‖ right). Thread-safe.
Hash NodeHash(const Hash& left, const Hash& right);
// SHA-256 of the empty string, the root of the empty tree.
Hash EmptyTreeHash();

// Source of the hashes of complete, aligned subtrees: SubtreeHash(level, index)
// is MTH(D[index·2^level : (index+1)·2^level]). Level 0 is the leaf hashes.
class HashReader {
 public:
  virtual ~HashReader() = default;
  // The number of leaves the reader can serve subtrees of.
  virtual uint64_t size() const = 0;
  // REQUIRES: (index + 1) << level <= size(), level <= 63.
  // Fails with kDataLoss (stored hashes missing or malformed) or kIOError.
  virtual base::Result<Hash> SubtreeHash(int level, uint64_t index) const = 0;
};

// HashReader over leaf hashes held by the caller, who keeps `leaves` alive
// and unchanged for the reader's lifetime. Computes each subtree from its
// leaves (O(2^level)); meant for tests and small trees. Never fails.
class LeafHashReader : public HashReader {
 public:
  explicit LeafHashReader(const std::vector<Hash>& leaves) : leaves_(leaves) {}
  uint64_t size() const override { return leaves_.size(); }
  base::Result<Hash> SubtreeHash(int level, uint64_t index) const override;

 private:
  const std::vector<Hash>& leaves_;
};

// MTH(D[0:size]) (the root hash of the first `size` leaves).
// kInvalidArgument if size > reader.size(); the reader's errors otherwise.
base::Result<Hash> TreeHash(const HashReader& reader, uint64_t size);

// RFC 9162 §2.1.3.1 inclusion path for leaf `index` in the tree of `size`
// leaves, leaf's sibling first. kInvalidArgument unless index < size <=
// reader.size().
base::Result<std::vector<Hash>> InclusionProof(const HashReader& reader,
                                               uint64_t index, uint64_t size);

// RFC 9162 §2.1.4.1 consistency proof from the tree of `old_size` leaves to
// the tree of `new_size` leaves. Empty when old_size is 0 or equals new_size.
// kInvalidArgument unless old_size <= new_size <= reader.size().
base::Result<std::vector<Hash>> ConsistencyProof(const HashReader& reader,
                                                 uint64_t old_size,
                                                 uint64_t new_size);

// RFC 9162 §2.1.3.2. OK if `proof` shows that `leaf_hash` is leaf `index` of
// the tree of `size` leaves with root `root`. kDataLoss when the proof does
// not verify (wrong length, wrong hashes, index >= size).
base::Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                             const std::vector<Hash>& proof, const Hash& root);

// RFC 9162 §2.1.4.2, with the tlog-witness rule for old_size 0 (the proof
// must be empty and old_root the empty-tree hash). OK if the tree
// (new_size, new_root) extends (old_size, old_root); kDataLoss otherwise.
base::Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                               const std::vector<Hash>& proof, const Hash& old_root,
                               const Hash& new_root);

// Folds the hashes of the complete subtrees that make up a tree (largest,
// leftmost first, as given by the binary digits of its size) into its root.
// REQUIRES: !subtrees.empty().
Hash FoldRightEdge(const std::vector<Hash>& subtrees);

}  // namespace vka::evidence
