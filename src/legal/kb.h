#pragma once

// The legal knowledge base as data (docs/formats/legal.md): instruments and
// their items (provisions, definitions, elements of crimes, obligations,
// rights, remedies), qualifications (crimes and the elements the case matrix
// assesses for each), standards of proof, and qualification rules. The
// built-in files under data/legal/ are embedded at build time.
//
// Loading checks the whole base: unique ids, known kinds, every part_of, ref,
// qualification element and rule target resolvable, every checked item naming
// where it was checked, titles in English, Armenian and Russian. A problem is
// an error naming the file, line and item.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::legal {

struct Titles {
  std::string en;
  std::string hy;
  std::string ru;
  // The title in `lang` ("en", "hy", "ru"), falling back to English.
  const std::string& In(std::string_view lang) const;
};

enum class ItemKind {
  kProvision,
  kDefinition,
  kContext,
  kConduct,
  kConsequence,
  kCircumstance,
  kMental,
  kObligation,
  kRight,
  kRemedy,
};
std::string_view ItemKindName(ItemKind kind);

struct Instrument {
  std::string id;
  Titles title;
  std::string citation;
  std::string adopted;
  std::string url;
  std::string file;  // e.g. "rome.toml"
};

struct Item {
  std::string id;
  std::string instrument;
  std::string provision;
  ItemKind kind = ItemKind::kProvision;
  Titles title;
  std::string text;
  std::string citation;
  std::string part_of;
  std::string ref;
  bool checked = false;
  std::string checked_against;
  std::string notes;
  std::string origin;  // "rome.toml:42"
};

struct Qualification {
  std::string id;
  std::string provision;
  Titles title;
  std::vector<std::string> elements;
};

// Criteria an element's evidence is compared with. They are an analytic aid
// chosen by the workspace, not a legal test.
struct Standard {
  std::string id;
  Titles title;
  std::string description;
  int min_origins = 1;          // independent origins among supporting sources
  char max_reliability = 'F';   // at least one supporting source graded this or better (A best)
  int max_credibility = 6;      // at least one supporting information graded this or better (1 best)
};

// One test of a rule on a record. `path` walks the record's JSON body by
// field names; arrays are searched element by element, and a string met
// before the path ends is taken as a record id and followed
// ("victim.status", "perpetrators.perpetrator.type"). The test holds when any
// value reached is in `in`, contains (ASCII case-insensitive) one of
// `contains`, or, with neither given, when any value is reached.
struct Condition {
  std::string path;
  std::vector<std::string> parts;  // path split at the dots
  std::vector<std::string> in;
  std::vector<std::string> contains;
};

// Thresholds for a rule that looks at a situation as a whole: it suggests
// its items for the situation when the records it matches reach all of them.
struct Aggregate {
  int min_records = 0;
  int min_victims = 0;  // sum of victim_count (1 when absent)
  int min_events = 0;
  int min_places = 0;
  int min_days = 0;     // distinct days of the records' dates (exact days only)
};

struct Rule {
  std::string id;
  std::string description;  // why the facts suggest the items, in our words
  std::string kind;         // record kind the rule reads ("act", "state_conduct", ...)
  std::vector<Condition> when;
  std::vector<Condition> unless;
  std::vector<std::string> suggests;
  std::string caution;      // shown with every suggestion of the rule
  bool aggregate = false;
  Aggregate thresholds;
  std::string origin;
};

class KnowledgeBase {
 public:
  struct File {
    std::string name;  // "rome.toml"
    std::string text;
  };

  // Parses and checks a set of files: instrument files, plus
  // qualifications.toml, standards.toml and rules.toml.
  static base::Result<KnowledgeBase> Parse(const std::vector<File>& files);
  // The base embedded from data/legal/. Parsed once; thread-safe.
  static base::Result<const KnowledgeBase*> BuiltIn();

  const std::vector<Instrument>& instruments() const { return instruments_; }
  const std::vector<Item>& items() const { return items_; }
  const std::vector<Qualification>& qualifications() const { return qualifications_; }
  const std::vector<Standard>& standards() const { return standards_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // Item ids owed as consequences of an internationally wrongful act, and the
  // attribution bases (rules.toml [state_responsibility]).
  const std::vector<std::string>& consequences() const { return consequences_; }
  const std::vector<std::string>& attribution_items() const { return attribution_; }
  // state_conduct_type codes that are omissions (failures to act).
  const std::vector<std::string>& omission_codes() const { return omissions_; }

  const Item* FindItem(std::string_view id) const;
  const Instrument* FindInstrument(std::string_view id) const;
  const Qualification* FindQualification(std::string_view id) const;
  const Standard* FindStandard(std::string_view id) const;
  // The item an element stands for: follows `ref` (one step; refs do not chain).
  const Item& Resolve(const Item& item) const;

 private:
  base::Status ParseFile(const File& file);
  base::Status Check() const;

  std::vector<Instrument> instruments_;
  std::vector<Item> items_;
  std::vector<Qualification> qualifications_;
  std::vector<Standard> standards_;
  std::vector<Rule> rules_;
  std::vector<std::string> consequences_;
  std::vector<std::string> attribution_;
  std::vector<std::string> omissions_;
  std::map<std::string, size_t, std::less<>> item_index_;
};

}  // namespace vka::legal
