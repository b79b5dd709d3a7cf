#include "legal/matrix.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace vka::legal {
namespace {

using base::Json;

// A link from facts to an element: one record, or many (an aggregate rule's).
struct Link {
  const std::string_view* fact;
  int32_t fact_index;                          // fact's position in FactSet::records, or -1
  const std::vector<std::string_view>* facts;  // used when `fact` is null
  bool contradicts = false;
  std::string_view status;
  std::string_view caution;
};

std::optional<ExclusionReason> ExclusionOf(const SourceFacts& s) {
  if (s.obtained_under_torture) return ExclusionReason::kObtainedUnderTorture;
  if (s.consent_withdrawn) return ExclusionReason::kConsentWithdrawn;
  if (s.consent_recorded && !s.consent_legal_use) return ExclusionReason::kConsentScope;
  return std::nullopt;
}

// Collects the evidence of one element from its links.
class ElementBuilder {
 public:
  ElementBuilder(const FactSet& facts, ElementAssessment* out)
      : facts_(facts), out_(out), seen_information_(facts.information.size(), false) {}

  void AddLink(const Link& link) {
    if (link.status == "rejected") {
      ++out_->links_rejected;
      return;
    }
    const bool reviewed = link.status == "accepted";
    ++(reviewed ? out_->links_accepted : out_->links_suggested);
    if (!link.caution.empty()) cautions_.insert(std::string(link.caution));
    if (link.fact != nullptr) {
      AddFact(*link.fact, link.fact_index, link.contradicts, reviewed);
      return;
    }
    for (std::string_view fact : *link.facts) AddFact(fact, -1, link.contradicts, reviewed);
  }

  void Finish() {
    out_->cautions.assign(cautions_.begin(), cautions_.end());
  }

 private:
  void AddFact(std::string_view fact, int32_t index, bool contradicts, bool reviewed) {
    // Ids carry their kind: only information and source ids need the lookups.
    if (fact.starts_with("inf_")) {
      if (const int32_t info = facts_.InformationIndex(fact); info >= 0) {
        AddInformation(info, contradicts, reviewed);
        return;
      }
    }
    if (fact.starts_with("src_")) {
      if (const SourceFacts* source = facts_.FindSource(fact)) {
        const auto index = static_cast<int32_t>(source - facts_.sources.data());
        AddEvidence({-1, index, fact, reviewed}, *source, contradicts);
        return;
      }
    }
    const std::vector<int32_t>& infos =
        index >= 0 ? facts_.InformationOnRecord(index) : facts_.InformationOn(fact);
    if (infos.empty() && unsourced_.insert(std::string(fact)).second) {
      out_->unsourced_facts.emplace_back(fact);
    }
    for (int32_t info : infos) AddInformation(info, contradicts, reviewed);
  }

  void AddInformation(int32_t index, bool link_contradicts, bool reviewed) {
    const InformationFacts& info = facts_.information[index];
    if (info.source_index < 0) return;  // a dangling link: validation refuses these at write time
    const SourceFacts* source = &facts_.sources[info.source_index];
    AddEvidence({index, info.source_index, info.record, reviewed}, *source,
                info.contradicts != link_contradicts);
  }

  void AddEvidence(Evidence e, const SourceFacts& source, bool contradicts) {
    if (e.information >= 0) {
      if (seen_information_[e.information]) return;
      seen_information_[e.information] = true;
    } else if (!seen_sources_.insert(e.source).second) {
      return;
    }
    if (auto reason = ExclusionOf(source)) {
      out_->excluded.push_back({e.source, e.information, *reason});
      return;
    }
    (contradicts ? out_->contradicting : out_->supporting).push_back(std::move(e));
  }

