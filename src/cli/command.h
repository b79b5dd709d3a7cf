#pragma once

// What every subcommand shares: global flags, and the hook that runs the
// parsed command.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::cli {

struct Globals {
  std::optional<std::string> workspace;  // --workspace
  std::string actor;                     // --actor
  std::function<base::Status()> action;  // set by the chosen subcommand

  // Opens the workspace named by --workspace / VKA_WORKSPACE / cwd.
  base::Result<std::unique_ptr<app::Workspace>> OpenWorkspace() const;
  app::ChangeContext Context(std::string reason = "") const;
};

struct CommandSpec {
  const char* name;
  const char* help;
  void (*setup)(CLI::App& sub, Globals& globals);
};

// Registration functions, one per file (the table is in cli.cc).
void SetupInit(CLI::App& sub, Globals& g);
void SetupAdd(CLI::App& sub, Globals& g);
void SetupEdit(CLI::App& sub, Globals& g);
void SetupDelete(CLI::App& sub, Globals& g);
void SetupShow(CLI::App& sub, Globals& g);
void SetupList(CLI::App& sub, Globals& g);
void SetupHistory(CLI::App& sub, Globals& g);
void SetupVocab(CLI::App& sub, Globals& g);
void SetupSchema(CLI::App& sub, Globals& g);
void SetupImport(CLI::App& sub, Globals& g);
void SetupExport(CLI::App& sub, Globals& g);
void SetupGen(CLI::App& sub, Globals& g);
void SetupDemo(CLI::App& sub, Globals& g);
void SetupLink(CLI::App& sub, Globals& g);
void SetupEstimate(CLI::App& sub, Globals& g);
void SetupStats(CLI::App& sub, Globals& g);
void SetupChart(CLI::App& sub, Globals& g);
void SetupLog(CLI::App& sub, Globals& g);
// commands_witness.cc: `vka witness`, `log cosignatures` (added to the group
// SetupLog builds) and the text of `log checkpoint --with-cosignatures`.
void SetupWitness(CLI::App& sub, Globals& g);
void SetupLogCosignatures(CLI::App& log, Globals& g);
base::Result<std::string> CosignedCheckpointText(app::Workspace& ws);
void SetupVerify(CLI::App& sub, Globals& g);
void SetupEvidence(CLI::App& sub, Globals& g);
void SetupCustody(CLI::App& sub, Globals& g);
void SetupLegal(CLI::App& sub, Globals& g);
void SetupSuggestions(CLI::App& sub, Globals& g);
void SetupSuggestion(CLI::App& sub, Globals& g);
void SetupAnnotate(CLI::App& sub, Globals& g);
void SetupAssess(CLI::App& sub, Globals& g);
void SetupReport(CLI::App& sub, Globals& g);
void SetupClaim(CLI::App& sub, Globals& g);
void SetupClaims(CLI::App& sub, Globals& g);
// commands_claims_out.cc: `claim statement` and `claims package`, added to
// the groups SetupClaim and SetupClaims build.
void SetupClaimStatement(CLI::App& claim, Globals& g);
void SetupClaimsPackage(CLI::App& claims, Globals& g);
void SetupServe(CLI::App& sub, Globals& g);
void SetupSearch(CLI::App& sub, Globals& g);
void SetupKeys(CLI::App& sub, Globals& g);
void SetupUser(CLI::App& sub, Globals& g);
void SetupAudit(CLI::App& sub, Globals& g);

// commands_bag.cc: adds --bag (and its scope flags) to `export` / `import`.
// The subcommand's callback calls the hook first; true means the hook has
// set globals.action (a bag command, or an error) and the callback returns.
using BagHook = std::function<bool()>;
BagHook SetupExportBag(CLI::App& sub, Globals& g);
BagHook SetupImportBag(CLI::App& sub, Globals& g);

// Parses "kind" for a flag; kInvalidArgument lists the kinds.
base::Result<model::Kind> KindArg(const std::string& name);

}  // namespace vka::cli
