#pragma once

// The record kinds of the data model (DESIGN.md §5) and their id prefixes.
// An id is "<prefix>_<ULID>", e.g. "per_01JD3XK5E8Q9V7RZ3M4N6P2B1C".

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vka::model {

enum class Kind {
  kSituation,
  kSource,
  kPerson,
  kOrganization,
  kPlace,
  kEvent,
  kAct,
  kProperty,
  kDisplacement,
  kStateConduct,
  kInformation,
  kAnnotation,
  kClaim,
  kCustodyEvent,
  kPersonLink,
};

// All kinds in their canonical order (the order of exports: records that
// others refer to come first).
std::span<const Kind> AllKinds();

// "person", "state_conduct", ...
std::string_view KindName(Kind kind);
// "per", "stc", ...
std::string_view KindPrefix(Kind kind);

// Parses a kind name ("person"). kInvalidArgument lists the valid names.
base::Result<Kind> ParseKindName(std::string_view name);

// Returns the kind whose prefix starts the id, when the id is well formed
// ("<prefix>_" followed by a valid ULID); std::nullopt otherwise.
std::optional<Kind> KindOfId(std::string_view id);

// Generates a fresh id for the kind.
std::string NewId(Kind kind);

}  // namespace vka::model
