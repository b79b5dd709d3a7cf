// vka export --bag: writes an archival BagIt bag (app/bag.h,
// docs/formats/bag.md).

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "app/bag.h"
#include "app/internal/bag_format.h"
#include "app/internal/bag_scope.h"
#include "app/log.h"
#include "app/records.h"
#include "base/clock.h"
#include "base/files.h"
#include "base/json.h"
#include "evidence/blob_store.h"
#include "evidence/checkpoint.h"
#include "evidence/leaf.h"
#include "evidence/log_env.h"
#include "evidence/note.h"
#include "evidence/tiles.h"

#ifndef VKA_VERSION
#define VKA_VERSION "unknown"
#endif

namespace vka::app {
namespace {

namespace fs = std::filesystem;
using internal::FileDigest;
using internal::ManifestEntry;

constexpr size_t kProofsPerReader = 4096;  // proofs served by one TileReader (bounds its cache)
constexpr int64_t kProgressEvery = 4096;   // records between progress calls
constexpr size_t kDateChars = 10;          // "2026-11-29" of an RFC 3339 time
constexpr mode_t kBagDirMode = 0755;       // a bag is for others to read

std::string ErrnoText() { return errno == ENOSPC ? "disk full" : std::strerror(errno); }

// Serves subtree hashes for many proofs of one tree: hashes at tile
// levels come from the tiles, the others are computed from their two
// children once and remembered, so that proofs of neighbouring leaves, which
// share most of their path, cost O(1) hashes each instead of up to 255 (a
// TileReader recomputes a mid-tile subtree from its tile on every call).
class MemoHashReader : public evidence::HashReader {
 public:
  static constexpr int kTileHeight = 8;  // docs/formats/log.md §3

  uint64_t size() const override { return tiles_->size(); }
  base::Result<evidence::Hash> SubtreeHash(int level, uint64_t index) const override {
    if (level % kTileHeight == 0) return tiles_->SubtreeHash(level, index);
    auto key = std::make_pair(level, index);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    VKA_ASSIGN_OR_RETURN(evidence::Hash left, SubtreeHash(level - 1, 2 * index));
    VKA_ASSIGN_OR_RETURN(evidence::Hash right, SubtreeHash(level - 1, 2 * index + 1));
    return memo_[key] = evidence::NodeHash(left, right);
  }
  // Uses `tiles` from now on (a new reader per batch bounds its tile cache)
  // and forgets the hashes below level 8 (proofs are served in leaf order,
  // so those are not asked for again), keeping memory bounded.
  void Reset(const evidence::TileReader* tiles) {
    tiles_ = tiles;
    memo_.erase(memo_.begin(), memo_.lower_bound({kTileHeight, 0}));
  }

 private:
  const evidence::TileReader* tiles_ = nullptr;
  mutable std::map<std::pair<int, uint64_t>, evidence::Hash> memo_;
};

// A leaf the bag proves, with the entry it must have (recomputed from the
// bytes that go into the bag).
struct PendingLeaf {
  std::string ref;     // log_leaves ref: "per_…@3" or "sha256:<hex>"
  std::string record;  // or ""
  int64_t rev = 0;
  std::string salt;
  std::string evidence;  // or ""
  std::string entry;
  uint64_t seq = 0;
};

// Writes the files of one bag into a temporary folder.
class BagWriter {
 public:
  BagWriter(Workspace& ws, const BagExportOptions& options, const internal::BagScope& scope,
            fs::path root)
      : ws_(ws),
        options_(options),
        scope_(scope),
        root_(std::move(root)),
        total_(scope.record_bytes + scope.evidence_bytes) {}

  base::Status WriteRecords();
  base::Status CopyEvidence();
  base::Status WriteCustody();
  base::Status WriteLog();
  base::Status WriteProofs();
  base::Status WriteTagFiles();
  base::Status SyncFolders();

  BagExportSummary summary() const {
    return {static_cast<int64_t>(scope_.records.size()),
            static_cast<int64_t>(scope_.evidence.size()), payload_bytes_, checkpoint_.size,
            base::HexLower(checkpoint_.root)};
  }

