#include "app/patterns.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <unordered_set>
#include <vector>

#include "app/estimate.h"
#include "base/csv.h"
#include "base/edtf.h"
#include "base/json.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

using base::Json;

constexpr size_t kMaxPopulationRows = 100'000;

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Calls fn with the parsed body of every live record of the kind.
base::Status ForEachBody(Workspace& ws, model::Kind kind,
                         const std::function<base::Status(const Json&)>& fn) {
  return ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> base::Status {
    auto body = base::ParseJsonStrict(rev.body);
    if (!body.ok()) return body.status().WithContext("read " + rev.id);
    return fn(*body);
  });
}

// Sets the date fields of an act from its EDTF `date`, if any.
base::Status FillDate(const Json& body, stats::PatternAct& act) {
  const std::string text = Str(body, "date");
  if (text.empty()) return base::OkStatus();
  auto date = base::EdtfDate::Parse(text);
  if (!date.ok()) return date.status().WithContext("date of " + act.id);
  act.has_date = true;
  act.earliest = date->earliest();
  act.latest = date->latest();
  act.approximate = date->approximate() || date->uncertain();
  return base::OkStatus();
}

base::Result<stats::PatternAct> ToAct(const Json& body) {
  stats::PatternAct act;
  act.id = Str(body, "id");
  act.type = Str(body, "type");
  act.event = Str(body, "event");
  act.place = Str(body, "place");
  act.victim = Str(body, "victim");
  act.method = Str(body, "method");
  auto count = body.find("victim_count");
  if (count != body.end() && count->is_number_integer()) act.victim_count = count->get<int64_t>();
  VKA_RETURN_IF_ERROR(FillDate(body, act));
  return act;
}

base::Result<stats::PatternPerson> ToPerson(const Json& body) {
  stats::PatternPerson p;
  p.id = Str(body, "id");
  p.sex = Str(body, "sex");
  p.national_identity = Str(body, "national_identity");
  const std::string birth = Str(body, "birth");
  if (birth.empty()) return p;
  auto date = base::EdtfDate::Parse(birth);
  if (!date.ok()) return date.status().WithContext("birth of " + p.id);
  p.has_birth = true;
  p.birth_earliest = date->earliest();
  p.birth_latest = date->latest();
  return p;
}

// The English name if there is one, else the first name, else the id.
std::string PlaceName(const Json& body) {
  auto names = body.find("names");
  if (names == body.end() || !names->is_array() || names->empty()) return Str(body, "id");
  for (const Json& n : *names) {
    if (Str(n, "language") == "en") return Str(n, "value");
  }
  return Str((*names)[0], "value");
}

stats::PatternPlace ToPlace(const Json& body) {
  stats::PatternPlace p{Str(body, "id"), Str(body, "parent"), std::nullopt};
  auto c = body.find("coordinates");
  if (c != body.end() && c->is_object() && c->contains("lat") && c->contains("lon") &&
      (*c)["lat"].is_number() && (*c)["lon"].is_number()) {
    p.coordinates = stats::Coordinates{(*c)["lat"].get<double>(), (*c)["lon"].get<double>()};
  }
  return p;
}

// What a reader may see (LoadSituationRecords): without a reader, everything.
// Remembers the ids of the records it hid, so references to them can be
// dropped.
class Visibility {
 public:
  explicit Visibility(std::optional<Role> reader) : reader_(reader) {}

  const std::optional<Role>& reader() const { return reader_; }

  // Whether the reader may read the record; remembers it as hidden if not.
  bool Readable(const Json& body) {
    if (!reader_ || MayRead(*reader_, ConfidentialityOf(body))) return true;
    hidden_.insert(Str(body, "id"));
    return false;
  }
  bool Hidden(const std::string& id) const { return !id.empty() && hidden_.contains(id); }

  // The person as the reader sees it (without the sensitive fields it may
  // not see); nullopt when hidden.
  std::optional<Json> SeePerson(const Json& body) {
    if (!Readable(body)) return std::nullopt;
    if (!reader_) return body;
    return RedactFor(*reader_, model::Kind::kPerson, body);
  }

