#include "cli/exit_codes.h"

namespace vka::cli {

int ExitCodeFor(const base::Status& status) {
  using base::StatusCode;
  switch (status.code()) {
    case StatusCode::kOk: return 0;
    case StatusCode::kInvalidArgument: return 2;
    case StatusCode::kNotFound: return 3;
    case StatusCode::kAlreadyExists: return 3;
    case StatusCode::kFailedPrecondition: return 3;
    case StatusCode::kPermissionDenied: return 4;
    case StatusCode::kDataLoss: return 5;
    case StatusCode::kIOError: return 6;
    case StatusCode::kUnavailable: return 7;
    case StatusCode::kInternal: return 70;
    case StatusCode::kUnauthenticated: return 4;
    case StatusCode::kResourceExhausted: return 7;
  }
  return 70;
}

}  // namespace vka::cli
