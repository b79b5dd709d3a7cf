#pragma once

// CSV import mappings: how the columns of a CSV file become the members of
// record bodies of one kind. The mapping file format (TOML) is specified in
// docs/formats/csv-mapping.md. Pure: no file I/O; the caller reads the files
// (base/csv.h for the rows) and validates the produced bodies
// (model/validate.h) after Normalize.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "model/kinds.h"
#include "model/schema.h"

namespace vka::model {

// How a cell's text becomes a JSON value.
enum class CellType { kString, kInteger, kNumber, kBoolean, kJson };

// The date notations a date column may use; each converts to EDTF.
enum class DateFormat {
  kEdtf,               // "EDTF": passed through as written (Validate checks it)
  kDayMonthYearDots,   // "DD.MM.YYYY"
  kDayMonthYearSlash,  // "DD/MM/YYYY"
  kMonthDayYearSlash,  // "MM/DD/YYYY"
  kIso,                // "YYYY-MM-DD"
  kYear,               // "YYYY"
};

// One mapped CSV column. Built by ParseCsvMapping or DefaultCsvMapping, which
// resolve and check everything against the schema; treat as read-only.
struct ColumnMapping {
  std::string column;                     // the CSV header name
  bool ignore = false;                    // column is known and deliberately dropped
  std::string field;                      // the target path as written: "names[]"
  std::vector<std::string> path;          // its members: {"consent", "scopes"}
  bool append = false;                    // target ends in "[]": one element per value
  bool repeated = false;                  // the target field is a JSON array
  bool check_kind = false;                // target "kind": the cell must equal the kind
  std::string value_key;                  // for append into objects: member of the value
  base::Json set = base::Json::object();  // constant members of appended objects
  std::map<std::string, std::string, std::less<>> values;  // value map
  std::string split;                                       // separator; empty = one value per cell
  CellType type = CellType::kString;
  DateFormat date_format = DateFormat::kEdtf;
  bool is_date = false;  // the value is a date (date_format applies)
};

struct CsvMapping {
  Kind kind = Kind::kAct;
  std::string id_column;  // empty: the importer assigns ids
  bool ignore_unmapped = false;
  base::Json defaults = base::Json::object();  // top-level constant members
  std::vector<ColumnMapping> columns;          // sorted by column name
};

// Parses a mapping file. `origin` names it in messages. Returns
// kInvalidArgument "<origin>:<line>:<column>: <what>" for malformed TOML, an
// unknown kind, unknown keys, a target path that is not a field of the kind
// (naming the CSV column and the path), "[]" on a field that is not
// repeated, a value_key or set member the element object does not have,
// split on a single-valued field, date_format on a non-date field, unknown
// type or date_format names, and two columns writing the same single-valued
// field.
base::Result<CsvMapping> ParseCsvMapping(std::string_view toml_text, std::string_view origin);

// The mapping for files whose columns are named like the kind's top-level
// fields (the layout of vka's own CSV export): "id" becomes the id column,
// "kind" is checked against the kind, other columns that name a field map to
// it, with JSON text for objects and repeated fields. Header columns that
// name no field are left unmapped, so CheckHeader reports them.
CsvMapping DefaultCsvMapping(Kind kind, const std::vector<std::string>& header);

// OK when every mapped column is in the header, no header name repeats, and
// every header column is mapped (or ignored, or the id column) unless
// ignore_unmapped. Otherwise kInvalidArgument naming the missing, repeated
// or unmapped columns.
base::Status CheckHeader(const CsvMapping& mapping, const std::vector<std::string>& header);

// Builds one record body from a data row: {"kind": ..., "id": ... (only when
// the id column is present and its cell non-empty), defaults, mapped cells}.
// Empty cells, and values mapped to "", produce nothing. Returns
// kInvalidArgument when the header does not fit (as CheckHeader), when the
// row's cell count differs from the header's (naming both counts), or when a
// cell cannot be converted; the message names the column, the field and the
// value: `column "birth" (field birth): "31.02.1990" is not a date in format
// DD.MM.YYYY`. The body is not normalised or validated.
base::Result<base::Json> RowToRecord(const CsvMapping& mapping,
                                     const std::vector<std::string>& header,
                                     const std::vector<std::string>& row);

// "DD.MM.YYYY" for kDayMonthYearDots, etc.
std::string_view DateFormatName(DateFormat format);

}  // namespace vka::model
