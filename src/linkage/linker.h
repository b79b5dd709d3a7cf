#pragma once

// A linkage run: prepares every field once per distinct value (names repeat:
// each is transliterated and keyed once), generates candidate pairs from the
// blocking rules, estimates u from random pairs and m and the prior by EM
// over agreement-pattern counts, scores candidates, and (for deduplication)
// clusters accepted pairs. Pure: the caller supplies the tables.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "linkage/config.h"
#include "linkage/fellegi_sunter.h"

namespace vka::linkage {

// Called now and then with work done of a total (candidate pairs scored).
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

struct BlockingReport {
  struct Rule {
    std::string rule;
    int64_t pairs = 0;           // pairs the rule produced (before the union)
    // Blocks too big to compare in full (over max_block_size or the pair
    // budget): searched by sorted neighbourhood on the birth date instead.
    int64_t skipped_blocks = 0;
  };
  std::vector<Rule> rules;
  int64_t candidate_pairs = 0;  // the union
  double possible_pairs = 0;
  double ReductionRatio() const {
    return possible_pairs > 0 ? 1.0 - static_cast<double>(candidate_pairs) / possible_pairs : 0.0;
  }
};

// Why a pair scored as it did: per-field level and weight.
struct FieldExplanation {
  std::string field;
  std::string level;     // "missing" or a level name
  double weight = 0;     // log2(m/u)
  double tf_weight = 0;  // term-frequency adjustment, 0 when none
};
struct PairExplanation {
  bool swapped = false;  // given and family names compared crosswise
  double prior_weight = 0;
  std::vector<FieldExplanation> fields;
  double weight = 0;  // prior + fields
  double probability = 0;
  std::string ToString() const;  // one line per field
};

struct ScoredPair {
  int32_t a = 0;  // record indices; in match mode a is left, b is right
  int32_t b = 0;
  double weight = 0;
  double probability = 0;
};

struct LinkResult {
  std::vector<FieldParams> params;  // m from EM, u from random pairs
  double candidate_match_share = 0;  // EM's lambda among candidates
  double prior_weight = 0;           // log-odds of a match for a random pair
  int em_iterations = 0;
  bool em_converged = false;
  BlockingReport blocking;
  std::vector<ScoredPair> accepted;  // probability >= threshold
  // Deduplication: cluster index per record. Match: one-to-one filtered
  // pairs are in `accepted` and this is empty.
  std::vector<int32_t> cluster;
};

class Linker {
 public:
  // Deduplication of `left` (right == nullptr) or linkage of left with
  // right (same columns needed by the config). Records are numbered left
  // rows first, then right rows. The tables must outlive the Linker.
  static base::Result<std::unique_ptr<Linker>> Create(const LinkConfig& config, const Table& left,
                                                      const Table* right);
  ~Linker();

  int32_t records() const;
  // Candidate pairs (a < b) from the blocking rules; fills the report.
  // `rule_masks`, when given, receives per pair a bit set of the rules (the
  // first 32) that produced it.
  std::vector<std::pair<int32_t, int32_t>> CandidatePairs(BlockingReport* report,
                                                          std::vector<uint32_t>* rule_masks = nullptr);

  // Runs everything. In match mode, `one_to_one` keeps for each record only
  // its best accepted partner (greedy, strongest first).
  base::Result<LinkResult> Run(const ProgressFn& progress, bool one_to_one = false);

  // REQUIRES: Run succeeded. Scores any pair.
  double Weight(int32_t a, int32_t b) const;
  PairExplanation Explain(int32_t a, int32_t b) const;

  struct State;  // opaque; public only so that helpers in linker.cc can name it
  struct CandidatePatterns;

 private:
  explicit Linker(std::unique_ptr<State> state);
  // Fits m, u and the prior to the candidates' patterns (into the state).
  base::Status Fit(const CandidatePatterns& cp, const std::vector<uint32_t>& rule_masks, size_t candidates,
                   LinkResult* result);
  // Candidates at or above the threshold, strongest first.
  std::vector<ScoredPair> Score(const CandidatePatterns& cp,
                                const std::vector<std::pair<int32_t, int32_t>>& pairs) const;
  base::Result<EmResult> EstimateModel(const std::vector<PatternCount>& patterns,
                                       const std::vector<uint32_t>& pattern_of_pair,
                                       const std::vector<uint32_t>& rule_masks,
                                       const std::vector<int>& level_counts,
                                       const std::vector<std::vector<double>>& u) const;
  std::unique_ptr<State> s_;
};

}  // namespace vka::linkage
