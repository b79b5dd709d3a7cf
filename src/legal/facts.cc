#include "legal/facts.h"

#include <utility>

namespace vka::legal {
namespace {

using base::Json;

constexpr int kMaxFollows = 4;  // references followed by one path, against cycles

void Split(std::string_view path, std::vector<std::string_view>* parts) {
  while (!path.empty()) {
    const size_t dot = path.find('.');
    parts->push_back(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
}

std::string Scalar(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return v.dump();
  return {};
}

}  // namespace

void FactSet::Index() {
  by_id_.clear();
  for (const Json& body : records) {
    auto it = body.find("id");
    if (it != body.end() && it->is_string()) by_id_[it->get_ref<const std::string&>()] = &body;
  }
  for (size_t i = 0; i < sources.size(); ++i) source_index_[sources[i].id] = i;
  for (size_t i = 0; i < information.size(); ++i) {
    const auto index = static_cast<int32_t>(i);
    information_index_[information[i].id] = index;
    information_on_[information[i].record].push_back(index);
  }
}

const Json* FactSet::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
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
  std::vector<std::string_view> parts;
  Split(path, &parts);
  // Each frontier entry: a JSON value and the number of references followed.
  std::vector<std::pair<const Json*, int>> frontier = {{&body, 0}};
  for (std::string_view part : parts) {
    std::vector<std::pair<const Json*, int>> next;
    for (auto [value, follows] : frontier) {
      if (value->is_string()) {  // a reference met mid-path: follow it
        const Json* target = follows < kMaxFollows ? Find(value->get<std::string>()) : nullptr;
        if (target == nullptr) continue;
        value = target;
        ++follows;
      }
      if (!value->is_object()) continue;
      auto it = value->find(part);
      if (it == value->end()) continue;
      if (it->is_array()) {
        for (const Json& element : *it) next.emplace_back(&element, follows);
      } else {
        next.emplace_back(&*it, follows);
      }
    }
    frontier = std::move(next);
  }
  std::vector<std::string> out;
  for (const auto& [value, follows] : frontier) {
    std::string text = Scalar(*value);
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

}  // namespace vka::legal
