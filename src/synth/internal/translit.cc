#include "synth/internal/translit.h"

#include <array>
#include <vector>

namespace vka::synth::internal {
namespace {

constexpr char32_t kArmLowerFirst = U'\u0561';  // ա
constexpr char32_t kArmLowerLast = U'\u0586';   // ֆ
constexpr char32_t kArmUpperFirst = U'\u0531';  // Ա
constexpr char32_t kArmUpperLast = U'\u0556';
constexpr char32_t kArmCaseOffset = kArmLowerFirst - kArmUpperFirst;
constexpr char32_t kArmEv = U'\u0587';    // և
constexpr char32_t kArmVo = U'\u0578';    // ո
constexpr char32_t kArmYe = U'\u0565';    // ե
constexpr char32_t kArmVyun = U'\u0582';  // ւ

// Indexed by code point - U+0561 (ա .. ֆ).
constexpr std::array<std::string_view, 38> kBgn = {
    "a",  "b", "g", "d",  "e",  "z",  "e",  "y", "t", "zh", "i", "l",  "kh",
    "ts", "k", "h", "dz", "gh", "ch", "m",  "y", "n", "sh", "o", "ch", "p",
    "j",  "r", "s", "v",  "t",  "r",  "ts", "v", "p", "k",  "o", "f"};
constexpr std::array<std::string_view, 38> kIso = {
    "a", "b", "g", "d", "e", "z", "e", "e", "t", "ž", "i", "l", "x",
    "c", "k", "h", "j", "ł", "č", "m", "y", "n", "š", "o", "č", "p",
    "j", "r", "s", "v", "t", "r", "c", "w", "p", "k", "o", "f"};

char32_t ArmLower(char32_t c) {
  return (c >= kArmUpperFirst && c <= kArmUpperLast) ? c + kArmCaseOffset : c;
}

char32_t CyrLower(char32_t c) {
  if (c >= U'А' && c <= U'Я') return c + (U'а' - U'А');
  if (c == U'Ё') return U'ё';
  return c;
}

// Capitalises the first letter of a Latin transliteration.
std::string Capitalise(std::string s) {
  if (s.empty()) return s;
  if (s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4>
      kUpper = {{{"ł", "Ł"}, {"č", "Č"}, {"š", "Š"}, {"ž", "Ž"}}};
  for (const auto &[lower, upper] : kUpper) {
    if (s.starts_with(lower))
      return std::string(upper) + s.substr(lower.size());
  }
  return s;
}

std::string_view CyrLetter(char32_t c, const PassportStyle &st) {
  switch (c) {
    case U'а':
      return "a";
    case U'б':
      return "b";
    case U'в':
      return "v";
    case U'г':
      return "g";
    case U'д':
      return "d";
    case U'е':
      return "e";
    case U'ё':
      return "yo";
    case U'ж':
      return st.zh;
    case U'з':
      return "z";
    case U'и':
      return "i";
    case U'й':
      return "y";
    case U'к':
      return "k";
    case U'л':
      return "l";
    case U'м':
      return "m";
    case U'н':
      return "n";
    case U'о':
      return "o";
    case U'п':
      return "p";
    case U'р':
      return "r";
    case U'с':
      return "s";
    case U'т':
      return "t";
    case U'у':
      return "u";
    case U'ф':
      return "f";
    case U'х':
      return st.kh;
    case U'ц':
      return st.ts;
    case U'ч':
      return "ch";
    case U'ш':
      return "sh";
    case U'щ':
      return "shch";
    case U'ъ':
      return "";
    case U'ы':
      return "y";
    case U'ь':
      return "";
    case U'э':
      return "e";
    case U'ю':
      return st.yu;
    case U'я':
      return st.ya;
    default:
      return {};
  }
}

struct Edit {
  size_t pos;
  size_t len;
  std::string_view replacement;
};

bool IsLatinVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Collects every place where a variant rule applies.
std::vector<Edit> VariantEdits(std::string_view s) {
  std::vector<Edit> edits;
  auto each = [&](std::string_view from, auto &&add) {
    for (size_t pos = s.find(from); pos != std::string_view::npos;
         pos = s.find(from, pos + 1)) {
      add(pos);
    }
  };
  if (s.ends_with("yan")) {
    edits.push_back({s.size() - 3, 3, "ian"});
    edits.push_back({s.size() - 3, 3, "jan"});
  } else if (s.ends_with("ian") || s.ends_with("jan")) {
    edits.push_back({s.size() - 3, 3, "yan"});
  }
  each("kh", [&](size_t p) {
    edits.push_back({p, 2, "h"});
    edits.push_back({p, 2, "x"});
  });
  each("gh", [&](size_t p) {
    edits.push_back({p, 2, "g"});
    edits.push_back({p, 2, "kh"});
  });
  if (s.size() > 2 && s[0] == 'H' && IsLatinVowel(s[1])) {
    edits.push_back({0, 2, s[1] == 'o' ? "O" : s[1] == 'a' ? "A" : "E"});
  }
  each("ts", [&](size_t p) {
    edits.push_back({p, 2, "tz"});
    edits.push_back({p, 2, "c"});
  });
  each("dzh", [&](size_t p) {
    edits.push_back({p, 3, "j"});
    edits.push_back({p, 3, "dj"});
  });
  each("j", [&](size_t p) {
    if (p == 0 || s[p - 1] != 'd') edits.push_back({p, 1, "dj"});
  });
  each("dj", [&](size_t p) { edits.push_back({p, 2, "j"}); });
  if (s.starts_with("Ye")) edits.push_back({0, 2, "E"});
  if (s.starts_with("Vo")) edits.push_back({0, 2, "O"});
  each("ch", [&](size_t p) {
    if (p > 0 && s[p - 1] != 't' && s[p - 1] != 'k')
      edits.push_back({p, 2, "tch"});
  });
  return edits;
}

std::u32string_view Alphabet(Script script) {
  static const std::u32string armn = [] {
    std::u32string a;
    for (char32_t c = kArmLowerFirst; c <= kArmLowerLast; ++c) a.push_back(c);
    return a;
  }();
  static const std::u32string cyrl = U"абвгдежзиклмнопрстуфхцчшыэюя";
  static const std::u32string latn = U"abcdefghijklmnoprstuvyz";
  switch (script) {
    case Script::kArmn:
      return armn;
    case Script::kCyrl:
      return cyrl;
    case Script::kLatn:
      return latn;
  }
  return latn;
}

char32_t OtherLetter(char32_t current, std::u32string_view alphabet, Rng &rng) {
  char32_t c;
  do {
    c = alphabet[rng.Below(alphabet.size())];
  } while (c == current);
  return c;
}

}  // namespace

std::string_view ScriptCode(Script script) {
  switch (script) {
    case Script::kArmn:
      return "Armn";
    case Script::kCyrl:
      return "Cyrl";
    case Script::kLatn:
      return "Latn";
  }
  return "Latn";
}

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t c = extra == 0   ? b
                 : extra == 1 ? (b & 0x1F)
                 : extra == 2 ? (b & 0x0F)
                              : (b & 0x07);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += extra + 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string ArmenianToLatin(std::string_view hy, ArmenianSystem system) {
  const auto &table = system == ArmenianSystem::kBgn ? kBgn : kIso;
  const std::u32string text = DecodeUtf8(hy);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = ArmLower(text[i]);
    const bool initial = i == 0 || text[i - 1] == U' ' || text[i - 1] == U'-';
    const bool bgn = system == ArmenianSystem::kBgn;
    if (bgn && c == kArmVo && i + 1 < text.size() &&
        ArmLower(text[i + 1]) == kArmVyun) {
      out += "u";  // ու is one vowel
      ++i;
      continue;
    }
    if (c == kArmEv) {
      out += bgn ? (initial ? "yev" : "ev") : "ew";
    } else if (bgn && initial && c == kArmYe) {
      out += "ye";
    } else if (bgn && initial && c == kArmVo) {
      out += "vo";
    } else if (c >= kArmLowerFirst && c <= kArmLowerLast) {
      out += table[c - kArmLowerFirst];
    } else {
      out += EncodeUtf8(std::u32string(1, text[i]));
    }
  }
  return Capitalise(std::move(out));
}

std::string CyrillicToLatin(std::string_view ru, const PassportStyle &style) {
  const std::u32string text = DecodeUtf8(ru);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = CyrLower(text[i]);
    const bool initial = i == 0 || text[i - 1] == U' ' || text[i - 1] == U'-';
    if (c == U'д' && i + 1 < text.size() && CyrLower(text[i + 1]) == U'ж') {
      out += style.dzh;
      ++i;
    } else if (c == U'е' && initial) {
      out += style.e_initial;
    } else if (std::string_view latin = CyrLetter(c, style);
               !latin.empty() || c == U'ъ' || c == U'ь') {
      out += latin;
    } else {
      out += EncodeUtf8(std::u32string(1, text[i]));
    }
  }
  return Capitalise(std::move(out));
}

