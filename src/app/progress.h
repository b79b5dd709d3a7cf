#pragma once

#include <cstdint>
#include <functional>

namespace vka::app {

// Called now and then during long work with how much is done of the total
// (units depend on the job: bytes for imports, records for exports). May be
// empty.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

}  // namespace vka::app
