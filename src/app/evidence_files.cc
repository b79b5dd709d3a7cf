#include "app/evidence_files.h"

#include <magic.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "app/evidence_metadata.h"
#include "app/records.h"
#include "base/clock.h"
#include "base/edtf.h"
#include "base/json.h"
#include "evidence/blob_store.h"
#include "evidence/leaf.h"

namespace vka::app {
namespace {

namespace fs = std::filesystem;

evidence::BlobStore Blobs(Workspace& ws) { return evidence::BlobStore(ws.dir() / "blobs"); }

base::Status CheckHashArg(const std::string& sha256, std::string_view what) {
  if (evidence::IsSha256Hex(sha256)) return base::OkStatus();
  return base::InvalidArgumentError(std::string(what) + " '" + sha256 +
                                    "' is not a SHA-256 (64 lower-case hex digits)");
}

// The MIME type libmagic reads from the content, or "" when it cannot tell:
// metadata extraction never stops evidence from being stored.
std::string MimeTypeOf(const std::string& path) {
  magic_t cookie = magic_open(MAGIC_MIME_TYPE);
  if (cookie == nullptr) return "";
  std::string mime;
  if (magic_load(cookie, nullptr) == 0) {
    const char* found = magic_file(cookie, path.c_str());
    if (found != nullptr) mime = found;
  }
  magic_close(cookie);
  return mime;
}

// The file's modification time (RFC 3339 UTC), or "" if it cannot be read.
std::string MtimeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  constexpr int64_t kMillisPerSecond = 1000;
  constexpr int64_t kNanosPerMilli = 1000000;
  return base::FormatRfc3339Millis(static_cast<int64_t>(st.st_mtim.tv_sec) * kMillisPerSecond +
                                   st.st_mtim.tv_nsec / kNanosPerMilli);
}

base::Status CheckSource(Workspace& ws, const std::string& source) {
  if (source.empty()) {
    return base::InvalidArgumentError(
        "--source is required: the id of the source record the files came with");
  }
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(source));
  if (!latest.has_value()) return base::NotFoundError("no source record '" + source + "'");
  if (latest->kind != model::Kind::kSource) {
    return base::FailedPreconditionError(source + " is a " +
                                         std::string(model::KindName(latest->kind)) +
                                         ", not a source");
  }
  if (latest->deleted) return base::FailedPreconditionError("source " + source + " is deleted");
  return base::OkStatus();
}

// Checks the options before anything is stored; normalises captured_at.
base::Result<AddEvidenceOptions> CheckOptions(Workspace& ws, const std::vector<std::string>& paths,
                                              AddEvidenceOptions options) {
  if (paths.empty()) return base::InvalidArgumentError("no files to add");
  VKA_RETURN_IF_ERROR(CheckSource(ws, options.source));
  if (!options.captured_at.empty()) {
    auto date = base::EdtfDate::Parse(options.captured_at);
    if (!date.ok()) return date.status().WithContext("--captured-at");
    options.captured_at = date->text();
  }
  if (!options.derived_from.empty()) {
    VKA_RETURN_IF_ERROR(CheckHashArg(options.derived_from, "--derived-from"));
    VKA_ASSIGN_OR_RETURN(auto original, ws.store().GetEvidenceFile(options.derived_from));
    if (!original.has_value()) {
      return base::NotFoundError("--derived-from: no evidence file " + options.derived_from);
    }
  }
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return base::NotFoundError("no such file '" + path + "'");
  }
  return options;
}

EvidenceFile MakeRow(const std::string& path, const evidence::StoredBlob& blob,
                     const AddEvidenceOptions& options, const RecordWriter& writer,
                     const ChangeContext& context) {
  EvidenceFile row;
  row.sha256 = blob.sha256;
  row.size = static_cast<int64_t>(blob.size);
  row.mime = MimeTypeOf(path);
  row.original_name = fs::path(path).filename().string();
  row.original_mtime = MtimeOf(path);
  row.source = options.source;
  row.captured_at = options.captured_at;
  row.captured_by = options.captured_by;
  row.captured_where = options.captured_where;
  row.note = options.note;
  row.derived_from = options.derived_from;
  row.added_at = writer.at();
  row.added_by = context.actor;
  // Read from the caller's path, not the blob: same bytes, and the path is
  // what libmagic looked at. Never fails (app/evidence_metadata.h).
  ExtractedMetadata meta = ExtractMetadata(path, row.mime);
  row.exif_taken_at = std::move(meta.taken_at);
  row.camera_make = std::move(meta.camera_make);
  row.camera_model = std::move(meta.camera_model);
  row.gps_lat = meta.gps_lat;
  row.gps_lon = meta.gps_lon;
  row.page_count = meta.page_count;
  row.metadata_note = std::move(meta.note);
  return row;
}

