#include "app/synthetic.h"

#include <filesystem>
#include <sstream>

#include "app/files.h"
#include "app/import.h"
#include "app/workspace.h"
#include "synth/claims_registry.h"
#include "synth/demo.h"
#include "synth/person_lists.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

// Opens one AtomicFile per output so that a failed run leaves no partial
// files behind.
struct GenFiles {
  std::vector<std::unique_ptr<AtomicFile>> files;

  base::Result<std::ostream*> Add(const fs::path& path) {
    VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
    files.push_back(std::move(file));
    return &files.back()->stream();
  }
  base::Status CommitAll() {
    for (auto& f : files) VKA_RETURN_IF_ERROR(f->Commit());
    return base::OkStatus();
  }
};

std::string GenReadme(const synth::PersonListSummary& s, const GenOptions& o) {
  std::ostringstream out;
  out << "SYNTHETIC DATA made by `vka gen --persons " << o.persons << " --lists " << o.lists
      << " --seed " << o.seed << "`.\n"
      << "Every person here is fictional: random combinations of common names.\n\n"
      << "true population: " << s.true_persons << " persons\n"
      << "in at least one list: " << s.captured_persons << "\n"
      << "(the others are in no list: that is what multiple systems estimation estimates)\n\n";
  for (size_t idx = 0; idx < s.list_names.size(); ++idx) {
    out << s.list_names[idx] << ": " << s.list_sizes[idx] << " records (.ndjson for `vka import`, "
        << ".csv for linkage tools)\n";
  }
  out << "\ntruth.csv: record_id,entity_id — the ground truth of who is who\n"
      << "population.csv: the true persons, clean\nsummary.json: the figures above\n";
  return out.str();
}

}  // namespace

base::Result<std::string> GeneratePersonListFiles(const GenOptions& options) {
  std::error_code ec;
  fs::path dir(options.dir);
  fs::create_directories(dir, ec);
  if (ec) return base::IOError("create " + dir.string() + ": " + ec.message());
  std::vector<synth::ListProfile> profiles = synth::ListProfiles(options.lists);
  GenFiles files;
  synth::ListSinks sinks;
  for (const auto& profile : profiles) {
    VKA_ASSIGN_OR_RETURN(std::ostream* nd, files.Add(dir / (profile.name + ".ndjson")));
    VKA_ASSIGN_OR_RETURN(std::ostream* csv, files.Add(dir / (profile.name + ".csv")));
    sinks.ndjson.push_back(nd);
    sinks.csv.push_back(csv);
  }
  VKA_ASSIGN_OR_RETURN(sinks.truth, files.Add(dir / "truth.csv"));
  VKA_ASSIGN_OR_RETURN(sinks.population, files.Add(dir / "population.csv"));
  VKA_ASSIGN_OR_RETURN(sinks.summary, files.Add(dir / "summary.json"));
  synth::PersonListOptions gen{options.persons, options.lists, options.seed};
  VKA_ASSIGN_OR_RETURN(synth::PersonListSummary summary, synth::GeneratePersonLists(gen, sinks));
  VKA_ASSIGN_OR_RETURN(std::ostream* readme, files.Add(dir / "README.txt"));
  *readme << GenReadme(summary, options);
  VKA_RETURN_IF_ERROR(files.CommitAll());
  return GenReadme(summary, options);
}

}  // namespace vka::app

namespace vka::app {
namespace {

std::string DemoSummary(Workspace& ws, const ImportSummary& imported) {
  std::ostringstream out;
  out << "SYNTHETIC demo workspace \"" << ws.config().name << "\" in " << ws.dir().string()
      << "\nAll persons, places, bodies and events in it are fictional.\n\n";
  for (model::Kind kind : model::AllKinds()) {
    auto it = imported.by_kind.find(std::string(model::KindName(kind)));
    if (it == imported.by_kind.end()) continue;
    out << "  " << model::KindName(kind) << ": " << it->second << "\n";
  }
  out << "  total: " << imported.records << " records\n\n"
      << "Try:\n"
      << "  vka -w " << ws.dir().string() << " list act --where type=killing --limit 10\n"
      << "  vka -w " << ws.dir().string() << " show ID      (an id from the list)\n"
      << "  vka -w " << ws.dir().string() << " history ID\n"
      << "  vka -w " << ws.dir().string() << " export -o demo.ndjson\n"
      << "  vka -w " << ws.dir().string() << " claims summary --by status\n";
  return out.str();
}

}  // namespace

base::Result<std::string> CreateDemoWorkspace(const std::string& dir, uint64_t seed,
                                              const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(std::vector<base::Json> records, synth::GenerateDemoRecords(seed));
  // A small claims registry on the demo's properties and killings (issue 8).
  VKA_ASSIGN_OR_RETURN(std::vector<base::Json> claims, synth::DemoClaims(records, seed));
  records.insert(records.end(), std::make_move_iterator(claims.begin()), std::make_move_iterator(claims.end()));
  VKA_ASSIGN_OR_RETURN(auto ws,
                       Workspace::Init(dir, "SYNTHETIC DEMO — fictional situation (not real data)"));
  VKA_ASSIGN_OR_RETURN(ImportSummary imported, ImportRecords(*ws, std::move(records), context));
  if (!imported.errors.empty()) {
    // A bug in the generator, not a user error: report the first problem.
    return base::InternalError("demo data failed validation: " + imported.errors[0].ToString());
  }
  return DemoSummary(*ws, imported);
}

}  // namespace vka::app
