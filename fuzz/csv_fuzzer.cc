// libFuzzer harness for base::CsvReader and the CSV import mapping
// (model/csv_mapping.h). Seeds: fuzz/corpus/csv/.
//
// 1. The whole input is read as CSV with each supported delimiter. Every
//    error must be kInvalidArgument naming the origin; every record read
//    must be valid UTF-8 within the limits, and writing the records with
//    WriteCsvRow and reading them back must give the same records.
// 2. The input is split at its first 0x00 byte into a mapping file (TOML)
//    and a CSV file. When the mapping parses, every data row goes through
//    RowToRecord; without a 0x00 byte the CSV goes through the default act
//    mapping. Every produced body must be an object of the mapping's kind
//    with a canonical JSON form.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "base/json.h"
#include "base/status.h"
#include "base/utf8.h"
#include "model/csv_mapping.h"
#include "model/kinds.h"

namespace {

using vka::base::CsvOptions;
using vka::base::CsvReader;
using vka::base::Result;
using Rows = std::vector<std::vector<std::string>>;

constexpr CsvOptions kSmallLimits = {.max_field_bytes = 64, .max_record_bytes = 256};

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// Reads all records; checks the error contract. Returns false on error.
bool ReadAll(std::string_view text, CsvOptions options, Rows& rows) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, "fuzz.csv", options);
  std::vector<std::string> row;
  for (;;) {
    Result<bool> more = reader.Next(row);
    if (!more.ok()) {
      Require(more.status().code() == vka::base::StatusCode::kInvalidArgument);
      Require(more.status().message().rfind("fuzz.csv:", 0) == 0);
      Require(!reader.Next(row).ok());  // errors are sticky
      return false;
    }
    if (!*more) return true;
    Require(!row.empty() && reader.line() >= 1);
    size_t record_bytes = row.size() - 1;
    for (const std::string& field : row) {
      Require(vka::base::IsValidUtf8(field));
      Require(field.size() <= options.max_field_bytes);
      record_bytes += field.size();
    }
    Require(record_bytes <= options.max_record_bytes);
    rows.push_back(row);
  }
}

void CheckRoundTrip(const Rows& rows) {
  std::ostringstream out;
  for (const auto& row : rows) vka::base::WriteCsvRow(out, row);
  Rows again;
  // Quoting adds bytes outside the values only, so the limits still hold.
  Require(ReadAll(out.str(), {}, again));
  Require(again == rows);
}

void CheckReader(std::string_view text) {
  for (char delimiter : {',', ';', '\t'}) {
    Rows rows;
    if (ReadAll(text, {.delimiter = delimiter}, rows)) CheckRoundTrip(rows);
  }
  Rows small;
  ReadAll(text, kSmallLimits, small);
}

void CheckBody(const vka::model::CsvMapping& mapping, const vka::base::Json& body) {
  Require(body.is_object());
  Require(body.value("kind", "") == vka::model::KindName(mapping.kind));
  Result<std::string> canonical = vka::base::CanonicalJson(body);
  Require(canonical.ok());
  Require(vka::base::ParseJsonStrict(*canonical).ok());
}

void MapRows(const vka::model::CsvMapping& mapping, const Rows& rows) {
  const std::vector<std::string>& header = rows.front();
  (void)vka::model::CheckHeader(mapping, header);
  for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
    Result<vka::base::Json> body = vka::model::RowToRecord(mapping, header, rows[row_idx]);
    if (body.ok()) {
      CheckBody(mapping, *body);
    } else {
      Require(body.status().code() == vka::base::StatusCode::kInvalidArgument);
      Require(vka::base::IsValidUtf8(body.status().message()));
    }
  }
}

void CheckMapping(std::string_view text) {
  const size_t nul = text.find('\0');
  Rows rows;
  if (!ReadAll(nul == std::string_view::npos ? text : text.substr(nul + 1), kSmallLimits, rows) ||
      rows.empty()) {
    return;
  }
  if (nul == std::string_view::npos) {
    MapRows(vka::model::DefaultCsvMapping(vka::model::Kind::kAct, rows.front()), rows);
    return;
  }
  Result<vka::model::CsvMapping> mapping =
      vka::model::ParseCsvMapping(text.substr(0, nul), "fuzz.toml");
  if (!mapping.ok()) {
    Require(mapping.status().code() == vka::base::StatusCode::kInvalidArgument);
    Require(vka::base::IsValidUtf8(mapping.status().message()));
    return;
  }
  MapRows(*mapping, rows);
  MapRows(vka::model::DefaultCsvMapping(mapping->kind, rows.front()), rows);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckReader(text);
  CheckMapping(text);
  return 0;
}
