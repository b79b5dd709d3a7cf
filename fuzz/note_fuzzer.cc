// libFuzzer harness for C2SP signed notes as `vka witness cosign` and bag
// import read them: evidence::OpenNote with a fixed verifier (key from a
// fixed seed), and evidence::NoteVerifier::Parse on the same bytes.
// Seeds: fuzz/corpus/note/.
//
// Invariants: nothing crashes or throws; an opened note's text ends in "\n"
// and was signed by the fixed key (the only verifier given), and is a
// prefix of the input; a parsed verifier key prints back to a key that
// parses to the same value.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "evidence/note.h"
#include "fuzz_keys.h"

using vka::fuzz::CorpusLogKey;
using vka::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto opened = vka::evidence::OpenNote(input, {CorpusLogKey()});
  if (opened.ok()) {
    Require(!opened->text.empty() && opened->text.back() == '\n');
    Require(input.substr(0, opened->text.size()) == opened->text);
    Require(opened->signed_by.size() == 1 && opened->signed_by[0] == CorpusLogKey().name);
  }
  auto vkey = vka::evidence::NoteVerifier::Parse(input);
  if (vkey.ok()) {
    auto again = vka::evidence::NoteVerifier::Parse(vkey->ToString());
    Require(again.ok() && again->name == vkey->name && again->key_id == vkey->key_id &&
            again->public_key == vkey->public_key);
  }
  return 0;
}
