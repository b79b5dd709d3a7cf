#include "legal/kb.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "base/json.h"
#include "base/toml.h"
#include "legal/facts.h"
#include "legal/internal/embedded.h"

namespace vka::legal {
namespace {

using base::Json;
using base::Result;
using base::Status;

constexpr std::array<std::pair<ItemKind, std::string_view>, 10> kKindNames = {{
    {ItemKind::kProvision, "provision"},
    {ItemKind::kDefinition, "definition"},
    {ItemKind::kContext, "context"},
    {ItemKind::kConduct, "conduct"},
    {ItemKind::kConsequence, "consequence"},
    {ItemKind::kCircumstance, "circumstance"},
    {ItemKind::kMental, "mental"},
    {ItemKind::kObligation, "obligation"},
    {ItemKind::kRight, "right"},
    {ItemKind::kRemedy, "remedy"},
}};

Status Error(std::string_view origin, std::string_view what) {
  return base::InvalidArgumentError(std::string(origin) + ": " + std::string(what));
}

// Reads the fields of one TOML table converted to JSON, refusing unknown keys.
class Fields {
 public:
  Fields(const Json& json, std::string origin) : json_(json), origin_(std::move(origin)) {}

  const std::string& origin() const { return origin_; }

  Result<std::string> Str(std::string_view key, bool required) {
    used_.insert(std::string(key));
    auto it = json_.find(key);
    if (it == json_.end()) {
      if (required) return Error(origin_, "missing " + std::string(key));
      return std::string();
    }
    if (!it->is_string()) return Error(origin_, std::string(key) + " must be a string");
    std::string value = it->get<std::string>();
    if (required && value.empty()) return Error(origin_, std::string(key) + " is empty");
    return value;
  }

