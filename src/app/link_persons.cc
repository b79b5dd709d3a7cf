#include "app/link_persons.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "app/files.h"
#include "app/records.h"
#include "base/csv.h"
#include "base/json.h"
#include "linkage/config.h"
#include "linkage/fellegi_sunter.h"
#include "linkage/linker.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

using base::Json;
using base::Result;
using base::Status;

constexpr const char* kLinkDir = "link";
constexpr const char* kClustersFile = "persons-clusters.csv";
constexpr const char* kReviewFile = "persons-review.ndjson";

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

using Pair = std::pair<std::string, std::string>;  // ordered: first < second

Pair Ordered(const std::string& a, const std::string& b) {
  return a < b ? Pair{a, b} : Pair{b, a};
}

// The person as a row of the linkage table: the first name of each part
// (a name without a part counts as "given … family").
std::vector<std::string> PersonRow(const Json& body) {
  std::string given, family, patronymic, maiden;
  auto names = body.find("names");
  if (names != body.end() && names->is_array()) {
    for (const Json& n : *names) {
      const std::string value = Str(n, "value"), part = Str(n, "part");
      auto set = [&](std::string& slot, const std::string& v) {
        if (slot.empty()) slot = v;
      };
      if (part == "given") set(given, value);
      if (part == "family") set(family, value);
      if (part == "patronymic") set(patronymic, value);
      if (part == "maiden") set(maiden, value);
      if (part.empty() && given.empty() && family.empty()) {
        const size_t space = value.find(' ');
        set(given, value.substr(0, space));
        if (space != std::string::npos) set(family, value.substr(value.rfind(' ') + 1));
      }
    }
  }
  return {Str(body, "id"), given, family, patronymic, maiden, Str(body, "sex"), Str(body, "birth"),
          Str(body, "residence_before")};
}

Result<linkage::Table> PersonTable(Workspace& ws, const std::string& situation) {
  linkage::Table t;
  t.columns = {"record_id", "given_name", "family_name", "patronymic",
               "maiden_name", "sex", "birth_date", "place"};
  t.source_names = {"workspace"};
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kPerson, [&](const storage::Revision& rev) -> Status {
        VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(rev.body));
        if (!situation.empty() && Str(body, "situation") != situation) return base::OkStatus();
        t.rows.push_back(PersonRow(body));
        t.source.push_back(0);
        return base::OkStatus();
      }));
  return t;
}

struct Decision {
  std::string link_id;
  bool same = false;
};

Result<std::map<Pair, Decision>> LoadDecisions(Workspace& ws) {
  std::map<Pair, Decision> out;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kPersonLink, [&](const storage::Revision& rev) -> Status {
        VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(rev.body));
        out[Ordered(Str(body, "person_a"), Str(body, "person_b"))] = {
            rev.id, Str(body, "decision") == "same_person"};
        return base::OkStatus();
      }));
  return out;
}

// Union–find over record indices.
struct Clusters {
  std::vector<int32_t> parent;
  explicit Clusters(const std::vector<int32_t>& start) : parent(start.size()) {
    // Start from the model's clusters: every record points at its cluster's first member.
    std::map<int32_t, int32_t> first;
    for (size_t i = 0; i < start.size(); ++i) {
      parent[i] = first.emplace(start[i], static_cast<int32_t>(i)).first->second;
    }
  }
  int32_t Find(int32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(int32_t a, int32_t b) { parent[Find(a)] = Find(b); }
};

// Applies the decisions to the model's clusters and returns a cluster label
// per record: must-links join clusters; a cannot-link inside one cluster
// moves its second record out on its own (and is reported).
std::vector<int32_t> ApplyDecisions(const std::map<Pair, Decision>& decisions,
                                    const std::map<std::string, int32_t>& index,
                                    Clusters& clusters, PersonLinkSummary& summary) {
  for (const auto& [pair, d] : decisions) {
    auto a = index.find(pair.first), b = index.find(pair.second);
    if (a == index.end() || b == index.end() || !d.same) continue;
    clusters.Union(a->second, b->second);
    ++summary.must_links;
  }
  std::vector<int32_t> label(clusters.parent.size());
  for (size_t i = 0; i < label.size(); ++i) label[i] = clusters.Find(static_cast<int32_t>(i));
  int32_t fresh = static_cast<int32_t>(label.size());
  for (const auto& [pair, d] : decisions) {
    auto a = index.find(pair.first), b = index.find(pair.second);
    if (a == index.end() || b == index.end() || d.same) continue;
    ++summary.cannot_links;
    if (label[a->second] != label[b->second]) continue;
    summary.conflicts.push_back(pair.first + " / " + pair.second);
    label[b->second] = fresh++;
  }
  return label;
}

Status WriteClusters(const std::filesystem::path& path, const linkage::Table& t,
                     const std::vector<int32_t>& label, int64_t* count) {
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  base::WriteCsvRow(file->stream(), {"record_id", "cluster_id"});
  std::map<int32_t, int32_t> number;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    auto [it, fresh] = number.emplace(label[i], static_cast<int32_t>(number.size() + 1));
    base::WriteCsvRow(file->stream(), {t.rows[i][0], "c" + std::to_string(it->second)});
  }
  *count = static_cast<int64_t>(number.size());
  return file->Commit();
}