 private:
  std::optional<Role> reader_;
  std::unordered_set<std::string> hidden_;
};

base::Result<Json> ReadSituation(Workspace& ws, Visibility& vis, const std::string& id) {
  auto kind = model::KindOfId(id);
  if (!kind || *kind != model::Kind::kSituation) {
    return base::NotFoundError("no situation " + id + " (a situation id starts with sit_)");
  }
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!latest || latest->deleted) return base::NotFoundError("no situation " + id);
  VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
  if (!vis.Readable(body)) return base::NotFoundError("no situation " + id);
  return body;
}

// The acts of the situation's events (every act when it has none); with a
// reader, only readable acts of readable events.
base::Status ReadActs(Workspace& ws, Visibility& vis, SituationRecords& report,
                      stats::PatternInput& in) {
  std::unordered_set<std::string> events;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kEvent, [&](const Json& b) {
    if (vis.Readable(b) && Str(b, "situation") == report.situation_id) {
      events.insert(Str(b, "id"));
    }
    return base::OkStatus();
  }));
  report.events = static_cast<int64_t>(events.size());
  report.all_acts = events.empty();
  return ForEachBody(ws, model::Kind::kAct, [&](const Json& b) -> base::Status {
    if (!vis.Readable(b)) return base::OkStatus();
    const std::string event = Str(b, "event");
    if (report.all_acts ? vis.Hidden(event) : !events.contains(event)) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(stats::PatternAct act, ToAct(b));
    in.acts.push_back(std::move(act));
    return base::OkStatus();
  });
}

// With a reader, remembers the organisation victims it may not read.
base::Status CheckOrganisationVictims(Workspace& ws, Visibility& vis,
                                      const std::unordered_set<std::string>& victims) {
  if (!vis.reader()) return base::OkStatus();
  for (const std::string& id : victims) {
    auto kind = model::KindOfId(id);
    if (!kind || *kind != model::Kind::kOrganization) continue;
    VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
    if (!latest || latest->deleted) continue;
    VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
    vis.Readable(body);
  }
  return base::OkStatus();
}

base::Status ReadPersonsAndPlaces(Workspace& ws, Visibility& vis, SituationRecords& report,
                                  stats::PatternInput& in) {
  std::unordered_set<std::string> victims;
  for (const auto& a : in.acts) {
    if (!a.victim.empty()) victims.insert(a.victim);
  }
  VKA_RETURN_IF_ERROR(CheckOrganisationVictims(ws, vis, victims));
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kPerson, [&](const Json& b) -> base::Status {
    if (!victims.contains(Str(b, "id"))) return base::OkStatus();
    std::optional<Json> seen = vis.SeePerson(b);
    if (!seen) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(stats::PatternPerson p, ToPerson(*seen));
    in.persons.push_back(std::move(p));
    return base::OkStatus();
  }));
  return ForEachBody(ws, model::Kind::kPlace, [&](const Json& b) {
    if (!vis.Readable(b)) return base::OkStatus();
    in.places.push_back(ToPlace(b));
    report.place_names[in.places.back().id] = PlaceName(b);
    return base::OkStatus();
  });
}

// Drops the references to victims, places and parent places the reader may
// not read.
void DropHiddenReferences(const Visibility& vis, stats::PatternInput& in) {
  for (auto& a : in.acts) {
    if (vis.Hidden(a.victim)) a.victim.clear();
    if (vis.Hidden(a.place)) a.place.clear();
  }
  for (auto& p : in.places) {
    if (vis.Hidden(p.parent)) p.parent.clear();
  }
}

base::Result<double> ParseNumber(const std::string& text, const std::string& where) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= 0)) {
    return base::InvalidArgumentError(where + ": \"" + text + "\" is not a non-negative number");
  }
  return v;
}

