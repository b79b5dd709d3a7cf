#pragma once

// What a linkage run compares: the input table, the fields and how each is
// compared, the blocking rules, and the decision thresholds. Plain data; the
// app reads and writes it as TOML (app/link.h).

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::linkage {

// Rows of one or more CSV inputs with a common header. `source` holds, per
// row, the index of the input it came from (into source_names).
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each rows[i].size() == columns.size()
  std::vector<int32_t> source;
  std::vector<std::string> source_names;

  // Index of the column, or -1.
  int ColumnIndex(const std::string& name) const;
};

// How one field is compared; each kind has fixed comparison levels, best
// first (LevelNames), plus "missing" when either side is empty.
enum class FieldKind {
  kName,        // exact | phonetic key (diminutives folded) | JW>=0.92 | JW>=0.80 | else
  kPatronymic,  // exact | key of the father's name | JW>=0.88 | else
  kString,      // exact | JW>=0.92 | JW>=0.80 | else
  kNumber,      // exact | Levenshtein 1 | Levenshtein 2 | else (codes, ids)
  kExact,       // exact | else
  kDate,        // comparators.h DateLevel
  kText,        // exact | word Jaccard>=0.5 | some word shared | else
};

const char* FieldKindName(FieldKind kind);
// kInvalidArgument naming the accepted names.
base::Result<FieldKind> ParseFieldKind(const std::string& name);
std::vector<std::string> LevelNames(FieldKind kind);

struct FieldSpec {
  std::string column;
  FieldKind kind = FieldKind::kString;
  // Term-frequency adjustment on the exact and key levels (common surnames
  // weigh less, rare ones more).
  bool term_frequency = false;
  // Another column holding an alternative value compared crosswise, e.g. the
  // maiden name for a family name: the best level of (a, b), (a, b.also),
  // (a.also, b) counts.
  std::string also_column;
};

// How a blocking key is made from one column.
enum class BlockTransform {
  kValue,       // the normalised value
  kKey,         // the phonetic key (names)
  kYear,        // the calendar year of a date (when the date is within one year)
  kInitial,     // first letter of the normalised value
  kSortedKeys,  // the phonetic keys of `column` and `column2`, sorted (order swaps)
};
const char* BlockTransformName(BlockTransform t);
base::Result<BlockTransform> ParseBlockTransform(const std::string& name);

struct BlockPart {
  std::string column;
  BlockTransform transform = BlockTransform::kValue;
  std::string column2;  // kSortedKeys only
};

// Two records are candidates when, for some rule, all parts agree (and none
// is missing).
struct BlockingRule {
  std::vector<BlockPart> parts;
  std::string Describe() const;  // "key(family_name)+year(birth_date)"
};

struct LinkConfig {
  std::string id_column;
  std::vector<FieldSpec> fields;
  std::vector<BlockingRule> blocking;
  // Two name columns whose values lists sometimes swap (given, family).
  std::string swap_first;
  std::string swap_second;
  // A pair is accepted when its match probability is at least this.
  double threshold = 0.9;
  // Clusters are merged only while the mean match weight (bits) of all
  // record pairs across the two is at least this: one strong link cannot
  // chain two otherwise dissimilar groups.
  double cluster_min_mean_weight = 0.0;
  // Blocks with more records are skipped (reported), to bound the work.
  int64_t max_block_size = 1000;
  // Random pairs sampled to estimate u.
  int64_t random_pairs = 100000;
  uint64_t seed = 1;
  int max_em_iterations = 200;
};

// Checks that every named column exists and the config is usable.
base::Status ValidateConfig(const LinkConfig& config, const Table& table);

// --auto: proposes a configuration from column names and values (no labels):
// the id column, each field's kind, name swaps, maiden alternatives and
// blocking rules. kInvalidArgument when no id column can be found.
base::Result<LinkConfig> ProposeConfig(const Table& table);

}  // namespace vka::linkage
