#pragma once

// Record linkage on CSV files (issue 5, part 4): deduplicate one or more
// lists, match two lists, evaluate against ground truth, and write the
// list-overlap table for multiple systems estimation. The engine is
// linkage/ (pure); this layer reads and writes the files and the TOML
// configuration.
//
// Configuration (TOML):
//   id_column = "record_id"
//   threshold = 0.9                  # match probability to accept a pair
//   cluster_min_mean_weight = 0.0    # anti-chaining guard, bits
//   max_block_size = 1000
//   swap = ["given_name", "family_name"]
//   blocking = ["sorted_keys(given_name,family_name)", "key(family_name)+year(birth_date)"]
//   [[field]]
//   column = "family_name"
//   compare = "name"       # name, patronymic, string, number, exact, date, text
//   term_frequency = true
//   also = "maiden_name"   # compared crosswise, best level counts

#include <cstdint>
#include <string>
#include <vector>

#include "app/progress.h"
#include "base/status.h"
#include "linkage/config.h"

namespace vka::app {

// Reads CSV files with a common header into one table (values trimmed of
// surrounding spaces; source = index of the file). kInvalidArgument when
// headers differ or rows have the wrong width; kNotFound for a missing file.
base::Result<linkage::Table> ReadLinkTable(const std::vector<std::string>& paths);

// Parses a configuration; kInvalidArgument "<origin>: <what>" on any
// unknown key, wrong type or bad value.
base::Result<linkage::LinkConfig> ParseLinkConfig(std::string_view toml_text,
                                                  std::string_view origin);
// The configuration as TOML that ParseLinkConfig reads back.
std::string LinkConfigToToml(const linkage::LinkConfig& config);

struct LinkRunOptions {
  std::string config_path;  // or auto_config
  bool auto_config = false;
  std::string write_config;  // write the configuration used here (optional)
  std::string out;
  std::string truth;         // record_id,entity_id: report pairs completeness (optional)
  std::string explain;       // CSV of accepted pairs with per-field levels/weights (optional)
  ProgressFn progress;
};

// vka link dedupe: writes record_id,cluster_id (and input when several
// files) in input order. Returns a summary (records, clusters, blocking
// report, fitted model) for the terminal.
base::Result<std::string> DedupeFiles(const std::vector<std::string>& inputs,
                                      const LinkRunOptions& options);

// vka link match: writes left_id,right_id,match_probability for accepted
// pairs, strongest first.
base::Result<std::string> MatchFiles(const std::string& left, const std::string& right,
                                     bool one_to_one, const LinkRunOptions& options);

// vka link eval: pairwise precision/recall/F1 and cluster measures of a
// clusters file (record_id,cluster_id) or a pairs file (left_id,right_id)
// against truth (record_id,entity_id).
base::Result<std::string> EvaluateLinkage(const std::string& clusters_or_pairs,
                                          const std::string& truth);

// vka link overlap: one 0/1 column per input list (the clusters file's
// input column, else its list column), then count; all-zero row absent.
base::Result<std::string> WriteOverlapTable(const std::string& clusters, const std::string& out);

}  // namespace vka::app