 private:
  fs::path Path(std::string_view rel) const { return root_ / std::string(rel); }
  void AddPayload(std::string_view rel, const FileDigest& d) {
    payload_.push_back({d.sha256, std::string(rel)});
    payload_bytes_ += d.size;
  }
  void Advance(uint64_t bytes) {
    done_ += bytes;
    if (options_.progress) options_.progress(done_, total_);
  }
  base::Status WriteRecord(const storage::Revision& rev, internal::HashingFile& out);
  base::Status ProveChunk(std::vector<PendingLeaf>::const_iterator begin,
                          std::vector<PendingLeaf>::const_iterator end, internal::HashingFile& out,
                          MemoHashReader& memo) const;

  Workspace& ws_;
  const BagExportOptions& options_;
  const internal::BagScope& scope_;
  fs::path root_;
  uint64_t total_;
  uint64_t done_ = 0;
  int64_t records_written_ = 0;
  std::vector<ManifestEntry> payload_;
  uint64_t payload_bytes_ = 0;
  std::vector<PendingLeaf> leaves_;
  // sha256 -> its custody events as (date, id)
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> custody_;
  evidence::Checkpoint checkpoint_;
};

base::Status BagWriter::WriteRecord(const storage::Revision& rev, internal::HashingFile& out) {
  auto wanted = scope_.records.find(rev.id);
  if (wanted == scope_.records.end()) return base::OkStatus();
  if (wanted->second != rev.rev) {
    return base::UnavailableError(rev.id + " changed while the bag was written; export again");
  }
  VKA_RETURN_IF_ERROR(out.Write(rev.body));
  VKA_RETURN_IF_ERROR(out.Write("\n"));
  evidence::Hash commitment = evidence::SaltedCommitment(rev.salt, rev.body);
  bool custody = rev.kind == model::Kind::kCustodyEvent;
  leaves_.push_back(
      {rev.id + "@" + std::to_string(rev.rev), rev.id, rev.rev, rev.salt, "",
       custody ? evidence::CustodyEventLeaf(commitment) : evidence::RevisionLeaf(commitment)});
  if (custody) {
    VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(rev.body));
    custody_[body.value("evidence", "")].emplace_back(body.value("date", ""), rev.id);
  }
  done_ += rev.body.size() + 1;
  if (++records_written_ % kProgressEvery == 0) Advance(0);
  return base::OkStatus();
}

base::Status BagWriter::WriteRecords() {
  VKA_ASSIGN_OR_RETURN(auto out, internal::HashingFile::Create(Path(internal::kRecordsPath)));
  for (model::Kind kind : model::AllKinds()) {
    VKA_RETURN_IF_ERROR(ws_.store().ForEachCurrent(
        kind, [&](const storage::Revision& rev) { return WriteRecord(rev, *out); }));
  }
  if (static_cast<size_t>(records_written_) != scope_.records.size()) {
    return base::UnavailableError("records were deleted while the bag was written; export again");
  }
  VKA_ASSIGN_OR_RETURN(FileDigest digest, out->Finish());
  AddPayload(internal::kRecordsPath, digest);
  Advance(0);
  return base::OkStatus();
}

base::Status BagWriter::CopyEvidence() {
  if (scope_.evidence.empty()) return base::OkStatus();
  std::error_code ec;
  if (!fs::create_directory(Path(internal::kEvidenceDir), ec)) {
    return base::IOError("create " + Path(internal::kEvidenceDir).string() + ": " + ec.message());
  }
  evidence::BlobStore blobs(ws_.dir() / "blobs");
  for (const std::string& sha : scope_.evidence) {
    std::string rel = std::string(internal::kEvidenceDir) + "/" + sha;
    // CopyTo streams 1 MiB at a time, checks the hash on the way and fsyncs.
    VKA_RETURN_IF_ERROR(blobs.CopyTo(sha, Path(rel).string()));
    uint64_t size = fs::file_size(Path(rel), ec);
    if (ec) return base::IOError("stat " + Path(rel).string() + ": " + ec.message());
    AddPayload(rel, {sha, size});
    evidence::Hash digest{};
    std::string bytes = *internal::HexDecode(sha);
    std::copy(bytes.begin(), bytes.end(), digest.begin());
    leaves_.push_back({"sha256:" + sha, "", 0, "", sha, evidence::EvidenceFileLeaf(digest)});
    Advance(size);
  }
  return base::OkStatus();
}

base::Status BagWriter::WriteCustody() {
  VKA_ASSIGN_OR_RETURN(auto out, internal::HashingFile::Create(Path(internal::kCustodyPath)));
  for (const std::string& sha : scope_.evidence) {
    VKA_ASSIGN_OR_RETURN(auto row, ws_.store().GetEvidenceFile(sha));
    if (!row) return base::UnavailableError("evidence file " + sha + " vanished during the export");
    internal::CustodyLine line{*row, {}};
    auto& events = custody_[sha];
    std::sort(events.begin(), events.end());
    for (const auto& event : events) line.custody.push_back(event.second);
    VKA_ASSIGN_OR_RETURN(std::string text, internal::FormatCustodyLine(line));
    VKA_RETURN_IF_ERROR(out->Write(text + "\n"));
  }
  VKA_ASSIGN_OR_RETURN(FileDigest digest, out->Finish());
  AddPayload(internal::kCustodyPath, digest);
  return base::OkStatus();
}

// The checkpoint is taken after the records were read: every revision read
// is committed, so its leaf is in the tree PublishLog signs.
base::Status BagWriter::WriteLog() {
  std::error_code ec;
  if (!fs::create_directory(Path(internal::kLogDir), ec)) {
    return base::IOError("create " + Path(internal::kLogDir).string() + ": " + ec.message());
  }
  VKA_ASSIGN_OR_RETURN(LogState state, PublishLog(ws_));
  VKA_ASSIGN_OR_RETURN(std::string vkey, LogVerifierKey(ws_));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier verifier, evidence::NoteVerifier::Parse(vkey));
  auto checkpoint = evidence::OpenCheckpoint(state.checkpoint, verifier);
  if (!checkpoint.ok())
    return base::DataLossError("log/checkpoint: " + checkpoint.status().message());
  checkpoint_ = *checkpoint;
  VKA_ASSIGN_OR_RETURN(
      FileDigest cp, internal::WriteHashedFile(Path(internal::kCheckpointPath), state.checkpoint));
  AddPayload(internal::kCheckpointPath, cp);
  VKA_ASSIGN_OR_RETURN(FileDigest key,
                       internal::WriteHashedFile(Path(internal::kVerifierKeyPath), vkey + "\n"));
  AddPayload(internal::kVerifierKeyPath, key);
  return base::OkStatus();
}

