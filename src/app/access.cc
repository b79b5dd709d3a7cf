#include "app/access.h"

#include <algorithm>
#include <array>

#include "model/schema.h"

namespace vka::app {
namespace {

constexpr std::array<std::string_view, 4> kLevels = {"public", "internal", "restricted",
                                                      "sealed"};

// How many levels (from "public" up) the role may read.
size_t LevelsReadable(Role role) {
  switch (role) {
    case Role::kPublic:
      return 1;
    case Role::kViewer:
    case Role::kDocumenter:
      return 2;
    case Role::kReviewer:
    case Role::kLawyer:
      return 3;
    case Role::kAdmin:
      return 4;
  }
  return 0;
}

}  // namespace

std::optional<Role> ParseUserRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "lawyer") return Role::kLawyer;
  if (name == "documenter") return Role::kDocumenter;
  if (name == "reviewer") return Role::kReviewer;
  if (name == "viewer") return Role::kViewer;
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublic:
      return "public";
    case Role::kViewer:
      return "viewer";
    case Role::kDocumenter:
      return "documenter";
    case Role::kReviewer:
      return "reviewer";
    case Role::kLawyer:
      return "lawyer";
    case Role::kAdmin:
      return "admin";
  }
  return "public";
}

std::vector<std::string> ReadableLevels(Role role) {
  std::vector<std::string> out;
  for (size_t i = 0; i < LevelsReadable(role); ++i) out.emplace_back(kLevels[i]);
  return out;
}

bool MayRead(Role role, std::string_view confidentiality) {
  auto it = std::find(kLevels.begin(), kLevels.end(), confidentiality);
  if (it == kLevels.end()) return false;  // an unknown level is nobody's
  return static_cast<size_t>(it - kLevels.begin()) < LevelsReadable(role);
}

bool MaySeeSensitive(Role role) {
  return role == Role::kDocumenter || role == Role::kLawyer || role == Role::kAdmin;
}

bool MayWrite(Role role) {
  return role == Role::kDocumenter || role == Role::kLawyer || role == Role::kAdmin;
}

bool MayReview(Role role) {
  return role == Role::kReviewer || role == Role::kLawyer || role == Role::kAdmin;
}

bool MayAdminister(Role role) { return role == Role::kAdmin; }

std::string ConfidentialityOf(const base::Json& body) {
  auto it = body.find("confidentiality");
  if (it == body.end() || !it->is_string()) return "internal";
  return it->get<std::string>();
}

std::optional<base::Json> RedactFor(Role role, model::Kind kind, const base::Json& body) {
  if (!MayRead(role, ConfidentialityOf(body))) return std::nullopt;
  base::Json out = body;
  if (MaySeeSensitive(role) || !out.is_object()) return out;
  for (const auto& field : model::SchemaOf(kind).fields) {
    if (field.sensitive) out.erase(std::string(field.name));
  }
  return out;
}

}  // namespace vka::app
