#pragma once

// Person names across Armenian, Cyrillic and Latin script.
//
// A name goes through two steps:
//   1. ToLatin: NFKC, lower case, then our own transliteration of Armenian and
//      Cyrillic to plain ASCII Latin (passport-like digraphs: kh, ts, ch, zh,
//      sh, dz, gh; ու -> u; word-initial ո -> vo, ե -> ye), then ICU's
//      Any-Latin; Latin-ASCII for every other script. ICU's own Armenian-Latin
//      and Cyrillic-Latin give ISO-style letters with diacritics (č, ž, â, x
//      for խ) that Latin-ASCII folds lossily (щ -> s, č -> c), and
//      Armenian-Latin/BGN inserts a spurious "v" after aspirate marks in ICU
//      72 (research/linkage-mse.md D.3), so Armenian and Cyrillic letters never
//      reach them; ISO-style Latin input (Hačaturân) is folded by our rules
//      (č -> ch, â -> ya, x -> kh) before Latin-ASCII.
//   2. PhoneticKey: a script-independent skeleton of consonant classes that
//      absorbs the usual variants of Armenian names in Russian and Latin
//      lists: h/g/kh/gh/k/v ~ ∅ (Հովհաննիսյան, Оганесян, Ovanesyan), b/p,
//      d/t, ts/c/tz/dz, ch/j/dj/dzh, z/zh; vowels, y and soft signs dropped;
//      runs of one class collapsed; the family suffixes -yan/-ian/-jan/-ean
//      and -yants/-iants/-yanc become one marker.
// Both are deterministic and depend only on the input.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace vka::linkage {

// Transliterates names to lower-case ASCII Latin. Not thread-safe (one per
// thread); cheap to call, but callers that see the same name many times
// should cache (NameCache below does).
class NameNormalizer {
 public:
  // kInternal if ICU cannot build the transliterator (broken ICU data).
  static base::Result<std::unique_ptr<NameNormalizer>> Create();
  ~NameNormalizer();

  // Lower-case ASCII letters, digits and single spaces (other characters
  // become spaces; hyphens and apostrophes are removed). "Тер-Петросян" ->
  // "terpetrosyan"; "Hovhannisyan" -> "hovhannisyan".
  std::string ToLatin(std::string_view utf8) const;

 private:
  std::string Transliterate(std::string_view utf8) const;  // ICU, unfiltered

  struct Impl;  // holds the ICU transliterator (ICU headers stay in names.cc)
  explicit NameNormalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The phonetic key of one name (several words are keyed separately and
// joined by ' '). REQUIRES: `latin` is ToLatin output. Empty for a name with
// no consonants.
std::string PhoneticKey(std::string_view latin);

// If `latin` (one word, ToLatin output) is a patronymic, returns the father's
// given name it is built from: Russian -ovich/-evich/-ich, -ovna/-evna/-ichna
// ("stepanovna" -> "stepan", "grachevna" -> "grach"); Armenian genitive
// forms ending in -i are returned unchanged ("ashoti"), since the key drops
// the final vowel. nullopt when the word has no patronymic ending.
std::optional<std::string> PatronymicRoot(std::string_view latin);

// Key of a patronymic field: the phonetic key of PatronymicRoot when there is
// one, else of the word itself.
std::string PatronymicKey(std::string_view latin);

// Maps the phonetic key of a short form to the key of its full given name
// (data/linkage/diminutives.tsv). Keys with no entry map to themselves.
class Diminutives {
 public:
  // The embedded table. kInternal if it is malformed (a build problem).
  static base::Result<Diminutives> Embedded(const NameNormalizer& norm);
  // Parses "short<TAB>full" lines ('#' comments). kInvalidArgument with the
  // line number on a malformed line.
  static base::Result<Diminutives> Parse(std::string_view text,
                                         const NameNormalizer& norm);

  // The canonical key: the full name's key for a known short form.
  const std::string& Canonical(const std::string& key) const;
  size_t size() const { return to_full_.size(); }

 private:
  std::unordered_map<std::string, std::string> to_full_;
};

}  // namespace vka::linkage