  const FactSet& facts_;
  ElementAssessment* out_;
  std::vector<bool> seen_information_;
  std::unordered_set<int32_t> seen_sources_;
  std::unordered_set<std::string> unsourced_;
  std::set<std::string> cautions_;
};

void Grade(const FactSet& facts, ElementAssessment* e) {
  std::unordered_set<std::string_view> origins;
  for (const Evidence& ev : e->supporting) {
    const SourceFacts* s = &facts.sources[ev.source];
    origins.insert(s->OriginKey());
    if (s->reliability && (!e->best_reliability || s->reliability < e->best_reliability)) {
      e->best_reliability = s->reliability;
    }
    if (ev.information < 0) continue;
    const int c = facts.information[ev.information].credibility;
    if (c && (!e->best_credibility || c < e->best_credibility)) e->best_credibility = c;
  }
  e->independent_origins = static_cast<int>(origins.size());
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void Judge(const Standard& standard, const std::string& title, ElementAssessment* e) {
  e->contested = !e->contradicting.empty();
  if (e->supporting.empty()) {
    e->status = e->contested ? ElementStatus::kOnlyContradicting : ElementStatus::kNoEvidence;
    e->gaps.push_back(e->contested ? "only contradicting evidence of: " + title
                                   : "no evidence yet of: " + title);
  } else {
    std::vector<std::string> missing;
    if (e->independent_origins < standard.min_origins) {
      missing.push_back(Plural(e->independent_origins, "independent origin", "independent origins") +
                        " of " + std::to_string(standard.min_origins) + " wanted");
    }
    if (!e->best_reliability || e->best_reliability > standard.max_reliability) {
      missing.push_back(std::string("no source graded ") + standard.max_reliability +
                        " or better for reliability");
    }
    if (!e->best_credibility || e->best_credibility > standard.max_credibility) {
      missing.push_back("no information graded " + std::to_string(standard.max_credibility) +
                        " or better for credibility");
    }
    e->status = missing.empty() ? ElementStatus::kMeetsCriteria : ElementStatus::kBelowStandard;
    for (const std::string& m : missing) e->gaps.push_back(title + ": " + m);
  }
  if (!e->unsourced_facts.empty()) {
    e->gaps.push_back(Plural(static_cast<int>(e->unsourced_facts.size()), "linked fact cites",
                             "linked facts cite") +
                      " no source");
  }
  if (e->links_suggested > 0) {
    e->gaps.push_back(Plural(e->links_suggested, "link is an unreviewed rule suggestion",
                             "links are unreviewed rule suggestions"));
  }
}

}  // namespace

std::string_view ElementStatusName(ElementStatus status) {
  switch (status) {
    case ElementStatus::kNoEvidence: return "no_evidence";
    case ElementStatus::kOnlyContradicting: return "only_contradicting";
    case ElementStatus::kBelowStandard: return "below_criteria";
    case ElementStatus::kMeetsCriteria: return "meets_criteria";
  }
  return "no_evidence";
}

std::string_view ExclusionReasonText(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kObtainedUnderTorture:
      return "statement flagged as obtained under torture (CAT art. 15)";
    case ExclusionReason::kConsentWithdrawn: return "consent withdrawn";
    case ExclusionReason::kConsentScope: return "consent does not cover legal use";
  }
  return "";
}

base::Result<CaseMatrix> Assess(const KnowledgeBase& kb, const FactSet& facts,
                                const std::vector<Suggestion>& suggestions,
                                const AssessOptions& options) {
  CaseMatrix m;
  m.situation = facts.situation;
  const Standard* standard = kb.FindStandard(options.standard);
  if (standard == nullptr) {
    return base::NotFoundError("unknown standard of proof \"" + options.standard + "\"");
  }
  m.standard = *standard;
  if (options.min_origins > 0) m.standard.min_origins = options.min_origins;
  if (options.max_reliability != 0) m.standard.max_reliability = options.max_reliability;
  if (options.max_credibility > 0) m.standard.max_credibility = options.max_credibility;
  std::vector<const Qualification*> selected;
  if (options.qualifications.empty()) {
    for (const Qualification& q : kb.qualifications()) selected.push_back(&q);
  }
  for (const std::string& id : options.qualifications) {
    const Qualification* q = kb.FindQualification(id);
    if (q == nullptr) return base::NotFoundError("unknown qualification \"" + id + "\"");
    selected.push_back(q);
  }
  for (const Qualification* q : selected) {
    QualificationAssessment qa{q->id, {}, 0};
    for (const std::string& id : q->elements) {
      const Item& element = kb.Resolve(*kb.FindItem(id));
      qa.elements.push_back(element.id);
      ElementAssessment& e = m.elements[element.id];
      e.element = element.id;
      if (id != element.id) e.stands_for.push_back(id);
    }
    m.qualifications.push_back(std::move(qa));
  }
  // Links, grouped by assessed element.
  std::unordered_map<std::string, std::vector<Link>> links;
  // The link list of each element id as written (after ref), found once per id.
  std::unordered_map<std::string_view, std::vector<Link>*> list_of;
  auto add_link = [&](std::string_view element_id, Link link) {
    if (options.reviewed_only && link.status != "accepted") return;
    auto it = list_of.find(element_id);
    if (it == list_of.end()) {
      const Item* item = kb.FindItem(element_id);
      std::vector<Link>* list = nullptr;
      if (item != nullptr && m.elements.contains(kb.Resolve(*item).id)) {
        list = &links[kb.Resolve(*item).id];
      }
      it = list_of.emplace(element_id, list).first;
    }
    if (it->second != nullptr) it->second->push_back(link);
  };
  for (const Suggestion& s : suggestions) {
    add_link(s.element, {s.rule->aggregate ? nullptr : &s.target, s.target_index, &s.records,
                         false, s.status, s.rule->caution});
  }
  // Links point into `targets`: sized up front so it never reallocates.
  std::vector<std::string_view> targets(facts.annotations.size());
  for (size_t i = 0; i < facts.annotations.size(); ++i) {
    const AnnotationFacts& a = facts.annotations[i];
    if (!a.suggestion.empty()) continue;  // decisions on suggestions were applied to them
    targets[i] = a.target;
    add_link(a.element, {&targets[i], -1, nullptr, a.contradicts, a.status, {}});
  }
  for (auto& [id, e] : m.elements) {
    ElementBuilder builder(facts, &e);
    for (const Link& link : links[id]) builder.AddLink(link);
    builder.Finish();
    Grade(facts, &e);
    Judge(m.standard, kb.FindItem(id)->title.en, &e);
  }
  for (QualificationAssessment& qa : m.qualifications) {
    for (const std::string& id : qa.elements) {
      qa.meeting += m.elements[id].status == ElementStatus::kMeetsCriteria;
    }
  }
  return m;
}