base::Result<std::vector<stats::PopulationGroup>> ReadPopulation(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return base::IOError(path + ": cannot open: " + std::strerror(errno));
  base::CsvReader reader(file, path);
  std::vector<std::string> row;
  VKA_ASSIGN_OR_RETURN(bool has_header, reader.Next(row));
  if (!has_header || row.size() != 2 || row[0] != "group" ||
      (row[1] != "share" && row[1] != "count")) {
    return base::InvalidArgumentError(path + ":1: the header must be group,share or group,count");
  }
  const bool counts = row[1] == "count";
  std::vector<stats::PopulationGroup> groups;
  double total = 0;
  for (;;) {
    VKA_ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    const std::string where = path + ":" + std::to_string(reader.line());
    if (row.size() != 2) return base::InvalidArgumentError(where + ": expected 2 fields");
    if (groups.size() >= kMaxPopulationRows) return base::InvalidArgumentError(where + ": too many rows");
    VKA_ASSIGN_OR_RETURN(double v, ParseNumber(row[1], where));
    stats::PopulationGroup g{row[0], v, std::nullopt};
    if (counts) g.count = static_cast<int64_t>(v);
    total += v;
    groups.push_back(std::move(g));
  }
  if (file.bad()) return base::IOError(path + ": read failed");
  if (counts && total > 0) {
    for (auto& g : groups) g.share = g.share / total;
  }
  return groups;
}

// Leaves out what comes from sensitive fields the reader may not see and
// says whose counts these are (ComputeSituationPatterns).
void LimitToReader(Role reader, PatternsReport& report) {
  stats::PatternResult& r = report.result;
  if (!MaySeeSensitive(reader)) {
    std::erase_if(r.dimensions, [](const stats::DimensionCounts& d) {
      return d.dimension == stats::Dimension::kIdentity;
    });
    r.targeting.clear();
    report.withheld_dimensions.push_back(stats::DimensionName(stats::Dimension::kIdentity));
    r.caveats.push_back(
        "National identity is a sensitive field this role may not see: the identity breakdown "
        "and targeting ratios are left out.");
  }
  if (!MayRead(reader, "sealed")) {
    r.caveats.push_back("Counted from the records the " + std::string(RoleName(reader)) +
                        " role may read: records of a higher confidentiality level are left "
                        "out.");
  }
}

}  // namespace

base::Result<SituationRecords> LoadSituationRecords(Workspace& ws, const std::string& situation_id,
                                                    std::optional<Role> reader) {
  SituationRecords records;
  records.situation_id = situation_id;
  Visibility vis(reader);
  VKA_ASSIGN_OR_RETURN(Json situation, ReadSituation(ws, vis, situation_id));
  records.situation_name = Str(situation, "name");
  VKA_RETURN_IF_ERROR(ReadActs(ws, vis, records, records.input));
  VKA_RETURN_IF_ERROR(ReadPersonsAndPlaces(ws, vis, records, records.input));
  DropHiddenReferences(vis, records.input);
  return records;
}

base::Result<PatternsReport> ComputeSituationPatterns(Workspace& ws,
                                                      const PatternsRequest& request) {
  VKA_ASSIGN_OR_RETURN(SituationRecords records,
                       LoadSituationRecords(ws, request.situation_id, request.reader));
  PatternsReport report;
  report.situation_id = std::move(records.situation_id);
  report.situation_name = std::move(records.situation_name);
  report.events = records.events;
  report.all_acts = records.all_acts;
  report.place_names = std::move(records.place_names);
  stats::PatternInput& in = records.input;
  if (!request.population_path.empty()) {
    VKA_ASSIGN_OR_RETURN(in.population, ReadPopulation(request.population_path));
  }
  auto result = stats::ComputePatterns(in);
  if (!result.ok()) {
    return result.status().WithContext(request.population_path.empty()
                                           ? "patterns of " + request.situation_id
                                           : request.population_path);
  }
  report.result = std::move(result).value();
  if (request.reader) LimitToReader(*request.reader, report);
  VKA_ASSIGN_OR_RETURN(report.estimate, KeptEstimate(ws, report.situation_id, request.reader));
  return report;
}

}  // namespace vka::app
