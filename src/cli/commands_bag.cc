// `vka export --bag DIR [--situation ID | --ids FILE]` and
// `vka import --bag DIR [--dry-run] [--expect-key VKEY]`: archival BagIt bags (app/bag.h,
// docs/formats/bag.md). The flags are added to the export and import
// subcommands of commands_data.cc, whose callbacks call the hooks first.

#include <cstdio>

#include "app/bag.h"
#include "cli/command.h"
#include "cli/progress_bar.h"

namespace vka::cli {
namespace {

// Sets an action that fails with `message` (for flag combinations that
// CLI11 cannot express); returns true, as a hook that took over does.
bool Refuse(Globals& g, std::string message) {
  g.action = [message] { return base::InvalidArgumentError(message); };
  return true;
}

// The first of `names` that was given on the command line, or nullptr.
const char* GivenFlag(CLI::App& app, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (app.get_option(name)->count() > 0) return name;
  }
  return nullptr;
}

base::Status RunExport(Globals& g, app::BagExportOptions options) {
  VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
  app::BagExportSummary s;
  {  // the bar ends its line before the summary is printed
    ProgressBar bar("bag", /*bytes=*/true);
    options.progress = bar.AsFn();
    VKA_ASSIGN_OR_RETURN(s, app::ExportBag(*ws, options, g.Context("archival bag export")));
  }
  std::fprintf(stderr,
               "wrote bag %s: %lld records, %lld evidence files, %llu payload bytes; "
               "inclusion proofs against the checkpoint of size %llu (root %s)\n",
               options.dir.c_str(), static_cast<long long>(s.records),
               static_cast<long long>(s.evidence_files),
               static_cast<unsigned long long>(s.payload_bytes),
               static_cast<unsigned long long>(s.tree_size), s.root.c_str());
  return base::OkStatus();
}

base::Status RunImport(Globals& g, app::BagImportOptions options, const std::string& reason) {
  VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
  app::BagImportSummary s;
  {
    ProgressBar bar("bag", /*bytes=*/true);
    options.progress = bar.AsFn();
    VKA_ASSIGN_OR_RETURN(s, app::ImportBag(*ws, options, g.Context(reason)));
  }
  const char* organisation =
      s.source_organization.empty() ? "the bag's organisation" : s.source_organization.c_str();
  std::printf(
      "bag verified: every checksum, the checkpoint signature and the inclusion proof of every "
      "record and evidence file (log %s, size %llu, root %s)\n"
      "signed by %s\n",
      s.origin.c_str(), static_cast<unsigned long long>(s.tree_size), s.root.c_str(),
      s.verifier_key.c_str());
  if (options.expect_key) {
    std::printf("  the key you expected (--expect-key)\n");
  } else {
    std::printf("  compare this key with the one %s published\n", organisation);
    std::fprintf(stderr,
                 "warning: the bag's key was not checked against an expected key (--expect-key); "
                 "compare it out of band with the one %s published: %s\n",
                 organisation, s.verifier_key.c_str());
  }
  if (options.dry_run) {
    std::printf("valid: would import %lld records (%lld already present)\n",
                static_cast<long long>(s.records), static_cast<long long>(s.records_present));
    return base::OkStatus();
  }
  std::printf(
      "imported %lld records (%lld already present), %lld evidence files (%lld already present)\n",
      static_cast<long long>(s.records), static_cast<long long>(s.records_present),
      static_cast<long long>(s.evidence_files), static_cast<long long>(s.evidence_present));
  return base::OkStatus();
}

}  // namespace

BagHook SetupExportBag(CLI::App& sub, Globals& g) {
  auto dir = std::make_shared<std::string>();
  auto situation = std::make_shared<std::string>();
  auto ids = std::make_shared<std::string>();
  CLI::Option* bag = sub.add_option(
      "--bag", *dir,
      "Write an archival BagIt bag (RFC 8493) with inclusion proofs to this new folder");
  CLI::Option* sit =
      sub.add_option("--situation", *situation,
                     "With --bag: only this situation and the records that belong to it");
  CLI::Option* list = sub.add_option(
      "--ids", *ids,
      "With --bag: only the records listed in this file (one id per line) and what they refer to");
  sit->excludes(list);
  CLI::App* app = &sub;
  return [&g, app, bag, sit, list, dir, situation, ids]() -> bool {
    if (bag->count() == 0) {
      return sit->count() + list->count() > 0 && Refuse(g, "--situation and --ids need --bag DIR");
    }
    if (const char* other = GivenFlag(*app, {"--format", "--kind", "--output"})) {
      return Refuse(g, std::string(other) + " does not apply to --bag");
    }
    app::BagExportOptions options;
    options.dir = *dir;
    if (sit->count() > 0) options.situation = *situation;
    if (list->count() > 0) options.ids_file = *ids;
    g.action = [&g, options] { return RunExport(g, options); };
    return true;
  };
}

BagHook SetupImportBag(CLI::App& sub, Globals& g) {
  auto dir = std::make_shared<std::string>();
  CLI::Option* bag = sub.add_option(
      "--bag", *dir, "Import an archival bag after checking it and every proof in it");
  auto key = std::make_shared<std::string>();
  CLI::Option* expect = sub.add_option(
      "--expect-key", *key,
      "With --bag: refuse the bag unless its checkpoint is signed by this verifier key "
      "(as `vka log key` prints it at the source)");
  CLI::App* app = &sub;
  return [&g, app, bag, dir, expect, key]() -> bool {
    const bool files = app->get_option("files")->count() > 0;
    if (bag->count() == 0 && expect->count() > 0) return Refuse(g, "--expect-key needs --bag DIR");
    if (bag->count() == 0) return !files && Refuse(g, "give files to import, or --bag DIR");
    if (files) return Refuse(g, "--bag takes no files: the bag holds them");
    if (const char* other = GivenFlag(*app, {"--mapping", "--kind", "--report"})) {
      return Refuse(g, std::string(other) + " does not apply to --bag");
    }
    CLI::Option* reason_flag = app->get_option("--reason");
    std::string reason =
        reason_flag->count() > 0 ? reason_flag->as<std::string>() : "import from archival bag";
    app::BagImportOptions options;
    options.dir = *dir;
    options.dry_run = app->get_option("--dry-run")->count() > 0;
    if (expect->count() > 0) options.expect_key = *key;
    g.action = [&g, options, reason] { return RunImport(g, options, reason); };
    return true;
  };
}

}  // namespace vka::cli
