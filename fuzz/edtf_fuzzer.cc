// libFuzzer harness for base::EdtfDate::Parse. Any input must either be
// rejected with a Status or parse to a value whose invariants hold:
// earliest <= latest within [kMinDay, kMaxDay], and re-parsing text()
// yields an equal value with the same range and flags.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/edtf.h"

namespace {

using vka::base::EdtfDate;

bool SameValue(const EdtfDate& a, const EdtfDate& b) {
  return a == b && a.text() == b.text() && a.earliest() == b.earliest() &&
         a.latest() == b.latest() && a.is_interval() == b.is_interval() &&
         a.start_open() == b.start_open() && a.end_open() == b.end_open() &&
         a.uncertain() == b.uncertain() && a.approximate() == b.approximate();
}

void CheckInvariants(const EdtfDate& date) {
  if (date.earliest() > date.latest()) __builtin_trap();
  if (date.earliest() < EdtfDate::kMinDay) __builtin_trap();
  if (date.latest() > EdtfDate::kMaxDay) __builtin_trap();
  if (!date.Overlaps(date)) __builtin_trap();
  if (date < date) __builtin_trap();
  if (!date.is_interval() && (date.start_open() || date.end_open())) {
    __builtin_trap();
  }
  vka::base::Result<EdtfDate> again = EdtfDate::Parse(date.text());
  if (!again.ok() || !SameValue(date, *again)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vka::base::Result<EdtfDate> date = EdtfDate::Parse(text);
  if (date.ok()) CheckInvariants(*date);
  return 0;
}
