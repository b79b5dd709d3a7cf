#pragma once

// Legal analysis use cases: load a situation's facts, run the qualification
// rules, record a lawyer's decisions as annotation revisions, and assess the
// case matrix and state responsibility (legal/).

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/record_writer.h"
#include "app/workspace.h"
#include "legal/facts.h"
#include "legal/kb.h"
#include "legal/matrix.h"
#include "legal/suggest.h"

namespace vka::app {

// The situation's facts: events whose situation (or an ancestor's) is
// `situation`, their acts, displacements and state conduct, every record
// those can reach, every source, information and annotation. An empty
// `situation` means the only one in the workspace (kInvalidArgument "name a
// situation with --situation" when there are several, kNotFound when none).
//
// With a `reader`, only what that role may read (app/access.h): records it may
// not read are left out, as are the sources, information records and
// annotations of such records (and their own level is checked), and record
// bodies lose the sensitive fields the role may not see. Everything derived
// from these facts (suggestions, the matrix, a dossier) then counts and
// cites only what the reader may read. Without one, everything.
base::Result<legal::FactSet> LoadSituationFacts(Workspace& ws, const std::string& situation,
                                                std::optional<Role> reader = std::nullopt);

struct LegalAnalysis {
  const legal::KnowledgeBase* kb = nullptr;
  legal::FactSet facts;
  std::vector<legal::Suggestion> suggestions;
};

// Loads the facts (only the reader's, see LoadSituationFacts) and runs the rules.
base::Result<LegalAnalysis> AnalyseSituation(Workspace& ws, const std::string& situation,
                                             std::optional<Role> reader = std::nullopt);

// Accepts or rejects suggestion `id` of the situation: writes an annotation
// (its first revision, or the next revision of the annotation that decided it
// before) with the rationale and the reviewer. kNotFound for an unknown id;
// kInvalidArgument for an empty rationale. Returns the annotation id. With a
// `reader`, only a suggestion made from what that role may read can be
// decided (kNotFound otherwise, as for an unknown id).
base::Result<std::string> DecideSuggestion(Workspace& ws, const std::string& situation,
                                           const std::string& id, bool accept,
                                           const std::string& rationale,
                                           const ChangeContext& context,
                                           std::optional<Role> reader = std::nullopt);

struct ManualAnnotation {
  std::string target;   // a record or an information record
  std::string element;  // knowledge-base item id
  bool contradicts = false;
  std::string rationale;
};

// Links a record to a legal element by hand (status accepted). kNotFound for
// an unknown element or target. Returns the annotation id.
base::Result<std::string> AnnotateElement(Workspace& ws, const ManualAnnotation& annotation,
                                          const ChangeContext& context);

// The case matrix. An empty options.standard means the workspace's
// configured standard of proof.
base::Result<legal::CaseMatrix> AssessCase(const LegalAnalysis& analysis,
                                           const Workspace& ws, legal::AssessOptions options);

struct LegalReportRequest {
  std::string template_name;  // "dossier", "communication", "shadow-report", "matrix"
  std::string situation;      // empty: the only one
  std::string standard;       // empty: the workspace's
  std::vector<std::string> qualifications;  // empty: all
  std::string format;         // "html" or "pdf"
  std::string output;         // file written atomically
  int max_rows = 500;
  std::optional<Role> reader;  // when set, only what this role may read (LoadSituationFacts)
};

struct LegalReportResult {
  std::string output;
  int pages = 0;  // PDF only
  size_t bytes = 0;
};

// Builds the legal document of a template from the situation's case matrix,
// state responsibility and current log checkpoint, and writes it as HTML or
// PDF. kInvalidArgument for an unknown format; kNotFound for an unknown
// template, situation, qualification or standard; kIOError naming the file.
base::Result<LegalReportResult> WriteLegalReport(Workspace& ws, const LegalReportRequest& request);

}  // namespace vka::app
