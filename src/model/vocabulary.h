#pragma once

// Controlled vocabularies (micro-thesauri): stable codes with labels in
// English, Armenian and Russian. The built-in vocabularies are the TOML files
// under data/vocab/, embedded in the binary at build time; a workspace may add
// terms in WORKSPACE/vocab/<name>.toml (same format, docs/formats/vocab.md).
//
// File format:
//   name = "act_type"                 # must equal the file's stem
//   [label]                           # the vocabulary's own title
//   en = "Act type"
//   hy = "..."
//   ru = "..."
//   [[term]]
//   code = "killing"                  # [a-z0-9_]{1,64}, or A-F / 1-6 for grades
//   en = "Killing"                    # en, hy, ru labels: required, non-empty
//   hy = "Սպանություն"
//   ru = "Убийство"
//   description = "..."               # optional, English

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded_file.h"
#include "base/status.h"

namespace vka::model {

struct Term {
  std::string code;
  std::string en;
  std::string hy;
  std::string ru;
  std::string description;
  bool from_workspace = false;  // added by the workspace, not built in
};

struct Vocabulary {
  std::string name;
  std::string label_en;
  std::string label_hy;
  std::string label_ru;
  std::vector<Term> terms;  // in file order; built-in terms first

  const Term* Find(std::string_view code) const;
  // "killing, torture, ..." for error messages.
  std::string CodeList() const;
};

// Parses one vocabulary file. `origin` names the file in error messages
// ("data/vocab/act_type.toml:12: term 3: missing hy label"). Returns
// kInvalidArgument for malformed TOML, missing or empty fields, bad codes and
// duplicate codes.
base::Result<Vocabulary> ParseVocabulary(std::string_view toml_text, std::string_view origin);

// A set of vocabularies by name. Immutable after loading; thread-safe to read.
class VocabularySet {
 public:
  // The vocabularies built into the binary.
  static base::Result<VocabularySet> BuiltIn();

  // Adds terms from a workspace file to the vocabulary of the same name.
  // kInvalidArgument if the vocabulary is unknown or a code already exists.
  base::Status Extend(const Vocabulary& extra);

  // nullptr if there is no vocabulary of that name.
  const Vocabulary* Find(std::string_view name) const;

  // OK if code is a term of vocabulary `name`; otherwise kInvalidArgument
  // "unknown act_type code \"kiling\" (valid: killing, torture, ...)".
  base::Status Check(std::string_view name, std::string_view code) const;

  const std::map<std::string, Vocabulary, std::less<>>& all() const { return vocabularies_; }

 private:
  std::map<std::string, Vocabulary, std::less<>> vocabularies_;
};

// The embedded files of data/vocab/. Generated at build time.
std::vector<base::EmbeddedFile> EmbeddedVocabularyFiles();

}  // namespace vka::model
