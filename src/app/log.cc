#include "app/log.h"

#include <sys/stat.h>

#include "app/files.h"
#include "app/internal/checkpoint_history.h"
#include "app/internal/log_key.h"
#include "base/sha256.h"
#include "evidence/checkpoint.h"
#include "evidence/key_file.h"
#include "evidence/leaf.h"
#include "evidence/log_env.h"
#include "evidence/merkle.h"
#include "evidence/note.h"
#include "evidence/proof_text.h"
#include "evidence/tiles.h"
#include "evidence/verify.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

// Leaves per tile append: each append writes about 2 files per 256 leaves
// (a tile and an entry bundle) and syncs them once, so a batch bounds the
// memory of the files in flight.
constexpr int64_t kPublishBatch = 65536;

fs::path KeyPath(const fs::path& dir) { return dir / "keys" / "log.key"; }
std::string LogDir(const Workspace& ws) { return (ws.dir() / "log").string(); }

base::Result<evidence::NoteVerifier> LoadVerifier(const Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(evidence::NoteSigner signer, internal::LoadLogSigner(ws));
  return evidence::NoteVerifier::Parse(signer.VerifierKey());
}

// The signed checkpoint on disk, verified; nullopt for a log never published.
base::Result<std::optional<std::pair<evidence::Checkpoint, std::string>>> ReadCheckpoint(
    const Workspace& ws) {
  fs::path path = ws.dir() / "log" / "checkpoint";
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<std::pair<evidence::Checkpoint, std::string>>();
  VKA_ASSIGN_OR_RETURN(std::string note, ReadSmallFile(path));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier verifier, LoadVerifier(ws));
  auto checkpoint = evidence::OpenCheckpoint(note, verifier);
  if (!checkpoint.ok()) {
    return base::DataLossError("log/checkpoint: bad signature or format: " +
                               checkpoint.status().message());
  }
  return std::make_optional(std::make_pair(*checkpoint, note));
}

// Adds the verified latest checkpoint to the history if it is not there
// (a workspace made before the history was kept: it becomes the first entry).
base::Status KeepIfNotInHistory(const Workspace& ws, const evidence::Checkpoint& checkpoint,
                                const std::string& note) {
  std::error_code ec;
  if (fs::exists(internal::StoredCheckpointPath(LogDir(ws), checkpoint.size), ec)) {
    return base::OkStatus();
  }
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier key, LoadVerifier(ws));
  return internal::KeepCheckpoint(LogDir(ws), checkpoint, note, key);
}

std::string Hex(const evidence::Hash& h) { return base::HexLower(h); }

std::string ProofLines(const std::vector<evidence::Hash>& proof) {
  std::string out;
  for (const auto& h : proof) {
    out += Hex(h) + "\n";
  }
  return out;
}

}  // namespace

namespace internal {

base::Result<evidence::NoteSigner> LoadLogSigner(const Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(std::string key, ReadSmallFile(KeyPath(ws.dir())));
  auto signer = evidence::DecodeKeyFile(key, "");
  if (!signer.ok()) return signer.status().WithContext("read " + KeyPath(ws.dir()).string());
  return signer;
}

}  // namespace internal

base::Status CreateLogKey(const fs::path& dir, const std::string& origin) {
  VKA_ASSIGN_OR_RETURN(evidence::NoteSigner signer, evidence::NoteSigner::Generate(origin));
  fs::path path = KeyPath(dir);
  VKA_RETURN_IF_ERROR(WriteFileAtomically(path, evidence::EncodeKeyFile(signer)));
  if (::chmod(path.c_str(), 0600) != 0) return base::IOError("chmod " + path.string());
  return base::OkStatus();
}

