#pragma once

// Who may see and do what (DESIGN.md §9). The server and every use case that
// serves a signed-in user or the public ask these functions; the UI never
// decides. Pure: no I/O.
//
// Read access by confidentiality level (the record's "confidentiality",
// "internal" when absent):
//
//   role        public internal restricted sealed  sensitive fields
//   public        yes     -         -         -          -
//   viewer        yes    yes        -         -          -
//   documenter    yes    yes        -         -         yes
//   reviewer      yes    yes       yes        -          -
//   lawyer        yes    yes       yes        -         yes
//   admin         yes    yes       yes       yes        yes
//
// "public" is the anonymous visitor of the memorial; it additionally needs
// consent (app/memorial) and never sees sensitive fields.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "model/kinds.h"

namespace vka::app {

enum class Role { kPublic, kViewer, kDocumenter, kReviewer, kLawyer, kAdmin };

// "admin", "lawyer", "documenter", "reviewer", "viewer"; "public" is not a
// role a user can hold and is not parsed.
std::optional<Role> ParseUserRole(std::string_view name);
std::string_view RoleName(Role role);

// The confidentiality levels the role may read, lowest first.
std::vector<std::string> ReadableLevels(Role role);
bool MayRead(Role role, std::string_view confidentiality);
bool MaySeeSensitive(Role role);
// Add, edit and delete records; add evidence; import.
bool MayWrite(Role role);
// Accept or reject suggestions and link pairs; annotate.
bool MayReview(Role role);
// Manage users, keys and read the audit trail.
bool MayAdminister(Role role);

// The record's confidentiality level ("internal" when absent or not a string).
std::string ConfidentialityOf(const base::Json& body);

// The body as `role` may see it: nullopt when the role may not read the
// record at all; otherwise a copy without the kind's sensitive fields when the
// role may not see them (model::FieldSpec::sensitive).
std::optional<base::Json> RedactFor(Role role, model::Kind kind, const base::Json& body);

}  // namespace vka::app
