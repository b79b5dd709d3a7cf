#include "legal/suggest.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

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

bool ContainsIgnoringCase(std::string_view haystack, const std::string& lower_needle) {
  return Lower(haystack).find(lower_needle) != std::string::npos;
}

bool Holds(const Condition& c, const FactSet& facts, const Json& body) {
  if (c.in.empty() && c.contains.empty()) {
    return facts.AnyValue(body, c.parts, [](std::string_view v) { return !v.empty(); });
  }
  return facts.AnyValue(body, c.parts, [&](std::string_view v) {
    for (const std::string& want : c.in) {
      if (v == want) return true;
    }
    for (const std::string& needle : c.contains) {
      if (ContainsIgnoringCase(v, Lower(needle))) return true;
    }
    return false;
  });
}

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The id of a record body (a view into it).
std::string_view IdOf(const Json& body) {
  auto it = body.find("id");
  return it != body.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>())
                                             : std::string_view();
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

void Emit(const Rule& rule, std::string_view target, int32_t target_index,
          std::vector<std::string_view> records, std::string figures,
          std::vector<Suggestion>* out) {
  for (const std::string& element : rule.suggests) {
    Suggestion s;
    s.rule = &rule;
    s.target = target;
    s.target_index = target_index;
    s.element = element;
    s.records = records;
    s.figures = figures;
    out->push_back(std::move(s));
  }
}

void RunRule(const Rule& rule, const FactSet& facts, const std::vector<const Json*>& records,
             std::vector<Suggestion>* out) {
  Figures figures;
  std::vector<std::string_view> matched;
  for (const Json* body : records) {
    if (!RuleMatches(rule, facts, *body)) continue;
    if (!rule.aggregate) {
      Emit(rule, IdOf(*body), static_cast<int32_t>(body - facts.records.data()), {}, {}, out);
      continue;
    }
    figures.Add(*body);
    matched.push_back(IdOf(*body));
  }
  if (rule.aggregate && !matched.empty() && figures.Reach(rule.thresholds)) {
    Emit(rule, facts.situation, -1, std::move(matched), figures.Describe(), out);
  }
}

// Applies the annotations that decide suggestions (the latest decision wins;
// annotations arrive in id order, which is time order for ULIDs).
void ApplyDecisions(const FactSet& facts, std::vector<Suggestion>* suggestions) {
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>,
           const AnnotationFacts*>
      decided;
  for (const AnnotationFacts& a : facts.annotations) {
    if (!a.suggestion.empty()) decided[{a.rule, a.target, a.element}] = &a;
  }
  if (decided.empty()) return;
  for (Suggestion& s : *suggestions) {
    auto it = decided.find({s.rule->id, s.target, s.element});
    if (it == decided.end()) continue;
    s.status = it->second->status;
    s.decision = it->second->id;
  }
}

}  // namespace

std::string SuggestionId(std::string_view rule, std::string_view target,
                         std::string_view element) {
  std::string key(rule);
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

std::string Suggestion::Id() const { return SuggestionId(rule->id, target, element); }

std::string Suggestion::Rationale() const {
  return figures.empty() ? rule->description : rule->description + " (" + figures + ")";
}

namespace {

// The records a rule must look at. When its first condition tests a
// top-level field against a list of values, only the records holding one of
// them (found through an index of that field); otherwise every record of
// its kind. Either way in record order.
class Candidates {
 public:
  Candidates(const KnowledgeBase& kb, const FactSet& facts) {
    for (const std::string& id : facts.in_scope) {
      if (const Json* body = facts.Find(id)) Slot(by_kind_, KindOf(*body)).push_back(body);
    }
    for (const Rule& rule : kb.rules()) {
      if (const Condition* c = Indexable(rule)) Build(rule.kind, c->path);
    }
  }

  std::vector<const Json*> For(const Rule& rule) const {
    auto kind = by_kind_.find(rule.kind);
    if (kind == by_kind_.end()) return {};
    const Condition* c = Indexable(rule);
    if (c == nullptr) return kind->second;
    const auto& index = indices_.at({rule.kind, c->path});
    std::vector<const Json*> out;
    for (const std::string& value : c->in) {
      auto it = index.find(value);
      if (it != index.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    std::sort(out.begin(), out.end());  // records are contiguous: address order is record order
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  using Lists = std::map<std::string, std::vector<const Json*>, std::less<>>;

  // The list under `key`, made on first use (no string built when it exists).
  static std::vector<const Json*>& Slot(Lists& lists, std::string_view key) {
    auto it = lists.find(key);
    if (it == lists.end()) it = lists.emplace(std::string(key), std::vector<const Json*>()).first;
    return it->second;
  }

  static std::string_view KindOf(const Json& body) {
    auto it = body.find("kind");
    return it != body.end() && it->is_string()
               ? std::string_view(it->get_ref<const std::string&>())
               : std::string_view();
  }

  static const Condition* Indexable(const Rule& rule) {
    if (rule.when.empty()) return nullptr;
    const Condition& c = rule.when.front();
    return c.parts.size() == 1 && !c.in.empty() && c.contains.empty() ? &c : nullptr;
  }

  void Build(const std::string& kind, const std::string& field) {
    auto& index = indices_[{kind, field}];
    if (!index.empty()) return;
    auto records = by_kind_.find(kind);
    if (records == by_kind_.end()) return;
    for (const Json* body : records->second) {
      auto it = body->find(field);
      if (it == body->end()) continue;
      if (it->is_string()) Slot(index, it->get_ref<const std::string&>()).push_back(body);
      if (!it->is_array()) continue;
      for (const Json& v : *it) {
        if (v.is_string()) Slot(index, v.get_ref<const std::string&>()).push_back(body);
      }
    }
  }

  Lists by_kind_;
  std::map<std::pair<std::string, std::string>, Lists> indices_;
};

}  // namespace

std::vector<Suggestion> Suggest(const KnowledgeBase& kb, const FactSet& facts) {
  const Candidates candidates(kb, facts);
  // Rules are independent: run them on all cores, then join in rule order.
  const std::vector<Rule>& rules = kb.rules();
  std::vector<std::vector<Suggestion>> per_rule(rules.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < rules.size(); i = next++) {
      RunRule(rules[i], facts, candidates.For(rules[i]), &per_rule[i]);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
    threads.emplace_back(work);
  }
  work();
  for (std::thread& t : threads) t.join();
  std::vector<Suggestion> out;
  size_t total = 0;
  for (const auto& v : per_rule) total += v.size();
  out.reserve(total);
  for (auto& v : per_rule) std::move(v.begin(), v.end(), std::back_inserter(out));
  ApplyDecisions(facts, &out);
  return out;
}

}  // namespace vka::legal