std::string LatinVariant(std::string_view latin, Rng &rng) {
  const std::vector<Edit> edits = VariantEdits(latin);
  if (edits.empty()) return std::string(latin);
  const Edit &e = edits[rng.Below(edits.size())];
  std::string out(latin.substr(0, e.pos));
  out += e.replacement;
  out += latin.substr(e.pos + e.len);
  return out;
}

std::string Typo(std::string_view text, Script script, Rng &rng) {
  std::u32string s = DecodeUtf8(text);
  if (s.size() < 2) return std::string(text);
  const std::u32string_view alphabet = Alphabet(script);
  enum Op { kInsert, kDelete, kSubstitute, kTranspose };
  Op op = static_cast<Op>(rng.Below(4));
  if (s.size() < 3 && (op == kDelete || op == kTranspose)) op = kSubstitute;
  switch (op) {
    case kInsert: {
      const size_t pos = 1 + rng.Below(s.size());
      s.insert(s.begin() + pos, alphabet[rng.Below(alphabet.size())]);
      break;
    }
    case kDelete:
      s.erase(1 + rng.Below(s.size() - 1), 1);
      break;
    case kTranspose: {
      const size_t pos = 1 + rng.Below(s.size() - 2);
      if (s[pos] != s[pos + 1]) {
        std::swap(s[pos], s[pos + 1]);
        break;
      }
      s[pos] = OtherLetter(s[pos], alphabet, rng);  // equal letters: substitute
      break;
    }
    case kSubstitute: {
      const size_t pos = 1 + rng.Below(s.size() - 1);
      s[pos] = OtherLetter(s[pos], alphabet, rng);
      break;
    }
  }
  return EncodeUtf8(s);
}

}  // namespace vka::synth::internal
