#include "evidence/merkle.h"

#include <bit>
#include <string>

#include "evidence/log_format.h"

namespace vka::evidence {
namespace {

using base::Result;
using base::Status;

// One hasher per thread: base::Sha256Of allocates an OpenSSL context per call,
// which would cost more than the hash of a 65-byte node.
base::Sha256& ThreadHasher() {
  thread_local base::Sha256 hasher;
  return hasher;
}

// Largest power of two strictly less than n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

int Log2(uint64_t power_of_two) { return std::countr_zero(power_of_two); }

Result<Hash> CompleteSubtree(const HashReader& reader, uint64_t lo, uint64_t width) {
  const int level = Log2(width);
  return reader.SubtreeHash(level, lo >> level);
}

// MTH(D[lo:hi]) for a range the RFC recursion produces (lo is a multiple of
// the largest power of two <= hi - lo). REQUIRES: lo < hi.
Result<Hash> RangeHash(const HashReader& reader, uint64_t lo, uint64_t hi) {
  std::vector<Hash> subtrees;
  for (uint64_t rest = hi - lo; rest != 0;) {
    const uint64_t width = std::bit_floor(rest);
    VKA_ASSIGN_OR_RETURN(Hash h, CompleteSubtree(reader, lo, width));
    subtrees.push_back(h);
    lo += width;
    rest -= width;
  }
  return FoldRightEdge(subtrees);
}

// PATH(m, D[lo:hi]) of RFC 9162 §2.1.3.1, appended to `out`.
Status AppendPath(const HashReader& reader, uint64_t m, uint64_t lo, uint64_t hi,
                  std::vector<Hash>& out) {
  const uint64_t n = hi - lo;
  if (n == 1) return base::OkStatus();
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    VKA_RETURN_IF_ERROR(AppendPath(reader, m, lo, lo + k, out));
    VKA_ASSIGN_OR_RETURN(Hash right, RangeHash(reader, lo + k, hi));
    out.push_back(right);
    return base::OkStatus();
  }
  VKA_RETURN_IF_ERROR(AppendPath(reader, m - k, lo + k, hi, out));
  VKA_ASSIGN_OR_RETURN(Hash left, CompleteSubtree(reader, lo, k));
  out.push_back(left);
  return base::OkStatus();
}

// SUBPROOF(m, D[lo:hi], b) of RFC 9162 §2.1.4.1, appended to `out`.
Status AppendSubproof(const HashReader& reader, uint64_t m, uint64_t lo, uint64_t hi,
                      bool complete, std::vector<Hash>& out) {
  const uint64_t n = hi - lo;
  if (m == n) {
    if (complete) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(Hash h, RangeHash(reader, lo, hi));
    out.push_back(h);
    return base::OkStatus();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    VKA_RETURN_IF_ERROR(AppendSubproof(reader, m, lo, lo + k, complete, out));
    VKA_ASSIGN_OR_RETURN(Hash right, RangeHash(reader, lo + k, hi));
    out.push_back(right);
    return base::OkStatus();
  }
  VKA_RETURN_IF_ERROR(AppendSubproof(reader, m - k, lo + k, hi, false, out));
  VKA_ASSIGN_OR_RETURN(Hash left, CompleteSubtree(reader, lo, k));
  out.push_back(left);
  return base::OkStatus();
}

// Shifts fn and sn right together until fn is odd or zero (RFC 9162).
void ShiftWhileEven(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

Status ProofFailure(std::string what) { return base::DataLossError(std::move(what)); }

}  // namespace

Hash LeafHash(std::string_view data) {
  base::Sha256& h = ThreadHasher();
  const uint8_t prefix = format::kLeafHashPrefix;
  h.Update(&prefix, 1);
  h.Update(data);
  return h.Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  base::Sha256& h = ThreadHasher();
  const uint8_t prefix = format::kNodeHashPrefix;
  h.Update(&prefix, 1);
  h.Update(left.data(), left.size());
  h.Update(right.data(), right.size());
  return h.Finish();
}

Hash EmptyTreeHash() {
  base::Sha256& h = ThreadHasher();
  return h.Finish();
}

Result<Hash> LeafHashReader::SubtreeHash(int level, uint64_t index) const {
  if (level > format::kMaxTileLevel || ((index + 1) << level) > leaves_.size()) {
    return base::InvalidArgumentError("subtree outside the tree");
  }
  if (level == 0) return leaves_[index];
  VKA_ASSIGN_OR_RETURN(Hash left, SubtreeHash(level - 1, 2 * index));
  VKA_ASSIGN_OR_RETURN(Hash right, SubtreeHash(level - 1, 2 * index + 1));
  return NodeHash(left, right);
}

Hash FoldRightEdge(const std::vector<Hash>& subtrees) {
  Hash root = subtrees.back();
  for (size_t i = subtrees.size() - 1; i-- > 0;) root = NodeHash(subtrees[i], root);
  return root;
}

Result<Hash> TreeHash(const HashReader& reader, uint64_t size) {
  if (size > reader.size()) {
    return base::InvalidArgumentError("tree size " + std::to_string(size) +
                                      " exceeds the log size " +
                                      std::to_string(reader.size()));
  }
  if (size == 0) return EmptyTreeHash();
  return RangeHash(reader, 0, size);
}

Result<std::vector<Hash>> InclusionProof(const HashReader& reader, uint64_t index,
                                         uint64_t size) {
  if (index >= size || size > reader.size()) {
    return base::InvalidArgumentError("no leaf " + std::to_string(index) +
                                      " in a tree of size " + std::to_string(size) +
                                      " (log size " + std::to_string(reader.size()) +
                                      ")");
  }
  std::vector<Hash> proof;
  VKA_RETURN_IF_ERROR(AppendPath(reader, index, 0, size, proof));
  return proof;
}

Result<std::vector<Hash>> ConsistencyProof(const HashReader& reader, uint64_t old_size,
                                           uint64_t new_size) {
  if (old_size > new_size || new_size > reader.size()) {
    return base::InvalidArgumentError(
        "no consistency proof from size " + std::to_string(old_size) + " to " +
        std::to_string(new_size) + " (log size " + std::to_string(reader.size()) + ")");
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  VKA_RETURN_IF_ERROR(AppendSubproof(reader, old_size, 0, new_size, true, proof));
  return proof;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) {
    return ProofFailure("inclusion proof: leaf index " + std::to_string(index) +
                        " is not below the tree size " + std::to_string(size));
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return ProofFailure("inclusion proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      ShiftWhileEven(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofFailure("inclusion proof is too short");
  if (r != root) return ProofFailure("inclusion proof does not lead to the root hash");
  return base::OkStatus();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                         const std::vector<Hash>& proof, const Hash& old_root,
                         const Hash& new_root) {
  if (old_size > new_size) {
    return ProofFailure("consistency proof: old size " + std::to_string(old_size) +
                        " exceeds new size " + std::to_string(new_size));
  }
  if (old_size == new_size || old_size == 0) {
    if (!proof.empty()) return ProofFailure("consistency proof must be empty");
    const Hash& expected = old_size == 0 ? EmptyTreeHash() : new_root;
    if (old_root != expected) return ProofFailure("consistency proof: root hashes differ");
    return base::OkStatus();
  }
  if (proof.empty()) return ProofFailure("consistency proof is empty");
  std::vector<Hash> path;
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return ProofFailure("consistency proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(path[i], fr);
      sr = NodeHash(path[i], sr);
      ShiftWhileEven(fn, sn);
    } else {
      sr = NodeHash(sr, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofFailure("consistency proof is too short");
  if (fr != old_root) return ProofFailure("consistency proof does not lead to the old root");
  if (sr != new_root) return ProofFailure("consistency proof does not lead to the new root");
  return base::OkStatus();
}

}  // namespace vka::evidence
