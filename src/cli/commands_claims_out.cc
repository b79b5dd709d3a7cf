// Outputs of the reparations registry (docs/claims.md "Outputs"):
// `vka claim statement` (the claimant's PDF statement) and `vka claims
// package` (CSV, NDJSON and a BagIt bag for a claims commission or court).
// Added to the `claim` and `claims` groups of commands_claims.cc.

#include <cstdio>

#include "app/claims_outputs.h"
#include "cli/command.h"
#include "cli/progress_bar.h"
#include "cli/render.h"

namespace vka::cli {

void SetupClaimStatement(CLI::App& claim, Globals& g) {
  CLI::App* sub = claim.add_subcommand(
      "statement",
      "Write the claimant's statement of a claim as a PDF (English, Armenian or Russian)");
  auto options = std::make_shared<app::StatementOptions>();
  auto out = std::make_shared<std::string>();
  sub->add_option("id", options->id, "Claim id (clm_…)")->required();
  sub->add_option(
         "--lang", options->lang,
         "en, hy or ru (default: the language of the claimant's names where recorded, else en)")
      ->check(CLI::IsMember({"en", "hy", "ru"}));
  sub->add_option("--out", *out, "The PDF file to write (default: <id>.pdf)");
  sub->add_flag(
      "--include-sensitive", options->include_sensitive,
      "Include the persons' sensitive fields (identity documents, contacts, current location)");
  sub->callback([&g, options, out] {
    g.action = [&g, options, out]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::StatementFile file, app::WriteStatement(*ws, *options, *out));
      return Print("wrote " + file.path + " (" + file.lang + ", " + std::to_string(file.pages) +
                   " pages)\n");
    };
  });
}

void SetupClaimsPackage(CLI::App& claims, Globals& g) {
  CLI::App* sub = claims.add_subcommand(
      "package",
      "Export claims for a claims commission or court: claims.csv, claims.ndjson, the records they "
      "refer to and a BagIt bag with the evidence (docs/formats/claims.md)");
  auto options = std::make_shared<app::ClaimsPackageOptions>();
  auto ids = std::make_shared<std::string>();
  sub->add_option("--out", options->dir, "The folder to create (must not exist, or be empty)")
      ->required();
  sub->add_option("--status", options->statuses, "Only claims in this status (repeatable)");
  sub->add_option("--ids", *ids, "Only the claims listed in this file (one id per line)");
  sub->callback([&g, options, ids] {
    g.action = [&g, options, ids]() -> base::Status {
      if (!ids->empty()) options->ids_file = *ids;
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      app::ClaimsPackageSummary s;
      {  // the bar ends its line before the summary is printed
        ProgressBar bar("package", /*bytes=*/true);
        options->progress = bar.AsFn();
        VKA_ASSIGN_OR_RETURN(
            s, app::ExportClaimsPackage(*ws, *options, g.Context("claims package export")));
      }
      std::fprintf(
          stderr, "bag: %llu payload bytes, proofs against the checkpoint of size %llu (root %s)\n",
          static_cast<unsigned long long>(s.payload_bytes),
          static_cast<unsigned long long>(s.tree_size), s.root.c_str());
      return Print("wrote " + options->dir + ": " + std::to_string(s.claims) + " claims, " +
                   std::to_string(s.records) + " other records, " +
                   std::to_string(s.evidence_files) + " evidence files\n");
    };
  });
}

}  // namespace vka::cli
