#pragma once

// The text side of full-text search (app/search.h), pure: which fields of a
// record are indexed, how text is folded, how a user's query becomes an FTS5
// expression, and how a snippet is cut from a matching field.
//
// Folding: hyphens become spaces, then linkage::NameNormalizer::ToLatin
// (NFKC, lower case, Armenian and Cyrillic transliterated to ASCII Latin,
// every other script through ICU's Any-Latin and Latin-ASCII; apostrophes
// dropped, any other non-alphanumeric character a word break). Names are
// also folded with their hyphens kept out ("Тер-Петросян" gives "ter
// petrosyan terpetrosyan"), and each name word gets its phonetic key
// (linkage::PhoneticKey), so that "Оганесян", "Հովհաննիսյան", "Hovhannisyan"
// and "Ovanesyan" meet in the `keys` column.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "linkage/names.h"
#include "model/kinds.h"

namespace vka::app::internal {

// One piece of indexed text of a record, as written.
struct IndexedField {
  std::string text;
  bool name = false;  // a value of `names`: phonetic keys are indexed too
};

// The fields search indexes, in schema order: every value of `names`, every
// `name` and `title` string and `occupation`, and every long-text field
// (descriptions, transcripts, translations, excerpts, rationales, remarks),
// nested ones included. Never a field the schema marks sensitive.
std::vector<IndexedField> IndexedFields(model::Kind kind, const base::Json& body);

// The two FTS5 columns of one record: folded words, and the phonetic keys of
// the name words.
struct FoldedDocument {
  std::string words;
  std::string keys;
};

FoldedDocument FoldDocument(const std::vector<IndexedField>& fields,
                            const linkage::NameNormalizer& norm);

// Folded words of text: lower-case ASCII letters and digits separated by
// single spaces.
std::string FoldText(std::string_view text, const linkage::NameNormalizer& norm);

// The phonetic key used for search of one folded word; empty when the word
// has digits or its key is too short to tell names apart (one consonant
// class).
std::string SearchKey(std::string_view folded_word);

// Bounds on what a user may ask.
inline constexpr size_t kMaxQueryBytes = 1000;
inline constexpr size_t kMaxQueryWords = 16;

struct ParsedQuery {
  std::vector<std::string> words;  // folded; the last one matches as a prefix
  std::vector<std::string> keys;   // SearchKey of each word ("" for none)
  std::string match;               // the FTS5 MATCH expression
};

// Turns a user's text into a query: words are folded like the index, so
// FTS5 syntax (quotes, *, ^, :, parentheses, NEAR, AND, OR, NOT) is plain
// text and cannot reach the FTS5 parser; every word must match, in the text
// or, through its phonetic key, in a name; the last word matches as a prefix
// too. kInvalidArgument when the text has no word, more than kMaxQueryWords
// words, more than kMaxQueryBytes bytes, or is not UTF-8.
base::Result<ParsedQuery> ParseQuery(std::string_view text, const linkage::NameNormalizer& norm);

// Byte range of one word of a text.
struct WordSpan {
  size_t begin;
  size_t end;
};

// The words of text (at most max_words), split at whitespace and
// punctuation of any script; an apostrophe stays inside a word.
std::vector<WordSpan> SplitWords(std::string_view text, size_t max_words);

// Cuts snippets from indexed fields. Caches the folding of words, so use one
// for all the hits of a search. Not thread-safe.
class SnippetMaker {
 public:
  SnippetMaker(const ParsedQuery& query, const linkage::NameNormalizer& norm)
      : query_(query), norm_(norm) {}

  // A few words around the first word that matches the query (in the first
  // field that has one), each matching word in the window marked with [ and
  // ], "…" where text is cut. A record that matched only in a way the words
  // cannot show (a hyphenated name typed without its hyphen) gets the start
  // of its first field, unmarked. "" when there are no fields.
  std::string Make(const std::vector<IndexedField>& fields);

 private:
  bool Matches(std::string_view word, bool name);
  const std::string& Fold(std::string_view word);
  std::string Cut(const std::string& text, const std::vector<WordSpan>& words, size_t first,
                  bool name);

  const ParsedQuery& query_;
  const linkage::NameNormalizer& norm_;
  std::unordered_map<std::string, std::string> folded_;
};

// A short display label: up to three names joined by " / ", else the title,
// name or type.
std::string RecordLabel(const base::Json& body);

}  // namespace vka::app::internal
