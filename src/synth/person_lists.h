#pragma once

// Synthetic person lists for record-linkage tests and benchmarks
// (`vka gen --persons N --lists K --seed S -o DIR`).
//
// A synthetic population of N fictional persons (combinations of common
// Armenian given and family names with random attributes) is captured by K
// lists, each with its own capture probabilities that depend on a latent
// class of the person (hard to reach / average / well documented), so that
// capture is heterogeneous and multiple-systems estimation is non-trivial.
// Persons captured by no list appear in no list; the true N is in the summary.
// Each list renders its persons in its own script and transliteration with
// its own noise (typos, spelling variants, partial or shifted birth dates,
// patronymics, maiden names, swapped name order, short forms).
//
// Output is deterministic: the same options give byte-identical streams.

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::synth {

struct PersonListOptions {
  int64_t persons = 1000;  // true population size, 1 .. kMaxPersons
  int lists = 5;           // number of lists, 1 .. kMaxLists
  uint64_t seed = 1;
};

inline constexpr int64_t kMaxPersons = 100'000'000;
inline constexpr int kMaxLists = 26;

// How a list spells names in Latin script.
enum class LatinSystem {
  kBgn,              // from Armenian, BGN/PCGN-like: Hovhannisyan
  kIsoSimplified,    // from Armenian, ISO 9985 without aspiration marks:
                     // Hovhannisyan, Xačatryan
  kRussianPassport,  // from the Russian form: Oganesyan / Oganesian
};

// The shape and noise of one list. Probabilities are per record.
struct ListProfile {
  std::string name;         // file stem, e.g. "list2_official_cyrl"
  std::string description;  // one line, says it is synthetic
  // Weights of the scripts a record is written in: Armn, Cyrl, Latn.
  std::array<double, 3> script_weights = {0, 0, 1};
  LatinSystem latin = LatinSystem::kBgn;
  // Capture probability by latent class (hard to reach, average, well
  // documented).
  std::array<double, 3> capture = {0.1, 0.3, 0.5};
  double typo = 0;              // one typing error in the given or family name
  double spelling_variant = 0;  // a variant Latin spelling (-ian for -yan, ...)
  double missing_birth = 0;     // no birth date
  double year_only = 0;         // birth year only ("1961")
  double approximate = 0;       // approximate year ("1961~")
  double year_off = 0;          // full date, year off by one
  double patronymic = 0;        // patronymic recorded
  double maiden_instead = 0;    // married woman listed under her maiden name
  double maiden_recorded = 0;   // maiden name recorded as well
  double swapped = 0;           // given and family name swapped
  double diminutive = 0;        // short form of the given name, when one exists
  double sex_unknown = 0;       // sex recorded as "unknown"
  double status_unknown = 0;    // status recorded as "unknown"
  double birthplace_missing = 0;
};

// The fractions of the population in each latent class.
inline constexpr std::array<double, 3> kLatentClassShares = {0.3, 0.5, 0.2};

// The profiles of the lists GeneratePersonLists makes for `lists` lists:
// a testimony list in Armenian script, a Soviet-era official list in
// Cyrillic, an NGO list in BGN-like Latin, a hospital list (Cyrillic and
// passport Latin), a displacement register (passport Latin), an NGO list in
// ISO-like Latin, then the same archetypes again with other rates.
// REQUIRES: 1 <= lists <= kMaxLists.
std::vector<ListProfile> ListProfiles(int lists);

// Where the streams go. Any pointer may be null (that stream is skipped);
// `ndjson` and `csv` are empty or have one entry per list. The streams are
// borrowed for the duration of the call.
struct ListSinks {
  // Per list: one person record per line, canonical JSON (RFC 8785), valid
  // against the person schema.
  std::vector<std::ostream *> ndjson;
  // Per list: header then rows
  // record_id,list,given_name,family_name,patronymic,maiden_name,sex,birth_date,birth_place,script
  std::vector<std::ostream *> csv;
  // header then rows record_id,entity_id (entity ids "E00000001", one per true
  // person).
  std::ostream *truth = nullptr;
  // The true population, clean, in BGN-like Latin:
  // entity_id,latent_class,given_name,family_name,father_given_name,maiden_name,sex,birth_date,birth_place,lists
  std::ostream *population = nullptr;
  // One canonical JSON object: true N, persons captured, per-list sizes.
  std::ostream *summary = nullptr;
};

struct PersonListSummary {
  int64_t true_persons = 0;
  int64_t captured_persons = 0;  // in at least one list
  std::vector<std::string> list_names;
  std::vector<int64_t> list_sizes;
};

// Makes the population and the lists and writes them to the sinks.
// Memory is O(persons) (about 24 bytes a person); records are streamed.
// Returns the summary, or kInvalidArgument for options out of range or sink
// vectors of the wrong length, or kIOError when a stream fails.
// Thread-compatible: streams must not be shared with other threads meanwhile.
base::Result<PersonListSummary> GeneratePersonLists(
    const PersonListOptions &options, const ListSinks &sinks);

}  // namespace vka::synth