Json FieldsJson(const std::vector<linkage::FieldExplanation>& fields) {
  Json out = Json::array();
  for (const linkage::FieldExplanation& f : fields) {
    out.push_back({{"field", f.field}, {"level", f.level}, {"weight", f.weight},
                   {"tf_weight", f.tf_weight}});
  }
  return out;
}

// Candidate pairs in [low, high), not decided, as review lines.
Status WriteReview(const std::filesystem::path& path, linkage::Linker& linker,
                   const linkage::Table& t, const std::map<Pair, Decision>& decisions,
                   double low, double high, int64_t* count) {
  linkage::BlockingReport report;
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  *count = 0;
  for (const auto& [a, b] : linker.CandidatePairs(&report)) {
    const double p = linkage::ProbabilityFromWeight(linker.Weight(a, b));
    if (p < low || p >= high) continue;
    const Pair pair = Ordered(t.rows[a][0], t.rows[b][0]);
    if (decisions.contains(pair)) continue;
    const linkage::PairExplanation why = linker.Explain(a, b);
    Json line = {{"a", pair.first},
                 {"b", pair.second},
                 {"probability", p},
                 {"explanation", why.ToString()},
                 {"prior_weight", why.prior_weight},
                 {"weight", why.weight},
                 {"swapped", why.swapped},
                 {"fields", FieldsJson(why.fields)}};
    file->stream() << line.dump() << "\n";
    ++*count;
  }
  return file->Commit();
}

}  // namespace

std::string PersonLinkSummary::ToString() const {
  std::ostringstream out;
  out << persons << " person records, " << clusters << " distinct persons, " << accepted_pairs
      << " accepted pairs, " << review_pairs << " pairs to review (vka link review)\n"
      << "decisions obeyed: " << must_links << " same person, " << cannot_links
      << " different persons\n";
  for (const std::string& c : conflicts) {
    out << "the model joined a pair decided as different persons, now split: " << c << "\n";
  }
  return out.str();
}

Result<PersonLinkSummary> LinkWorkspacePersons(Workspace& ws, const PersonLinkOptions& options) {
  if (!(options.threshold > 0 && options.threshold <= 1) || !(options.review_low > 0) ||
      options.review_low > options.threshold) {
    return base::InvalidArgumentError(
        "thresholds must satisfy 0 < --review-below <= --threshold <= 1");
  }
  VKA_ASSIGN_OR_RETURN(linkage::Table table, PersonTable(ws, options.situation));
  if (table.rows.size() < 2) {
    return base::FailedPreconditionError("fewer than two persons to link");
  }
  VKA_ASSIGN_OR_RETURN(linkage::LinkConfig config, linkage::ProposeConfig(table));
  config.threshold = options.threshold;
  VKA_ASSIGN_OR_RETURN(auto linker, linkage::Linker::Create(config, table, nullptr));
  VKA_ASSIGN_OR_RETURN(linkage::LinkResult r, linker->Run(options.progress));
  VKA_ASSIGN_OR_RETURN(auto decisions, LoadDecisions(ws));

  PersonLinkSummary summary;
  summary.persons = static_cast<int64_t>(table.rows.size());
  summary.accepted_pairs = static_cast<int64_t>(r.accepted.size());
  std::map<std::string, int32_t> index;
  for (size_t i = 0; i < table.rows.size(); ++i) index[table.rows[i][0]] = static_cast<int32_t>(i);
  Clusters clusters(r.cluster);
  const std::vector<int32_t> label = ApplyDecisions(decisions, index, clusters, summary);

  const std::filesystem::path dir = ws.dir() / kLinkDir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return base::IOError("create " + dir.string() + ": " + ec.message());
  VKA_RETURN_IF_ERROR(WriteClusters(dir / kClustersFile, table, label, &summary.clusters));
  VKA_RETURN_IF_ERROR(WriteReview(dir / kReviewFile, *linker, table, decisions,
                                  options.review_low, options.threshold, &summary.review_pairs));
  return summary;
}

