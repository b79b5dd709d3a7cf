#include "linkage/names.h"

#include <algorithm>
#include <array>
#include <utility>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "linkage/internal/embedded.h"

namespace vka::linkage {
namespace {

// Our transliteration, as ICU rules. Armenian follows passport/BGN practice
// without aspirate marks; Cyrillic follows BGN/ICAO digraphs without
// diacritics. The last block folds ISO 9 / ISO 9985 letters that may already
// be in Latin input. Then ICU handles any other script.
constexpr const char16_t* kRules =
    u":: NFKC ;\n"
    u":: Any-Lower ;\n"
    // Word-initial Armenian vowels (ու first: it must not be masked).
    u"ու > u ;\n"
    u"[^[:L:]] { ով > ov ;  ^ ով > ov ;\n"
    u"[^[:L:]] { ո > vo ;  ^ ո > vo ;\n"
    u"[^[:L:]] { ե > ye ;  ^ ե > ye ;\n"
    u"ա > a ; բ > b ; գ > g ; դ > d ; ե > e ; զ > z ; է > e ; ը > y ; թ > t ;\n"
    u"ժ > zh ; ի > i ; լ > l ; խ > kh ; ծ > ts ; կ > k ; հ > h ; ձ > dz ;\n"
    u"ղ > gh ; ճ > ch ; մ > m ; յ > y ; ն > n ; շ > sh ; ո > o ; չ > ch ;\n"
    u"պ > p ; ջ > j ; ռ > r ; ս > s ; վ > v ; տ > t ; ր > r ; ց > ts ;\n"
    u"ւ > v ; փ > p ; ք > k ; օ > o ; ֆ > f ; և > ev ;\n"
    // Russian and other Cyrillic.
    u"а > a ; б > b ; в > v ; г > g ; д > d ; е > e ; ё > yo ; ж > zh ;\n"
    u"з > z ; и > i ; й > y ; к > k ; л > l ; м > m ; н > n ; о > o ;\n"
    u"п > p ; р > r ; с > s ; т > t ; у > u ; ф > f ; х > kh ; ц > ts ;\n"
    u"ч > ch ; ш > sh ; щ > shch ; ъ > ; ы > y ; ь > ; э > e ; ю > yu ;\n"
    u"я > ya ; і > i ; ї > yi ; є > ye ; ґ > g ; ў > u ;\n"
    // ISO-style Latin.
    u"č > ch ; š > sh ; ž > zh ; ŝ > shch ; û > yu ; â > ya ; ǰ > j ;\n"
    u"ł > gh ; ë > yo ; ʹ > ; ʺ > ; ʻ > ; ʼ > ; ’ > ; ‘ > ; '' > ;\n"
    u"\\- > ;\n"
    u":: Any-Latin ;\n"
    u":: Latin-ASCII ;\n";

bool IsAsciiLetter(char c) { return c >= 'a' && c <= 'z'; }

// Strips a family suffix -yan/-ian/-jan/-ean/-yants/-iants/-yanc/-yanz.
// Returns true when one was stripped.
bool StripFamilySuffix(std::string& w) {
  static constexpr std::array<std::string_view, 4> kTails = {"ants", "antz", "anc", "anz"};
  constexpr size_t kMinStem = 2;
  size_t cut = std::string::npos;
  for (std::string_view tail : kTails) {
    if (w.size() > tail.size() + kMinStem && w.ends_with(tail)) cut = w.size() - tail.size();
  }
  if (cut == std::string::npos && w.size() > 2 + kMinStem && w.ends_with("an")) cut = w.size() - 2;
  if (cut == std::string::npos || cut < 1) return false;
  char glide = w[cut - 1];
  if (glide != 'y' && glide != 'i' && glide != 'j' && glide != 'e') return false;
  w.resize(cut - 1);
  return true;
}

// The consonant class of the letter(s) at `pos`; advances `pos`. '\0' for a
// vowel or a character that carries no class.
char NextClass(std::string_view w, size_t& pos) {
  auto at = [&](std::string_view s) { return w.substr(pos, s.size()) == s; };
  static constexpr std::array<std::pair<std::string_view, char>, 16> kDigraphs = {{
      {"shch", 'X'}, {"dzh", 'J'}, {"tch", 'J'}, {"sch", 'X'}, {"dj", 'J'},
      {"ch", 'J'},   {"zh", 'Z'},  {"sh", 'X'},  {"kh", 'W'},  {"gh", 'W'},
      {"ts", 'C'},   {"tz", 'C'},  {"dz", 'C'},  {"th", 'T'},  {"ph", 'P'},
      {"ck", 'W'},
  }};
  for (const auto& [digraph, cls] : kDigraphs) {
    if (at(digraph)) {
      pos += digraph.size();
      return cls;
    }
  }
  char c = w[pos++];
  switch (c) {
    case 'h': case 'g': case 'k': case 'q': case 'x': case 'v': case 'w':
      return 'W';
    case 'b': case 'p': case 'f':
      return 'P';
    case 'd': case 't':
      return 'T';
    case 'c':
      return 'C';
    case 'j':
      return 'J';
    case 'z':
      return 'Z';
    case 's':
      return 'S';
    case 'l': return 'L';
    case 'r': return 'R';
    case 'm': return 'M';
    case 'n': return 'N';
    default:
      return (c >= '0' && c <= '9') ? c : '\0';
  }
}

std::string WordKey(std::string w) {
  bool family = StripFamilySuffix(w);
  std::string key;
  size_t pos = 0;
  while (pos < w.size()) {
    char cls = NextClass(w, pos);
    if (cls == '\0') continue;
    if (!key.empty() && key.back() == cls) continue;
    key += cls;
  }
  if (family) key += 'Y';
  return key;
}

}  // namespace

struct NameNormalizer::Impl {
  std::unique_ptr<icu::Transliterator> translit;
};

NameNormalizer::NameNormalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NameNormalizer::~NameNormalizer() = default;

base::Result<std::unique_ptr<NameNormalizer>> NameNormalizer::Create() {
  UParseError parse_error;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      "vka-names-latin", icu::UnicodeString(kRules), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || t == nullptr) {
    return base::InternalError(std::string("ICU transliterator rules: ") + u_errorName(status) +
                               " at rule line " + std::to_string(parse_error.line) +
                               " offset " + std::to_string(parse_error.offset));
  }
  auto impl = std::make_unique<Impl>();
  impl->translit = std::move(t);
  return std::unique_ptr<NameNormalizer>(new NameNormalizer(std::move(impl)));
}

