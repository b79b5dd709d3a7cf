#include "app/import.h"

#include <deque>
#include <filesystem>
#include <fstream>
#include <future>

#include "app/files.h"
#include "base/csv.h"
#include "base/line_reader.h"
#include "model/csv_mapping.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

constexpr size_t kBatchLines = 2048;     // NDJSON lines prepared per worker task
constexpr size_t kBatchesInFlight = 3;   // tasks queued ahead of the writer

bool IsCsvPath(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  return ext == ".csv" || ext == ".tsv";
}

// How far into a file stream the reader is (its size once it is at the end).
uint64_t BytesRead(std::istream& in) {
  in.clear(in.rdstate() & ~std::ios::failbit & ~std::ios::eofbit);
  auto pos = in.tellg();
  if (pos < 0) {
    in.seekg(0, std::ios::end);
    pos = in.tellg();
  }
  return pos < 0 ? 0 : static_cast<uint64_t>(pos);
}

std::string Basename(const std::string& path) { return fs::path(path).filename().string(); }

// One NDJSON line on its way through the pipeline.
struct PendingLine {
  int64_t line = 0;
  std::string text;
  bool unterminated = false;  // last line of a file without a final newline
  std::optional<ImportError> error;     // found while reading or parsing
  std::optional<PreparedRecord> record;  // parsed and prepared
};
using Batch = std::vector<PendingLine>;

// The pure part of an NDJSON import: parse and prepare each line. Runs on a
// worker thread; touches nothing shared except the read-only vocabularies.
Batch PrepareBatch(Batch batch, const std::string& file, size_t max_line_bytes,
                   const model::VocabularySet& vocab, const storage::BodySealer* sealer) {
  for (PendingLine& p : batch) {
    if (p.error) continue;
    auto parsed = base::ParseJsonStrict(p.text, {.max_depth = 64, .max_bytes = max_line_bytes});
    std::string().swap(p.text);
    if (!parsed.ok()) {
      std::string hint = p.unterminated ? " (the file may be truncated)" : "";
      p.error = ImportError{file, p.line, "", "", "invalid JSON " + parsed.status().message() + hint};
    } else if (!parsed->is_object()) {
      p.error = ImportError{file, p.line, "", "", "each line must be one JSON object (a record)"};
    } else {
      p.record = PrepareRecord(std::move(*parsed), vocab, sealer);
    }
  }
  return batch;
}

// Reads files and feeds their records to one RecordWriter, collecting errors.
class Importer {
 public:
  Importer(RecordWriter& writer, const ImportOptions& options, ImportSummary& summary,
           uint64_t total_bytes)
      : writer_(writer), options_(options), summary_(summary), total_bytes_(total_bytes) {}

  bool full() const { return summary_.errors.size() >= options_.max_errors; }

  void AddError(ImportError e) {
    if (full()) {
      summary_.errors_truncated = true;
      return;
    }
    summary_.errors.push_back(std::move(e));
  }

  // Writes one record; records its field errors against file:line.
  base::Status Write(base::Json body, const std::string& file, int64_t line) {
    std::string origin = file + ":" + std::to_string(line);
    std::string kind = body.is_object() && body.contains("kind") && body["kind"].is_string()
                           ? body["kind"].get<std::string>()
                           : "";
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer_.Create(std::move(body), origin));
    Count(outcome, kind, file, line);
    return base::OkStatus();
  }

  void Count(WriteOutcome& outcome, const std::string& kind, const std::string& file,
             int64_t line) {
    for (auto& fe : outcome.errors) {
      AddError({file, line, std::move(fe.path), std::move(fe.value), std::move(fe.message)});
    }
    if (outcome.ok()) {
      ++summary_.records;
      ++summary_.by_kind[kind];
    }
  }

  void Progress(uint64_t file_bytes) {
    if (options_.progress) options_.progress(done_bytes_ + file_bytes, total_bytes_);
  }
  void FileDone(uint64_t bytes) {
    done_bytes_ += bytes;
    if (options_.progress) options_.progress(done_bytes_, total_bytes_);
  }

  base::Status Ndjson(std::istream& in, const std::string& file,
                      const model::VocabularySet& vocab);
  base::Status Apply(Batch batch, const std::string& file);
  base::Status Csv(std::istream& in, const std::string& file,
                   const std::optional<std::string>& mapping_path);

 private:
  RecordWriter& writer_;
  const ImportOptions& options_;
  ImportSummary& summary_;
  uint64_t total_bytes_;
  uint64_t done_bytes_ = 0;
};