namespace {

std::string Field(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsAttribution(const KnowledgeBase& kb, const std::string& id) {
  const auto& list = kb.attribution_items();
  return std::find(list.begin(), list.end(), id) != list.end();
}

bool IsBreach(const KnowledgeBase& kb, const std::string& id) {
  const Item* item = kb.FindItem(id);
  return item && item->instrument != "rome" && item->instrument != "arsiwa" &&
         (item->kind == ItemKind::kObligation || item->kind == ItemKind::kRight ||
          item->kind == ItemKind::kProvision);
}

}  // namespace

StateResponsibility AssessStateResponsibility(const KnowledgeBase& kb, const FactSet& facts,
                                              const std::vector<Suggestion>& suggestions) {
  StateResponsibility out;
  out.situation = facts.situation;
  out.consequences = kb.consequences();
  std::unordered_map<std::string_view, std::vector<const Suggestion*>> by_target;
  for (const Suggestion& s : suggestions) {
    if (s.status != "rejected") by_target[s.target].push_back(&s);
  }
  // State conduct by event, and whether each is an omission.
  std::map<std::string, std::vector<std::string>> conduct_by_event;
  std::unordered_set<std::string> attached;
  for (const std::string& id : facts.in_scope) {
    const Json* body = facts.Find(id);
    if (body && Field(*body, "kind") == "state_conduct") {
      conduct_by_event[Field(*body, "event")].push_back(id);
    }
  }
  auto is_omission = [&](const std::string& stc) {
    const auto& codes = kb.omission_codes();
    return std::find(codes.begin(), codes.end(), Field(*facts.Find(stc), "conduct")) != codes.end();
  };
  auto fill = [&](ActResponsibility& r, const std::string& fact) {
    for (const Suggestion* s : by_target[fact]) {
      const std::string element(s->element);
      if (IsAttribution(kb, element)) r.attribution.push_back(element + ": " + fact);
      if (IsBreach(kb, element)) r.breaches.push_back(element);
    }
    for (int32_t i : facts.InformationOn(fact)) {
      const SourceFacts* src = facts.FindSource(facts.information[i].source);
      if (src && !ExclusionOf(*src)) r.sources.push_back(src->id);
    }
  };
  auto finish = [&](ActResponsibility& r) {
    for (auto* list : {&r.breaches, &r.sources, &r.attribution}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    if (r.attribution.empty() && r.omissions.empty()) return;
    for (const std::string& b : r.breaches) ++out.breaches[b];
    std::set<std::string> bases;
    for (const std::string& a : r.attribution) bases.insert(a.substr(0, a.find(':')));
    for (const std::string& b : bases) ++out.attribution[b];
    out.omissions += static_cast<int>(r.omissions.size());
    out.acts.push_back(std::move(r));
  };
  for (const std::string& id : facts.in_scope) {
    const Json* body = facts.Find(id);
    if (body == nullptr || Field(*body, "kind") != "act") continue;
    ActResponsibility r;
    r.act = id;
    fill(r, id);
    const std::string event = Field(*body, "event");
    for (const std::string& stc : event.empty() ? std::vector<std::string>{} : conduct_by_event[event]) {
      attached.insert(stc);
      if (is_omission(stc)) r.omissions.push_back(stc);
      fill(r, stc);
    }
    finish(r);
  }
  for (const auto& [event, list] : conduct_by_event) {
    for (const std::string& stc : list) {
      if (attached.contains(stc)) continue;
      ActResponsibility r;
      r.act = stc;
      if (is_omission(stc)) r.omissions.push_back(stc);
      fill(r, stc);
      finish(r);
    }
  }
  return out;
}

}  // namespace vka::legal
