#include "app/export.h"

#include <deque>
#include <functional>
#include <future>
#include <optional>
#include <sstream>
#include <vector>

#include "app/files.h"
#include "base/csv.h"
#include "base/json.h"
#include "model/schema.h"

namespace vka::app {
namespace {

constexpr int64_t kProgressEvery = 8192;
constexpr size_t kCsvBatch = 4096;  // records formatted per worker task
constexpr size_t kCsvBatchesInFlight = 3;

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

// Formats a batch of bodies as CSV rows; runs on a worker thread.
base::Result<std::string> CsvRows(std::vector<std::string> bodies,
                                  const std::vector<std::string>& columns) {
  std::ostringstream out;
  for (const auto& body : bodies) VKA_RETURN_IF_ERROR(WriteCsvRecord(body, columns, out));
  return out.str();
}

// The body as `role` may see it (canonical JSON); nullopt when it may not
// read the record. Without a role, the stored body.
base::Result<std::optional<std::string>> VisibleBody(const storage::Revision& rev,
                                                     const std::optional<Role>& role) {
  if (!role) return std::optional<std::string>(rev.body);
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(rev.body));
  std::optional<base::Json> visible = RedactFor(*role, rev.kind, body);
  if (!visible) return std::optional<std::string>();
  VKA_ASSIGN_OR_RETURN(std::string text, base::CanonicalJson(*visible));
  return std::optional<std::string>(std::move(text));
}

// Streams one kind as CSV: the store is read on this thread, rows are
// formatted on worker threads a few batches ahead, and written in order.
base::Status ExportCsvKind(Workspace& ws, model::Kind kind, std::ostream& out,
                           const std::function<void()>& tick, const std::optional<Role>& role) {
  const std::vector<std::string> columns = CsvColumns(kind);
  base::WriteCsvRow(out, columns);
  std::deque<std::future<base::Result<std::string>>> in_flight;
  std::vector<std::string> batch;
  auto drain_one = [&]() -> base::Status {
    VKA_ASSIGN_OR_RETURN(std::string rows, in_flight.front().get());
    in_flight.pop_front();
    out << rows;
    if (!out) return base::IOError("write failed (disk full?)");
    return base::OkStatus();
  };
  auto submit = [&] {
    in_flight.push_back(
        std::async(std::launch::async, CsvRows, std::move(batch), std::cref(columns)));
    batch = {};
  };
  VKA_RETURN_IF_ERROR(
      ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> base::Status {
        VKA_ASSIGN_OR_RETURN(std::optional<std::string> body, VisibleBody(rev, role));
        if (!body) return base::OkStatus();
        batch.push_back(*std::move(body));
        tick();
        if (batch.size() == kCsvBatch) submit();
        if (in_flight.size() == kCsvBatchesInFlight) return drain_one();
        return base::OkStatus();
      }));
  if (!batch.empty()) submit();
  while (!in_flight.empty()) VKA_RETURN_IF_ERROR(drain_one());
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
  auto tick = [&] {
    if (++written % kProgressEvery == 0 && options.progress) options.progress(written, total);
  };
  for (model::Kind kind : kinds) {
    if (options.format == ExportFormat::kCsv) {
      VKA_RETURN_IF_ERROR(ExportCsvKind(ws, kind, out, tick, options.role));
      continue;
    }
    VKA_RETURN_IF_ERROR(
        ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> base::Status {
          VKA_ASSIGN_OR_RETURN(std::optional<std::string> body, VisibleBody(rev, options.role));
          if (!body) return base::OkStatus();
          out << *body << '\n';
          tick();
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
