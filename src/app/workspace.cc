#include "app/workspace.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>


#include "app/files.h"
#include "app/keys.h"
#include "app/log.h"
#include "base/ulid.h"
#include "base/clock.h"
#include "base/toml.h"
#include "storage/sqlite_accounts.h"
#include "storage/sqlite_store.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

constexpr char kConfigFile[] = "vka.toml";
constexpr char kDatabaseFile[] = "vka.db";

std::string QuoteToml(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

std::string RenderConfig(const WorkspaceConfig& c) {
  std::ostringstream out;
  out << "# vka workspace settings (see README.md and docs/ARCHITECTURE.md)\n"
      << "name = " << QuoteToml(c.name) << "\n"
      << "format_version = " << c.format_version << "\n"
      << "created = " << QuoteToml(c.created) << "\n"
      << "languages = [";
  for (size_t i = 0; i < c.languages.size(); ++i) {
    out << (i ? ", " : "") << QuoteToml(c.languages[i]);
  }
  out << "]\n\n[log]\n"
      << "# The transparency log's name: the origin line of its checkpoints.\n"
      << "origin = " << QuoteToml(c.log_origin) << "\n"
      << "key = \"keys/log.key\"\n\n[legal]\n"
      << "# The standard of proof the case matrix measures evidence against.\n"
      << "standard_of_proof = " << QuoteToml(c.standard_of_proof) << "\n"
      << "# The criteria are the standard's (data/legal/standards.toml) unless set here:\n"
      << "# min_origins = 2, max_reliability = \"B\", max_credibility = 2\n";
  return out.str();
}

base::Result<WorkspaceConfig> ParseConfig(const std::string& text, const std::string& origin) {
  VKA_ASSIGN_OR_RETURN(toml::table table, base::ParseToml(text, origin));
  WorkspaceConfig c;
  auto name = table["name"].value<std::string>();
  if (!name || name->empty()) {
    return base::InvalidArgumentError(origin + ": \"name\" is missing or empty");
  }
  c.name = *name;
  c.format_version = table["format_version"].value_or<int64_t>(1);
  c.created = table["created"].value_or<std::string>("");
  c.log_origin = table["log"]["origin"].value_or<std::string>("");
  if (c.log_origin.empty()) return base::InvalidArgumentError(origin + ": [log] origin is missing");
  c.standard_of_proof = table["legal"]["standard_of_proof"].value_or<std::string>(
      "reasonable_grounds");
  c.min_origins = static_cast<int>(table["legal"]["min_origins"].value_or<int64_t>(0));
  if (c.min_origins < 0 || c.min_origins > 1000) {
    return base::InvalidArgumentError(origin + ": [legal] min_origins must be between 1 and 1000");
  }
  const std::string reliability = table["legal"]["max_reliability"].value_or<std::string>("");
  if (!reliability.empty()) {
    if (reliability.size() != 1 || reliability[0] < 'A' || reliability[0] > 'F') {
      return base::InvalidArgumentError(origin + ": [legal] max_reliability must be one of A-F");
    }
    c.max_reliability = reliability[0];
  }
  c.max_credibility = static_cast<int>(table["legal"]["max_credibility"].value_or<int64_t>(0));
  if (c.max_credibility < 0 || c.max_credibility > 6) {
    return base::InvalidArgumentError(origin + ": [legal] max_credibility must be between 1 and 6");
  }
  if (auto* langs = table["languages"].as_array()) {
    c.languages.clear();
    for (const auto& l : *langs) {
      if (auto s = l.value<std::string>()) c.languages.push_back(*s);
    }
  }
  return c;
}

base::Status LoadWorkspaceVocabulary(const fs::path& dir, model::VocabularySet& vocab) {
  std::error_code ec;
  fs::path vocab_dir = dir / "vocab";
  if (!fs::is_directory(vocab_dir, ec)) return base::OkStatus();
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(vocab_dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(file));
    VKA_ASSIGN_OR_RETURN(model::Vocabulary extra, model::ParseVocabulary(text, file.string()));
    VKA_RETURN_IF_ERROR(vocab.Extend(extra).WithContext(file.string()));
  }
  return base::OkStatus();
}

