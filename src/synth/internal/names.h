#pragma once

// Name tables for synthetic persons: common Armenian given and family names,
// each in Armenian script and in its conventional Russian form, with a few
// common short forms. A person made from these is a combination of common
// names with random attributes, never a real individual.

#include <span>
#include <string>
#include <string_view>

namespace vka::synth::internal {

struct GivenName {
  std::string_view hy;  // Armenian script, e.g. "Հովհաննես"
  std::string_view ru;  // Russian form, e.g. "Оганес"
  std::string_view hy_genitive = {};  // when not hy + "ի" (Մկրտիչ -> Մկրտչի)
  std::string_view diminutive_hy = {};  // common short form, may be empty
  std::string_view diminutive_ru = {};
};

struct FamilyName {
  std::string_view hy;  // "Հովհաննիսյան"
  std::string_view ru;  // "Оганесян"
};

std::span<const GivenName> MaleGivenNames();
std::span<const GivenName> FemaleGivenNames();
std::span<const FamilyName> FamilyNames();

// The Russian patronymic from the father's Russian given name:
// "Оганес" -> "Оганесович" / "Оганесовна", "Сергей" -> "Сергеевич",
// "Мкртич" -> "Мкртичевич", "Грачья" -> "Грачьевич".
std::string RussianPatronymic(std::string_view father_ru, bool female);

// The Armenian patronymic, the father's name in the genitive:
// "Հովհաննես" -> "Հովհաննեսի", "Մկրտիչ" -> "Մկրտչի".
std::string ArmenianPatronymic(const GivenName &father);

}  // namespace vka::synth::internal
