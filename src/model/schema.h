#pragma once

// The fields of each record kind (DESIGN.md §5): names, types, which are
// required, which vocabularies they draw codes from, which kinds a reference
// may point to, and which are sensitive. Pure data; no I/O.
//
// Every record body is a JSON object with these common members:
//   "id"               string, "<prefix>_<ULID>", required
//   "kind"             string, the kind name, required
//   "confidentiality"  vocabulary "confidentiality" (public, internal,
//                      restricted, sealed); default "internal"
//   "remarks"          string, free text
// plus the kind's own fields below. Unknown members are rejected.

#include <span>
#include <string_view>
#include <vector>

#include "model/kinds.h"

namespace vka::model {

enum class FieldType {
  kString,    // one-line text
  kText,      // long text (transcripts, descriptions)
  kInteger,   // JSON integer within +-2^53
  kNumber,    // JSON number
  kBoolean,
  kDate,      // EDTF string (base/edtf.h)
  kCode,      // string code from vocabulary `vocabulary`
  kRef,       // id of a record of one of `ref_kinds`
  kSha256,    // 64 lower-case hex digits
  kObject,    // nested object with `members`
};

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required = false;
  bool repeated = false;       // a JSON array of the type
  bool sensitive = false;      // encrypted at rest, hidden from lower roles
  std::string_view vocabulary = {};           // for kCode
  std::vector<Kind> ref_kinds = {};           // for kRef; empty = any kind
  std::vector<FieldSpec> members = {};        // for kObject
};

struct KindSchema {
  Kind kind;
  std::vector<FieldSpec> fields;  // the kind's own fields, without the common ones
};

// Returns the schema of a kind. The reference stays valid for the program's
// lifetime. Thread-safe.
const KindSchema& SchemaOf(Kind kind);

// The common members every record has (id, kind, confidentiality, remarks).
std::span<const FieldSpec> CommonFields();

// Returns the spec of a top-level field of the kind (common or own), or
// nullptr.
const FieldSpec* FindField(Kind kind, std::string_view name);

// The names of every vocabulary some field refers to, sorted, unique.
std::vector<std::string_view> ReferencedVocabularies();

}  // namespace vka::model
