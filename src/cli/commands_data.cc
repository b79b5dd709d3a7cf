// Subcommands that move data in bulk: import, export, gen, demo.

#include <cstdio>
#include <iostream>

#include "app/export.h"
#include "app/import.h"
#include "app/synthetic.h"
#include "cli/command.h"
#include "cli/progress_bar.h"

namespace vka::cli {
namespace {

constexpr size_t kErrorsShown = 20;

base::Status ReportImport(const app::ImportSummary& s, const std::string& report_path,
                          bool dry_run) {
  if (!report_path.empty()) VKA_RETURN_IF_ERROR(app::WriteErrorReport(s.errors, report_path));
  if (s.errors.empty()) {
    std::string kinds;
    for (const auto& [k, n] : s.by_kind) kinds += "  " + k + ": " + std::to_string(n) + "\n";
    std::printf("%s %lld records\n%s", dry_run ? "valid: would import" : "imported",
                static_cast<long long>(s.records), kinds.c_str());
    return base::OkStatus();
  }
  for (size_t idx = 0; idx < s.errors.size() && idx < kErrorsShown; ++idx) {
    std::fprintf(stderr, "%s\n", s.errors[idx].ToString().c_str());
  }
  std::string more = s.errors.size() > kErrorsShown
                         ? " (first " + std::to_string(kErrorsShown) + " shown" +
                               (report_path.empty() ? "; --report FILE writes them all)" : ")")
                         : "";
  return base::InvalidArgumentError(
      std::to_string(s.errors.size()) + (s.errors_truncated ? "+" : "") +
      " errors; nothing was imported, the workspace is unchanged" + more);
}

}  // namespace

void SetupImport(CLI::App& sub, Globals& g) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto mappings = std::make_shared<std::vector<std::string>>();
  auto kind = std::make_shared<std::string>();
  auto report = std::make_shared<std::string>();
  auto options = std::make_shared<app::ImportOptions>();
  auto reason = std::make_shared<std::string>("import");
  sub.add_option("files", *files, "NDJSON (.ndjson, .jsonl) and CSV (.csv) files");
  sub.add_option("--mapping", *mappings,
                 "Mapping file for a CSV file (repeatable; the n-th mapping goes with the n-th CSV file)");
  sub.add_option("--kind", *kind, "Kind of CSV files that have no mapping (columns named like fields)");
  sub.add_flag("--dry-run", options->dry_run, "Validate only; change nothing");
  sub.add_option("--report", *report, "Write every error to this CSV file");
  sub.add_option("--reason", *reason, "Reason recorded on every revision (default \"import\")");
  auto bag = SetupImportBag(sub, g);
  sub.callback([&g, files, mappings, kind, report, options, reason, bag] {
    if (bag()) return;
    g.action = [&g, files, mappings, kind, report, options, reason] {
      std::vector<app::ImportInput> inputs;
      size_t next_mapping = 0;
      for (const auto& f : *files) {
        app::ImportInput in{f, std::nullopt};
        bool csv = f.size() > 4 && (f.ends_with(".csv") || f.ends_with(".tsv"));
        if (csv && next_mapping < mappings->size()) in.mapping_path = (*mappings)[next_mapping++];
        inputs.push_back(std::move(in));
      }
      if (next_mapping < mappings->size()) {
        return base::InvalidArgumentError("more --mapping files than CSV files");
      }
      if (!kind->empty()) {
        VKA_ASSIGN_OR_RETURN(options->csv_kind, KindArg(*kind));
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      app::ImportSummary summary;
      {  // the bar ends its line before the summary is printed
        ProgressBar bar("import", /*bytes=*/true);
        options->progress = bar.AsFn();
        VKA_ASSIGN_OR_RETURN(summary, app::ImportFiles(*ws, inputs, *options, g.Context(*reason)));
        options->progress = nullptr;
      }
      return ReportImport(summary, *report, options->dry_run);
    };
  });
}

void SetupExport(CLI::App& sub, Globals& g) {
  auto format = std::make_shared<std::string>("ndjson");
  auto kind = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  sub.add_option("--format", *format, "ndjson (all kinds, the canonical form) or csv (one kind)")
      ->check(CLI::IsMember({"ndjson", "csv"}));
  sub.add_option("--kind", *kind, "Only this kind (required for csv)");
  sub.add_option("-o,--output", *out, "Output file (default: standard output)");
  auto bag = SetupExportBag(sub, g);
  sub.callback([&g, format, kind, out, bag] {
    if (bag()) return;
    g.action = [&g, format, kind, out]() -> base::Status {
      app::ExportOptions options;
      options.format = *format == "csv" ? app::ExportFormat::kCsv : app::ExportFormat::kNdjson;
      if (!kind->empty()) {
        VKA_ASSIGN_OR_RETURN(options.kind, KindArg(*kind));
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      if (out->empty() || *out == "-") {
        VKA_RETURN_IF_ERROR(app::ExportRecords(*ws, options, std::cout).status());
        std::cout.flush();
        if (!std::cout) return base::IOError("write to standard output failed");
        return base::OkStatus();
      }
      int64_t n = 0;
      {  // the bar ends its line before the summary is printed
        ProgressBar bar("export", /*bytes=*/false);
        options.progress = bar.AsFn();
        VKA_ASSIGN_OR_RETURN(n, app::ExportToFile(*ws, options, *out));
      }
      std::fprintf(stderr, "exported %lld records to %s\n", static_cast<long long>(n), out->c_str());
      return base::OkStatus();
    };
  });
}

void SetupGen(CLI::App& sub, Globals& g) {
  auto options = std::make_shared<app::GenOptions>();
  sub.add_option("--persons", options->persons, "Number of true persons in the population")
      ->required()->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  sub.add_option("--lists", options->lists, "Number of overlapping lists (1-10)")
      ->check(CLI::Range(1, 10));
  sub.add_option("--seed", options->seed, "Random seed (same seed, same bytes)");
  sub.add_option("-o,--output", options->dir, "Output folder")->required();
  sub.callback([&g, options] {
    g.action = [options] {
      std::fprintf(stderr, "generating %lld persons in %d lists...\n",
                   static_cast<long long>(options->persons), options->lists);
      VKA_ASSIGN_OR_RETURN(std::string summary, app::GeneratePersonListFiles(*options));
      std::printf("%s", summary.c_str());
      return base::OkStatus();
    };
  });
}

void SetupDemo(CLI::App& sub, Globals& g) {
  auto dir = std::make_shared<std::string>();
  auto seed = std::make_shared<uint64_t>(1);
  sub.add_option("dir", *dir, "Folder for the demo workspace (must be empty or absent)")->required();
  sub.add_option("--seed", *seed, "Random seed");
  sub.callback([&g, dir, seed] {
    g.action = [&g, dir, seed] {
      VKA_ASSIGN_OR_RETURN(std::string summary, app::CreateDemoWorkspace(*dir, *seed, g.Context("synthetic demo data")));
      std::printf("%s", summary.c_str());
      return base::OkStatus();
    };
  });
}

}  // namespace vka::cli
