#include "legal/facts.h"

#include <utility>

namespace vka::legal {
namespace {

using base::Json;

}  // namespace

void FactSet::Index() {
  by_id_.clear();
  by_id_.reserve(records.size());
  source_index_.reserve(sources.size());
  information_index_.reserve(information.size());
  information_on_.reserve(information.size());
  for (size_t i = 0; i < records.size(); ++i) {
    auto it = records[i].find("id");
    if (it != records[i].end() && it->is_string()) {
      by_id_[it->get_ref<const std::string&>()] = static_cast<int32_t>(i);
    }
  }
  for (size_t i = 0; i < sources.size(); ++i) source_index_[sources[i].id] = i;
  for (InformationFacts& info : information) {
    auto it = source_index_.find(info.source);
    info.source_index = it == source_index_.end() ? -1 : static_cast<int32_t>(it->second);
  }
  for (size_t i = 0; i < information.size(); ++i) {
    const auto index = static_cast<int32_t>(i);
    information_index_[information[i].id] = index;
    information_on_[information[i].record].push_back(index);
  }
  information_on_record_.clear();
  for (const Json& body : records) {
    auto it = body.find("id");
    information_on_record_.push_back(
        &InformationOn(it != body.end() && it->is_string() ? it->get_ref<const std::string&>()
                                                           : std::string_view()));
  }
}

const Json* FactSet::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &records[it->second];
}

int32_t FactSet::RecordIndex(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

const SourceFacts* FactSet::FindSource(std::string_view id) const {
  auto it = source_index_.find(id);
  return it == source_index_.end() ? nullptr : &sources[it->second];
}

const std::vector<int32_t>& FactSet::InformationOn(std::string_view id) const {
  static const std::vector<int32_t> kNone;
  auto it = information_on_.find(id);
  return it == information_on_.end() ? kNone : it->second;
}

int32_t FactSet::InformationIndex(std::string_view id) const {
  auto it = information_index_.find(id);
  return it == information_index_.end() ? -1 : it->second;
}

std::vector<std::string> FactSet::Values(const Json& body, std::string_view path) const {
  std::vector<std::string> parts;
  SplitPath(path, &parts);
  std::vector<std::string> out;
  AnyValue(body, parts, [&](std::string_view v) {
    if (!v.empty()) out.emplace_back(v);
    return false;  // visit them all
  });
  return out;
}

void SplitPath(std::string_view path, std::vector<std::string>* parts) {
  while (!path.empty()) {
    const size_t dot = path.find('.');
    parts->emplace_back(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
}

}  // namespace vka::legal
