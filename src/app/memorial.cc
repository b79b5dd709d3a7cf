#include "app/memorial.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/access.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

using base::Json;
using model::Kind;

constexpr char kCaveat[] =
    "These are counts of documented records that are public, not estimates of what happened: "
    "much is undocumented, and records that protect people are left out. Estimates of the "
    "undocumented are made with multiple systems estimation and published with their intervals.";

constexpr char kVerifyHowto[] =
    "The checkpoint is a signed note over the archive's transparency log: every record "
    "revision and evidence file is a leaf. Keep a copy of it. Fetch /log/checkpoint and the "
    "tiles under /log/tile/, check the signature with the archive's published verifier key "
    "(`vka log key`) and the tiles against the checkpoint's root with any C2SP tlog-tiles "
    "client (for example Go's golang.org/x/mod/sumdb/tlog; docs/formats/log.md). A later "
    "checkpoint must be consistent with the one you kept (`vka log consistency`): an archive "
    "that removed or changed an entry cannot produce one that is.";

std::string Str(const Json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

bool IsPublic(const Json& body) { return ConfidentialityOf(body) == "public"; }

// Consent object flags.
bool HasScope(const Json& source, std::string_view scope) {
  auto consent = source.find("consent");
  if (consent == source.end() || !consent->is_object()) return false;
  if (consent->value("withdrawn", false)) return false;
  auto scopes = consent->find("scopes");
  if (scopes == consent->end() || !scopes->is_array()) return false;
  return std::any_of(scopes->begin(), scopes->end(),
                     [&](const Json& s) { return s.is_string() && s.get<std::string>() == scope; });
}

bool MayShowSource(const Json& source) {
  if (!IsPublic(source)) return false;
  if (HasScope(source, "public_use") || HasScope(source, "named_publication")) return true;
  return !source.contains("consent") && !source.contains("witness");
}

// The display name: the values of the first script's names, joined.
std::string DisplayName(const Json& body) {
  auto names = body.find("names");
  if (names == body.end() || !names->is_array() || names->empty()) return Str(body, "name");
  std::string script = (*names)[0].value("script", "");
  std::string out;
  for (const Json& n : *names) {
    if (n.value("script", "") != script) continue;
    if (!out.empty()) out += " ";
    out += n.value("value", "");
  }
  return out;
}

// Calls fn for every live record of the kind with a parsed body.
template <typename Fn>
base::Status ForEach(Workspace& ws, Kind kind, Fn fn) {
  return ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> base::Status {
    VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(rev.body));
    fn(rev.id, body);
    return base::OkStatus();
  });
}

Json Pick(const Json& body, std::initializer_list<const char*> names) {
  Json out = Json::object();
  for (const char* name : names) {
    if (auto it = body.find(name); it != body.end()) out[name] = *it;
  }
  return out;
}

std::string ReadCheckpoint(const Workspace& ws) {
  std::ifstream in(ws.dir() / "log" / "checkpoint", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

base::Result<Json> MemorialData(Workspace& ws) {
  Json out = Json::object();

  Json situations = Json::array();
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kSituation, [&](const std::string&, const Json& b) {
    if (IsPublic(b)) situations.push_back(Pick(b, {"id", "name", "description", "territory", "span"}));
  }));

  std::map<std::string, std::string> public_places;  // id -> name
  Json places = Json::array();
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kPlace, [&](const std::string& id, const Json& b) {
    if (!IsPublic(b)) return;
    public_places[id] = DisplayName(b);
    Json p = Pick(b, {"id", "type", "coordinates"});
    p["name"] = public_places[id];
    places.push_back(std::move(p));
  }));

  Json events = Json::array();
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kEvent, [&](const std::string&, const Json& b) {
    if (!IsPublic(b)) return;
    Json e = Pick(b, {"id", "title", "date"});
    auto place = public_places.find(Str(b, "place"));
    e["place"] = place == public_places.end() ? Json() : Json(place->first);
    e["place_name"] = place == public_places.end() ? Json() : Json(place->second);
    events.push_back(std::move(e));
  }));
  std::stable_sort(events.begin(), events.end(), [](const Json& a, const Json& b) {
    return a.value("date", "") < b.value("date", "");
  });

  // Sources: which may be shown, and which consent to naming their subject.
  Json sources = Json::array();
  std::set<std::string> naming_sources;        // live sources with named_publication
  std::set<std::string> consented_persons;     // witnesses of those
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kSource, [&](const std::string& id, const Json& b) {
    if (MayShowSource(b)) sources.push_back(Pick(b, {"id", "title", "type", "date", "reliability"}));
    if (HasScope(b, "named_publication")) {
      naming_sources.insert(id);
      if (std::string w = Str(b, "witness"); !w.empty()) consented_persons.insert(w);
    }
  }));
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kInformation, [&](const std::string&, const Json& b) {
    if (naming_sources.count(Str(b, "source"))) consented_persons.insert(Str(b, "record"));
  }));

  // Victims of public acts.
  std::set<std::string> victim_ids;
  int64_t uncounted_by_id = 0;
  std::map<std::string, int64_t> acts_by_type;
  int64_t public_acts = 0;
  VKA_RETURN_IF_ERROR(ForEach(ws, Kind::kAct, [&](const std::string&, const Json& b) {
    if (!IsPublic(b)) return;
    ++public_acts;
    ++acts_by_type[Str(b, "type")];
    std::string victim = Str(b, "victim");
    if (!victim.empty() && model::KindOfId(victim) == Kind::kPerson) {
      victim_ids.insert(victim);
    } else if (victim.empty()) {
      auto count = b.find("victim_count");
      if (count != b.end() && count->is_number_integer()) uncounted_by_id += count->get<int64_t>();
    }
  }));
  Json named = Json::array();
  int64_t unnamed = uncounted_by_id;
  for (const std::string& id : victim_ids) {
    bool shown = false;
    if (consented_persons.count(id)) {
      VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
      if (latest && !latest->deleted) {
        VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(latest->body));
        if (auto visible = RedactFor(Role::kPublic, Kind::kPerson, body); visible) {
          Json v = Pick(*visible, {"id", "birth", "death", "status", "sex"});
          v["name"] = DisplayName(*visible);
          named.push_back(std::move(v));
          shown = true;
        }
      }
    }
    if (!shown) ++unnamed;
  }

  out["situations"] = std::move(situations);
  out["events"] = std::move(events);
  out["victims"] = {{"named", std::move(named)}, {"unnamed_count", unnamed}};
  out["places"] = std::move(places);
  out["stats"] = {{"events", out["events"].size()},
                  {"acts", public_acts},
                  {"acts_by_type", acts_by_type},
                  {"victims", static_cast<int64_t>(out["victims"]["named"].size()) + unnamed},
                  {"places", out["places"].size()},
                  {"sources", sources.size()},
                  {"caveat", kCaveat}};
  out["sources"] = std::move(sources);
  out["checkpoint"] = ReadCheckpoint(ws);
  out["verify_howto"] = kVerifyHowto;
  return out;
}

}  // namespace vka::app
