#pragma once

// Fast reading of stored record bodies for the registry's bulk commands
// (summary, duplicates over 10^5..10^6 records): the leaves of a JSON text
// with their key paths, as base::VisitJsonLeaves gives them, from a
// hand-written scanner that copies a string only when it has escapes and
// calls a plain function reference instead of a std::function (about 5x
// faster than the nlohmann SAX reader on claim and person bodies).
// Thread-safe (no shared state).

#include <string_view>
#include <type_traits>
#include <utility>

#include "base/status.h"

namespace vka::claims {

// A non-owning reference to a callable taking (path, value); valid while
// the callable lives.
class LeafFn {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, LeafFn>>>
  LeafFn(F&& f)  // NOLINT(google-explicit-constructor): a reference, like std::function_ref
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* object, std::string_view path, std::string_view value) {
          (*static_cast<std::remove_reference_t<F>*>(object))(path, value);
        }) {}
  void operator()(std::string_view path, std::string_view value) const { call_(object_, path, value); }

 private:
  void* object_;
  void (*call_)(void*, std::string_view, std::string_view);
};

// Calls fn(path, value) for every string, boolean and number of the JSON
// text, in document order: path joins the object keys from the root with
// "." ("decision.awards.amount"); array elements share their array's path;
// value is the decoded string, "true"/"false", or the number as written;
// null calls nothing. The views are valid only during the call.
// kInvalidArgument ("invalid JSON at byte N: ...") on a syntax error or
// nesting deeper than 256; leaves before the error have been visited.
// Unlike base::ParseJsonStrict it does not check UTF-8 or duplicate keys:
// for bodies the store already validated.
base::Status VisitLeaves(std::string_view text, LeafFn fn);

}  // namespace vka::claims