// Creates a custody_event record for the file in the writer's transaction.
// Returns its id.
base::Result<std::string> RecordCustody(RecordWriter& writer, const std::string& sha256,
                                        const std::string& action, const std::string& actor,
                                        const std::string& purpose) {
  constexpr size_t kDateChars = 10;  // "2026-11-29" of the RFC 3339 time
  base::Json body = {{"kind", "custody_event"},
                     {"evidence", sha256},
                     {"action", action},
                     {"actor", actor.empty() ? "unknown" : actor},
                     {"date", writer.at().substr(0, kDateChars)}};
  if (!purpose.empty()) body["purpose"] = purpose;
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer.Create(std::move(body), "custody"));
  if (!outcome.ok()) {
    return base::InternalError("custody event rejected: " + DescribeErrors(outcome.errors));
  }
  return outcome.id;
}

base::Status FinishAndCommit(RecordWriter& writer) {
  VKA_ASSIGN_OR_RETURN(auto dangling, writer.Finish());
  if (!dangling.empty()) return base::InternalError("custody event has a dangling reference");
  return writer.Commit();
}

// Writes one stored file's row, leaf and "received" event (see the header).
base::Status WriteReceived(Workspace& ws, RecordWriter& writer, AddedEvidence& added,
                           const evidence::StoredBlob& blob, const AddEvidenceOptions& options,
                           const ChangeContext& context) {
  // Reads on the store see this transaction's writes: a file given twice
  // in one call is present the second time.
  VKA_ASSIGN_OR_RETURN(auto existing, ws.store().GetEvidenceFile(blob.sha256));
  added.already_present = existing.has_value();
  if (!added.already_present) {
    VKA_RETURN_IF_ERROR(writer.PutEvidenceFile(MakeRow(added.path, blob, options, writer, context),
                                               evidence::EvidenceFileLeaf(blob.digest),
                                               "sha256:" + blob.sha256));
  }
  VKA_ASSIGN_OR_RETURN(added.custody_event,
                       RecordCustody(writer, blob.sha256, "received", context.actor,
                                     "added to the workspace with source " + options.source));
  return base::OkStatus();
}

}  // namespace

base::Result<std::vector<AddedEvidence>> AddEvidence(Workspace& ws,
                                                     const std::vector<std::string>& paths,
                                                     const AddEvidenceOptions& options,
                                                     const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(AddEvidenceOptions checked, CheckOptions(ws, paths, options));
  evidence::BlobStore blobs = Blobs(ws);
  std::vector<evidence::StoredBlob> stored;  // blobs first: see the header
  for (const std::string& path : paths) {
    auto blob = blobs.Put(path);
    if (!blob.ok()) return blob.status().WithContext("store '" + path + "'");
    stored.push_back(std::move(*blob));
  }
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  std::vector<AddedEvidence> out;
  for (size_t idx = 0; idx < paths.size(); ++idx) {
    AddedEvidence added{paths[idx], stored[idx].sha256, static_cast<int64_t>(stored[idx].size)};
    VKA_RETURN_IF_ERROR(WriteReceived(ws, *writer, added, stored[idx], checked, context));
    out.push_back(std::move(added));
  }
  VKA_RETURN_IF_ERROR(FinishAndCommit(*writer));
  return out;
}

base::Result<EvidenceFile> ShowEvidence(Workspace& ws, const std::string& sha256) {
  VKA_RETURN_IF_ERROR(CheckHashArg(sha256, "evidence file"));
  VKA_ASSIGN_OR_RETURN(auto file, ws.store().GetEvidenceFile(sha256));
  if (!file.has_value()) return base::NotFoundError("no evidence file " + sha256);
  return *file;
}

base::Result<std::vector<EvidenceFile>> ListEvidence(Workspace& ws, const std::string& source) {
  return ws.store().ListEvidenceFiles(source);
}

base::Status GetEvidence(Workspace& ws, const std::string& sha256, const std::string& dest,
                         const std::string& purpose, const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(ShowEvidence(ws, sha256).status());
  VKA_RETURN_IF_ERROR(Blobs(ws).CopyTo(sha256, dest));
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_RETURN_IF_ERROR(RecordCustody(*writer, sha256, "copied", context.actor, purpose).status());
  return FinishAndCommit(*writer).WithContext("copied to '" + dest +
                                              "', but the custody event was not recorded");
}

