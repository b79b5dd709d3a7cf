#pragma once

// What the legal engine reads: the records of one situation, held in memory.
// The application loads them from the store; the engine never does I/O.

#include <cstdint>
#include <span>
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
  std::string confidentiality;
  int32_t source_index = -1;  // position of `source` in FactSet::sources; set by Index()
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
  std::string rule;        // that suggestion's rule
};

// Splits "victim.status" into {"victim", "status"}.
void SplitPath(std::string_view path, std::vector<std::string>* parts);

// Fill the public vectors, then call Index() once; read-only afterwards.
class FactSet {
 public:
  std::string situation;              // id of the situation assessed
  std::vector<base::Json> records;    // bodies of every record rules may read or follow
  std::vector<std::string> in_scope;  // ids of the records that belong to the situation
  std::vector<SourceFacts> sources;
  std::vector<InformationFacts> information;
  std::vector<AnnotationFacts> annotations;

  // Builds the lookups; resolves each information record's source.
  void Index();

  const base::Json* Find(std::string_view id) const;
  // The position of a record in `records`, or -1.
  int32_t RecordIndex(std::string_view id) const;
  const SourceFacts* FindSource(std::string_view id) const;
  // Indices into `information` of the links whose record is `id`.
  const std::vector<int32_t>& InformationOn(std::string_view id) const;
  // The same for records[index]; O(1).
  const std::vector<int32_t>& InformationOnRecord(int32_t index) const {
    return *information_on_record_[index];
  }
  int32_t InformationIndex(std::string_view id) const;  // -1 when unknown
  // The values a rule condition's path reaches from `body` (see Condition).
  std::vector<std::string> Values(const base::Json& body, std::string_view path) const;
  // True when `pred` holds for one of the values the path `parts` reaches;
  // stops at the first. No allocation for string values.
  template <typename Pred>
  bool AnyValue(const base::Json& value, std::span<const std::string> parts, Pred&& pred,
                int follows = 0) const;

 private:
  std::unordered_map<std::string_view, int32_t> by_id_;
  std::vector<const std::vector<int32_t>*> information_on_record_;
  std::unordered_map<std::string_view, size_t> source_index_;
  std::unordered_map<std::string_view, int32_t> information_index_;
  std::unordered_map<std::string_view, std::vector<int32_t>> information_on_;
};

template <typename Pred>
bool FactSet::AnyValue(const base::Json& value, std::span<const std::string> parts, Pred&& pred,
                       int follows) const {
  constexpr int kMaxFollows = 4;  // references followed by one path, against cycles
  if (value.is_array()) {
    for (const base::Json& element : value) {
      if (AnyValue(element, parts, pred, follows)) return true;
    }
    return false;
  }
  if (parts.empty()) {
    if (value.is_string()) return pred(std::string_view(value.get_ref<const std::string&>()));
    if (value.is_boolean()) return pred(std::string_view(value.get<bool>() ? "true" : "false"));
    if (value.is_number_integer()) return pred(std::string_view(std::to_string(value.get<int64_t>())));
    return false;
  }
  if (value.is_string()) {  // a reference met mid-path: follow it
    if (follows >= kMaxFollows) return false;
    const base::Json* target = Find(value.get_ref<const std::string&>());
    return target != nullptr && AnyValue(*target, parts, pred, follows + 1);
  }
  if (!value.is_object()) return false;
  auto it = value.find(parts.front());
  return it != value.end() && AnyValue(*it, parts.subspan(1), pred, follows);
}

}  // namespace vka::legal
