#pragma once

// Legal documents built from the legal engine's results: the dossier, a UN
// Special Procedures individual communication, a shadow-report outline for
// treaty bodies, and the case matrix alone. Which sections a document has,
// in which order, and their fixed wording are report templates: data files
// under data/report/ (docs/formats/report-templates.md), embedded at build
// time. The builder fills each section's generated part.

#include <string>
#include <vector>

#include "base/status.h"
#include "legal/facts.h"
#include "legal/kb.h"
#include "legal/matrix.h"
#include "report/document.h"

namespace vka::report {

struct LegalReportInput {
  const legal::KnowledgeBase& kb;
  const legal::FactSet& facts;
  const legal::CaseMatrix& matrix;
  const legal::StateResponsibility& state;
  std::string situation_name;
  std::string workspace_name;
  std::string checkpoint;    // the signed log checkpoint note
  std::string verifier_key;  // the log's verifier key
  std::string generated_at;  // RFC 3339
  int max_rows = 500;        // rows per listing (victims, acts, state conduct)
  int max_notes = 5;         // sources footnoted per statement
};

// The names of the built-in templates: "dossier", "communication",
// "shadow-report", "matrix".
std::vector<std::string> LegalReportTemplates();

// Builds the document of template `name`. kNotFound for an unknown template;
// kInvalidArgument for a template that names an unknown section kind (a
// build-time data error, also caught by the tests). Victims whose person
// record is not public appear under a pseudonym (V-0001, ...), never by name.
base::Result<Document> BuildLegalReport(const std::string& name, const LegalReportInput& input);

}  // namespace vka::report
