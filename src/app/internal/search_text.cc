#include "app/internal/search_text.h"

#include <algorithm>
#include <array>

#include "base/utf8.h"
#include "model/schema.h"

namespace vka::app::internal {
namespace {

// Short string fields worth finding a record by (long-text fields always are).
constexpr std::array<std::string_view, 3> kIndexedStrings = {"name", "title", "occupation"};
// The last query word matches as a prefix when it has at least this many
// letters: one letter would match half the index.
constexpr size_t kMinPrefixChars = 2;
// A phonetic key of one consonant class ("N" for "Ani") matches too much.
constexpr size_t kMinKeyChars = 2;
// Snippets: words before the match, words in all, words scanned per field.
constexpr size_t kWordsBefore = 8;
constexpr size_t kWindowWords = 24;
constexpr size_t kMaxScanWords = 20000;
constexpr size_t kFallbackBytes = 160;
constexpr size_t kMaxTailBytes = 8;  // punctuation after the last word

void CollectFields(std::span<const model::FieldSpec> specs, const base::Json& object, bool in_names,
                   std::vector<IndexedField>& out);

void CollectValue(const model::FieldSpec& spec, const base::Json& value, bool in_names,
                  std::vector<IndexedField>& out) {
  using model::FieldType;
  if (spec.type == FieldType::kObject) {
    if (value.is_object()) CollectFields(spec.members, value, spec.name == "names", out);
    return;
  }
  if (!value.is_string()) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.empty()) return;
  if (in_names && spec.name == "value") {
    out.push_back({text, /*name=*/true});
  } else if (spec.type == FieldType::kText ||
             (spec.type == FieldType::kString &&
              std::find(kIndexedStrings.begin(), kIndexedStrings.end(), spec.name) !=
                  kIndexedStrings.end())) {
    out.push_back({text, false});
  }
}

void CollectFields(std::span<const model::FieldSpec> specs, const base::Json& object, bool in_names,
                   std::vector<IndexedField>& out) {
  for (const model::FieldSpec& spec : specs) {
    if (spec.sensitive) continue;
    auto it = object.find(std::string(spec.name));
    if (it == object.end()) continue;
    if (spec.repeated && it->is_array()) {
      for (const base::Json& element : *it) CollectValue(spec, element, in_names, out);
    } else {
      CollectValue(spec, *it, in_names, out);
    }
  }
}

// Replaces ASCII hyphens and the Unicode hyphens and dashes (U+2010..U+2015,
// which ICU would turn into ASCII hyphens that ToLatin then drops) by spaces.
std::string HyphensToSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '-') {
      out += ' ';
    } else if (text.substr(pos, 2) == "\xE2\x80" && pos + 2 < text.size() &&
               static_cast<unsigned char>(text[pos + 2]) >= 0x90 &&
               static_cast<unsigned char>(text[pos + 2]) <= 0x95) {
      out += ' ';
      pos += 2;
    } else {
      out += text[pos];
    }
  }
  return out;
}

void AppendWords(std::string& to, std::string_view words) {
  if (words.empty()) return;
  if (!to.empty()) to += ' ';
  to += words;
}

std::vector<std::string_view> SplitSpaces(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void AppendKeys(std::string& keys, std::string_view folded) {
  for (std::string_view word : SplitSpaces(folded)) AppendWords(keys, SearchKey(word));
}

// Decodes the code point at pos (valid UTF-8 assumed; a stray byte counts
// as one character) and advances pos.
char32_t NextCodePoint(std::string_view text, size_t& pos) {
  auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
  unsigned char lead = byte(pos);
  size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (pos + length > text.size()) length = 1;
  char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
  for (size_t idx = 1; idx < length; ++idx) cp = (cp << 6) | (byte(pos + idx) & 0x3F);
  pos += length;
  return cp;
}

// Characters between words: ASCII other than letters, digits and the
// apostrophe; Latin-1 punctuation and symbols; general punctuation (dashes,
// quotes other than the apostrophe-like ones ToLatin drops, ellipsis);
// Armenian punctuation; CJK punctuation.
bool IsWordBreak(char32_t cp) {
  if (cp < 0x80) {
    bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return !alnum && cp != '\'';
  }
  if (cp == 0x2018 || cp == 0x2019) return false;
  return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x055A && cp <= 0x055F) || cp == 0x0589 || cp == 0x058A ||
         (cp >= 0x3000 && cp <= 0x303F);
}

