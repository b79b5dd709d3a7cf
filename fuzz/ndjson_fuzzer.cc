// libFuzzer harness for record bodies as they arrive in NDJSON imports:
// each line goes through base::ParseJsonStrict, model::Normalize and
// model::Validate with the built-in vocabularies. Seeds: fuzz/corpus/ndjson/.
//
// Invariants: nothing crashes or throws; Normalize is idempotent; validation
// messages are valid UTF-8 (they end up in JSON responses); a body that
// validates has a canonical JSON form.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "base/utf8.h"
#include "model/validate.h"
#include "model/vocabulary.h"

namespace {

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

const vka::model::VocabularySet& Vocabularies() {
  static const vka::model::VocabularySet* vocab = [] {
    vka::base::Result<vka::model::VocabularySet> built_in = vka::model::VocabularySet::BuiltIn();
    if (!built_in.ok()) {  // the embedded files are ours: a failure is a bug
      std::fprintf(stderr, "built-in vocabularies: %s\n", built_in.status().ToString().c_str());
      __builtin_trap();
    }
    return new vka::model::VocabularySet(std::move(built_in).value());
  }();
  return *vocab;
}

void CheckLine(std::string_view line) {
  vka::base::Result<vka::base::Json> body = vka::base::ParseJsonStrict(line);
  if (!body.ok()) return;
  const vka::base::Json normalized = vka::model::Normalize(*body);
  Require(vka::model::Normalize(normalized) == normalized);
  const vka::model::ValidationResult result = vka::model::Validate(normalized, Vocabularies());
  Require(vka::base::IsValidUtf8(result.Summary()));
  if (!result.ok()) return;
  Require(vka::base::CanonicalJson(normalized).ok());
  (void)vka::model::SensitiveValues(normalized);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (;;) {
    const size_t end = text.find('\n');
    CheckLine(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return 0;
}
