#include "app/export.h"

#include <vector>

#include "app/files.h"
#include "base/csv.h"
#include "base/json.h"
#include "model/schema.h"

namespace vka::app {
namespace {

constexpr int64_t kProgressEvery = 8192;

std::vector<std::string> CsvColumns(model::Kind kind) {
  std::vector<std::string> columns = {"id", "confidentiality", "remarks"};
  for (const auto& f : model::SchemaOf(kind).fields) columns.emplace_back(f.name);
  return columns;
}

base::Result<std::string> CellText(const base::Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return base::CanonicalJson(value);
}

base::Status WriteCsvRecord(const std::string& body, const std::vector<std::string>& columns,
                            std::ostream& out) {
  VKA_ASSIGN_OR_RETURN(base::Json record, base::ParseJsonStrict(body));
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  for (const auto& column : columns) {
    if (!record.contains(column)) {
      cells.emplace_back();
      continue;
    }
    VKA_ASSIGN_OR_RETURN(std::string cell, CellText(record[column]));
    cells.push_back(std::move(cell));
  }
  base::WriteCsvRow(out, cells);
  return base::OkStatus();
}

}  // namespace

base::Result<int64_t> ExportRecords(Workspace& ws, const ExportOptions& options,
                                    std::ostream& out) {
  if (options.format == ExportFormat::kCsv && !options.kind) {
    return base::InvalidArgumentError("CSV export is one kind per file: give --kind");
  }
  std::vector<model::Kind> kinds;
  if (options.kind) {
    kinds.push_back(*options.kind);
  } else {
    kinds.assign(model::AllKinds().begin(), model::AllKinds().end());
  }
  int64_t total = 0;
  for (model::Kind k : kinds) {
    VKA_ASSIGN_OR_RETURN(int64_t n, ws.store().Count(k));
    total += n;
  }
  int64_t written = 0;
  for (model::Kind kind : kinds) {
    std::vector<std::string> columns;
    if (options.format == ExportFormat::kCsv) {
      columns = CsvColumns(kind);
      base::WriteCsvRow(out, columns);
    }
    VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) {
      if (options.format == ExportFormat::kCsv) {
        VKA_RETURN_IF_ERROR(WriteCsvRecord(rev.body, columns, out));
      } else {
        out << rev.body << '\n';
      }
      if (++written % kProgressEvery == 0 && options.progress) options.progress(written, total);
      if (!out) return base::IOError("write failed (disk full?)");
      return base::OkStatus();
    }));
  }
  if (options.progress) options.progress(written, total);
  return written;
}

base::Result<int64_t> ExportToFile(Workspace& ws, const ExportOptions& options,
                                   const std::string& path) {
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  VKA_ASSIGN_OR_RETURN(int64_t n, ExportRecords(ws, options, file->stream()));
  VKA_RETURN_IF_ERROR(file->Commit());
  return n;
}

}  // namespace vka::app
