#include "app/claims_outputs.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/bag.h"
#include "app/files.h"
#include "app/records.h"
#include "base/clock.h"
#include "base/files.h"
#include "base/json.h"
#include "claims/claim.h"
#include "claims/summary.h"
#include "claims/valuation.h"
#include "model/schema.h"
#include "report/claim_statement.h"
#include "report/pdf.h"

namespace vka::app {
namespace {

namespace fs = std::filesystem;
using base::Json;

constexpr mode_t kPackageDirMode = 0755;  // a package is for others to read
constexpr size_t kDateChars = 10;         // "2026-11-29" of an RFC 3339 time

base::Result<const claims::ValuationTables*> Tables() {
  static const base::Result<claims::ValuationTables> tables = claims::ValuationTables::BuiltIn();
  if (!tables.ok()) return tables.status();
  return &*tables;
}

std::string Str(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json& Member(const Json& j, const char* key) {
  static const Json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

// The body of a live record; nullopt if it is missing or deleted.
base::Result<std::optional<Json>> LiveBody(Workspace& ws, const std::string& id) {
  VKA_ASSIGN_OR_RETURN(std::optional<storage::Revision> latest, ws.store().Latest(id));
  if (!latest || latest->deleted) return std::optional<Json>();
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
  return std::optional<Json>(std::move(body));
}

bool IsStatementLanguage(const std::string& lang) {
  const auto& all = report::ClaimStatementLanguages();
  return std::find(all.begin(), all.end(), lang) != all.end();
}

// Reads the persons of a claim, in the order the statement lists them.
class PersonReader {
 public:
  explicit PersonReader(Workspace& ws) : ws_(ws) {}

  base::Status Add(const std::string& id, report::StatementPerson::Role role,
                   std::string relationship = "", std::string victim = "") {
    if (id.empty()) return base::OkStatus();
    report::StatementPerson p{.id = id,
                              .role = role,
                              .relationship = std::move(relationship),
                              .victim = std::move(victim)};
    VKA_ASSIGN_OR_RETURN(std::optional<Json> body, LiveBody(ws_, id));
    if (body) Fill(*body, p);
    persons_.push_back(std::move(p));
    return base::OkStatus();
  }

  bool Has(const std::string& id) const {
    return std::any_of(persons_.begin(), persons_.end(), [&](const auto& p) { return p.id == id; });
  }
  // The first en/hy/ru `language` of a name of the claimant or a household member.
  const std::string& language() const { return language_; }
  std::vector<report::StatementPerson> Take() { return std::move(persons_); }

 private:
  void Fill(const Json& body, report::StatementPerson& p) {
    const bool claimant = p.role == report::StatementPerson::Role::kClaimant ||
                          p.role == report::StatementPerson::Role::kHouseholdMember;
    const Json& names = Member(body, "names");
    if (names.is_array()) {
      for (const Json& n : names) {
        p.names.push_back({Str(n, "value"), Str(n, "script"), Str(n, "part")});
        std::string lang = Str(n, "language");
        if (claimant && language_.empty() && IsStatementLanguage(lang)) language_ = lang;
      }
    }
    p.birth = Str(body, "birth");
    if (model::KindOfId(p.id) != model::Kind::kPerson) return;
    for (const model::FieldSpec& field : model::SchemaOf(model::Kind::kPerson).fields) {
      const Json& value = Member(body, std::string(field.name).c_str());
      if (!field.sensitive || value.is_null()) continue;
      p.sensitive.emplace_back(std::string(field.name),
                               value.is_string() ? value.get<std::string>() : value.dump());
    }
  }

  Workspace& ws_;
  std::vector<report::StatementPerson> persons_;
  std::string language_;
};

base::Result<std::vector<report::StatementPerson>> ReadPersons(Workspace& ws, const Json& claim,
                                                               const claims::ClaimFacts& facts,
                                                               std::string* language) {
  using Role = report::StatementPerson::Role;
  PersonReader reader(ws);
  VKA_RETURN_IF_ERROR(reader.Add(facts.claimant, Role::kClaimant));
  const Json& members = Member(Member(claim, "household"), "members");
  if (members.is_array()) {
    for (const Json& m : members) {
      VKA_RETURN_IF_ERROR(
          reader.Add(Str(m, "person"), Role::kHouseholdMember, Str(m, "relationship")));
    }
  }
  for (const auto& b : facts.beneficiaries) {
    VKA_RETURN_IF_ERROR(reader.Add(b.person, Role::kBeneficiary, b.relationship, b.victim));
  }
  for (const auto& v : facts.victims) VKA_RETURN_IF_ERROR(reader.Add(v, Role::kVictim));
  for (const auto& b : facts.beneficiaries) {
    if (!b.victim.empty() && !reader.Has(b.victim))
      VKA_RETURN_IF_ERROR(reader.Add(b.victim, Role::kVictim));
  }
  const Json& representatives = Member(claim, "representatives");
  if (representatives.is_array()) {
    for (const Json& r : representatives) {
      if (r.is_string())
        VKA_RETURN_IF_ERROR(reader.Add(r.get<std::string>(), Role::kRepresentative));
    }
  }
  *language = reader.language();
  return reader.Take();
}

// A place's name, in the script of the language where it has one.
base::Result<std::string> PlaceName(Workspace& ws, const std::string& id, const std::string& lang) {
  if (id.empty()) return std::string();
  VKA_ASSIGN_OR_RETURN(std::optional<Json> body, LiveBody(ws, id));
  const Json& names = body ? Member(*body, "names") : Member(Json(), "names");
  if (!names.is_array() || names.empty()) return id;
  const std::string script = lang == "hy" ? "Armn" : lang == "ru" ? "Cyrl" : "Latn";
  for (const Json& n : names) {
    if (Str(n, "script") == script) return Str(n, "value");
  }
  return Str(names.front(), "value");
}

base::Result<std::vector<report::StatementHarm>> ReadHarms(Workspace& ws,
                                                           const claims::ClaimFacts& facts,
                                                           const std::string& lang) {
  std::vector<report::StatementHarm> harms;
  for (const std::string& id : facts.harms) {
    auto kind = model::KindOfId(id);
    report::StatementHarm h{.id = id, .kind = kind ? std::string(model::KindName(*kind)) : ""};
    VKA_ASSIGN_OR_RETURN(std::optional<Json> body, LiveBody(ws, id));
    if (body && kind == model::Kind::kAct) {
      h.type = Str(*body, "type");
      h.date = Str(*body, "date");
    } else if (body && kind == model::Kind::kProperty) {
      h.type = Str(*body, "type");
      h.address = Str(*body, "address");
      h.registry_reference = Str(*body, "registry_reference");
      h.tenure = Str(Member(*body, "tenure"), "type");
      h.dispossession = Str(Member(*body, "dispossession"), "mechanism");
      h.date = Str(Member(*body, "dispossession"), "date");
    } else if (body && kind == model::Kind::kDisplacement) {
      h.type = Str(*body, "circumstances");
      h.date = Str(*body, "date");
      VKA_ASSIGN_OR_RETURN(h.from, PlaceName(ws, Str(*body, "from"), lang));
      VKA_ASSIGN_OR_RETURN(h.to, PlaceName(ws, Str(*body, "to"), lang));
    }
    harms.push_back(std::move(h));
  }
  return harms;
}

// The revisions that created the claim or changed its status.
base::Result<std::vector<report::StatementTransition>> ReadTransitions(Workspace& ws,
                                                                       const std::string& id) {
  VKA_ASSIGN_OR_RETURN(std::vector<storage::Revision> revisions, ws.store().History(id));
  std::vector<report::StatementTransition> out;
  for (const storage::Revision& r : revisions) {
    if (r.deleted) continue;
    VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(r.body));
    if (!out.empty() && out.back().status == facts.status) continue;
    out.push_back({r.rev, r.at, facts.status, r.reason});
  }
  return out;
}

void ReadDecisionAndDeadlines(const Json& claim, report::ClaimStatementInput& in) {
  const Json& decision = Member(claim, "decision");
  in.decision.date = Str(decision, "date");
  in.decision.reasons = Str(decision, "reasons");
  const Json& basis = Member(decision, "legal_basis");
  if (basis.is_array()) {
    for (const Json& b : basis) {
      if (b.is_string()) in.decision.legal_basis.push_back(b.get<std::string>());
    }
  }
  const Json& deadlines = Member(claim, "deadlines");
  if (deadlines.is_array()) {
    for (const Json& d : deadlines) in.deadlines.push_back({Str(d, "what"), Str(d, "due")});
  }
  in.household_name = Str(Member(claim, "household"), "name");
}

// The current revision of a live claim. kInvalidArgument for another kind
// of id, kNotFound for a missing or deleted claim.
base::Result<storage::Revision> LiveClaim(Workspace& ws, const std::string& id) {
  if (model::KindOfId(id) != model::Kind::kClaim) {
    return base::InvalidArgumentError("\"" + id + "\" is not a claim id (clm_…)");
  }
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, GetRecord(ws, id));
  if (latest.deleted) return base::NotFoundError("claim " + id + " was deleted");
  return latest;
}

}  // namespace

base::Result<Statement> BuildStatement(Workspace& ws, const StatementOptions& options) {
  if (!options.lang.empty() && !IsStatementLanguage(options.lang)) {
    return base::InvalidArgumentError("--lang must be en, hy or ru, not \"" + options.lang + "\"");
  }
  VKA_ASSIGN_OR_RETURN(storage::Revision latest, LiveClaim(ws, options.id));
  VKA_ASSIGN_OR_RETURN(Json claim, base::ParseJsonStrict(latest.body));
  report::ClaimStatementInput in;
  VKA_ASSIGN_OR_RETURN(in.claim, claims::ReadClaimFacts(latest.body));
  std::string claimant_language;
  VKA_ASSIGN_OR_RETURN(in.persons, ReadPersons(ws, claim, in.claim, &claimant_language));
  in.lang = !options.lang.empty()        ? options.lang
            : !claimant_language.empty() ? claimant_language
                                         : "en";
  VKA_ASSIGN_OR_RETURN(in.harms, ReadHarms(ws, in.claim, in.lang));
  VKA_ASSIGN_OR_RETURN(in.history, ReadTransitions(ws, options.id));
  ReadDecisionAndDeadlines(claim, in);
  in.registry_name = ws.config().name;
  in.revision = latest.rev;
  in.commitment = RevisionCommitment(latest);
  in.issued_at = base::NowRfc3339();
  in.synthetic = Str(claim, "remarks").find("SYNTHETIC") != std::string::npos;
  in.include_sensitive = options.include_sensitive;
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  VKA_ASSIGN_OR_RETURN(report::Document doc, report::BuildClaimStatement(in, *tables, ws.vocab()));
  return Statement{std::move(doc), in.lang};
}

base::Result<StatementFile> WriteStatement(Workspace& ws, const StatementOptions& options,
                                           std::string path) {
  VKA_ASSIGN_OR_RETURN(Statement statement, BuildStatement(ws, options));
  if (path.empty()) path = options.id + ".pdf";
  VKA_ASSIGN_OR_RETURN(int pages, report::WritePdf(statement.document, path));
  return StatementFile{path, statement.lang, pages};
}

// ---------------------------------------------------------------------------
// The claims package.

namespace {

std::string ErrnoText() { return errno == ENOSPC ? "disk full" : std::strerror(errno); }

struct SelectedClaim {
  std::string body;  // canonical, as logged
  claims::ClaimFacts facts;
};
using Selection = std::map<std::string, SelectedClaim>;  // by id

base::Result<fs::path> PackageTarget(const std::string& dir) {
  if (dir.empty()) return base::InvalidArgumentError("give the package folder with --out DIR");
  fs::path target = fs::absolute(fs::path(dir)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::error_code ec;
  auto status = fs::symlink_status(target, ec);
  if (ec || !fs::exists(status)) return target;
  if (!fs::is_directory(status))
    return base::AlreadyExistsError(dir + " exists and is not a folder");
  if (!fs::is_empty(target, ec) || ec) {
    return base::AlreadyExistsError(dir + " is not empty: give a new or empty folder");
  }
  return target;
}

base::Status Select(const storage::Revision& r, const std::vector<std::string>& statuses,
                    Selection& out) {
  VKA_ASSIGN_OR_RETURN(claims::ClaimFacts facts, claims::ReadClaimFacts(r.body));
  if (!statuses.empty() &&
      std::find(statuses.begin(), statuses.end(), facts.status) == statuses.end()) {
    return base::OkStatus();
  }
  out[r.id] = SelectedClaim{r.body, std::move(facts)};
  return base::OkStatus();
}

base::Result<Selection> SelectFromFile(Workspace& ws, const std::string& file,
                                       const std::vector<std::string>& statuses) {
  VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(file));
  Selection out;
  size_t line_no = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.erase(0, 1);
    if (line.empty() || line[0] == '#') continue;
    auto latest = LiveClaim(ws, line);
    if (!latest.ok())
      return base::Status(latest.status().code(), where + latest.status().message());
    VKA_RETURN_IF_ERROR(Select(*latest, statuses, out));
  }
  return out;
}

base::Result<Selection> SelectClaims(Workspace& ws, const ClaimsPackageOptions& options) {
  for (const std::string& s : options.statuses)
    VKA_RETURN_IF_ERROR(ws.vocab().Check("claim_status", s));
  if (options.ids_file) return SelectFromFile(ws, *options.ids_file, options.statuses);
  Selection out;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(
      model::Kind::kClaim,
      [&](const storage::Revision& r) { return Select(r, options.statuses, out); }));
  return out;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Amount(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

constexpr char kCsvHeader[] =
    "id,status,track,claimant,forms,claimed_low,claimed_mid,claimed_high,awarded_low,awarded_mid,"
    "awarded_high,reference,decision_date,evidence_count\n";

base::Result<std::string> CsvRow(const std::string& id, const SelectedClaim& c,
                                 const claims::SummaryRow& value, const std::string& reference) {
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(c.body));
  const std::vector<std::string> fields = {id,
                                           c.facts.status,
                                           c.facts.track,
                                           Join(c.facts.Claimants(), ";"),
                                           Join(c.facts.forms, ";"),
                                           Amount(value.claimed.low),
                                           Amount(value.claimed.mid),
                                           Amount(value.claimed.high),
                                           Amount(value.awarded.low),
                                           Amount(value.awarded.mid),
                                           Amount(value.awarded.high),
                                           reference,
                                           Str(Member(body, "decision"), "date"),
                                           std::to_string(c.facts.evidence.size())};
  std::string row;
  for (const auto& f : fields) row += (row.empty() ? "" : ",") + CsvField(f);
  return row + "\n";
}

base::Result<std::string> ValuationJson(const claims::SummaryRow& value,
                                        const claims::ValuationTables& tables) {
  auto interval = [](const claims::Interval& v) {
    return Json{{"mid", v.mid}, {"low", v.low}, {"high", v.high}};
  };
  return base::CanonicalJson(Json{{"reference_currency", tables.reference_currency()},
                                  {"reference_year", tables.reference_year()},
                                  {"tables_version", tables.version()},
                                  {"claimed", interval(value.claimed)},
                                  {"awarded", interval(value.awarded)},
                                  {"unvalued_amounts", value.unvalued}});
}

// claims.csv and claims.ndjson.
base::Status WriteClaimFiles(const fs::path& dir, const Selection& selection) {
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  VKA_ASSIGN_OR_RETURN(auto csv, AtomicFile::Create(dir / "claims.csv"));
  VKA_ASSIGN_OR_RETURN(auto ndjson, AtomicFile::Create(dir / "claims.ndjson"));
  const std::string reference =
      tables->reference_currency() + " " + std::to_string(tables->reference_year());
  csv->stream() << kCsvHeader;
  for (const auto& [id, claim] : selection) {
    claims::Summarizer one(*tables, claims::GroupBy::kNone);
    one.Add(claim.facts);
    const claims::SummaryRow value = one.Finish().total;
    VKA_ASSIGN_OR_RETURN(std::string row, CsvRow(id, claim, value, reference));
    csv->stream() << row;
    VKA_ASSIGN_OR_RETURN(std::string valuation, ValuationJson(value, *tables));
    // Keys in RFC 8785 order, and the body as logged: the line is canonical.
    ndjson->stream() << "{\"claim\":" << claim.body << ",\"valuation\":" << valuation << "}\n";
  }
  VKA_RETURN_IF_ERROR(csv->Commit());
  return ndjson->Commit();
}

// records.ndjson: the bag's records other than the claims, after checking
// that the bag holds exactly the selected claims as they were read.
base::Result<int64_t> WriteRecordsFile(const fs::path& dir, const Selection& selection) {
  const fs::path bag_records = dir / "bag" / "data" / "records.ndjson";
  std::ifstream in(bag_records, std::ios::binary);
  if (!in) return base::IOError("read " + bag_records.string() + ": " + ErrnoText());
  VKA_ASSIGN_OR_RETURN(auto out, AtomicFile::Create(dir / "records.ndjson"));
  int64_t records = 0;
  size_t claims_seen = 0;
  std::string line;
  while (std::getline(in, line)) {
    std::string id, kind;
    VKA_RETURN_IF_ERROR(
        base::VisitJsonLeaves(line, [&](std::string_view path, std::string_view value) {
          if (path == "id") id = value;
          if (path == "kind") kind = value;
        }));
    if (kind != "claim") {
      out->stream() << line << '\n';
      ++records;
      continue;
    }
    auto it = selection.find(id);
    if (it == selection.end() || it->second.body != line) {
      return base::UnavailableError("the registry changed during the export (claim " + id +
                                    "); nothing was written, try again");
    }
    ++claims_seen;
  }
  if (claims_seen != selection.size()) {
    return base::UnavailableError(
        "the registry changed during the export; nothing was written, try again");
  }
  VKA_RETURN_IF_ERROR(out->Commit());
  return records;
}

constexpr char kReadme[] = R"(Claims package: {name}
Written {date} by vka. Selection: {selection}; claims selected: {claims}.

Files
  claims.csv      one row per claim: id, status, track, claimant (person ids; ';' between
                  household members), forms (';'), claimed_low/mid/high and
                  awarded_low/mid/high in reference money ({unit}), reference,
                  decision_date, evidence_count.
  claims.ndjson   one line per claim: {"claim": its current body, exactly as logged,
                  "valuation": the same figures with the tables' version}.
  records.ndjson  the {records} records the claims refer to, transitively (persons,
                  properties, acts, displacements, sources, custody events), as logged.
  ids.txt         the claim ids selected: the scope of the bag.
  bag/            a BagIt bag (RFC 8493): the claims, those records, the {files} evidence
                  files of the cited sources and their chain of custody, the log's signed
                  checkpoint, its verifier key and an inclusion proof for every record
                  and file (layout: docs/formats/bag.md in vka's sources).
                  Checkpoint: tree size {size}, root {root}.

Valuation
  Amounts are converted and indexed to {unit} with the valuation tables
  {tables}. low and high are interval sums (every part at its worst), not
  confidence intervals. Check whether the tables are sourced or illustrative
  before relying on the figures.

How to verify
  1. The bag: any BagIt validator (e.g. `bagit.py --validate bag`), or
     `cd bag && sha256sum -c manifest-sha256.txt && sha256sum -c tagmanifest-sha256.txt`.
  2. The proofs: `vka import --bag bag --dry-run` in any vka workspace checks every
     checksum, the checkpoint's signature and every inclusion proof, and writes
     nothing. Compare the verifier key it prints with the one {name} published.
  3. Each "claim" of claims.ndjson and each line of records.ndjson is byte for byte
     a line of bag/data/records.ndjson, so the bag's proofs cover them.
)";

std::string Readme(const Workspace& ws, const ClaimsPackageOptions& options,
                   const ClaimsPackageSummary& s, const claims::ValuationTables& tables) {
  std::string selection =
      options.ids_file ? "the claims listed in " + *options.ids_file : "every current claim";
  if (!options.statuses.empty()) selection += " in status " + Join(options.statuses, ", ");
  const std::pair<std::string, std::string> values[] = {
      {"name", ws.config().name},
      {"date", base::NowRfc3339().substr(0, kDateChars)},
      {"selection", selection},
      {"claims", std::to_string(s.claims)},
      {"records", std::to_string(s.records)},
      {"files", std::to_string(s.evidence_files)},
      {"size", std::to_string(s.tree_size)},
      {"root", s.root},
      {"unit", tables.reference_currency() + " of " + std::to_string(tables.reference_year())},
      {"tables", tables.version()}};
  std::string text = kReadme;
  for (const auto& [key, value] : values) {
    const std::string marker = "{" + key + "}";
    for (size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

base::Status RenameIntoPlace(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    if (errno == ENOTEMPTY || errno == EEXIST || errno == ENOTDIR) {
      return base::AlreadyExistsError(to.string() + " is not empty: give a new or empty folder");
    }
    return base::IOError("rename " + from.string() + " to " + to.string() + ": " + ErrnoText());
  }
  return SyncDirectory(to.parent_path());
}

}  // namespace

base::Result<ClaimsPackageSummary> ExportClaimsPackage(Workspace& ws,
                                                       const ClaimsPackageOptions& options,
                                                       const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(fs::path target, PackageTarget(options.dir));
  VKA_ASSIGN_OR_RETURN(Selection selection, SelectClaims(ws, options));
  if (selection.empty())
    return base::FailedPreconditionError("no claim matches the selection; nothing written");
  VKA_ASSIGN_OR_RETURN(const claims::ValuationTables* tables, Tables());
  VKA_ASSIGN_OR_RETURN(auto tmp, base::TempFolder::CreateBeside(target, kPackageDirMode));

  std::string ids;
  for (const auto& [id, unused] : selection) ids += id + "\n";
  VKA_RETURN_IF_ERROR(WriteFileAtomically(tmp->path() / "ids.txt", ids));
  BagExportOptions bag;
  bag.dir = (tmp->path() / "bag").string();
  bag.ids_file = (tmp->path() / "ids.txt").string();
  bag.progress = options.progress;
  VKA_ASSIGN_OR_RETURN(BagExportSummary bagged, ExportBag(ws, bag, context));

  ClaimsPackageSummary summary;
  summary.claims = static_cast<int64_t>(selection.size());
  summary.evidence_files = bagged.evidence_files;
  summary.payload_bytes = bagged.payload_bytes;
  summary.tree_size = bagged.tree_size;
  summary.root = bagged.root;
  VKA_ASSIGN_OR_RETURN(summary.records, WriteRecordsFile(tmp->path(), selection));
  VKA_RETURN_IF_ERROR(WriteClaimFiles(tmp->path(), selection));
  VKA_RETURN_IF_ERROR(
      WriteFileAtomically(tmp->path() / "README.txt", Readme(ws, options, summary, *tables)));
  VKA_RETURN_IF_ERROR(SyncDirectory(tmp->path()));
  VKA_RETURN_IF_ERROR(RenameIntoPlace(tmp->path(), target));
  tmp->Release();
  return summary;
}

}  // namespace vka::app