base::Status BagWriter::ProveChunk(std::vector<PendingLeaf>::const_iterator begin,
                                   std::vector<PendingLeaf>::const_iterator end,
                                   internal::HashingFile& out, MemoHashReader& memo) const {
  auto env = evidence::NewPosixLogEnv();
  evidence::TileReader tiles(env.get(), (ws_.dir() / "log").string(), checkpoint_.size);
  memo.Reset(&tiles);
  const evidence::HashReader& reader = memo;
  for (auto it = begin; it != end; ++it) {
    internal::ProofLine line{it->record,
                             it->rev,
                             it->salt,
                             it->evidence,
                             it->entry,
                             it->seq,
                             evidence::LeafHash(it->entry),
                             {},
                             checkpoint_.size};
    VKA_ASSIGN_OR_RETURN(line.proof, evidence::InclusionProof(reader, it->seq, checkpoint_.size));
    // Check before publishing: a bag must never carry a proof that fails.
    base::Status ok = evidence::VerifyInclusion(it->seq, checkpoint_.size, line.leaf_hash,
                                                line.proof, checkpoint_.root);
    if (!ok.ok()) {
      return base::DataLossError("log leaf " + std::to_string(it->seq) + " (" + it->ref +
                                 "): the log's tiles do not prove it (run `vka verify`)");
    }
    VKA_ASSIGN_OR_RETURN(std::string text, internal::FormatProofLine(line));
    VKA_RETURN_IF_ERROR(out.Write(text + "\n"));
  }
  return base::OkStatus();
}