base::Result<LogState> PublishLog(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(auto current, ReadCheckpoint(ws));
  const uint64_t published = current ? current->first.size : 0;
  VKA_ASSIGN_OR_RETURN(int64_t committed, ws.store().LeafCount());
  if (current) VKA_RETURN_IF_ERROR(KeepIfNotInHistory(ws, current->first, current->second));
  if (current && static_cast<uint64_t>(committed) == published) {
    return LogState{published, current->second};
  }
  if (static_cast<uint64_t>(committed) < published) {
    return base::DataLossError("log/checkpoint covers " + std::to_string(published) +
                               " leaves but the database holds only " + std::to_string(committed) +
                               ": leaves were removed from the database");
  }
  auto env = evidence::NewPosixLogEnv();
  VKA_ASSIGN_OR_RETURN(auto writer, evidence::LogWriter::Open(env.get(), LogDir(ws), published));
  std::vector<std::string> batch;
  auto flush = [&]() -> base::Status {
    VKA_RETURN_IF_ERROR(writer->Append(batch));
    batch.clear();
    return base::OkStatus();
  };
  VKA_RETURN_IF_ERROR(ws.store().ForEachLeaf(published, [&](const storage::LogLeaf& leaf) {
    batch.push_back(leaf.entry);
    return static_cast<int64_t>(batch.size()) == kPublishBatch ? flush() : base::OkStatus();
  }));
  if (!batch.empty()) VKA_RETURN_IF_ERROR(flush());
  VKA_ASSIGN_OR_RETURN(evidence::NoteSigner signer, internal::LoadLogSigner(ws));
  evidence::Checkpoint checkpoint{ws.config().log_origin, writer->size(), writer->root(), {}};
  VKA_ASSIGN_OR_RETURN(std::string note, evidence::SignCheckpoint(checkpoint, signer));
  VKA_ASSIGN_OR_RETURN(auto key, evidence::NoteVerifier::Parse(signer.VerifierKey()));
  VKA_RETURN_IF_ERROR(internal::KeepCheckpoint(LogDir(ws), checkpoint, note, key));
  VKA_RETURN_IF_ERROR(writer->WriteCheckpoint(note));
  return LogState{writer->size(), note};
}

base::Result<std::string> LogVerifierKey(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(evidence::NoteSigner signer, internal::LoadLogSigner(ws));
  return signer.VerifierKey();
}

base::Result<LogState> CurrentCheckpoint(Workspace& ws) { return PublishLog(ws); }

base::Result<std::string> InclusionProofText(Workspace& ws, uint64_t index,
                                             std::optional<uint64_t> size) {
  VKA_ASSIGN_OR_RETURN(LogState state, PublishLog(ws));
  uint64_t n = size.value_or(state.size);
  if (n > state.size) {
    return base::InvalidArgumentError("--size " + std::to_string(n) + " is beyond the checkpoint (" +
                                      std::to_string(state.size) + " leaves)");
  }
  if (index >= n) {
    return base::InvalidArgumentError("--index " + std::to_string(index) + " is not below the size " +
                                      std::to_string(n));
  }
  auto env = evidence::NewPosixLogEnv();
  evidence::TileReader reader(env.get(), LogDir(ws), state.size);
  VKA_ASSIGN_OR_RETURN(auto proof, evidence::InclusionProof(reader, index, n));
  VKA_ASSIGN_OR_RETURN(std::string entry, reader.ReadEntry(index));
  VKA_ASSIGN_OR_RETURN(evidence::Hash root, evidence::TreeHash(reader, n));
  return "inclusion proof\nindex " + std::to_string(index) + "\nsize " + std::to_string(n) +
         "\nentry " + base::HexLower(reinterpret_cast<const uint8_t*>(entry.data()), entry.size()) +
         "\nleaf hash " + Hex(evidence::LeafHash(entry)) + "\nroot " + Hex(root) + "\n" +
         ProofLines(proof);
}

base::Result<std::string> ConsistencyProofText(Workspace& ws, uint64_t old_size,
                                               std::optional<uint64_t> new_size) {
  VKA_ASSIGN_OR_RETURN(LogState state, PublishLog(ws));
  uint64_t n = new_size.value_or(state.size);
  if (n > state.size || old_size > n) {
    return base::InvalidArgumentError("need --old <= --new <= " + std::to_string(state.size));
  }
  auto env = evidence::NewPosixLogEnv();
  evidence::TileReader reader(env.get(), LogDir(ws), state.size);
  VKA_ASSIGN_OR_RETURN(auto proof, evidence::ConsistencyProof(reader, old_size, n));
  VKA_ASSIGN_OR_RETURN(evidence::Hash old_root, evidence::TreeHash(reader, old_size));
  VKA_ASSIGN_OR_RETURN(evidence::Hash new_root, evidence::TreeHash(reader, n));
  return evidence::FormatConsistencyProof({old_size, old_root, n, new_root, std::move(proof)});
}

base::Result<std::string> DescribeLeaf(Workspace& ws, const std::string& ref) {
  std::string full = ref;
  if (ref.find('@') == std::string::npos) {
    VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(ref));
    if (!latest) return base::NotFoundError("no record " + ref);
    full = ref + "@" + std::to_string(latest->rev);
  }
  VKA_ASSIGN_OR_RETURN(auto leaves, ws.store().LeavesFor(full));
  if (leaves.empty()) return base::NotFoundError("no log leaf commits to " + full);
  std::string out = full + " is committed by log leaf " + std::to_string(leaves[0].seq) + "\n";
  VKA_ASSIGN_OR_RETURN(std::string proof, InclusionProofText(ws, leaves[0].seq, std::nullopt));
  return out + proof;
}

}  // namespace vka::app
