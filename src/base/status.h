#pragma once

// Errors as values. A small, fixed set of codes (docs/ARCHITECTURE.md maps
// each to an HTTP status and a CLI exit code, once, in cli/ and http/).
// Semantics follow absl::Status / absl::StatusOr.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vka::base {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // caller input is malformed
  kNotFound,            // named thing does not exist
  kAlreadyExists,       // create collided
  kFailedPrecondition,  // state forbids it
  kPermissionDenied,    // authorisation
  kDataLoss,            // stored bytes fail a checksum or hash chain
  kIOError,             // local file or database read/write failed
  kUnavailable,         // backend down, lock held, timeout
  kInternal,            // bug surfaced as error
  kUnauthenticated,     // no valid credentials or session (sign in)
  kResourceExhausted,   // throttled: too many attempts, retry later
};

// Returns the code's stable lower-case name, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message".
  Status WithContext(std::string_view context) const;
  // "invalid_argument: message", or "ok".
  std::string ToString() const;

  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status DataLossError(std::string message);
Status IOError(std::string message);
Status UnavailableError(std::string message);
Status InternalError(std::string message);
Status UnauthenticatedError(std::string message);
Status ResourceExhaustedError(std::string message);

// Holds a T or a non-OK Status; never an OK status without a value.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = InternalError("Result built from OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace vka::base

#define VKA_STATUS_CONCAT_INNER(a, b) a##b
#define VKA_STATUS_CONCAT(a, b) VKA_STATUS_CONCAT_INNER(a, b)

// Returns from the enclosing function if expr yields a non-OK Status.
#define VKA_RETURN_IF_ERROR(expr)                       \
  do {                                                  \
    ::vka::base::Status vka_status_ = (expr);           \
    if (!vka_status_.ok()) return vka_status_;          \
  } while (0)

// VKA_ASSIGN_OR_RETURN(auto x, ResultExpr): binds the value or returns the
// error.
#define VKA_ASSIGN_OR_RETURN(lhs, expr) \
  VKA_ASSIGN_OR_RETURN_IMPL(VKA_STATUS_CONCAT(vka_result_, __LINE__), lhs, expr)
#define VKA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