// Whitespace of any kind becomes one space, so a snippet is one line.
void AppendGap(std::string& out, std::string_view gap) {
  for (char c : gap) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
}

}  // namespace

std::vector<IndexedField> IndexedFields(model::Kind kind, const base::Json& body) {
  std::vector<IndexedField> out;
  if (!body.is_object()) return out;
  CollectFields(model::SchemaOf(kind).fields, body, false, out);
  CollectFields(model::CommonFields(), body, false, out);
  return out;
}

std::string FoldText(std::string_view text, const linkage::NameNormalizer& norm) {
  return norm.ToLatin(HyphensToSpaces(text));
}

std::string SearchKey(std::string_view folded_word) {
  if (std::any_of(folded_word.begin(), folded_word.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return "";
  }
  std::string key = linkage::PhoneticKey(folded_word);
  return key.size() < kMinKeyChars ? "" : key;
}

FoldedDocument FoldDocument(const std::vector<IndexedField>& fields,
                            const linkage::NameNormalizer& norm) {
  FoldedDocument doc;
  for (const IndexedField& field : fields) {
    std::string folded = FoldText(field.text, norm);
    AppendWords(doc.words, folded);
    if (!field.name) continue;
    AppendKeys(doc.keys, folded);
    std::string joined = norm.ToLatin(field.text);  // "terpetrosyan"
    if (joined != folded) {
      AppendWords(doc.words, joined);
      AppendKeys(doc.keys, joined);
    }
  }
  return doc;
}

base::Result<ParsedQuery> ParseQuery(std::string_view text, const linkage::NameNormalizer& norm) {
  if (text.size() > kMaxQueryBytes) {
    return base::InvalidArgumentError("the search query is longer than " +
                                      std::to_string(kMaxQueryBytes) + " bytes");
  }
  if (!base::IsValidUtf8(text)) {
    return base::InvalidArgumentError("the search query is not valid UTF-8");
  }
  ParsedQuery query;
  const std::string folded = FoldText(text, norm);  // outlives the views into it
  for (std::string_view word : SplitSpaces(folded)) {
    query.words.emplace_back(word);
    query.keys.push_back(SearchKey(word));
  }
  if (query.words.empty()) {
    return base::InvalidArgumentError(
        "the search query has no words to look for (letters or digits)");
  }
  if (query.words.size() > kMaxQueryWords) {
    return base::InvalidArgumentError("the search query has more than " +
                                      std::to_string(kMaxQueryWords) + " words");
  }
  // Words are [a-z0-9]+ and keys [A-Z0-9]+ here, so quoting them is safe.
  for (size_t idx = 0; idx < query.words.size(); ++idx) {
    const std::string& word = query.words[idx];
    bool prefix = idx + 1 == query.words.size() && word.size() >= kMinPrefixChars;
    std::string term = "words : \"" + word + "\"" + (prefix ? "*" : "");
    if (!query.keys[idx].empty()) term = "(" + term + " OR keys : \"" + query.keys[idx] + "\")";
    if (idx > 0) query.match += " AND ";
    query.match += term;
  }
  return query;
}

const std::string& SnippetMaker::Fold(std::string_view word) {
  auto [it, inserted] = folded_.try_emplace(std::string(word));
  if (inserted) it->second = norm_.ToLatin(word);
  return it->second;
}

bool SnippetMaker::Matches(std::string_view word, bool name) {
  const size_t last = query_.words.size() - 1;
  for (std::string_view token : SplitSpaces(Fold(word))) {
    std::string key;
    for (size_t idx = 0; idx <= last; ++idx) {
      const std::string& want = query_.words[idx];
      if (token == want) return true;
      if (idx == last && want.size() >= kMinPrefixChars && token.starts_with(want)) return true;
      if (name && !query_.keys[idx].empty()) {
        if (key.empty()) key = SearchKey(token);
        if (key == query_.keys[idx]) return true;
      }
    }
  }
  return false;
}

std::string SnippetMaker::Cut(const std::string& text, const std::vector<WordSpan>& words,
                              size_t first, bool name) {
  size_t start = first > kWordsBefore ? first - kWordsBefore : 0;
  size_t end = std::min(words.size(), start + kWindowWords);
  std::string out = start > 0 ? "… " : "";
  for (size_t idx = start; idx < end; ++idx) {
    if (idx > start)
      AppendGap(out, std::string_view(text).substr(words[idx - 1].end,
                                                   words[idx].begin - words[idx - 1].end));
    std::string_view word =
        std::string_view(text).substr(words[idx].begin, words[idx].end - words[idx].begin);
    if (Matches(word, name)) {
      out += "[" + std::string(word) + "]";
    } else {
      out += word;
    }
  }
  std::string_view tail = std::string_view(text).substr(words[end - 1].end);
  if (end == words.size() && tail.size() <= kMaxTailBytes) {
    AppendGap(out, tail);  // the closing punctuation
  } else {
    out += " …";
  }
  return out;
}

std::vector<WordSpan> SplitWords(std::string_view text, size_t max_words) {
  constexpr size_t kNone = std::string_view::npos;
  std::vector<WordSpan> words;
  size_t pos = 0;
  size_t word_start = kNone;
  while (pos < text.size() && words.size() < max_words) {
    size_t at = pos;
    bool brk = IsWordBreak(NextCodePoint(text, pos));
    if (brk && word_start != kNone) {
      words.push_back({word_start, at});
      word_start = kNone;
    } else if (!brk && word_start == kNone) {
      word_start = at;
    }
  }
  if (word_start != kNone && words.size() < max_words) words.push_back({word_start, pos});
  return words;
}

std::string SnippetMaker::Make(const std::vector<IndexedField>& fields) {
  for (const IndexedField& field : fields) {
    std::vector<WordSpan> words = SplitWords(field.text, kMaxScanWords);
    for (size_t idx = 0; idx < words.size(); ++idx) {
      std::string_view word =
          std::string_view(field.text).substr(words[idx].begin, words[idx].end - words[idx].begin);
      if (Matches(word, field.name)) return Cut(field.text, words, idx, field.name);
    }
  }
  for (const IndexedField& field : fields) {
    if (field.text.empty()) continue;
    size_t cut = std::min(field.text.size(), kFallbackBytes);
    while (cut > 0 && cut < field.text.size() &&
           (static_cast<unsigned char>(field.text[cut]) & 0xC0) == 0x80) {
      --cut;  // not inside a character
    }
    std::string out;
    AppendGap(out, std::string_view(field.text).substr(0, cut));
    return out + (cut < field.text.size() ? " …" : "");
  }
  return "";
}

std::string RecordLabel(const base::Json& body) {
  constexpr size_t kMaxLabelNames = 3;
  if (!body.is_object()) return "";
  auto names = body.find("names");
  if (names != body.end() && names->is_array()) {
    std::string out;
    size_t shown = 0;
    for (const base::Json& name : *names) {
      if (shown == kMaxLabelNames) break;
      if (!name.is_object() || !name.contains("value") || !name["value"].is_string()) continue;
      if (!out.empty()) out += " / ";
      out += name["value"].get<std::string>();
      ++shown;
    }
    return out;
  }
  for (const char* key : {"title", "name", "type", "conduct", "element", "action"}) {
    auto it = body.find(key);
    if (it != body.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

}  // namespace vka::app::internal