base::Status MakeLayout(const fs::path& dir) {
  for (const char* sub : {"blobs/sha256", "log", "keys", "vocab"}) {
    std::error_code ec;
    fs::create_directories(dir / sub, ec);
    if (ec) return base::IOError("create " + (dir / sub).string() + ": " + ec.message());
  }
  if (::chmod((dir / "keys").c_str(), 0700) != 0) {
    return base::IOError("chmod " + (dir / "keys").string());
  }
  return base::OkStatus();
}

}  // namespace

base::Result<std::unique_ptr<Workspace>> Workspace::Init(const fs::path& dir,
                                                         const std::string& name) {
  if (name.empty()) return base::InvalidArgumentError("a workspace needs a --name");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return base::AlreadyExistsError(dir.string() + " exists and is not empty");
  }
  VKA_RETURN_IF_ERROR(MakeLayout(dir));
  WorkspaceConfig config;
  config.name = name;
  config.created = base::NowRfc3339();
  std::string ulid = base::NewUlid();
  std::transform(ulid.begin(), ulid.end(), ulid.begin(), ::tolower);
  config.log_origin = "vka.invalid/log/" + ulid;  // unique; .invalid: names no real host
  VKA_RETURN_IF_ERROR(CreateLogKey(dir, config.log_origin));
  VKA_RETURN_IF_ERROR(WriteFileAtomically(dir / kConfigFile, RenderConfig(config)));
  storage::OpenOptions options;
  options.create_if_missing = true;
  VKA_ASSIGN_OR_RETURN(auto store, storage::SqliteStore::Open((dir / kDatabaseFile).string(),
                                                              options));
  store.reset();
  VKA_ASSIGN_OR_RETURN(auto ws, Open(dir));
  // The first data key, which seals sensitive fields (app/keys.h).
  VKA_RETURN_IF_ERROR(RotateDataKey(*ws).status());
  return ws;
}

base::Result<std::unique_ptr<Workspace>> Workspace::Open(const fs::path& dir) {
  fs::path config_path = dir / kConfigFile;
  std::error_code ec;
  if (!fs::exists(config_path, ec)) {
    return base::NotFoundError(dir.string() + " is not a vka workspace (no vka.toml); create one with `vka init DIR --name NAME`");
  }
  auto ws = std::unique_ptr<Workspace>(new Workspace());
  ws->dir_ = dir;
  VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(config_path));
  VKA_ASSIGN_OR_RETURN(ws->config_, ParseConfig(text, config_path.string()));
  VKA_ASSIGN_OR_RETURN(ws->vocab_, model::VocabularySet::BuiltIn());
  VKA_RETURN_IF_ERROR(LoadWorkspaceVocabulary(dir, ws->vocab_));
  storage::OpenOptions options;
  options.create_if_missing = false;
  options.data_keys = DataKeyFileLoader(dir);
  VKA_ASSIGN_OR_RETURN(auto store,
                       storage::SqliteStore::Open((dir / kDatabaseFile).string(), options));
  ws->store_ = std::move(store);
  return ws;
}

base::Result<storage::AccountStore*> Workspace::accounts() {
  if (!accounts_) {
    VKA_ASSIGN_OR_RETURN(accounts_,
                         storage::OpenSqliteAccountStore((dir_ / kDatabaseFile).string()));
  }
  return accounts_.get();
}

base::Result<fs::path> Workspace::Locate(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return fs::path(*flag);
  if (const char* env = std::getenv("VKA_WORKSPACE"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec && fs::exists(cwd / kConfigFile, ec)) return cwd;
  return base::NotFoundError(
      "no workspace: pass --workspace DIR, set VKA_WORKSPACE, or run inside a workspace "
      "folder (create one with `vka init DIR --name NAME`)");
}

}  // namespace vka::app