base::Status Importer::Apply(Batch batch, const std::string& file) {
  for (PendingLine& p : batch) {
    if (full()) break;
    if (p.error) {
      AddError(std::move(*p.error));
      continue;
    }
    std::string kind = p.record->kind;
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome,
                         writer_.CreatePrepared(std::move(*p.record), file + ":" + std::to_string(p.line)));
    Count(outcome, kind, file, p.line);
  }
  return base::OkStatus();
}

// Reads lines on this thread, prepares batches on worker threads (a few in
// flight, so both cores work), and writes them here in file order.
base::Status Importer::Ndjson(std::istream& in, const std::string& file,
                              const model::VocabularySet& vocab) {
  base::LineReader reader(in, options_.max_line_bytes);
  // Sensitive values are sealed on the worker threads too.
  const std::shared_ptr<const storage::BodySealer> sealer = writer_.BodySealer();
  std::deque<std::future<Batch>> in_flight;
  Batch batch;
  std::string line;
  auto submit = [&] {
    in_flight.push_back(std::async(std::launch::async, PrepareBatch, std::move(batch), file,
                                   options_.max_line_bytes, std::cref(vocab), sealer.get()));
    batch = Batch();
  };
  for (auto outcome = reader.Next(line); outcome != base::LineReader::Outcome::kEnd && !full();
       outcome = reader.Next(line)) {
    PendingLine p{reader.line_number(), "", reader.last_line_unterminated()};
    if (outcome == base::LineReader::Outcome::kTooLong) {
      p.error = ImportError{file, p.line, "", "", "line is longer than " +
                                                      std::to_string(options_.max_line_bytes) + " bytes"};
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      continue;
    } else {
      p.text = std::move(line);
    }
    batch.push_back(std::move(p));
    if (batch.size() == kBatchLines) submit();
    if (in_flight.size() == kBatchesInFlight) {
      VKA_RETURN_IF_ERROR(Apply(in_flight.front().get(), file));
      in_flight.pop_front();
      Progress(reader.bytes_read());
    }
  }
  if (!batch.empty()) submit();
  for (; !in_flight.empty(); in_flight.pop_front()) {
    VKA_RETURN_IF_ERROR(Apply(in_flight.front().get(), file));
  }
  FileDone(reader.bytes_read());
  return base::OkStatus();
}

base::Status Importer::Csv(std::istream& in, const std::string& file,
                           const std::optional<std::string>& mapping_path) {
  base::CsvReader reader(in, file);
  std::vector<std::string> header;
  auto first = reader.Next(header);
  if (!first.ok()) {
    AddError({file, reader.line(), "", "", first.status().message()});
    return base::OkStatus();
  }
  if (!*first) {
    AddError({file, 0, "", "", "the file is empty (a CSV file needs a header row)"});
    return base::OkStatus();
  }
  model::CsvMapping mapping;
  if (mapping_path) {
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(*mapping_path));
    auto parsed = model::ParseCsvMapping(text, Basename(*mapping_path));
    if (!parsed.ok()) {
      AddError({Basename(*mapping_path), 0, "", "", parsed.status().message()});
      return base::OkStatus();
    }
    mapping = std::move(*parsed);
  } else if (options_.csv_kind) {
    mapping = model::DefaultCsvMapping(*options_.csv_kind, header);
  } else {
    AddError({file, 1, "", "", "a CSV file needs --mapping FILE or --kind KIND"});
    return base::OkStatus();
  }
  if (auto s = model::CheckHeader(mapping, header); !s.ok()) {
    AddError({file, 1, "", "", s.message()});
    return base::OkStatus();
  }
  std::vector<std::string> row;
  for (uint64_t rows = 1; !full(); ++rows) {
    auto more = reader.Next(row);
    if (!more.ok()) {
      AddError({file, reader.line(), "", "", more.status().message()});
      break;
    }
    if (!*more) break;
    auto body = model::RowToRecord(mapping, header, row);
    if (!body.ok()) {
      AddError({file, reader.line(), "", "", body.status().message()});
      continue;
    }
    VKA_RETURN_IF_ERROR(Write(std::move(*body), file, reader.line()));
    if (rows % kBatchLines == 0) Progress(BytesRead(in));
  }
  FileDone(BytesRead(in));
  return base::OkStatus();
}

