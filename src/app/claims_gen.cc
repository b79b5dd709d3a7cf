// `vka claims gen`: a SYNTHETIC claims registry on disk (synth/claims_registry.h).

#include <filesystem>
#include <sstream>

#include "app/claims.h"
#include "app/files.h"
#include "synth/claims_registry.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

std::string Readme(const synth::ClaimsRegistryCounts& c, int64_t claims, uint64_t seed) {
  std::ostringstream out;
  out << "SYNTHETIC DATA made by `vka claims gen " << claims << " --seed " << seed << "`.\n"
      << "Every person, place and property here is fictional.\n\n"
      << "registry.ndjson: " << c.records << " records for `vka import` (" << c.claims << " claims, " << c.persons
      << " persons, " << c.properties << " properties, " << c.acts << " acts, 12 places)\n"
      << "truth.csv: claim,claimant_entity,property_entities,victim_entities,act_entities,planted\n"
      << "planted duplicates: same_claimant " << c.planted_same_claimant << ", double_harm " << c.planted_double_harm
      << ", shared_property " << c.planted_shared_property << ", shared_victim " << c.planted_shared_victim << "\n";
  return out.str();
}

std::string JoinInts(const std::vector<int64_t>& v) {
  std::string out;
  for (auto x : v) out += (out.empty() ? "" : " ") + std::to_string(x);
  return out;
}

}  // namespace

base::Result<std::string> GenerateClaimsRegistryFiles(const std::string& dir, int64_t claims, uint64_t seed) {
  if (claims <= 0) return base::InvalidArgumentError("the number of claims must be positive");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return base::IOError("create " + dir + ": " + ec.message());
  VKA_ASSIGN_OR_RETURN(auto registry, AtomicFile::Create(fs::path(dir) / "registry.ndjson"));
  VKA_ASSIGN_OR_RETURN(auto truth, AtomicFile::Create(fs::path(dir) / "truth.csv"));
  truth->stream() << "claim,claimant_entity,property_entities,victim_entities,act_entities,planted\n";
  auto emit = [&registry](const base::Json& record) -> base::Status {
    VKA_ASSIGN_OR_RETURN(std::string line, base::CanonicalJson(record));
    registry->stream() << line << '\n';
    return base::OkStatus();
  };
  auto write_truth = [&truth](synth::ClaimTruth t) {
    truth->stream() << t.claim << ',' << t.claimant << ',' << JoinInts(t.properties) << ','
                    << JoinInts(t.victims) << ',' << JoinInts(t.acts) << ',' << t.planted << '\n';
  };
  VKA_ASSIGN_OR_RETURN(auto counts, synth::GenerateClaimsRegistry({.claims = claims, .seed = seed}, emit, write_truth));
  VKA_RETURN_IF_ERROR(registry->Commit());
  VKA_RETURN_IF_ERROR(truth->Commit());
  std::string readme = Readme(counts, claims, seed);
  VKA_RETURN_IF_ERROR(WriteFileAtomically(fs::path(dir) / "README.txt", readme));
  return readme;
}

base::Result<std::vector<base::Json>> SyntheticClaimsRecords(int64_t claims, uint64_t seed) {
  std::vector<base::Json> records;
  VKA_RETURN_IF_ERROR(synth::GenerateClaimsRegistry({.claims = claims, .seed = seed}, [&](const base::Json& r) {
                        records.push_back(r);
                        return base::OkStatus();
                      }).status());
  return records;
}

}  // namespace vka::app