base::Status BagWriter::WriteProofs() {
  for (PendingLeaf& leaf : leaves_) {
    VKA_ASSIGN_OR_RETURN(auto found, ws_.store().LeavesFor(leaf.ref));
    if (found.empty()) {
      return base::DataLossError("no log leaf commits to " + leaf.ref + " (run `vka verify`)");
    }
    if (found.front().entry != leaf.entry) {
      return base::DataLossError(leaf.ref + " no longer matches its log leaf " +
                                 std::to_string(found.front().seq) + " (run `vka verify`)");
    }
    leaf.seq = static_cast<uint64_t>(found.front().seq);
    if (leaf.seq >= checkpoint_.size) {
      return base::UnavailableError("the log grew while the bag was written; export again");
    }
  }
  std::sort(leaves_.begin(), leaves_.end(),
            [](const PendingLeaf& a, const PendingLeaf& b) { return a.seq < b.seq; });
  VKA_ASSIGN_OR_RETURN(auto out, internal::HashingFile::Create(Path(internal::kProofsPath)));
  MemoHashReader memo;
  for (size_t start = 0; start < leaves_.size(); start += kProofsPerReader) {
    size_t end = std::min(leaves_.size(), start + kProofsPerReader);
    VKA_RETURN_IF_ERROR(ProveChunk(leaves_.begin() + static_cast<ptrdiff_t>(start),
                                   leaves_.begin() + static_cast<ptrdiff_t>(end), *out, memo));
  }
  VKA_ASSIGN_OR_RETURN(FileDigest digest, out->Finish());
  AddPayload(internal::kProofsPath, digest);
  return base::OkStatus();
}

std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

base::Status BagWriter::WriteTagFiles() {
  const std::string name = OneLine(ws_.config().name);
  internal::TagList info = {
      {std::string(internal::kSourceOrganization), name},
      {std::string(internal::kBaggingDate), base::NowRfc3339().substr(0, kDateChars)},
      {std::string(internal::kPayloadOxum),
       std::to_string(payload_bytes_) + "." + std::to_string(payload_.size())},
      {std::string(internal::kExternalDescription),
       OneLine("vka archival bag of " + scope_.description + " of workspace \"" + name +
               "\": " + std::to_string(scope_.records.size()) + " records and " +
               std::to_string(scope_.evidence.size()) +
               " evidence files, each with an inclusion proof in transparency log " +
               checkpoint_.origin + " at size " + std::to_string(checkpoint_.size) +
               " (data/log/)")},
      {std::string(internal::kBagSoftwareAgent), "vka " VKA_VERSION},
  };
  std::vector<ManifestEntry> tags;
  auto write = [&](std::string_view rel, const std::string& text) -> base::Status {
    VKA_ASSIGN_OR_RETURN(FileDigest d, internal::WriteHashedFile(Path(rel), text));
    tags.push_back({d.sha256, std::string(rel)});
    return base::OkStatus();
  };
  VKA_RETURN_IF_ERROR(write(internal::kBagitTxt, std::string(internal::kBagitTxtContents)));
  VKA_RETURN_IF_ERROR(write(internal::kBagInfoTxt, internal::FormatTagFile(info)));
  VKA_RETURN_IF_ERROR(write(internal::kManifestTxt, internal::FormatManifest(payload_)));
  return internal::WriteHashedFile(Path(internal::kTagManifestTxt), internal::FormatManifest(tags))
      .status();
}

base::Status BagWriter::SyncFolders() {
  std::error_code ec;
  if (fs::exists(Path(internal::kEvidenceDir), ec)) {
    VKA_RETURN_IF_ERROR(internal::SyncDir(Path(internal::kEvidenceDir)));
  }
  VKA_RETURN_IF_ERROR(internal::SyncDir(Path(internal::kLogDir)));
  VKA_RETURN_IF_ERROR(internal::SyncDir(Path(internal::kDataDir)));
  return internal::SyncDir(root_);
}

