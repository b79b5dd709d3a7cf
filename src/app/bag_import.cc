// vka import --bag: checks an archival bag and every proof in it, then
// imports its records and evidence files (app/bag.h, docs/formats/bag.md).

#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/bag.h"
#include "app/import.h"
#include "app/internal/bag_check.h"
#include "app/internal/bag_format.h"
#include "base/json.h"
#include "evidence/blob_store.h"
#include "evidence/leaf.h"
#include "evidence/note.h"

namespace vka::app {
namespace {

namespace fs = std::filesystem;
using internal::CheckedBag;

constexpr size_t kMaxErrors = 1000;  // as `vka import`
constexpr size_t kErrorsShown = 20;  // in the error message
constexpr size_t kDateChars = 10;    // "2026-11-29" of an RFC 3339 time

std::string Str(std::string_view s) { return std::string(s); }
// Writes the records of a checked bag; collects their errors.
class BagRecordImporter {
 public:
  BagRecordImporter(Workspace& ws, RecordWriter& writer, BagImportSummary& summary)
      : ws_(ws), writer_(writer), summary_(summary) {}

  base::Status Record(int64_t line, const std::string& id, base::Json body,
                      const std::string& text) {
    if (errors_.size() >= kMaxErrors) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(auto latest, ws_.store().Latest(id));
    if (latest) return Present(line, id, *latest, text);
    PreparedRecord prepared = PrepareRecord(std::move(body), ws_.vocab());
    if (prepared.errors.empty() && prepared.canonical != text) {
      Error(line, "", id,
            "is not in vka's normal form, so it would be stored with other bytes than the log "
            "committed to");
      return base::OkStatus();
    }
    const std::string origin = Str(internal::kRecordsPath) + ":" + std::to_string(line);
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer_.CreatePrepared(std::move(prepared), origin));
    for (auto& e : outcome.errors)
      Error(line, std::move(e.path), std::move(e.value), std::move(e.message));
    if (outcome.ok()) ++summary_.records;
    return base::OkStatus();
  }

  base::Status Finish() {
    VKA_ASSIGN_OR_RETURN(auto dangling, writer_.Finish());
    for (const auto& d : dangling) {
      int64_t line = std::atoll(d.origin.c_str() + d.origin.rfind(':') + 1);
      Error(line, d.path, d.target_id,
            "refers to " + d.target_id + ", which is neither in the workspace nor in the bag");
    }
    return base::OkStatus();
  }

  // The error to return, or OK when there is none.
  base::Status Outcome() const {
    if (errors_.empty()) return base::OkStatus();
    std::string message = std::to_string(errors_.size()) +
                          (errors_.size() >= kMaxErrors ? "+" : "") +
                          " errors; nothing was imported, the workspace is unchanged:";
    for (size_t idx = 0; idx < errors_.size() && idx < kErrorsShown; ++idx)
      message += "\n  " + errors_[idx].ToString();
    return conflict_ ? base::AlreadyExistsError(message) : base::InvalidArgumentError(message);
  }

 private:
  base::Status Present(int64_t line, const std::string& id, const storage::Revision& latest,
                       const std::string& text) {
    if (!latest.deleted && latest.body == text) {
      ++summary_.records_present;
      return base::OkStatus();
    }
    conflict_ = true;
    Error(line, "", "",
          id + " conflicts with the workspace, where " +
              (latest.deleted ? std::string("it is deleted")
                              : "its revision " + std::to_string(latest.rev) +
                                    " differs from the bag's body"));
    return base::OkStatus();
  }
  void Error(int64_t line, std::string field, std::string value, std::string message) {
    if (errors_.size() < kMaxErrors) {
      errors_.push_back({Str(internal::kRecordsPath), line, std::move(field), std::move(value),
                         std::move(message)});
    }
  }

