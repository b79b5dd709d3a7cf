#pragma once

// Terminal and JSON renderings of the legal engine's results.

#include <string>
#include <vector>

#include "app/legal.h"
#include "base/status.h"

namespace vka::cli {

// The items of the knowledge base, optionally of one instrument and kind.
std::string RenderItemList(const legal::KnowledgeBase& kb, const std::string& instrument,
                           const std::string& kind, bool json);

// One item, instrument or qualification by id; kNotFound otherwise.
base::Result<std::string> RenderItem(const legal::KnowledgeBase& kb, const std::string& id,
                                     const std::string& lang, bool json);

// The suggestions with the sources behind each (the sources of the
// information records about its facts; for an aggregate rule, counted).
std::string RenderSuggestions(const legal::FactSet& facts,
                              const std::vector<const legal::Suggestion*>& suggestions, bool json);

struct MatrixView {
  const legal::KnowledgeBase& kb;
  const legal::FactSet& facts;
  const legal::CaseMatrix& matrix;
  int max_evidence;  // evidence items listed per element and stance in JSON
};
std::string RenderMatrixText(const MatrixView& view);
std::string RenderMatrixJson(const MatrixView& view);

std::string RenderStateResponsibility(const legal::KnowledgeBase& kb,
                                      const legal::StateResponsibility& sr, bool json);

}  // namespace vka::cli
