#pragma once

// Validation of record bodies against the schema (model/schema.h) and the
// vocabularies. Pure: reference targets are checked by the caller (app/),
// which knows the store; this only checks that a reference is a well-formed
// id of an allowed kind and reports it in `references`.

#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "model/kinds.h"
#include "model/vocabulary.h"

namespace vka::model {

struct FieldError {
  std::string path;     // JSON path of the field, e.g. "names[1].script"
  std::string value;    // the offending value, shortened to 80 bytes ("" if absent)
  std::string message;  // what is wrong: "unknown script code \"Armm\" (valid: Armn, Cyrl, Latn)"
};

struct Reference {
  std::string path;       // "victim", "perpetrators[0].perpetrator"
  std::string target_id;  // "per_01J..."
};

struct ValidationResult {
  std::vector<FieldError> errors;
  std::vector<Reference> references;  // every reference in the record
  bool ok() const { return errors.empty(); }
  // "path: message (value)" joined with "; ".
  std::string Summary() const;
};

// Validates a complete record body of any kind. The body must be an object
// with "id" and "kind"; the id's prefix must match the kind. Missing
// "confidentiality" is an error here: call Normalize first to fill defaults.
ValidationResult Validate(const base::Json& body, const VocabularySet& vocab);

// Fills defaults (confidentiality "internal") and normalises values that
// have a canonical form (EDTF dates to their normalised text; empty strings
// and empty arrays and objects removed). Returns the normalised body (pass an
// rvalue to avoid a copy). Never fails: invalid values are left for Validate
// to report.
base::Json Normalize(base::Json body);

// Collects the values of every sensitive field of the record as
// (path, value) pairs, for the encryption and redaction seam.
std::vector<std::pair<std::string, base::Json>> SensitiveValues(const base::Json& body);

}  // namespace vka::model
