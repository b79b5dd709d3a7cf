#include "model/kinds.h"

#include <array>
#include <string>

#include "base/ulid.h"

namespace vka::model {
namespace {

struct KindInfo {
  Kind kind;
  std::string_view name;
  std::string_view prefix;
};

// Canonical order: referenced kinds before the kinds that refer to them.
constexpr std::array<KindInfo, 15> kKinds = {{
    {Kind::kSituation, "situation", "sit"},
    {Kind::kPlace, "place", "plc"},
    {Kind::kOrganization, "organization", "org"},
    {Kind::kPerson, "person", "per"},
    {Kind::kSource, "source", "src"},
    {Kind::kEvent, "event", "evt"},
    {Kind::kProperty, "property", "prp"},
    {Kind::kAct, "act", "act"},
    {Kind::kDisplacement, "displacement", "dsp"},
    {Kind::kStateConduct, "state_conduct", "stc"},
    {Kind::kInformation, "information", "inf"},
    {Kind::kAnnotation, "annotation", "ann"},
    {Kind::kPersonLink, "person_link", "pln"},
    {Kind::kClaim, "claim", "clm"},
    {Kind::kCustodyEvent, "custody_event", "cus"},
}};

constexpr std::array<Kind, 15> MakeOrder() {
  std::array<Kind, 15> out{};
  for (size_t i = 0; i < kKinds.size(); ++i) out[i] = kKinds[i].kind;
  return out;
}
constexpr std::array<Kind, 15> kOrder = MakeOrder();

const KindInfo& Info(Kind kind) {
  for (const auto& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds[0];  // unreachable: the table lists every Kind (tested)
}

}  // namespace

std::span<const Kind> AllKinds() { return kOrder; }
std::string_view KindName(Kind kind) { return Info(kind).name; }
std::string_view KindPrefix(Kind kind) { return Info(kind).prefix; }

base::Result<Kind> ParseKindName(std::string_view name) {
  for (const auto& info : kKinds) {
    if (info.name == name) return info.kind;
  }
  std::string valid;
  for (const auto& info : kKinds) {
    if (!valid.empty()) valid += ", ";
    valid += info.name;
  }
  return base::InvalidArgumentError("unknown kind \"" + std::string(name) +
                                    "\" (valid: " + valid + ")");
}

std::optional<Kind> KindOfId(std::string_view id) {
  auto sep = id.find('_');
  if (sep == std::string_view::npos) return std::nullopt;
  if (!base::IsValidUlid(id.substr(sep + 1))) return std::nullopt;
  for (const auto& info : kKinds) {
    if (info.prefix == id.substr(0, sep)) return info.kind;
  }
  return std::nullopt;
}

std::string NewId(Kind kind) {
  return std::string(KindPrefix(kind)) + "_" + base::NewUlid();
}

}  // namespace vka::model
