// libFuzzer harness for C2SP tlog-checkpoints: evidence::ParseCheckpoint on
// the input as note text, and evidence::OpenCheckpoint on it as a signed
// note with a fixed log key (from a fixed seed). Seeds:
// fuzz/corpus/checkpoint/.
//
// Invariants: nothing crashes or throws; a parsed checkpoint formats to
// text that parses back to the same checkpoint; a checkpoint that opens has
// the log key's name as its origin.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/checkpoint.h"
#include "evidence/note.h"
#include "fuzz_keys.h"

using vka::fuzz::CorpusLogKey;
using vka::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = vka::evidence::ParseCheckpoint(input);
  if (parsed.ok()) {
    auto text = vka::evidence::FormatCheckpoint(*parsed);
    Require(text.ok());
    auto again = vka::evidence::ParseCheckpoint(*text);
    Require(again.ok() && *again == *parsed);
  }
  auto opened = vka::evidence::OpenCheckpoint(input, CorpusLogKey());
  if (opened.ok()) Require(opened->origin == CorpusLogKey().name);
  return 0;
}
