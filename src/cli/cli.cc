#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>

#include "cli/command.h"
#include "cli/exit_codes.h"

namespace vka::cli {
namespace {

constexpr CommandSpec kCommands[] = {
    {"init", "Create a new workspace", SetupInit},
    {"add", "Add a record from JSON", SetupAdd},
    {"edit", "Change fields of a record (writes a new revision)", SetupEdit},
    {"delete", "Delete a record (a tombstone revision; history stays)", SetupDelete},
    {"show", "Show the current revision of a record", SetupShow},
    {"list", "List records of a kind", SetupList},
    {"history", "Show every revision of a record", SetupHistory},
    {"vocab", "List vocabularies, or the terms of one", SetupVocab},
    {"schema", "Show the fields of each record kind", SetupSchema},
    {"import", "Import NDJSON and CSV files, all or nothing", SetupImport},
    {"export", "Export records as NDJSON or CSV", SetupExport},
    {"log", "The transparency log: key, checkpoint, proofs, leaves", SetupLog},
    {"witness", "Witness peer organisations' logs: add, list, cosign", SetupWitness},
    {"verify", "Recompute and check the log and everything it commits to", SetupVerify},
    {"evidence", "Evidence files: add, show, list, get", SetupEvidence},
    {"custody", "Print the chain of custody of an evidence file; record an action in it", SetupCustody},
    {"gen", "Write synthetic person lists with ground truth", SetupGen},
    {"demo", "Create a synthetic demo workspace", SetupDemo},
    {"link", "Record linkage: persons in the workspace (persons, review, accept, reject) and CSV lists (dedupe, match, eval, overlap)", SetupLink},
    {"estimate", "Estimate the undocumented from overlapping lists (multiple systems estimation)", SetupEstimate},
    {"stats", "Patterns of the documented acts: by type, day, place, sex, age, identity", SetupStats},
    {"chart", "Charts of a situation's acts or of an estimate (svg, pdf, png; en, hy, ru)", SetupChart},
    {"legal", "The legal knowledge base: list, show, check", SetupLegal},
    {"suggestions", "List the qualification rules' suggestions", SetupSuggestions},
    {"suggestion", "Accept or reject a suggestion, with a rationale", SetupSuggestion},
    {"annotate", "Link a record to a legal element by hand", SetupAnnotate},
    {"assess", "The case matrix of a situation, or state responsibility", SetupAssess},
    {"report", "Legal documents: dossier, UN communication, shadow report (html, pdf)", SetupReport},
    {"claim", "Reparation claims: add, show, list, edit, transition, history, statement (PDF)", SetupClaim},
    {"claims", "The claims registry: summary, duplicates, duplicate review, gen (synthetic), package (for a commission)", SetupClaims},
    {"serve", "Serve the web UI, the API, the memorial and the log over HTTP(S)", SetupServe},
    {"search", "Full-text search across scripts, filtered by role; --rebuild the index", SetupSearch},
    {"keys", "Data keys that encrypt sensitive fields at rest: list, rotate", SetupKeys},
    {"user", "Web accounts: add, passwd, disable, enable, list, 2fa", SetupUser},
    {"audit", "Query the audit trail (sign-ins, account changes, reads of restricted data)", SetupAudit},
};

std::string DefaultActor() {
  for (const char* var : {"VKA_ACTOR", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return v;
  }
  return "unknown";
}

}  // namespace

base::Result<std::unique_ptr<app::Workspace>> Globals::OpenWorkspace() const {
  VKA_ASSIGN_OR_RETURN(auto dir, app::Workspace::Locate(workspace));
  return app::Workspace::Open(dir);
}

app::ChangeContext Globals::Context(std::string reason) const {
  return {actor, std::move(reason)};
}

base::Result<model::Kind> KindArg(const std::string& name) { return model::ParseKindName(name); }

int Run(int argc, char** argv) {
  CLI::App app{"vka — witness: documentation and accountability for mass atrocities"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vka 0.1.0");
  Globals globals;
  globals.actor = DefaultActor();
  std::string workspace;
  app.add_option("-w,--workspace", workspace,
                 "Workspace folder (default: $VKA_WORKSPACE, or the current folder)");
  app.add_option("--actor", globals.actor, "Who makes changes (default: $VKA_ACTOR or $USER)");
  for (const auto& spec : kCommands) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.help);
    spec.setup(*sub, globals);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!workspace.empty()) globals.workspace = workspace;
  if (!globals.action) return 2;
  base::Status status = globals.action();
  if (!status.ok()) {
    std::fprintf(stderr, "vka: error: %s\n", status.message().c_str());
    return ExitCodeFor(status);
  }
  return 0;
}

}  // namespace vka::cli
