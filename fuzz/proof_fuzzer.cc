// libFuzzer harness for inclusion and consistency proofs as vka reads them
// from others: the proof lines of a bag (data/log/proofs.ndjson,
// app::internal::ParseProofLine), the consistency proof text `vka witness
// cosign --proof` reads (evidence::ParseConsistencyProof) and the RFC 9162
// verifiers
// (evidence::VerifyInclusion, evidence::VerifyConsistency) on sizes, indices
// and hashes taken from the input. Seeds: fuzz/corpus/proof/.
//
// Invariants: nothing crashes, throws or loops for long (sizes up to 2^64-1);
// a parsed line formats to a line that parses back to the same values; a
// parsed consistency proof text formats to the input (with its final
// newline) and parses back to the same values; a
// proof verifies only when it is the path the tree implies: a one-leaf tree
// is its own root with an empty proof, and the verifiers never accept a
// proof for an index outside the tree.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "app/internal/bag_format.h"
#include "evidence/merkle.h"
#include "evidence/proof_text.h"

namespace {

using vka::evidence::Hash;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// Reads from the front of the input; zeros when it runs out.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  uint64_t U64() {
    uint64_t v = 0;
    size_t n = std::min(sizeof v, data_.size());
    std::memcpy(&v, data_.data(), n);
    data_.remove_prefix(n);
    return v;
  }
  Hash H() {
    Hash h{};
    size_t n = std::min(h.size(), data_.size());
    std::memcpy(h.data(), data_.data(), n);
    data_.remove_prefix(n);
    return h;
  }
  bool empty() const { return data_.empty(); }

 private:
  std::string_view data_;
};

void CheckProofLine(std::string_view input) {
  auto line = vka::app::internal::ParseProofLine(input);
  if (!line.ok()) return;
  auto text = vka::app::internal::FormatProofLine(*line);
  Require(text.ok());
  auto again = vka::app::internal::ParseProofLine(*text);
  Require(again.ok());
  Require(again->record == line->record && again->rev == line->rev &&
          again->salt == line->salt && again->evidence == line->evidence &&
          again->entry == line->entry && again->leaf_index == line->leaf_index &&
          again->leaf_hash == line->leaf_hash && again->proof == line->proof &&
          again->tree_size == line->tree_size);
  Hash root = vka::evidence::LeafHash(line->entry);
  (void)vka::evidence::VerifyInclusion(line->leaf_index, line->tree_size, line->leaf_hash,
                                       line->proof, root);
}

void CheckConsistencyText(std::string_view input) {
  auto parsed = vka::evidence::ParseConsistencyProof(input);
  if (!parsed.ok()) return;
  const std::string text = vka::evidence::FormatConsistencyProof(*parsed);
  Require(text == input || text == std::string(input) + "\n");
  auto again = vka::evidence::ParseConsistencyProof(text);
  Require(again.ok() && *again == *parsed);
}

void CheckVerifiers(std::string_view input) {
  Reader in(input);
  const uint64_t index = in.U64();
  const uint64_t size = in.U64();
  const Hash leaf = in.H();
  const Hash root = in.H();
  std::vector<Hash> proof;
  constexpr size_t kMaxHashes = 70;  // more than any tree of 2^64 leaves needs
  while (!in.empty() && proof.size() < kMaxHashes) proof.push_back(in.H());
  bool included = vka::evidence::VerifyInclusion(index, size, leaf, proof, root).ok();
  if (index >= size) Require(!included);
  if (size == 1 && index == 0) Require(included == (proof.empty() && leaf == root));
  (void)vka::evidence::VerifyConsistency(index, size, proof, leaf, root);
  if (index > size) Require(!vka::evidence::VerifyConsistency(index, size, proof, leaf, root).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckProofLine(input);
  CheckConsistencyText(input);
  CheckVerifiers(input);
  return 0;
}
