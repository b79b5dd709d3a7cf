// libFuzzer harness for C2SP cosignatures as `vka log cosignatures add` and
// `vka witness cosign` read them: evidence::VerifyCosignatures with one
// fixed witness (key from a fixed seed). Seeds: fuzz/corpus/cosignature/.
//
// Invariants: nothing crashes or throws; a checked note's text is a prefix
// of the input and ends in "\n"; every verified cosignature is the fixed
// witness's, its line is in the input, and re-making the line from the
// text and time with the witness's key gives the same bytes (Ed25519 is
// deterministic), so a cosignature that verifies is exactly one we would make.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/cosignature.h"
#include "evidence/note.h"
#include "fuzz_keys.h"

namespace {

using vka::fuzz::Require;

const vka::evidence::NoteSigner& Witness() {
  static const vka::evidence::NoteSigner signer =
      vka::fuzz::FixedSigner("witness.example", 100);
  return signer;
}

const vka::evidence::NoteVerifier& WitnessKey() {
  static const vka::evidence::NoteVerifier key = vka::fuzz::VerifierOf(Witness());
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto checked = vka::evidence::VerifyCosignatures(input, {WitnessKey()});
  if (!checked.ok()) return 0;
  Require(!checked->text.empty() && checked->text.back() == '\n');
  Require(input.substr(0, checked->text.size()) == checked->text);
  for (const auto& c : checked->cosignatures) {
    Require(c.name == WitnessKey().name);
    Require(c.key_id == vka::evidence::CosignatureKeyId(WitnessKey()));
    Require(input.find(c.line) != std::string_view::npos);
    auto again = vka::evidence::CosignatureLine(Witness(), checked->text, c.timestamp);
    Require(again.ok() && *again == c.line);
  }
  return 0;
}