  Workspace& ws_;
  RecordWriter& writer_;
  BagImportSummary& summary_;
  std::vector<ImportError> errors_;
  bool conflict_ = false;
};

// Stores the bag's evidence files new to the workspace: blob first, then
// (in the writer's transaction) metadata, leaf and a "received" event.
base::Status ImportEvidence(Workspace& ws, const CheckedBag& bag, RecordWriter& writer,
                            const ChangeContext& context, BagImportSummary& summary,
                            const std::function<void(uint64_t)>& advance) {
  evidence::BlobStore blobs(ws.dir() / "blobs");
  const std::string organisation = internal::TagValue(bag.info, internal::kSourceOrganization);
  const std::string bagged = internal::TagValue(bag.info, internal::kBaggingDate);
  for (const auto& [sha, custody] : bag.evidence) {
    VKA_ASSIGN_OR_RETURN(auto existing, ws.store().GetEvidenceFile(sha));
    if (existing) {
      ++summary.evidence_present;
      advance(static_cast<uint64_t>(custody.file.size));
      continue;
    }
    const std::string rel = Str(internal::kEvidenceDir) + "/" + sha;
    VKA_ASSIGN_OR_RETURN(evidence::StoredBlob blob, blobs.Put((bag.dir / rel).string()));
    if (blob.sha256 != sha)
      return base::DataLossError(rel + " changed while the bag was being imported");
    storage::EvidenceFile row = custody.file;
    row.added_at = writer.at();
    row.added_by = context.actor;
    VKA_RETURN_IF_ERROR(
        writer.PutEvidenceFile(row, evidence::EvidenceFileLeaf(blob.digest), "sha256:" + sha));
    base::Json event = {{"kind", "custody_event"},
                        {"evidence", sha},
                        {"action", "received"},
                        {"actor", context.actor.empty() ? "unknown" : context.actor},
                        {"date", writer.at().substr(0, kDateChars)},
                        {"purpose", "imported from archival bag " + bag.dir.filename().string() +
                                        (bagged.empty() ? "" : " (bagged " + bagged + ")")}};
    if (!organisation.empty()) event["counterpart"] = organisation;
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer.Create(std::move(event), "bag import"));
    if (!outcome.ok())
      return base::InternalError("custody event rejected: " + outcome.errors.front().message);
    ++summary.evidence_files;
    advance(blob.size);
  }
  return base::OkStatus();
}

// The expected verifier key, parsed; nullopt when none was given.
base::Result<std::optional<evidence::NoteVerifier>> ExpectedKey(const BagImportOptions& options) {
  if (!options.expect_key) return std::optional<evidence::NoteVerifier>();
  auto key = evidence::NoteVerifier::Parse(*options.expect_key);
  if (!key.ok()) {
    return base::InvalidArgumentError(
        "the expected key is not a verifier key (<name>+<8 hex key id>+<base64>, as `vka log "
        "key` prints): " + key.status().message());
  }
  return std::make_optional(*key);
}

// The bag's checkpoint (verified with the bag's key) must be signed by
// exactly `expected`: the same name, key id and public key.
base::Status CheckSignedBy(const CheckedBag& bag, const evidence::NoteVerifier& expected) {
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier found, evidence::NoteVerifier::Parse(bag.verifier_key));
  if (found.name == expected.name && found.key_id == expected.key_id &&
      found.public_key == expected.public_key) {
    return base::OkStatus();
  }
  return base::DataLossError(Str(internal::kCheckpointPath) + " is signed by " + found.ToString() +
                             ", not by the expected key " + expected.ToString() +
                             ": nothing was imported, the workspace is unchanged");
}

}  // namespace

base::Result<BagImportSummary> ImportBag(Workspace& ws, const BagImportOptions& options,
                                         const ChangeContext& context) {
  fs::path dir = fs::path(options.dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  VKA_ASSIGN_OR_RETURN(auto expected, ExpectedKey(options));
  VKA_ASSIGN_OR_RETURN(CheckedBag bag, internal::CheckBag(dir, options.progress));
  if (expected) VKA_RETURN_IF_ERROR(CheckSignedBy(bag, *expected));
  BagImportSummary summary;
  summary.origin = bag.checkpoint.origin;
  summary.tree_size = bag.checkpoint.size;
  summary.root = base::HexLower(bag.checkpoint.root);
  summary.verifier_key = bag.verifier_key;
  summary.source_organization = internal::TagValue(bag.info, internal::kSourceOrganization);
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  BagRecordImporter records(ws, *writer, summary);
  VKA_RETURN_IF_ERROR(internal::ForEachBagRecord(
      bag, [&](int64_t line, const std::string& id, base::Json body, const std::string& text) {
        return records.Record(line, id, std::move(body), text);
      }));
  VKA_RETURN_IF_ERROR(records.Finish());
  VKA_RETURN_IF_ERROR(records.Outcome());  // the writer rolls back
  if (options.dry_run) return summary;
  uint64_t done = bag.bytes_checked;
  auto advance = [&](uint64_t bytes) {
    done += bytes;
    if (options.progress) options.progress(done, bag.payload_bytes + bag.evidence_bytes);
  };
  VKA_RETURN_IF_ERROR(ImportEvidence(ws, bag, *writer, context, summary, advance));
  VKA_ASSIGN_OR_RETURN(auto dangling, writer->Finish());
  if (!dangling.empty()) return base::InternalError("custody event has a dangling reference");
  VKA_RETURN_IF_ERROR(writer->Commit());
  return summary;
}

}  // namespace vka::app
