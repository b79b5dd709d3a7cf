// libFuzzer harness for base::ParseJsonStrict and base::CanonicalJson.
// Seeds: fuzz/corpus/json/.
//
// Every input must parse or fail with kInvalidArgument. A parsed value must
// have a canonical form (the parser admits only finite numbers and valid
// UTF-8), and the canonical text must re-parse and re-canonicalise to the
// same bytes (RFC 8785 is a fixed point).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace {

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vka::base::Result<vka::base::Json> value = vka::base::ParseJsonStrict(text);
  if (!value.ok()) {
    Require(value.status().code() == vka::base::StatusCode::kInvalidArgument);
    return 0;
  }
  vka::base::Result<std::string> canonical = vka::base::CanonicalJson(*value);
  Require(canonical.ok());
  vka::base::Result<vka::base::Json> again = vka::base::ParseJsonStrict(*canonical);
  Require(again.ok());
  vka::base::Result<std::string> canonical_again = vka::base::CanonicalJson(*again);
  Require(canonical_again.ok());
  Require(*canonical_again == *canonical);
  return 0;
}