  Result<std::vector<std::string>> Strs(std::string_view key, bool required) {
    used_.insert(std::string(key));
    std::vector<std::string> out;
    auto it = json_.find(key);
    if (it == json_.end()) {
      if (required) return Error(origin_, "missing " + std::string(key));
      return out;
    }
    if (!it->is_array()) return Error(origin_, std::string(key) + " must be a list of strings");
    for (const Json& v : *it) {
      if (!v.is_string()) return Error(origin_, std::string(key) + " must be a list of strings");
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  Result<int> Int(std::string_view key, int fallback, int low, int high) {
    used_.insert(std::string(key));
    auto it = json_.find(key);
    if (it == json_.end()) return fallback;
    if (!it->is_number_integer()) return Error(origin_, std::string(key) + " must be an integer");
    const int64_t v = it->get<int64_t>();
    if (v < low || v > high) {
      return Error(origin_, std::string(key) + " must be between " + std::to_string(low) +
                                " and " + std::to_string(high));
    }
    return static_cast<int>(v);
  }

  Result<bool> Bool(std::string_view key, bool required) {
    used_.insert(std::string(key));
    auto it = json_.find(key);
    if (it == json_.end()) {
      if (required) return Error(origin_, "missing " + std::string(key));
      return false;
    }
    if (!it->is_boolean()) return Error(origin_, std::string(key) + " must be true or false");
    return it->get<bool>();
  }

  Result<Titles> Title(std::string_view key) {
    used_.insert(std::string(key));
    auto it = json_.find(key);
    if (it == json_.end() || !it->is_object()) {
      return Error(origin_, "missing " + std::string(key) + ".en, .hy and .ru");
    }
    Fields sub(*it, origin_ + ": " + std::string(key));
    Titles t;
    VKA_ASSIGN_OR_RETURN(t.en, sub.Str("en", true));
    VKA_ASSIGN_OR_RETURN(t.hy, sub.Str("hy", true));
    VKA_ASSIGN_OR_RETURN(t.ru, sub.Str("ru", true));
    VKA_RETURN_IF_ERROR(sub.NoOthers());
    return t;
  }

  const Json* Sub(std::string_view key) {
    used_.insert(std::string(key));
    auto it = json_.find(key);
    return it == json_.end() ? nullptr : &*it;
  }

  Status NoOthers() const {
    for (const auto& [key, value] : json_.items()) {
      if (!used_.contains(key)) return Error(origin_, "unknown key \"" + key + "\"");
    }
    return base::OkStatus();
  }

 private:
  const Json& json_;
  std::string origin_;
  std::set<std::string, std::less<>> used_;
};

std::string Origin(std::string_view file, const toml::node& node) {
  return std::string(file) + ":" + std::to_string(node.source().begin.line);
}

// Calls fn(json, origin) for each table of the array of tables `key`.
template <typename Fn>
Status ForEachTable(const toml::table& root, std::string_view key, std::string_view file, Fn fn) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return base::OkStatus();
  const toml::array* array = node->as_array();
  if (array == nullptr) return Error(file, std::string(key) + " must be an array of tables");
  for (const toml::node& element : *array) {
    const std::string origin = Origin(file, element);
    if (!element.is_table()) return Error(origin, std::string(key) + " must be a table");
    VKA_ASSIGN_OR_RETURN(Json json, base::TomlToJson(element, file));
    VKA_RETURN_IF_ERROR(fn(json, origin));
  }
  return base::OkStatus();
}

Result<ItemKind> ParseKind(std::string_view text, std::string_view origin) {
  for (const auto& [kind, name] : kKindNames) {
    if (name == text) return kind;
  }
  return Error(origin, "unknown kind \"" + std::string(text) +
                           "\" (provision, definition, context, conduct, consequence, "
                           "circumstance, mental, obligation, right, remedy)");
}

Result<Item> ParseItem(const Json& json, const std::string& origin, const Instrument& instrument) {
  Item item;
  item.origin = origin;
  item.instrument = instrument.id;
  auto id = json.find("id");
  Fields g(json, origin + (id != json.end() && id->is_string()
                               ? ": item " + id->get<std::string>()
                               : std::string()));
  VKA_ASSIGN_OR_RETURN(item.id, g.Str("id", true));
  VKA_ASSIGN_OR_RETURN(item.provision, g.Str("provision", true));
  VKA_ASSIGN_OR_RETURN(std::string kind, g.Str("kind", true));
  VKA_ASSIGN_OR_RETURN(item.kind, ParseKind(kind, g.origin()));
  VKA_ASSIGN_OR_RETURN(item.title, g.Title("title"));
  VKA_ASSIGN_OR_RETURN(item.text, g.Str("text", true));
  VKA_ASSIGN_OR_RETURN(item.citation, g.Str("citation", true));
  VKA_ASSIGN_OR_RETURN(item.part_of, g.Str("part_of", false));
  VKA_ASSIGN_OR_RETURN(item.ref, g.Str("ref", false));
  VKA_ASSIGN_OR_RETURN(item.checked, g.Bool("checked", true));
  VKA_ASSIGN_OR_RETURN(item.checked_against, g.Str("checked_against", false));
  VKA_ASSIGN_OR_RETURN(item.notes, g.Str("notes", false));
  VKA_RETURN_IF_ERROR(g.NoOthers());
  if (!item.id.starts_with(instrument.id + ".")) {
    return Error(g.origin(), "id must start with \"" + instrument.id + ".\"");
  }
  if (item.checked && item.checked_against.empty()) {
    return Error(g.origin(), "checked = true needs checked_against (where it was compared)");
  }
  return item;
}

Result<Instrument> ParseInstrument(const toml::table& root, std::string_view file) {
  const toml::node* node = root.get("instrument");
  if (node == nullptr || !node->is_table()) return Error(file, "missing [instrument]");
  VKA_ASSIGN_OR_RETURN(Json json, base::TomlToJson(*node, file));
  Fields f(json, Origin(file, *node));
  Instrument in;
  in.file = std::string(file);
  VKA_ASSIGN_OR_RETURN(in.id, f.Str("id", true));
  VKA_ASSIGN_OR_RETURN(in.title, f.Title("title"));
  VKA_ASSIGN_OR_RETURN(in.citation, f.Str("citation", true));
  VKA_ASSIGN_OR_RETURN(in.adopted, f.Str("adopted", false));
  VKA_ASSIGN_OR_RETURN(in.url, f.Str("url", false));
  VKA_RETURN_IF_ERROR(f.NoOthers());
  return in;
}

Result<Qualification> ParseQualification(const Json& json, const std::string& origin) {
  Fields f(json, origin);
  Qualification q;
  VKA_ASSIGN_OR_RETURN(q.id, f.Str("id", true));
  VKA_ASSIGN_OR_RETURN(q.provision, f.Str("provision", true));
  VKA_ASSIGN_OR_RETURN(q.title, f.Title("title"));
  VKA_ASSIGN_OR_RETURN(q.elements, f.Strs("elements", true));
  VKA_RETURN_IF_ERROR(f.NoOthers());
  if (q.elements.empty()) return Error(origin, "qualification " + q.id + " has no elements");
  return q;
}

Result<Standard> ParseStandard(const Json& json, const std::string& origin) {
  Fields f(json, origin);
  Standard s;
  VKA_ASSIGN_OR_RETURN(s.id, f.Str("id", true));
  VKA_ASSIGN_OR_RETURN(s.title, f.Title("title"));
  VKA_ASSIGN_OR_RETURN(s.description, f.Str("description", true));
  VKA_ASSIGN_OR_RETURN(s.min_origins, f.Int("min_origins", 1, 1, 1000));
  VKA_ASSIGN_OR_RETURN(std::string reliability, f.Str("max_reliability", false));
  VKA_ASSIGN_OR_RETURN(s.max_credibility, f.Int("max_credibility", 6, 1, 6));
  VKA_RETURN_IF_ERROR(f.NoOthers());
  if (reliability.empty()) reliability = "F";
  if (reliability.size() != 1 || reliability[0] < 'A' || reliability[0] > 'F') {
    return Error(origin, "max_reliability must be one of A-F");
  }
  s.max_reliability = reliability[0];
  return s;
}

Result<std::vector<Condition>> ParseConditions(const Json* json, const std::string& origin) {
  std::vector<Condition> out;
  if (json == nullptr) return out;
  if (!json->is_array()) return Error(origin, "conditions must be a list of {path, in|contains}");
  for (const Json& c : *json) {
    if (!c.is_object()) return Error(origin, "each condition must be a table");
    Fields f(c, origin);
    Condition cond;
    VKA_ASSIGN_OR_RETURN(cond.path, f.Str("path", true));
    SplitPath(cond.path, &cond.parts);
    VKA_ASSIGN_OR_RETURN(cond.in, f.Strs("in", false));
    VKA_ASSIGN_OR_RETURN(cond.contains, f.Strs("contains", false));
    VKA_RETURN_IF_ERROR(f.NoOthers());
    out.push_back(std::move(cond));
  }
  return out;
}

Result<Aggregate> ParseAggregate(const Json& json, const std::string& origin) {
  Fields f(json, origin + ": aggregate");
  Aggregate a;
  constexpr int kMax = 100'000'000;
  VKA_ASSIGN_OR_RETURN(a.min_records, f.Int("min_records", 0, 0, kMax));
  VKA_ASSIGN_OR_RETURN(a.min_victims, f.Int("min_victims", 0, 0, kMax));
  VKA_ASSIGN_OR_RETURN(a.min_events, f.Int("min_events", 0, 0, kMax));
  VKA_ASSIGN_OR_RETURN(a.min_places, f.Int("min_places", 0, 0, kMax));
  VKA_ASSIGN_OR_RETURN(a.min_days, f.Int("min_days", 0, 0, kMax));
  VKA_RETURN_IF_ERROR(f.NoOthers());
  return a;
}

Result<Rule> ParseRule(const Json& json, const std::string& origin) {
  Fields f(json, origin);
  Rule r;
  r.origin = origin;
  VKA_ASSIGN_OR_RETURN(r.id, f.Str("id", true));
  VKA_ASSIGN_OR_RETURN(r.description, f.Str("description", true));
  VKA_ASSIGN_OR_RETURN(r.kind, f.Str("kind", true));
  VKA_ASSIGN_OR_RETURN(r.when, ParseConditions(f.Sub("when"), origin));
  VKA_ASSIGN_OR_RETURN(r.unless, ParseConditions(f.Sub("unless"), origin));
  VKA_ASSIGN_OR_RETURN(r.suggests, f.Strs("suggests", true));
  VKA_ASSIGN_OR_RETURN(r.caution, f.Str("caution", false));
  if (const Json* agg = f.Sub("aggregate")) {
    if (!agg->is_object()) return Error(origin, "aggregate must be a table");
    r.aggregate = true;
    VKA_ASSIGN_OR_RETURN(r.thresholds, ParseAggregate(*agg, origin));
  }
  VKA_RETURN_IF_ERROR(f.NoOthers());
  if (r.suggests.empty()) return Error(origin, "rule " + r.id + " suggests nothing");
  return r;
}

Result<std::vector<std::string>> ParseIdList(const toml::table& root, std::string_view table,
                                             std::string_view key, std::string_view file) {
  const toml::node* node = root.get(table);
  if (node == nullptr) return std::vector<std::string>();
  VKA_ASSIGN_OR_RETURN(Json json, base::TomlToJson(*node, file));
  if (!json.is_object()) return Error(file, std::string(table) + " must be a table");
  Fields f(json, Origin(file, *node));
  VKA_ASSIGN_OR_RETURN(auto ids, f.Strs(key, true));
  return ids;
}

}  // namespace

const std::string& Titles::In(std::string_view lang) const {
  if (lang == "hy" && !hy.empty()) return hy;
  if (lang == "ru" && !ru.empty()) return ru;
  return en;
}

std::string_view ItemKindName(ItemKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "provision";
}

Status KnowledgeBase::ParseFile(const File& file) {
  VKA_ASSIGN_OR_RETURN(toml::table root, base::ParseToml(file.text, file.name));
  if (file.name == "qualifications.toml") {
    return ForEachTable(root, "qualification", file.name, [&](const Json& j, const std::string& o) {
      VKA_ASSIGN_OR_RETURN(Qualification q, ParseQualification(j, o));
      qualifications_.push_back(std::move(q));
      return base::OkStatus();
    });
  }
  if (file.name == "standards.toml") {
    return ForEachTable(root, "standard", file.name, [&](const Json& j, const std::string& o) {
      VKA_ASSIGN_OR_RETURN(Standard s, ParseStandard(j, o));
      standards_.push_back(std::move(s));
      return base::OkStatus();
    });
  }
  if (file.name == "rules.toml") {
    VKA_ASSIGN_OR_RETURN(consequences_,
                         ParseIdList(root, "state_responsibility", "consequences", file.name));
    VKA_ASSIGN_OR_RETURN(attribution_,
                         ParseIdList(root, "state_responsibility", "attribution", file.name));
    VKA_ASSIGN_OR_RETURN(omissions_,
                         ParseIdList(root, "state_responsibility", "omissions", file.name));
    return ForEachTable(root, "rule", file.name, [&](const Json& j, const std::string& o) {
      VKA_ASSIGN_OR_RETURN(Rule r, ParseRule(j, o));
      rules_.push_back(std::move(r));
      return base::OkStatus();
    });
  }
  VKA_ASSIGN_OR_RETURN(Instrument instrument, ParseInstrument(root, file.name));
  VKA_RETURN_IF_ERROR(
      ForEachTable(root, "item", file.name, [&](const Json& j, const std::string& o) {
        VKA_ASSIGN_OR_RETURN(Item item, ParseItem(j, o, instrument));
        items_.push_back(std::move(item));
        return base::OkStatus();
      }));
  instruments_.push_back(std::move(instrument));
  return base::OkStatus();
}

namespace {

template <typename T>
Status CheckUnique(const std::vector<T>& list, std::string_view what) {
  std::set<std::string, std::less<>> seen;
  for (const T& x : list) {
    if (!seen.insert(x.id).second) {
      return base::InvalidArgumentError("duplicate " + std::string(what) + " id " + x.id);
    }
  }
  return base::OkStatus();
}

}  // namespace

Status KnowledgeBase::Check() const {
  VKA_RETURN_IF_ERROR(CheckUnique(instruments_, "instrument"));
  VKA_RETURN_IF_ERROR(CheckUnique(qualifications_, "qualification"));
  VKA_RETURN_IF_ERROR(CheckUnique(standards_, "standard"));
  VKA_RETURN_IF_ERROR(CheckUnique(rules_, "rule"));
  for (const Item& item : items_) {
    if (!item.part_of.empty() && item.part_of != item.instrument && !FindItem(item.part_of)) {
      return Error(item.origin, "item " + item.id + ": part_of " + item.part_of + " is unknown");
    }
    if (item.ref.empty()) continue;
    const Item* target = FindItem(item.ref);
    if (target == nullptr) return Error(item.origin, "item " + item.id + ": ref " + item.ref + " is unknown");
    if (!target->ref.empty()) {
      return Error(item.origin, "item " + item.id + ": ref " + item.ref + " is itself a ref");
    }
  }
  for (const Qualification& q : qualifications_) {
    if (!FindItem(q.provision)) return Error("qualifications.toml", q.id + ": provision " + q.provision + " is unknown");
    for (const std::string& e : q.elements) {
      if (!FindItem(e)) return Error("qualifications.toml", q.id + ": element " + e + " is unknown");
    }
  }
  for (const Rule& r : rules_) {
    for (const std::string& s : r.suggests) {
      if (!FindItem(s)) return Error(r.origin, "rule " + r.id + ": suggests unknown item " + s);
    }
  }
  for (const auto* list : {&consequences_, &attribution_}) {
    for (const std::string& id : *list) {
      if (!FindItem(id)) return Error("rules.toml", "state_responsibility: unknown item " + id);
    }
  }
  return base::OkStatus();
}

Result<KnowledgeBase> KnowledgeBase::Parse(const std::vector<File>& files) {
  KnowledgeBase kb;
  for (const File& file : files) VKA_RETURN_IF_ERROR(kb.ParseFile(file));
  for (size_t i = 0; i < kb.items_.size(); ++i) {
    if (!kb.item_index_.emplace(kb.items_[i].id, i).second) {
      return Error(kb.items_[i].origin, "duplicate item id " + kb.items_[i].id);
    }
  }
  VKA_RETURN_IF_ERROR(kb.Check());
  return kb;
}

Result<const KnowledgeBase*> KnowledgeBase::BuiltIn() {
  static const Result<KnowledgeBase> kb = [] {
    std::vector<File> files;
    for (const base::EmbeddedFile& f : EmbeddedLegalFiles()) {
      files.push_back({std::string(f.name), std::string(f.contents)});
    }
    return Parse(files);
  }();
  if (!kb.ok()) return kb.status().WithContext("built-in legal knowledge base");
  return &*kb;
}

const Item* KnowledgeBase::FindItem(std::string_view id) const {
  auto it = item_index_.find(id);
  return it == item_index_.end() ? nullptr : &items_[it->second];
}

const Instrument* KnowledgeBase::FindInstrument(std::string_view id) const {
  for (const Instrument& in : instruments_) {
    if (in.id == id) return &in;
  }
  return nullptr;
}

const Qualification* KnowledgeBase::FindQualification(std::string_view id) const {
  for (const Qualification& q : qualifications_) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

const Standard* KnowledgeBase::FindStandard(std::string_view id) const {
  for (const Standard& s : standards_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Item& KnowledgeBase::Resolve(const Item& item) const {
  if (item.ref.empty()) return item;
  const Item* target = FindItem(item.ref);
  return target ? *target : item;
}

}  // namespace vka::legal