namespace {

bool NeedsCounterpart(const std::string& action) {
  return action == "transferred" || action == "returned";
}

// A counterpart is a name, or the id of a live person or organization.
base::Status CheckCounterpart(Workspace& ws, const CustodyAction& input) {
  if (input.counterpart.empty()) {
    if (!NeedsCounterpart(input.action)) return base::OkStatus();
    return base::InvalidArgumentError("counterpart: required for \"" + input.action +
                                      "\" (the organisation or person the file went to or "
                                      "came back from)");
  }
  std::optional<model::Kind> kind = model::KindOfId(input.counterpart);
  if (!kind.has_value()) return base::OkStatus();
  if (*kind != model::Kind::kPerson && *kind != model::Kind::kOrganization) {
    return base::InvalidArgumentError("counterpart: " + input.counterpart + " is a " +
                                      std::string(model::KindName(*kind)) +
                                      " id, not a person or organization");
  }
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(input.counterpart));
  if (!latest.has_value()) {
    return base::NotFoundError("counterpart: no record '" + input.counterpart + "'");
  }
  if (latest->deleted) {
    return base::FailedPreconditionError("counterpart: " + input.counterpart + " is deleted");
  }
  return base::OkStatus();
}

// The event's date: the given EDTF date or timestamp, normalised, not after
// today; today (UTC) when none is given.
base::Result<std::string> CheckedDate(const std::string& text) {
  constexpr size_t kDateChars = 10;  // "2026-11-29" of the RFC 3339 time
  const std::string today = base::NowRfc3339().substr(0, kDateChars);
  if (text.empty()) return today;
  auto date = base::EdtfDate::Parse(text);
  if (!date.ok()) return date.status().WithContext("date");
  auto now = base::EdtfDate::Parse(today);
  if (now.ok() && date->earliest() > now->latest()) {
    return base::InvalidArgumentError("date: " + date->text() + " is after today (" + today + ")");
  }
  return date->text();
}

}  // namespace

base::Result<std::string> RecordCustodyAction(Workspace& ws, const std::string& sha256,
                                              const CustodyAction& input,
                                              const ChangeContext& context) {
  VKA_RETURN_IF_ERROR(ShowEvidence(ws, sha256).status());
  if (input.action.empty()) return base::InvalidArgumentError("action: required");
  VKA_RETURN_IF_ERROR(ws.vocab().Check("custody_action", input.action).WithContext("action"));
  VKA_RETURN_IF_ERROR(CheckCounterpart(ws, input));
  VKA_ASSIGN_OR_RETURN(std::string date, CheckedDate(input.date));
  const std::string& actor = input.actor.empty() ? context.actor : input.actor;
  base::Json body = {{"kind", "custody_event"},
                     {"evidence", sha256},
                     {"action", input.action},
                     {"actor", actor.empty() ? "unknown" : actor},
                     {"date", date}};
  if (!input.purpose.empty()) body["purpose"] = input.purpose;
  if (!input.counterpart.empty()) body["counterpart"] = input.counterpart;
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Create(std::move(body), "custody"));
  if (!outcome.ok()) return base::InvalidArgumentError(DescribeErrors(outcome.errors));
  VKA_RETURN_IF_ERROR(FinishAndCommit(*writer));
  return outcome.id;
}

namespace {

CustodyEvent ParseCustodyEvent(const storage::Revision& rev) {
  CustodyEvent event;
  event.id = rev.id;
  auto body = base::ParseJsonStrict(rev.body);
  if (!body.ok() || !body->is_object()) return event;  // stored bodies are canonical JSON
  auto text = [&](const char* field) {
    auto it = body->find(field);
    return it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  event.action = text("action");
  event.actor = text("actor");
  event.date = text("date");
  event.purpose = text("purpose");
  event.counterpart = text("counterpart");
  return event;
}

}  // namespace

base::Result<std::vector<CustodyEvent>> CustodyChain(Workspace& ws, const std::string& sha256) {
  VKA_RETURN_IF_ERROR(ShowEvidence(ws, sha256).status());
  storage::ListQuery query{model::Kind::kCustodyEvent, {{"evidence", sha256}}, /*limit=*/0};
  VKA_ASSIGN_OR_RETURN(auto revisions, ws.store().List(query));
  std::vector<CustodyEvent> chain;
  for (const auto& rev : revisions) chain.push_back(ParseCustodyEvent(rev));
  std::stable_sort(chain.begin(), chain.end(), [](const CustodyEvent& a, const CustodyEvent& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  });
  return chain;
}

base::Result<int64_t> VerifyEvidenceFiles(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(auto files, ws.store().ListEvidenceFiles(""));
  evidence::BlobStore blobs = Blobs(ws);
  for (const EvidenceFile& file : files) {
    base::Status status = blobs.Verify(file.sha256);
    if (status.code() != base::StatusCode::kDataLoss) {
      VKA_RETURN_IF_ERROR(status);
      continue;
    }
    // "evidence file <hash>: file changed (...)" -> name the original too.
    std::string message = status.message();
    const std::string prefix = "evidence file " + file.sha256;
    if (message.rfind(prefix, 0) == 0) {
      message.insert(prefix.size(), " ('" + file.original_name + "')");
    }
    return base::DataLossError(message);
  }
  return static_cast<int64_t>(files.size());
}

}  // namespace vka::app
