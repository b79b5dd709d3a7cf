#pragma once

// Shared by the log harnesses: the invariant check, and Ed25519 note keys
// made from fixed seeds so that seed corpora can carry valid signatures.

#include <cstdint>
#include <string>

#include "evidence/note.h"

namespace vka::fuzz {

// Stops the run (libFuzzer reports a crash) when an invariant fails.
inline void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// The signer whose seed is the bytes first, first + 1, ..., first + 31.
inline evidence::NoteSigner FixedSigner(const std::string& name, uint8_t first) {
  evidence::Ed25519Seed seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(first + i);
  auto signer = evidence::NoteSigner::FromSeed(name, seed);
  Require(signer.ok());
  return std::move(*signer);
}

// The verifier key of `signer`.
inline evidence::NoteVerifier VerifierOf(const evidence::NoteSigner& signer) {
  auto parsed = evidence::NoteVerifier::Parse(signer.VerifierKey());
  Require(parsed.ok());
  return *parsed;
}

// The log key of the seed corpora: "vka.example/log" from seed bytes 0..31
// (the vector of evidence/note_test.cc). Made once.
inline const evidence::NoteVerifier& CorpusLogKey() {
  static const evidence::NoteVerifier key = VerifierOf(FixedSigner("vka.example/log", 0));
  return key;
}

}  // namespace vka::fuzz