uint64_t TotalBytes(const std::vector<ImportInput>& inputs) {
  uint64_t total = 0;
  for (const auto& input : inputs) {
    std::error_code ec;
    auto size = fs::file_size(input.path, ec);
    if (!ec) total += size;
  }
  return total;
}

base::Status ReportDangling(RecordWriter& writer, Importer& importer) {
  VKA_ASSIGN_OR_RETURN(auto dangling, writer.Finish());
  for (const auto& d : dangling) {
    auto colon = d.origin.rfind(':');
    std::string file = colon == std::string::npos ? d.origin : d.origin.substr(0, colon);
    int64_t line = colon == std::string::npos ? 0 : std::atoll(d.origin.c_str() + colon + 1);
    importer.AddError({file, line, d.path, d.target_id,
                       "refers to " + d.target_id +
                           ", which is neither in the workspace nor in this import"});
  }
  return base::OkStatus();
}

base::Status Finish(RecordWriter& writer, Importer& importer, ImportSummary& summary,
                    bool dry_run) {
  VKA_RETURN_IF_ERROR(ReportDangling(writer, importer));
  if (!summary.errors.empty() || dry_run) return base::OkStatus();  // writer rolls back
  VKA_RETURN_IF_ERROR(writer.Commit());
  summary.committed = true;
  return base::OkStatus();
}

}  // namespace

std::string ImportError::ToString() const {
  // Parsers below (CSV, mapping) already locate their messages.
  if (!file.empty() && message.rfind(file + ":", 0) == 0) return message;
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += message;
  if (!value.empty() && message.find(value) == std::string::npos) {
    out += " (value \"" + value + "\")";
  }
  return out;
}

base::Result<ImportSummary> ImportFiles(Workspace& ws, const std::vector<ImportInput>& inputs,
                                        const ImportOptions& options,
                                        const ChangeContext& context) {
  std::vector<std::unique_ptr<std::ifstream>> streams;
  for (const auto& input : inputs) {
    auto in = std::make_unique<std::ifstream>(input.path, std::ios::binary);
    if (!*in) return base::NotFoundError("cannot open " + input.path);
    if (input.mapping_path && !IsCsvPath(input.path)) {
      return base::InvalidArgumentError("--mapping applies to CSV files; " + input.path +
                                        " is not a .csv file");
    }
    streams.push_back(std::move(in));
  }
  ImportSummary summary;
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  Importer importer(*writer, options, summary, TotalBytes(inputs));
  for (size_t idx = 0; idx < inputs.size() && !importer.full(); ++idx) {
    const std::string file = Basename(inputs[idx].path);
    if (IsCsvPath(inputs[idx].path)) {
      VKA_RETURN_IF_ERROR(importer.Csv(*streams[idx], file, inputs[idx].mapping_path));
    } else {
      VKA_RETURN_IF_ERROR(importer.Ndjson(*streams[idx], file, ws.vocab()));
    }
    if (streams[idx]->bad()) return base::IOError("read " + inputs[idx].path + " failed");
  }
  VKA_RETURN_IF_ERROR(Finish(*writer, importer, summary, options.dry_run));
  return summary;
}

base::Result<ImportSummary> ImportRecords(Workspace& ws, std::vector<base::Json> records,
                                          const ChangeContext& context) {
  ImportSummary summary;
  ImportOptions options;
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  Importer importer(*writer, options, summary, 0);
  for (size_t idx = 0; idx < records.size() && !importer.full(); ++idx) {
    VKA_RETURN_IF_ERROR(importer.Write(std::move(records[idx]), "generated", idx + 1));
  }
  VKA_RETURN_IF_ERROR(Finish(*writer, importer, summary, false));
  return summary;
}

base::Status WriteErrorReport(const std::vector<ImportError>& errors, const std::string& path) {
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  base::WriteCsvRow(file->stream(), {"file", "line", "field", "value", "message"});
  for (const auto& e : errors) {
    base::WriteCsvRow(file->stream(),
                      {e.file, std::to_string(e.line), e.field, e.value, e.message});
  }
  return file->Commit();
}

}  // namespace vka::app
