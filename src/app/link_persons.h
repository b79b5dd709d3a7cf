#pragma once

// Record linkage inside the workspace (issue 5, part 3): which person records
// describe the same person. `LinkWorkspacePersons` scores and clusters the
// persons with the Fellegi–Sunter model (configuration proposed from the
// data, as `vka link dedupe --auto` does), obeys the reviewers' decisions
// (person_link records: same_person is a must-link, different_persons a
// cannot-link), and writes two derived files, rewritten by every run:
//   WORKSPACE/link/persons-clusters.csv  record_id,cluster_id
//   WORKSPACE/link/persons-review.ndjson the uncertain pairs with explanations
// Records are never merged or changed: a cluster is a link between them, and
// a decision is a person_link revision.

#include <cstdint>
#include <string>
#include <vector>

#include "app/progress.h"
#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"
#include "linkage/linker.h"

namespace vka::app {

struct PersonLinkOptions {
  std::string situation;     // only persons whose situation is this (empty: all)
  double threshold = 0.9;    // probability at which a pair is accepted
  double review_low = 0.5;   // pairs from here up to the threshold go to review
  ProgressFn progress;
};

struct PersonLinkSummary {
  int64_t persons = 0;
  int64_t clusters = 0;          // distinct persons after linkage
  int64_t accepted_pairs = 0;
  int64_t review_pairs = 0;      // uncertain and not yet decided
  int64_t must_links = 0;        // decisions obeyed
  int64_t cannot_links = 0;
  std::vector<std::string> conflicts;  // cannot-links the model had joined (now split)
  std::string ToString() const;
};

// kInvalidArgument for thresholds outside (0, 1] or review_low > threshold;
// kFailedPrecondition when there are fewer than 2 persons.
base::Result<PersonLinkSummary> LinkWorkspacePersons(Workspace& ws,
                                                     const PersonLinkOptions& options);

struct ReviewPair {
  std::string a, b;  // person ids, a < b
  double probability = 0;
  std::string explanation;  // per-field levels and weights, one per line
  // The same, as values (empty when the review file predates them).
  double prior_weight = 0;
  double weight = 0;
  bool swapped = false;
  std::vector<linkage::FieldExplanation> fields;
};

// A pair as `vka link review --format json` and GET /api/v1/link/review
// show it: {pair: "A,B", a, b, probability, prior_weight, weight, swapped,
// fields: [{field, level, weight, tf_weight}], explanation}.
base::Json ReviewPairJson(const ReviewPair& pair);

// The uncertain pairs of the last run that no decision covers yet, most
// uncertain (closest to 0.5) first. kFailedPrecondition when `vka link
// persons` has not run.
base::Result<std::vector<ReviewPair>> PairsToReview(Workspace& ws);

// Records a decision on a pair as a person_link revision (the next revision
// of the pair's link when one exists). kNotFound when an id is not a person;
// kInvalidArgument when both ids are equal. Returns the person_link id.
base::Result<std::string> DecidePersonPair(Workspace& ws, const std::string& a,
                                           const std::string& b, bool same,
                                           const std::string& rationale,
                                           const ChangeContext& context);

}  // namespace vka::app