Result<std::vector<ReviewPair>> PairsToReview(Workspace& ws) {
  const std::filesystem::path path = ws.dir() / kLinkDir / kReviewFile;
  std::ifstream in(path);
  if (!in) return base::FailedPreconditionError("no linkage run yet: run vka link persons first");
  VKA_ASSIGN_OR_RETURN(auto decisions, LoadDecisions(ws));
  std::vector<ReviewPair> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto j = base::ParseJsonStrict(line);
    if (!j.ok()) return j.status().WithContext(path.string() + ":" + std::to_string(number));
    ReviewPair p{Str(*j, "a"), Str(*j, "b"), j->value("probability", 0.0), Str(*j, "explanation")};
    p.prior_weight = j->value("prior_weight", 0.0);
    p.weight = j->value("weight", 0.0);
    p.swapped = j->value("swapped", false);
    if (auto fields = j->find("fields"); fields != j->end() && fields->is_array()) {
      for (const Json& f : *fields) {
        if (!f.is_object()) continue;
        p.fields.push_back({Str(f, "field"), Str(f, "level"), f.value("weight", 0.0),
                            f.value("tf_weight", 0.0)});
      }
    }
    if (!decisions.contains(Ordered(p.a, p.b))) out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const ReviewPair& x, const ReviewPair& y) {
    return std::abs(x.probability - 0.5) < std::abs(y.probability - 0.5);
  });
  return out;
}

Json ReviewPairJson(const ReviewPair& p) {
  return {{"pair", p.a + "," + p.b},
          {"a", p.a},
          {"b", p.b},
          {"probability", p.probability},
          {"prior_weight", p.prior_weight},
          {"weight", p.weight},
          {"swapped", p.swapped},
          {"fields", FieldsJson(p.fields)},
          {"explanation", p.explanation}};
}

Result<std::string> DecidePersonPair(Workspace& ws, const std::string& a, const std::string& b,
                                     bool same, const std::string& rationale,
                                     const ChangeContext& context) {
  if (a == b) return base::InvalidArgumentError("a pair needs two different person ids");
  for (const std::string& id : {a, b}) {
    if (model::KindOfId(id) != model::Kind::kPerson) {
      return base::InvalidArgumentError(id + " is not a person id");
    }
    VKA_ASSIGN_OR_RETURN(storage::Revision rev, GetRecord(ws, id));
    if (rev.deleted) return base::NotFoundError(id + " is deleted");
  }
  const Pair pair = Ordered(a, b);
  const std::string decision = same ? "same_person" : "different_persons";
  ChangeContext change = context;
  if (change.reason.empty()) change.reason = decision + ": " + pair.first + " " + pair.second;
  VKA_ASSIGN_OR_RETURN(auto decisions, LoadDecisions(ws));
  if (auto it = decisions.find(pair); it != decisions.end()) {
    std::vector<FieldChange> changes = {{"decision", decision}, {"reviewer", context.actor}};
    changes.push_back({"rationale", rationale.empty() ? std::nullopt
                                                      : std::optional<std::string>(rationale)});
    VKA_RETURN_IF_ERROR(EditRecord(ws, it->second.link_id, changes, change).status());
    return it->second.link_id;
  }
  Json body = {{"person_a", pair.first}, {"person_b", pair.second}, {"decision", decision},
               {"reviewer", context.actor}};
  if (!rationale.empty()) body["rationale"] = rationale;
  return AddRecord(ws, model::Kind::kPersonLink, body.dump(), change);
}

}  // namespace vka::app
