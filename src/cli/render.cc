#include "cli/render.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <set>

#include "base/json.h"

namespace vka::cli {
namespace {

constexpr size_t kMaxLabelNames = 3;
constexpr size_t kMaxDiffValueBytes = 60;

std::string Short(const base::Json& v) {
  std::string text = v.dump();
  if (text.size() > kMaxDiffValueBytes) {
    size_t cut = kMaxDiffValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

}  // namespace

std::string RecordLabel(const std::string& body) {
  auto parsed = base::ParseJsonStrict(body);
  if (!parsed.ok() || !parsed->is_object()) return "";
  const base::Json& r = *parsed;
  if (r.contains("names") && r["names"].is_array()) {
    std::string out;
    size_t shown = 0;
    for (const auto& n : r["names"]) {
      if (!n.is_object() || !n.contains("value") || shown == kMaxLabelNames) continue;
      if (!out.empty()) out += " / ";
      out += n["value"].get<std::string>();
      ++shown;
    }
    return out;
  }
  for (const char* key : {"title", "name", "type", "conduct", "element", "action"}) {
    if (r.contains(key) && r[key].is_string()) return r[key].get<std::string>();
  }
  return "";
}

std::string DiffBodies(const std::string& old_body, const std::string& new_body) {
  auto a = base::ParseJsonStrict(old_body);
  auto b = base::ParseJsonStrict(new_body);
  if (!a.ok() || !b.ok()) return "";
  std::set<std::string> keys;
  for (const auto& [k, _] : a->items()) keys.insert(k);
  for (const auto& [k, _] : b->items()) keys.insert(k);
  std::string out;
  for (const auto& k : keys) {
    bool in_a = a->contains(k);
    bool in_b = b->contains(k);
    if (in_a && in_b && (*a)[k] == (*b)[k]) continue;
    out += "    " + k + ": " + (in_a ? Short((*a)[k]) : "(none)") + " → " +
           (in_b ? Short((*b)[k]) : "(removed)") + "\n";
  }
  return out;
}

std::string PrettyBody(const std::string& body) {
  auto parsed = base::ParseJsonStrict(body);
  if (!parsed.ok()) return body;
  return parsed->dump(2, ' ', false, base::Json::error_handler_t::replace);
}

base::Status Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  return base::OkStatus();
}

base::Result<std::string> ReadJsonArg(const std::string& json, const std::string& file,
                                      const std::string& what) {
  if (!json.empty()) return json;
  if (file.empty()) {
    return base::InvalidArgumentError("give the " + what + " as --json TEXT or --file FILE (- for stdin)");
  }
  std::stringstream buffer;
  if (file == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return base::NotFoundError("cannot open " + file);
    buffer << in.rdbuf();
  }
  return buffer.str();
}

}  // namespace vka::cli
