// `vka keys list` and `vka keys rotate`: the data keys that seal sensitive
// fields at rest (app/keys.h, docs/formats/encryption.md).

#include <cstdio>

#include "app/keys.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

std::string RenderKeys(const app::DataKeyReport& report) {
  if (report.keys.empty()) {
    return "no data key: this workspace was created by an older vka; run `vka keys rotate` "
           "to create one and encrypt its sensitive fields\n";
  }
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-16s  %-8s  %-24s  %-24s  %13s  %s\n", "KEY", "STATE",
                "CREATED", "RETIRED", "SEALED VALUES", "FILE");
  out += line;
  for (const app::DataKeyStatus& key : report.keys) {
    const bool current = key.info.retired_at.empty();
    std::snprintf(line, sizeof line, "%-16s  %-8s  %-24s  %-24s  %13lld  %s\n",
                  key.info.id.c_str(), current ? "current" : "retired",
                  key.info.created_at.c_str(), current ? "-" : key.info.retired_at.c_str(),
                  static_cast<long long>(key.info.sealed_values),
                  key.file_present ? ("keys/data-" + key.info.id + ".key").c_str()
                                   : (current || key.info.sealed_values ? "MISSING" : "removed"));
    out += line;
  }
  for (const std::string& id : report.unknown_files) {
    out += "keys/data-" + id +
           ".key: not known to the database (left by an interrupted rotation; "
           "it seals nothing)\n";
  }
  return out;
}

std::string RenderRotation(const app::KeyRotation& rotation) {
  std::string out = "new data key " + rotation.key_id + " (keys/data-" + rotation.key_id +
                    ".key)\n";
  out += "re-encrypted " + std::to_string(rotation.result.resealed) + " sealed values\n";
  if (rotation.result.sealed_plaintext > 0) {
    out += "encrypted " + std::to_string(rotation.result.sealed_plaintext) +
           " sensitive values an older vka had stored in clear\n";
  }
  for (const std::string& id : rotation.result.retired) {
    bool removed = false;
    for (const std::string& r : rotation.removed) removed |= r == id;
    out += "retired key " + id + (removed ? " (file removed)\n" : "\n");
  }
  if (!rotation.result.wal_truncated) {
    out += "note: another process was reading the workspace, so old pages may stay in "
           "vka.db-wal until its next checkpoint\n";
  }
  out += "back up keys/data-" + rotation.key_id +
         ".key apart from the workspace: without it the sensitive fields cannot be read\n";
  return out;
}

}  // namespace

void SetupKeys(CLI::App& keys, Globals& g) {
  keys.require_subcommand(1);
  CLI::App* list = keys.add_subcommand("list", "List the data keys, their state and files");
  list->callback([&g] {
    g.action = [&g]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::DataKeyReport report, app::ListDataKeys(*ws));
      return Print(RenderKeys(report));
    };
  });
  CLI::App* rotate = keys.add_subcommand(
      "rotate",
      "Make a new data key, re-encrypt every sensitive value with it (and encrypt those an "
      "older vka stored in clear), and remove the old key's file");
  rotate->callback([&g] {
    g.action = [&g]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::KeyRotation rotation, app::RotateDataKey(*ws));
      return Print(RenderRotation(rotation));
    };
  });
}

}  // namespace vka::cli
