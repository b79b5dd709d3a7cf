#pragma once

// What the legal engine reads: the records of one situation, held in memory.
// The application loads them from the store; the engine never does I/O.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"

namespace vka::legal {

struct SourceFacts {
  std::string id;
  std::string title;
  std::string type;
  std::string origin;  // the chain it came from; empty means its own origin
  char reliability = 0;  // 'A'..'F', 0 when not graded
  bool obtained_under_torture = false;
  bool consent_recorded = false;
  bool consent_withdrawn = false;
  bool consent_legal_use = false;
  std::string confidentiality;

  // The key under which independent origins are counted.
  const std::string& OriginKey() const { return origin.empty() ? id : origin; }
};

struct InformationFacts {
  std::string id;
  std::string source;
  std::string record;
  std::string field;
  std::string locator;
  std::string excerpt;
  int credibility = 0;  // 1..6, 0 when not graded
  bool contradicts = false;
};

struct AnnotationFacts {
  std::string id;
  std::string target;
  std::string element;
  bool contradicts = false;
  std::string status;  // suggested, accepted, rejected
  std::string rationale;
  std::string reviewer;
  std::string suggestion;  // the suggestion it decides, if any
};

// Fill the public vectors, then call Index() once; read-only afterwards.
class FactSet {
 public:
  std::string situation;              // id of the situation assessed
  std::vector<base::Json> records;    // bodies of every record rules may read or follow
  std::vector<std::string> in_scope;  // ids of the records that belong to the situation
  std::vector<SourceFacts> sources;
  std::vector<InformationFacts> information;
  std::vector<AnnotationFacts> annotations;

  void Index();

  const base::Json* Find(std::string_view id) const;
  const SourceFacts* FindSource(std::string_view id) const;
  // Indices into `information` of the links whose record is `id`.
  const std::vector<int32_t>& InformationOn(std::string_view id) const;
  int32_t InformationIndex(std::string_view id) const;  // -1 when unknown
  // The values a rule condition's path reaches from `body` (see Condition).
  std::vector<std::string> Values(const base::Json& body, std::string_view path) const;

 private:
  std::unordered_map<std::string_view, const base::Json*> by_id_;
  std::unordered_map<std::string_view, size_t> source_index_;
  std::unordered_map<std::string_view, int32_t> information_index_;
  std::unordered_map<std::string_view, std::vector<int32_t>> information_on_;
};

}  // namespace vka::legal