// Renames the finished folder into place without ever replacing anything.
base::Status Publish(base::TempFolder& temp, const fs::path& dir) {
  if (::renameat2(AT_FDCWD, temp.path().c_str(), AT_FDCWD, dir.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) return base::AlreadyExistsError("'" + dir.string() + "' already exists");
    return base::IOError("rename " + temp.path().string() + " to " + dir.string() + ": " +
                         ErrnoText());
  }
  temp.Release();
  fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  return internal::SyncDir(parent);
}

// Copying evidence files into a bag is a custody event of each (as `vka
// evidence get` is).
base::Status RecordExported(Workspace& ws, const std::vector<std::string>& files,
                            const fs::path& dir, const ChangeContext& context) {
  if (files.empty()) return base::OkStatus();
  VKA_ASSIGN_OR_RETURN(auto writer, RecordWriter::Begin(ws, context));
  for (const std::string& sha : files) {
    base::Json body = {{"kind", "custody_event"},
                       {"evidence", sha},
                       {"action", "exported"},
                       {"actor", context.actor.empty() ? "unknown" : context.actor},
                       {"date", writer->at().substr(0, kDateChars)},
                       {"purpose", "archival bag " + dir.filename().string()}};
    VKA_ASSIGN_OR_RETURN(WriteOutcome outcome, writer->Create(std::move(body), "bag export"));
    if (!outcome.ok())
      return base::InternalError("custody event rejected: " + DescribeErrors(outcome.errors));
  }
  VKA_ASSIGN_OR_RETURN(auto dangling, writer->Finish());
  if (!dangling.empty()) return base::InternalError("custody event has a dangling reference");
  return writer->Commit();
}

base::Result<fs::path> CheckTarget(const std::string& given) {
  fs::path dir = fs::path(given).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "bag/" -> "bag"
  if (dir.empty()) return base::InvalidArgumentError("--bag needs a folder name");
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    return base::AlreadyExistsError("'" + dir.string() +
                                    "' already exists: a bag is written to a new folder");
  }
  fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  if (!fs::is_directory(parent, ec)) {
    return base::NotFoundError("no folder '" + parent.string() + "' to write the bag in");
  }
  return dir;
}

internal::ScopeRequest ScopeOf(const BagExportOptions& options) {
  internal::ScopeRequest request;
  if (options.situation) {
    request.mode = internal::ScopeRequest::Mode::kSituation;
    request.situation = *options.situation;
  } else if (options.ids_file) {
    request.mode = internal::ScopeRequest::Mode::kIds;
    request.ids_file = *options.ids_file;
  }
  return request;
}

}  // namespace

base::Result<BagExportSummary> ExportBag(Workspace& ws, const BagExportOptions& options,
                                         const ChangeContext& context) {
  if (options.situation && options.ids_file) {
    return base::InvalidArgumentError("give --situation or --ids, not both");
  }
  VKA_ASSIGN_OR_RETURN(fs::path dir, CheckTarget(options.dir));
  VKA_ASSIGN_OR_RETURN(internal::BagScope scope, internal::ComputeBagScope(ws, ScopeOf(options)));
  VKA_ASSIGN_OR_RETURN(auto temp, base::TempFolder::CreateBeside(dir, kBagDirMode));
  std::error_code ec;
  if (!fs::create_directory(temp->path() / "data", ec)) {
    return base::IOError("create " + (temp->path() / "data").string() + ": " + ec.message());
  }
  BagWriter writer(ws, options, scope, temp->path());
  VKA_RETURN_IF_ERROR(writer.WriteRecords());
  VKA_RETURN_IF_ERROR(writer.CopyEvidence());
  VKA_RETURN_IF_ERROR(writer.WriteCustody());
  VKA_RETURN_IF_ERROR(writer.WriteLog());
  VKA_RETURN_IF_ERROR(writer.WriteProofs());
  VKA_RETURN_IF_ERROR(writer.WriteTagFiles());
  VKA_RETURN_IF_ERROR(writer.SyncFolders());
  VKA_RETURN_IF_ERROR(Publish(*temp, dir));
  VKA_RETURN_IF_ERROR(RecordExported(ws, scope.evidence, dir, context)
                          .WithContext("the bag is complete in '" + dir.string() +
                                       "', but the \"exported\" custody events were not recorded"));
  return writer.summary();
}

}  // namespace vka::app
