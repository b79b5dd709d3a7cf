// libFuzzer harness for the vocabulary file parser. Seeds: fuzz/corpus/vocab/.
// Every input must yield a Vocabulary or a kInvalidArgument error; a parsed
// vocabulary must satisfy the rules ParseVocabulary promises.
//
// toml++ is compiled into the fuzzer (header-only) so that the sanitizers see
// it, with its debug assertions off as in the Debian library:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined \
//     -DTOML_HEADER_ONLY=1 '-DTOML_ASSERT(expr)=((void)0)' -I src \
//     src/base/status.cc src/base/utf8.cc src/model/vocabulary.cc \
//     fuzz/vocab_fuzzer.cc vocab_data.cc -o vocab_fuzzer
// (vocab_data.cc is the file cmake/Embed.cmake generates; BuiltIn() needs it.)

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "base/status.h"
#include "base/utf8.h"
#include "model/vocabulary.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckParsed(const vka::model::Vocabulary& vocab) {
  Require(vocab.name == "fuzz");
  Require(!vocab.terms.empty());
  std::set<std::string_view> codes;
  for (const vka::model::Term& term : vocab.terms) {
    Require(!term.code.empty() && !term.en.empty() && !term.hy.empty() && !term.ru.empty());
    Require(vka::base::IsValidUtf8(term.en) && vka::base::IsValidUtf8(term.hy) &&
            vka::base::IsValidUtf8(term.ru));
    Require(codes.insert(term.code).second);
    Require(vocab.Find(term.code) != nullptr);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vka::base::Result<vka::model::Vocabulary> result = vka::model::ParseVocabulary(text, "fuzz.toml");
  if (result.ok()) {
    CheckParsed(*result);
  } else {
    Require(result.status().code() == vka::base::StatusCode::kInvalidArgument);
    Require(vka::base::IsValidUtf8(result.status().message()));
  }
  return 0;
}
