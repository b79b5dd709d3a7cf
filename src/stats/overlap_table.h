#pragma once

// The input of multiple systems estimation: how many people appear on each
// combination of K lists (a capture pattern), optionally per stratum.
//
// CSV form (one header row, then one row per pattern): one 0/1 column per
// list, a non-negative integer `count` column, and optionally a stratum
// column named by the caller. Rows repeating a pattern within a stratum are
// added up. Without a `count` column each row counts one person (one row per
// person). The all-zero pattern (people on no list) cannot be observed and is
// an error.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::stats {

constexpr int kMinLists = 2;
constexpr int kMaxLists = 15;

struct OverlapTable {
  std::vector<std::string> list_names;  // K names, in column order
  std::string stratum_column;           // empty: no strata
  std::vector<std::string> strata;      // in order of first appearance; one
                                        // entry "" when there are no strata
  // counts[stratum][pattern], pattern a bitmask of size 2^K (bit j set = on
  // list j); counts[s][0] is always 0.
  std::vector<std::vector<int64_t>> counts;

  int num_lists() const { return static_cast<int>(list_names.size()); }
  // People documented in stratum s (the sum of its cells).
  int64_t Observed(size_t stratum) const;
  // counts summed over strata.
  std::vector<int64_t> Pooled() const;
};

// One CSV record and the physical line it started on (for messages).
struct TableRow {
  int64_t line = 0;
  std::vector<std::string> fields;
};

// Builds the table from rows[0] (the header) and the data rows. Pure: no
// I/O. `origin` names the input in messages ("overlap.csv").
// Returns kInvalidArgument "<origin>:<line>: column '<name>': <what>" for a
// cell that is not 0/1, a count that is not a non-negative integer, an
// all-zero pattern, a row with the wrong number of fields; and
// "<origin>: ..." for a missing stratum column, duplicate column names,
// fewer than kMinLists or more than kMaxLists list columns, or no data rows.
base::Result<OverlapTable> ParseOverlapTable(const std::vector<TableRow>& rows,
                                             std::string_view origin,
                                             std::string_view stratum_column = "");

// Builds a one-stratum table from pattern counts (tests, benchmarks, linkage
// output). Returns kInvalidArgument for a bad size, a negative count or a
// non-zero all-zero cell.
base::Result<OverlapTable> TableFromCounts(std::vector<std::string> list_names,
                                           std::vector<int64_t> counts);

// A pattern as a string of 0/1 in list order, e.g. "101".
std::string PatternString(uint32_t pattern, int num_lists);

}  // namespace vka::stats
