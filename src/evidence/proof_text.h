#pragma once

// The text form of a consistency proof, as `vka log consistency` prints it
// and `vka witness cosign --proof` reads it (docs/formats/log.md §proofs):
//   consistency proof\n
//   old <size> <hex root>\n
//   new <size> <hex root>\n
//   <hex hash>\n ...            (the proof's hashes, in order)
// Sizes are decimal without sign; hashes are 64 lower-case hex digits.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "evidence/merkle.h"

namespace vka::evidence {

struct ConsistencyProofText {
  uint64_t old_size = 0;
  Hash old_root{};
  uint64_t new_size = 0;
  Hash new_root{};
  std::vector<Hash> proof;

  bool operator==(const ConsistencyProofText&) const = default;
};

// The text above.
std::string FormatConsistencyProof(const ConsistencyProofText& proof);

// Parses the text above (the final newline may be missing). kInvalidArgument
// "proof line N: ..." naming the first bad line. Does not verify the proof.
base::Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text);

// 64 lower-case hex digits as a hash; nullopt otherwise.
std::optional<Hash> ParseHexHash(std::string_view hex);

}  // namespace vka::evidence