std::string NameNormalizer::ToLatin(std::string_view utf8) const {
  // Plain ASCII needs none of the transforms except lower case and the
  // character filter below: skip ICU (most of the cost) for it.
  bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
  std::string raw;
  if (ascii) {
    raw.assign(utf8);
  } else {
    raw = Transliterate(utf8);
  }
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (IsAsciiLetter(c) || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c == '\'' || c == '`' || c == '-') {
      continue;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NameNormalizer::Transliterate(std::string_view utf8) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  impl_->translit->transliterate(u);
  std::string raw;
  u.toUTF8String(raw);
  return raw;
}

std::string PhoneticKey(std::string_view latin) {
  std::string key;
  size_t start = 0;
  while (start <= latin.size()) {
    size_t end = latin.find(' ', start);
    if (end == std::string_view::npos) end = latin.size();
    if (end > start) {
      std::string word = WordKey(std::string(latin.substr(start, end - start)));
      if (!word.empty()) {
        if (!key.empty()) key += ' ';
        key += word;
      }
    }
    start = end + 1;
  }
  return key;
}

std::optional<std::string> PatronymicRoot(std::string_view latin) {
  // Longest endings first. Russian -ich/-ichna follow a consonant stem
  // (Ильич, Кузьминична); the others strip the -ov-/-ev- linking vowel too.
  static constexpr std::array<std::string_view, 9> kEndings = {
      "ovich", "evich", "ovna", "evna", "ichna", "inichna", "ich", "yich", "ievich"};
  constexpr size_t kMinRoot = 2;
  std::string_view best;
  for (std::string_view e : kEndings) {
    if (latin.size() >= e.size() + kMinRoot && latin.ends_with(e) && e.size() > best.size()) {
      best = e;
    }
  }
  if (!best.empty()) return std::string(latin.substr(0, latin.size() - best.size()));
  if (latin.size() > kMinRoot + 1 && latin.back() == 'i') return std::string(latin);
  return std::nullopt;
}

std::string PatronymicKey(std::string_view latin) {
  std::optional<std::string> root = PatronymicRoot(latin);
  return PhoneticKey(root ? *root : std::string(latin));
}

base::Result<Diminutives> Diminutives::Parse(std::string_view text, const NameNormalizer& norm) {
  Diminutives d;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 >= line.size()) {
      return base::InvalidArgumentError("diminutives line " + std::to_string(line_no) +
                                        ": expected \"short<TAB>full\"");
    }
    std::string short_key = PhoneticKey(norm.ToLatin(line.substr(0, tab)));
    std::string full_key = PhoneticKey(norm.ToLatin(line.substr(tab + 1)));
    if (short_key != full_key) d.to_full_.emplace(short_key, full_key);  // first entry wins
  }
  return d;
}

base::Result<Diminutives> Diminutives::Embedded(const NameNormalizer& norm) {
  for (const base::EmbeddedFile& f : internal::EmbeddedLinkageFiles()) {
    if (f.name != "diminutives.tsv") continue;
    base::Result<Diminutives> d = Parse(f.contents, norm);
    if (!d.ok()) return base::InternalError(d.status().message());
    return d;
  }
  return base::InternalError("diminutives.tsv is not embedded (build problem)");
}

const std::string& Diminutives::Canonical(const std::string& key) const {
  auto it = to_full_.find(key);
  return it == to_full_.end() ? key : it->second;
}

}  // namespace vka::linkage
