#pragma once

// Transliteration of Armenian and Russian names into Latin script, spelling
// variants and typing errors: the noise that record linkage must see through.

#include <string>
#include <string_view>

#include "synth/internal/random.h"

namespace vka::synth::internal {

enum class Script { kArmn, kCyrl, kLatn };

// "Armn", "Cyrl", "Latn" (ISO 15924, the codes of vocabulary "script").
std::string_view ScriptCode(Script script);

enum class ArmenianSystem {
  kBgn,  // BGN/PCGN-like without apostrophes: Հովհաննիսյան -> Hovhannisyan,
         // Եղիազարյան -> Yeghiazaryan, Ոսկանյան -> Voskanyan
  kIsoSimplified,  // ISO 9985 letters without the aspiration marks:
                   // Խաչատրյան -> Xačatryan, Ղազարյան -> Łazaryan, ու -> ow
};

// Transliterates Armenian-script text; the first letter is capitalised.
// Characters outside the Armenian block are copied.
std::string ArmenianToLatin(std::string_view hy, ArmenianSystem system);

// How a "Russian-passport" transliteration from Cyrillic spells the letters
// that conventions disagree on.
struct PassportStyle {
  std::string_view ya = "ya";         // я: ya | ia | ja
  std::string_view yu = "yu";         // ю
  std::string_view kh = "kh";         // х: kh | h | ch
  std::string_view ts = "ts";         // ц: ts | tz | c
  std::string_view zh = "zh";         // ж: zh | j
  std::string_view dzh = "dzh";       // дж: dzh | dj | j
  std::string_view e_initial = "ye";  // word-initial е: ye | e
};

// Transliterates Cyrillic text (Оганесян -> Oganesyan); first letter
// capitalised.
std::string CyrillicToLatin(std::string_view ru, const PassportStyle &style);

// Returns the Latin spelling with one common variant applied (-yan/-ian/-jan,
// kh/h/x, gh/g/kh, dropped initial H, ts/tz/c, dzh/dj/j, Ye/E, Vo/O,
// ch/tch), chosen at random among those that apply; the input when none does.
std::string LatinVariant(std::string_view latin, Rng &rng);

// Returns text with one typing error (insertion, deletion, substitution or
// transposition of a letter of the script) after the first letter. Text
// shorter than two letters is returned unchanged.
std::string Typo(std::string_view text, Script script, Rng &rng);

// UTF-8 <-> code points. REQUIRES: valid UTF-8.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

}  // namespace vka::synth::internal
