#pragma once

// A workspace folder (DESIGN.md §4):
//   WORKSPACE/vka.toml   settings (name, languages, standard of proof)
//   WORKSPACE/vka.db     SQLite store of revisions
//   WORKSPACE/blobs/     evidence files (content-addressed)
//   WORKSPACE/log/       the transparency log
//   WORKSPACE/keys/      key files (mode 0700): log.key, data-<id>.key (app/keys.h)
//   WORKSPACE/vocab/     the workspace's own vocabulary terms (*.toml)
//   WORKSPACE/index/     derived search index, rebuilt when missing (app/search.h)

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/vocabulary.h"
#include "storage/accounts.h"
#include "storage/store.h"

namespace vka::app {

struct WorkspaceConfig {
  std::string name;
  std::vector<std::string> languages = {"en", "hy", "ru"};
  std::string standard_of_proof = "reasonable_grounds";
  // Optional overrides of the standard's criteria ([legal] min_origins,
  // max_reliability, max_credibility); 0 keeps the standard's own.
  int min_origins = 0;
  char max_reliability = 0;
  int max_credibility = 0;
  int64_t format_version = 1;
  std::string created;  // RFC 3339 UTC
  std::string log_origin;  // the transparency log's name (checkpoint origin, key name)
};

class Workspace {
 public:
  // Creates a new workspace in dir (created if missing; it must be empty if
  // it exists: kAlreadyExists otherwise), with its log signing key and its
  // first data key (app/keys.h). Returns the opened workspace.
  static base::Result<std::unique_ptr<Workspace>> Init(const std::filesystem::path& dir,
                                                       const std::string& name);

  // Opens an existing workspace. kNotFound if dir has no vka.toml;
  // kInvalidArgument for a malformed vka.toml or workspace vocabulary file
  // (the message names the file and line); kFailedPrecondition for a
  // database from a newer vka.
  static base::Result<std::unique_ptr<Workspace>> Open(const std::filesystem::path& dir);

  // The workspace folder to use: `flag` when given, else $VKA_WORKSPACE,
  // else the current folder when it holds vka.toml. kNotFound otherwise,
  // with a message that says how to name one.
  static base::Result<std::filesystem::path> Locate(const std::optional<std::string>& flag);

  const std::filesystem::path& dir() const { return dir_; }
  const WorkspaceConfig& config() const { return config_; }
  const model::VocabularySet& vocab() const { return vocab_; }
  storage::Store& store() { return *store_; }
  // The account store (users, sessions, audit trail; storage/accounts.h) in
  // vka.db, on a connection of its own opened at first use. Errors as
  // storage::OpenSqliteAccountStore. Not thread-safe, like the workspace.
  base::Result<storage::AccountStore*> accounts();

 private:
  Workspace() = default;

  std::filesystem::path dir_;
  WorkspaceConfig config_;
  model::VocabularySet vocab_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::AccountStore> accounts_;  // opened by accounts()
};

}  // namespace vka::app
