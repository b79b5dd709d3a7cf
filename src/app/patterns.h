#pragma once

// The `vka stats` use case: read one situation's events, acts, persons and
// places from the store, and compute the patterns of its documented acts
// (stats/patterns.h), optionally against a population baseline CSV.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"
#include "stats/patterns.h"

namespace vka::app {

struct PatternsRequest {
  std::string situation_id;
  // Optional CSV with a header row `group,share` (shares in (0, 1]) or
  // `group,count` (shares are count / sum of counts). Groups are matched
  // exactly against persons' national_identity. Empty: no baseline.
  std::string population_path;
  // When set, only what this role may read (LoadSituationRecords).
  std::optional<Role> reader;
};

struct PatternsReport {
  std::string situation_id;
  std::string situation_name;
  int64_t events = 0;          // events whose `situation` is the situation
  bool all_acts = false;       // the situation has no events: every act was used
  std::map<std::string, std::string> place_names;  // place id -> a display name
  stats::PatternResult result;
  // Dimensions left out because they come from sensitive fields the reader
  // may not see ("identity"; targeting ratios then too). Empty without a
  // reader.
  std::vector<std::string> withheld_dimensions;
  // The estimate kept with the situation (app/estimate.h KeptEstimate), for
  // readers that may see it; nullopt otherwise.
  std::optional<base::Json> estimate;
};

// A situation's records as the pattern computations take them (shared by
// `vka stats` and `vka chart`).
struct SituationRecords {
  std::string situation_id;
  std::string situation_name;
  int64_t events = 0;          // events whose `situation` is the situation
  bool all_acts = false;       // the situation has no events: every act was used
  std::map<std::string, std::string> place_names;  // place id -> a display name
  stats::PatternInput input;   // acts, their person victims, every place; no population
};

// Reads the acts of the situation (as ComputeSituationPatterns below), the
// persons they name as victims and every live place. Returns kNotFound when
// the situation does not exist, and the store's errors with context. Reads
// only.
//
// With a `reader`, only what that role may read (app/access.h), as if the
// rest did not exist: the situation itself (kNotFound otherwise, as for an
// unknown id), its events, acts, victims and places. Acts of an event the
// reader may not read are left out; an act's reference to a victim or place
// the reader may not read is dropped (the act then names no victim, or no
// place); persons lose the sensitive fields the reader may not see (their
// national identity). Without one, everything.
base::Result<SituationRecords> LoadSituationRecords(Workspace& ws, const std::string& situation_id,
                                                    std::optional<Role> reader = std::nullopt);

// Reads the records and computes. Acts used: those whose event belongs to
// the situation, or every live act when the situation has no events.
// Returns kNotFound when the situation does not exist (or is deleted, or the
// id is not a situation's), kIOError "<path>: cannot open ..." for an
// unreadable population file, kInvalidArgument "<path>:<line>: ..." for a
// malformed one, and the store's errors with context. Reads only.
// With request.reader, counts only what the reader may read (see
// LoadSituationRecords); a reader who may not see sensitive fields gets no
// "identity" dimension and no targeting ratios (withheld_dimensions says so)
// and a caveat that the counts are the role's. The caveat is added for every
// role that may not read sealed records, whatever the data, so it reveals
// nothing. The kept estimate is attached as KeptEstimate gives it (its
// kDataLoss included).
base::Result<PatternsReport> ComputeSituationPatterns(Workspace& ws,
                                                      const PatternsRequest& request);

}  // namespace vka::app
