// The checkpoint history: log/checkpoints/<size> (app/internal/checkpoint_history.h).

#include "app/internal/checkpoint_history.h"

#include <algorithm>

#include "app/files.h"
#include "app/log.h"
#include "evidence/log_env.h"
#include "evidence/tiles.h"

namespace vka::app::internal {
namespace fs = std::filesystem;

namespace {

std::string Where(uint64_t size) {
  return "log/" + std::string(evidence::kCheckpointHistoryDir) + "/" + std::to_string(size);
}

// Creates log/checkpoints if needed; the first time, fsyncs the log folder
// so that the new folder's entry is durable.
base::Status MakeHistoryDir(const fs::path& log_dir) {
  std::error_code ec;
  const fs::path dir = log_dir / evidence::kCheckpointHistoryDir;
  const bool created = fs::create_directory(dir, ec);
  if (ec) return base::IOError("create " + dir.string() + ": " + ec.message());
  return created ? SyncDirectory(log_dir) : base::OkStatus();
}

}  // namespace

fs::path StoredCheckpointPath(const fs::path& log_dir, uint64_t size) {
  return log_dir / evidence::kCheckpointHistoryDir / std::to_string(size);
}

base::Status KeepCheckpoint(const fs::path& log_dir, const evidence::Checkpoint& checkpoint,
                            const std::string& note, const evidence::NoteVerifier& key) {
  const fs::path path = StoredCheckpointPath(log_dir, checkpoint.size);
  auto existing = ReadSmallFile(path);
  if (existing.ok()) {
    evidence::StoredCheckpoint stored{Where(checkpoint.size), checkpoint.size, *existing};
    VKA_ASSIGN_OR_RETURN(evidence::Checkpoint kept, evidence::OpenStoredCheckpoint(stored, key));
    if (kept == checkpoint) return base::OkStatus();
    return base::DataLossError(stored.where + " holds another checkpoint of that size (root " +
                               base::HexLower(kept.root) + ", the log's is " +
                               base::HexLower(checkpoint.root) + "): a different history");
  }
  if (existing.status().code() != base::StatusCode::kNotFound) return existing.status();
  VKA_RETURN_IF_ERROR(MakeHistoryDir(log_dir));
  return WriteFileAtomically(path, note);
}

base::Result<std::vector<evidence::StoredCheckpoint>> ReadCheckpointHistory(const fs::path& log_dir) {
  std::vector<evidence::StoredCheckpoint> history;
  const fs::path dir = log_dir / evidence::kCheckpointHistoryDir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return history;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    const std::string where = "log/" + std::string(evidence::kCheckpointHistoryDir) + "/" + name;
    auto size = evidence::ParseHistoryName(name);
    if (!size || !entry.is_regular_file(ec)) {
      return base::DataLossError(where + ": not a checkpoint size (a file added to the history)");
    }
    VKA_ASSIGN_OR_RETURN(std::string note, ReadSmallFile(entry.path()));
    history.push_back({where, *size, std::move(note)});
  }
  if (ec) return base::IOError("list " + dir.string() + ": " + ec.message());
  std::sort(history.begin(), history.end(),
            [](const auto& a, const auto& b) { return a.size < b.size; });
  return history;
}

base::Result<std::string> VerifyCheckpointHistory(const fs::path& log_dir,
                                                  const evidence::NoteVerifier& key,
                                                  const evidence::Checkpoint& latest) {
  VKA_ASSIGN_OR_RETURN(auto history, ReadCheckpointHistory(log_dir));
  auto env = evidence::NewPosixLogEnv();
  evidence::TileReader tree(env.get(), log_dir.string(), latest.size);
  VKA_ASSIGN_OR_RETURN(size_t checked,
                       evidence::CheckCheckpointHistory(history, key, latest, tree));
  const std::string sizes = checked == 1 ? " checkpoint (size " + std::to_string(latest.size)
                                          : " checkpoints (sizes " +
                                                std::to_string(history.front().size) + " to " +
                                                std::to_string(latest.size);
  return std::to_string(checked) + " stored" + sizes +
         "): each signed by the workspace key and consistent with the log\n";
}

}  // namespace vka::app::internal

namespace vka::app {
namespace {

// " (stored sizes nearest to 7: 5 and 9)", for the not-found message.
std::string NearestSizes(const std::filesystem::path& log_dir, uint64_t size, uint64_t latest) {
  auto history = internal::ReadCheckpointHistory(log_dir);
  if (!history.ok() || history->empty()) return " (the latest is of size " + std::to_string(latest) + ")";
  std::string below, above;
  for (const auto& stored : *history) {
    if (stored.size < size) below = std::to_string(stored.size);
    if (stored.size > size && above.empty()) above = std::to_string(stored.size);
  }
  return " (stored sizes nearest to " + std::to_string(size) + ": " + below +
         (below.empty() || above.empty() ? "" : " and ") + above + ")";
}

}  // namespace

base::Result<std::string> StoredCheckpointNote(Workspace& ws, uint64_t size) {
  VKA_ASSIGN_OR_RETURN(LogState state, CurrentCheckpoint(ws));  // keeps the latest if new
  const std::filesystem::path log_dir = ws.dir() / "log";
  auto note = ReadSmallFile(internal::StoredCheckpointPath(log_dir, size));
  if (note.status().code() == base::StatusCode::kNotFound) {
    return base::NotFoundError("no checkpoint of size " + std::to_string(size) +
                               " is stored under log/checkpoints/" +
                               NearestSizes(log_dir, size, state.size));
  }
  VKA_RETURN_IF_ERROR(note.status());
  VKA_ASSIGN_OR_RETURN(std::string vkey, LogVerifierKey(ws));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier key, evidence::NoteVerifier::Parse(vkey));
  evidence::StoredCheckpoint stored{"log/checkpoints/" + std::to_string(size), size, *note};
  VKA_RETURN_IF_ERROR(evidence::OpenStoredCheckpoint(stored, key).status());
  return *note;
}

}  // namespace vka::app
