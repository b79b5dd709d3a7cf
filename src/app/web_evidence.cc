#include "app/web_evidence.h"

#include "app/evidence_files.h"
#include "app/records.h"
#include "evidence/blob_store.h"

namespace vka::app {

base::Result<std::filesystem::path> EvidenceContentPath(Workspace& ws, const std::string& sha256) {
  VKA_RETURN_IF_ERROR(ShowEvidence(ws, sha256).status());
  std::filesystem::path path = evidence::BlobStore(ws.dir() / "blobs").PathOf(sha256);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return base::DataLossError("evidence file " + sha256 + ": file missing");
  }
  return path;
}

base::Status RecordEvidenceAccess(Workspace& ws, const std::string& sha256,
                                  const std::string& purpose, const ChangeContext& context) {
  constexpr size_t kDateChars = 10;  // "2026-11-29" of the RFC 3339 time
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  base::Json body = {{"kind", "custody_event"},
                     {"evidence", sha256},
                     {"action", "accessed"},
                     {"actor", context.actor.empty() ? "unknown" : context.actor},
                     {"date", writer->at().substr(0, kDateChars)}};
  if (!purpose.empty()) body["purpose"] = purpose;
  VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Create(std::move(body), "custody"));
  if (!outcome.ok()) {
    return base::InternalError("custody event rejected: " + DescribeErrors(outcome.errors));
  }
  VKA_ASSIGN_OR_RETURN(auto dangling, writer->Finish());
  if (!dangling.empty()) return base::InternalError("custody event has a dangling reference");
  return writer->Commit();
}

}  // namespace vka::app
