#include "legal/suggest.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "base/edtf.h"
#include "base/sha256.h"

namespace vka::legal {
namespace {

using base::Json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Holds(const Condition& c, const FactSet& facts, const Json& body) {
  const std::vector<std::string> values = facts.Values(body, c.path);
  if (c.in.empty() && c.contains.empty()) return !values.empty();
  for (const std::string& v : values) {
    if (std::find(c.in.begin(), c.in.end(), v) != c.in.end()) return true;
    if (c.contains.empty()) continue;
    const std::string lower = Lower(v);
    for (const std::string& needle : c.contains) {
      if (lower.find(Lower(needle)) != std::string::npos) return true;
    }
  }
  return false;
}

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Figures of an aggregate's matched records, and whether they reach the thresholds.
struct Figures {
  int64_t records = 0, victims = 0;
  std::set<std::string> events, places;
  std::set<int64_t> days;

  void Add(const Json& body) {
    ++records;
    auto count = body.find("victim_count");
    victims += count != body.end() && count->is_number_integer() ? count->get<int64_t>() : 1;
    if (std::string e = Str(body, "event"); !e.empty()) events.insert(e);
    if (std::string p = Str(body, "place"); !p.empty()) places.insert(p);
    auto date = base::EdtfDate::Parse(Str(body, "date"));
    if (date.ok() && date->earliest() == date->latest()) days.insert(date->earliest());
  }
  bool Reach(const Aggregate& a) const {
    return records >= a.min_records && victims >= a.min_victims &&
           static_cast<int64_t>(events.size()) >= a.min_events &&
           static_cast<int64_t>(places.size()) >= a.min_places &&
           static_cast<int64_t>(days.size()) >= a.min_days;
  }
  std::string Describe() const {
    return std::to_string(records) + " records, " + std::to_string(victims) + " victims, " +
           std::to_string(events.size()) + " events, " + std::to_string(places.size()) +
           " places, " + std::to_string(days.size()) + " distinct days";
  }
};

void Emit(const Rule& rule, const std::string& target, std::vector<std::string> facts,
          const std::string& rationale, std::vector<Suggestion>* out) {
  for (const std::string& element : rule.suggests) {
    Suggestion s;
    s.id = SuggestionId(rule.id, target, element);
    s.rule = rule.id;
    s.target = target;
    s.element = element;
    s.facts = facts;
    s.rationale = rationale;
    s.caution = rule.caution;
    out->push_back(std::move(s));
  }
}

void RunRule(const Rule& rule, const FactSet& facts, std::vector<Suggestion>* out) {
  Figures figures;
  std::vector<std::string> matched;
  for (const std::string& id : facts.in_scope) {
    const Json* body = facts.Find(id);
    if (body == nullptr || Str(*body, "kind") != rule.kind) continue;
    if (!RuleMatches(rule, facts, *body)) continue;
    if (!rule.aggregate) {
      Emit(rule, id, {id}, rule.description, out);
      continue;
    }
    figures.Add(*body);
    matched.push_back(id);
  }
  if (rule.aggregate && !matched.empty() && figures.Reach(rule.thresholds)) {
    Emit(rule, facts.situation, std::move(matched),
         rule.description + " (" + figures.Describe() + ")", out);
  }
}

// Applies the annotations that decide suggestions (the latest decision wins;
// annotations arrive in id order, which is time order for ULIDs).
void ApplyDecisions(const FactSet& facts, std::vector<Suggestion>* suggestions) {
  std::unordered_map<std::string_view, const AnnotationFacts*> decided;
  for (const AnnotationFacts& a : facts.annotations) {
    if (!a.suggestion.empty()) decided[a.suggestion] = &a;
  }
  for (Suggestion& s : *suggestions) {
    auto it = decided.find(s.id);
    if (it == decided.end()) continue;
    s.status = it->second->status;
    s.decision = it->second->id;
  }
}

}  // namespace

std::string SuggestionId(const std::string& rule, const std::string& target,
                         const std::string& element) {
  std::string key = rule;
  key += '\0';
  key += target;
  key += '\0';
  key += element;
  return "sug_" + base::HexLower(base::Sha256Of(key)).substr(0, 16);
}

bool RuleMatches(const Rule& rule, const FactSet& facts, const Json& body) {
  for (const Condition& c : rule.when) {
    if (!Holds(c, facts, body)) return false;
  }
  for (const Condition& c : rule.unless) {
    if (Holds(c, facts, body)) return false;
  }
  return true;
}

std::vector<Suggestion> Suggest(const KnowledgeBase& kb, const FactSet& facts) {
  std::vector<Suggestion> out;
  for (const Rule& rule : kb.rules()) RunRule(rule, facts, &out);
  ApplyDecisions(facts, &out);
  return out;
}

}  // namespace vka::legal
