#include "model/vocabulary.h"

#include "base/toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "base/utf8.h"

namespace vka::model {
namespace {

using base::InternalError;
using base::InvalidArgumentError;
using base::Result;
using base::Status;

constexpr size_t kMaxCodeBytes = 64;
constexpr size_t kMaxQuotedBytes = 80;  // longer user text is cut in messages
constexpr std::string_view kTomlSuffix = ".toml";
constexpr std::string_view kBuiltInDir = "data/vocab/";

constexpr std::array<std::string_view, 3> kTopLevelKeys = {"name", "label", "term"};
constexpr std::array<std::string_view, 3> kLabelKeys = {"en", "hy", "ru"};
constexpr std::array<std::string_view, 5> kTermKeys = {"code", "en", "hy", "ru", "description"};

// `text` in double quotes for an error message: quotes, backslashes, control
// bytes and (in ill-formed UTF-8) non-ASCII bytes escaped; long text cut.
std::string Quote(std::string_view text) {
  bool cut = false;
  if (text.size() > kMaxQuotedBytes) {
    size_t end = kMaxQuotedBytes;
    while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
    cut = true;
  }
  const bool escape_high = !base::IsValidUtf8(text);
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<uint8_t>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F || (escape_high && byte >= 0x80)) {
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

bool IsSnakeCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeBytes) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Admiralty grades: A-F for source reliability. (1-6 are snake codes.)
bool IsGradeCode(std::string_view code) {
  return code.size() == 1 && code[0] >= 'A' && code[0] <= 'F';
}

// ISO 15924 script codes: one capital letter, then three small letters.
bool IsScriptCode(std::string_view code) {
  if (code.size() != 4 || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code.substr(1)) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool IsValidCode(std::string_view code) {
  return IsSnakeCode(code) || IsGradeCode(code) || IsScriptCode(code);
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool HasControlByte(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<uint8_t>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// "origin: term 3 (\"torture\")", or without the code when there is none.
std::string TermWhere(std::string_view origin, size_t number, std::string_view code) {
  std::string where = std::string(origin) + ": term " + std::to_string(number);
  if (!code.empty()) where += " (" + Quote(code) + ")";
  return where;
}

Status Error(std::string_view where, std::string_view what) {
  return InvalidArgumentError(std::string(where) + ": " + std::string(what));
}

Status CheckKeys(const toml::table& table, std::span<const std::string_view> allowed,
                 std::string_view where) {
  for (const auto& [key, node] : table) {
    bool known = false;
    for (std::string_view k : allowed) known = known || key.str() == k;
    if (!known) return Error(where, "unknown key " + Quote(base::TomlKeyText(key)));
  }
  return base::OkStatus();
}

// The string at `key`: nullopt when absent, an error when not a string.
Result<std::optional<std::string>> GetString(const toml::table& table, std::string_view key,
                                             std::string_view where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<std::string>();
  const toml::value<std::string>* value = node->as_string();
  if (value == nullptr) return Error(where, std::string(key) + " must be a string");
  return std::optional<std::string>(value->get());
}

// A label: non-empty, well-formed UTF-8, on one line.
Status CheckLabelText(std::string_view text, std::string_view field, std::string_view where) {
  if (!base::IsValidUtf8(text))
    return Error(where, std::string(field) + " label is not valid UTF-8");
  if (IsBlank(text)) return Error(where, "empty " + std::string(field) + " label");
  if (HasControlByte(text)) {
    return Error(where, std::string(field) + " label contains a control character");
  }
  return base::OkStatus();
}

Status CheckCode(std::string_view code, std::string_view where) {
  if (code.empty()) return Error(where, "empty code");
  if (!IsValidCode(code)) {
    return Error(where, "invalid code " + Quote(code) +
                            " (expected [a-z0-9_]{1,64}, a grade A-F or 1-6, or an ISO "
                            "15924 script code such as Armn)");
  }
  return base::OkStatus();
}

// The rules every term obeys, whether from a file or handed to Extend().
Status ValidateTerm(const Term& term, std::string_view where) {
  VKA_RETURN_IF_ERROR(CheckCode(term.code, where));
  VKA_RETURN_IF_ERROR(CheckLabelText(term.en, "en", where));
  VKA_RETURN_IF_ERROR(CheckLabelText(term.hy, "hy", where));
  VKA_RETURN_IF_ERROR(CheckLabelText(term.ru, "ru", where));
  if (!base::IsValidUtf8(term.description)) {
    return Error(where, "description is not valid UTF-8");
  }
  return base::OkStatus();
}

// Reads a required label field into `out`; "missing hy label" when absent.
Status ReadLabel(const toml::table& table, std::string_view field, std::string_view where,
                 std::string* out) {
  VKA_ASSIGN_OR_RETURN(std::optional<std::string> text, GetString(table, field, where));
  if (!text.has_value()) return Error(where, "missing " + std::string(field) + " label");
  *out = std::move(*text);
  return base::OkStatus();
}

Result<Term> ParseTerm(const toml::node& node, size_t number, std::string_view origin) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return Error(TermWhere(origin, number, ""), "must be a table");
  // The code, if readable, names the term in every later message.
  const toml::node* code_node = table->get("code");
  std::string_view code_hint;
  if (code_node != nullptr && code_node->is_string()) {
    code_hint = code_node->as_string()->get();
  }
  const std::string where = TermWhere(origin, number, code_hint);
  VKA_RETURN_IF_ERROR(CheckKeys(*table, kTermKeys, where));
  VKA_ASSIGN_OR_RETURN(std::optional<std::string> code, GetString(*table, "code", where));
  if (!code.has_value()) return Error(where, "missing code");

  Term term;
  term.code = std::move(*code);
  VKA_RETURN_IF_ERROR(ReadLabel(*table, "en", where, &term.en));
  VKA_RETURN_IF_ERROR(ReadLabel(*table, "hy", where, &term.hy));
  VKA_RETURN_IF_ERROR(ReadLabel(*table, "ru", where, &term.ru));
  VKA_ASSIGN_OR_RETURN(std::optional<std::string> description,
                       GetString(*table, "description", where));
  term.description = description.value_or("");
  VKA_RETURN_IF_ERROR(ValidateTerm(term, where));
  return term;
}

// The stem of origin's file name when origin names a .toml file, else empty.
std::string_view ExpectedName(std::string_view origin) {
  if (!origin.ends_with(kTomlSuffix)) return {};
  std::string_view stem = origin.substr(0, origin.size() - kTomlSuffix.size());
  const size_t slash = stem.find_last_of("/\\");
  if (slash != std::string_view::npos) stem = stem.substr(slash + 1);
  return stem;
}

Status ParseName(const toml::table& root, std::string_view origin, Vocabulary* vocab) {
  VKA_ASSIGN_OR_RETURN(std::optional<std::string> name, GetString(root, "name", origin));
  if (!name.has_value()) return Error(origin, "missing name");
  if (!IsSnakeCode(*name)) {
    return Error(origin, "invalid name " + Quote(*name) + " (expected [a-z0-9_]{1,64})");
  }
  const std::string_view expected = ExpectedName(origin);
  if (!expected.empty() && *name != expected) {
    return Error(origin, "name " + Quote(*name) + " does not match the file name (expected " +
                             Quote(expected) + ")");
  }
  vocab->name = std::move(*name);
  return base::OkStatus();
}

Status ParseLabel(const toml::table& root, std::string_view origin, Vocabulary* vocab) {
  const toml::node* node = root.get("label");
  if (node == nullptr) return Error(origin, "missing [label] table");
  const toml::table* label = node->as_table();
  if (label == nullptr) return Error(origin, "label must be a table ([label])");
  const std::string where = std::string(origin) + ": [label]";
  VKA_RETURN_IF_ERROR(CheckKeys(*label, kLabelKeys, where));
  VKA_RETURN_IF_ERROR(ReadLabel(*label, "en", where, &vocab->label_en));
  VKA_RETURN_IF_ERROR(ReadLabel(*label, "hy", where, &vocab->label_hy));
  VKA_RETURN_IF_ERROR(ReadLabel(*label, "ru", where, &vocab->label_ru));
  VKA_RETURN_IF_ERROR(CheckLabelText(vocab->label_en, "en", where));
  VKA_RETURN_IF_ERROR(CheckLabelText(vocab->label_hy, "hy", where));
  return CheckLabelText(vocab->label_ru, "ru", where);
}

Status ParseTerms(const toml::table& root, std::string_view origin, Vocabulary* vocab) {
  const toml::node* node = root.get("term");
  if (node == nullptr) return Error(origin, "no terms (add [[term]] entries)");
  const toml::array* terms = node->as_array();
  if (terms == nullptr) return Error(origin, "term must be an array of tables ([[term]])");
  if (terms->empty()) return Error(origin, "no terms (add [[term]] entries)");
  for (size_t idx = 0; idx < terms->size(); ++idx) {
    const size_t number = idx + 1;
    VKA_ASSIGN_OR_RETURN(Term term, ParseTerm(*terms->get(idx), number, origin));
    for (size_t prev = 0; prev < vocab->terms.size(); ++prev) {
      if (vocab->terms[prev].code == term.code) {
        return Error(TermWhere(origin, number, term.code),
                     "duplicate code (first used by term " + std::to_string(prev + 1) + ")");
      }
    }
    vocab->terms.push_back(std::move(term));
  }
  return base::OkStatus();
}

std::string NameList(const std::map<std::string, Vocabulary, std::less<>>& vocabularies) {
  std::string out;
  for (const auto& [name, vocab] : vocabularies) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

const Term* Vocabulary::Find(std::string_view code) const {
  for (const Term& term : terms) {
    if (term.code == code) return &term;
  }
  return nullptr;
}

std::string Vocabulary::CodeList() const {
  std::string out;
  for (const Term& term : terms) {
    if (!out.empty()) out += ", ";
    out += term.code;
  }
  return out;
}

base::Result<Vocabulary> ParseVocabulary(std::string_view toml_text, std::string_view origin) {
  VKA_ASSIGN_OR_RETURN(toml::table root, base::ParseToml(toml_text, origin));
  VKA_RETURN_IF_ERROR(CheckKeys(root, kTopLevelKeys, origin));
  Vocabulary vocab;
  VKA_RETURN_IF_ERROR(ParseName(root, origin, &vocab));
  VKA_RETURN_IF_ERROR(ParseLabel(root, origin, &vocab));
  VKA_RETURN_IF_ERROR(ParseTerms(root, origin, &vocab));
  return vocab;
}

base::Result<VocabularySet> VocabularySet::BuiltIn() {
  VocabularySet set;
  for (const base::EmbeddedFile& file : EmbeddedVocabularyFiles()) {
    const std::string origin = std::string(kBuiltInDir) + std::string(file.name);
    Result<Vocabulary> vocab = ParseVocabulary(file.contents, origin);
    // The files are part of the program, so a bad one is a bug, not bad input.
    if (!vocab.ok()) return InternalError("built-in vocabulary: " + vocab.status().message());
    std::string name = vocab->name;
    if (!set.vocabularies_.emplace(std::move(name), std::move(vocab).value()).second) {
      return InternalError("built-in vocabulary: " + origin + ": defined twice");
    }
  }
  return set;
}

base::Status VocabularySet::Extend(const Vocabulary& extra) {
  auto it = vocabularies_.find(extra.name);
  if (it == vocabularies_.end()) {
    return InvalidArgumentError("unknown vocabulary " + Quote(extra.name) +
                                " (valid: " + NameList(vocabularies_) + ")");
  }
  Vocabulary& vocab = it->second;
  const std::string origin = "vocabulary " + extra.name;
  std::set<std::string_view> added;
  // Check every term before adding any, so a failed Extend changes nothing.
  for (size_t idx = 0; idx < extra.terms.size(); ++idx) {
    const Term& term = extra.terms[idx];
    const std::string where = TermWhere(origin, idx + 1, term.code);
    VKA_RETURN_IF_ERROR(ValidateTerm(term, where));
    if (vocab.Find(term.code) != nullptr) return Error(where, "code already exists");
    if (!added.insert(term.code).second) return Error(where, "duplicate code");
  }
  for (const Term& term : extra.terms) {
    vocab.terms.push_back(term);
    vocab.terms.back().from_workspace = true;
  }
  return base::OkStatus();
}

const Vocabulary* VocabularySet::Find(std::string_view name) const {
  auto it = vocabularies_.find(name);
  return it == vocabularies_.end() ? nullptr : &it->second;
}

base::Status VocabularySet::Check(std::string_view name, std::string_view code) const {
  const Vocabulary* vocab = Find(name);
  if (vocab == nullptr) return InvalidArgumentError("unknown vocabulary " + Quote(name));
  if (vocab->Find(code) != nullptr) return base::OkStatus();
  return InvalidArgumentError("unknown " + vocab->name + " code " + Quote(code) +
                              " (valid: " + vocab->CodeList() + ")");
}

}  // namespace vka::model
