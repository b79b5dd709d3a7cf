#pragma once

// The demo situation (`vka demo DIR`): a complete, entirely fictional
// inquiry into mass violence and forced displacement in the fictional city
// of Orvelan over seven days of 1990, for trying vka out. Its structure
// follows the kinds of events vka documents (attacks on homes by crowds,
// killings, expulsions, failures of the authorities to intervene and to
// investigate), but every person, place, body and text in it is invented:
// persons are combinations of common Armenian names with random attributes;
// the city, districts, streets and organizations are fictional; excerpts are
// generic placeholders. Every record's remarks begin "SYNTHETIC DEMO DATA"
// and every source title begins "[SYNTHETIC]".

#include <cstdint>
#include <ostream>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vka::synth {

// The approximate sizes of the demo (the generator reaches them within a few
// percent; the tests check the ranges).
inline constexpr int kDemoPersons = 2000;
inline constexpr int kDemoEvents = 300;
inline constexpr int kDemoActs = 3000;
inline constexpr int kDemoProperties = 600;
inline constexpr int kDemoDisplacements = 1500;
inline constexpr int kDemoSources = 400;

// Returns the demo records in dependency order (situation, places,
// organizations, persons, sources, events, properties, acts, displacements,
// state_conduct, information): every reference points at a record earlier
// in the vector or, for event relations, at another event. Every record is
// valid against the schema (model/schema.h) and the built-in vocabularies.
// Deterministic: the same seed gives the same records and ids. Returns
// kInternal only if a generated value cannot be represented (a bug).
// Thread-safe (no shared state).
base::Result<std::vector<base::Json>> GenerateDemoRecords(uint64_t seed);

// Writes GenerateDemoRecords(seed) to `out` as NDJSON, one canonical JSON
// record per line. kIOError when the stream fails.
base::Status WriteDemoRecords(uint64_t seed, std::ostream &out);

}  // namespace vka::synth
