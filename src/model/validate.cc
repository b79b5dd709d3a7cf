#include "model/validate.h"

#include <algorithm>

#include "base/edtf.h"
#include "model/schema.h"

namespace vka::model {
namespace {

using base::Json;

constexpr size_t kMaxStringBytes = 4096;
constexpr size_t kMaxTextBytes = 8 * 1024 * 1024;
constexpr size_t kMaxShownValueBytes = 80;
constexpr int64_t kMaxSafeInteger = int64_t{1} << 53;

std::string Shown(const Json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.size() > kMaxShownValueBytes) {
    size_t cut = kMaxShownValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::string JoinPath(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

std::string_view TypeName(FieldType type) {
  switch (type) {
    case FieldType::kString: return "a string";
    case FieldType::kText: return "a string";
    case FieldType::kInteger: return "an integer";
    case FieldType::kNumber: return "a number";
    case FieldType::kBoolean: return "true or false";
    case FieldType::kDate: return "an EDTF date string";
    case FieldType::kCode: return "a vocabulary code string";
    case FieldType::kRef: return "a record id string";
    case FieldType::kSha256: return "a SHA-256 hex string";
    case FieldType::kObject: return "an object";
  }
  return "a value";
}

bool IsSha256Hex(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string KindList(const std::vector<Kind>& kinds) {
  std::string out;
  for (Kind k : kinds) {
    if (!out.empty()) out += " or ";
    out += KindName(k);
  }
  return out;
}

class Validator {
 public:
  Validator(const VocabularySet& vocab, ValidationResult& result)
      : vocab_(vocab), result_(result) {}

  void Fields(const Json& object, const std::vector<FieldSpec>& specs,
              std::span<const FieldSpec> common, const std::string& path) {
    for (const auto& [name, value] : object.items()) {
      const FieldSpec* spec = Find(specs, name);
      if (spec == nullptr) spec = Find(common, name);
      if (spec == nullptr) {
        Error(JoinPath(path, name), value, "unknown field");
        continue;
      }
      Field(*spec, value, JoinPath(path, name));
    }
    CheckRequired(object, specs, path);
    CheckRequired(object, common, path);
  }

  void Error(std::string path, const Json& value, std::string message) {
    result_.errors.push_back({std::move(path), value.is_null() ? "" : Shown(value),
                              std::move(message)});
  }

 private:
  static const FieldSpec* Find(std::span<const FieldSpec> specs, const std::string& name) {
    for (const auto& s : specs) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  void CheckRequired(const Json& object, std::span<const FieldSpec> specs,
                     const std::string& path) {
    for (const auto& s : specs) {
      if (s.required && !object.contains(s.name)) {
        Error(JoinPath(path, s.name), Json(), "required field is missing");
      }
    }
  }

  void Field(const FieldSpec& spec, const Json& value, const std::string& path) {
    if (!spec.repeated) {
      Single(spec, value, path);
      return;
    }
    if (!value.is_array()) {
      Error(path, value, "must be a list of " + std::string(TypeName(spec.type)).substr(2));
      return;
    }
    if (spec.required && value.empty()) Error(path, value, "must not be empty");
    for (size_t idx = 0; idx < value.size(); ++idx) {
      Single(spec, value[idx], path + "[" + std::to_string(idx) + "]");
    }
  }

  void Single(const FieldSpec& spec, const Json& value, const std::string& path) {
    switch (spec.type) {
      case FieldType::kString: return StringOf(value, path, kMaxStringBytes);
      case FieldType::kText: return StringOf(value, path, kMaxTextBytes);
      case FieldType::kInteger: return Integer(value, path);
      case FieldType::kNumber:
        if (!value.is_number()) Error(path, value, "must be a number");
        return;
      case FieldType::kBoolean:
        if (!value.is_boolean()) Error(path, value, "must be true or false");
        return;
      case FieldType::kDate: return Date(value, path);
      case FieldType::kCode: return Code(spec, value, path);
      case FieldType::kRef: return Ref(spec, value, path);
      case FieldType::kSha256:
        if (!value.is_string() || !IsSha256Hex(value.get<std::string>())) {
          Error(path, value, "must be 64 lower-case hex digits (a SHA-256)");
        }
        return;
      case FieldType::kObject:
        if (!value.is_object()) {
          Error(path, value, "must be an object");
          return;
        }
        Fields(value, spec.members, {}, path);
        return;
    }
  }

  void StringOf(const Json& value, const std::string& path, size_t max_bytes) {
    if (!value.is_string()) {
      Error(path, value, "must be a string");
      return;
    }
    if (value.get_ref<const std::string&>().size() > max_bytes) {
      Error(path, value, "longer than " + std::to_string(max_bytes) + " bytes");
    }
  }

  void Integer(const Json& value, const std::string& path) {
    if (!value.is_number_integer()) {
      Error(path, value, "must be an integer");
      return;
    }
    if (value.is_number_unsigned() ? value.get<uint64_t>() > uint64_t(kMaxSafeInteger)
                                   : std::abs(value.get<int64_t>()) > kMaxSafeInteger) {
      Error(path, value, "integer out of range (|n| <= 2^53)");
    }
  }

  void Date(const Json& value, const std::string& path) {
    if (!value.is_string()) {
      Error(path, value, "must be an EDTF date string such as \"1990-01-13\"");
      return;
    }
    auto parsed = base::EdtfDate::Parse(value.get<std::string>());
    if (!parsed.ok()) Error(path, value, parsed.status().message());
  }

  void Code(const FieldSpec& spec, const Json& value, const std::string& path) {
    if (!value.is_string()) {
      Error(path, value, "must be a " + std::string(spec.vocabulary) + " code string");
      return;
    }
    base::Status s = vocab_.Check(spec.vocabulary, value.get<std::string>());
    if (!s.ok()) Error(path, value, s.message());
  }

  void Ref(const FieldSpec& spec, const Json& value, const std::string& path) {
    if (!value.is_string()) {
      Error(path, value, "must be a record id string");
      return;
    }
    const auto& id = value.get_ref<const std::string&>();
    auto kind = KindOfId(id);
    if (!kind) {
      Error(path, value, "is not a record id (expected <prefix>_<ULID>, e.g. per_01J…)");
      return;
    }
    if (!spec.ref_kinds.empty() &&
        std::find(spec.ref_kinds.begin(), spec.ref_kinds.end(), *kind) == spec.ref_kinds.end()) {
      Error(path, value,
            "refers to a " + std::string(KindName(*kind)) + "; expected " + KindList(spec.ref_kinds));
      return;
    }
    result_.references.push_back({path, id});
  }

  const VocabularySet& vocab_;
  ValidationResult& result_;
};

// Checks id and kind; returns the kind when both are well formed.
std::optional<Kind> Header(const Json& body, Validator& v) {
  const Json* kind_value = body.contains("kind") ? &body["kind"] : nullptr;
  if (kind_value == nullptr || !kind_value->is_string()) {
    v.Error("kind", kind_value ? *kind_value : Json(), "required string field is missing");
    return std::nullopt;
  }
  auto kind = ParseKindName(kind_value->get<std::string>());
  if (!kind.ok()) {
    v.Error("kind", *kind_value, kind.status().message());
    return std::nullopt;
  }
  const Json* id = body.contains("id") ? &body["id"] : nullptr;
  if (id == nullptr || !id->is_string()) {
    v.Error("id", id ? *id : Json(), "required string field is missing");
  } else if (KindOfId(id->get<std::string>()) != *kind) {
    v.Error("id", *id,
            "is not a " + std::string(KindName(*kind)) + " id (expected " +
                std::string(KindPrefix(*kind)) + "_<ULID>)");
  }
  return *kind;
}

const FieldSpec* FindSpec(std::span<const FieldSpec> specs, std::string_view name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// Removes empty strings, arrays and objects, and normalises dates, in place.
void Clean(Json& value, const std::vector<FieldSpec>& specs, std::span<const FieldSpec> common) {
  if (!value.is_object()) return;
  for (auto it = value.begin(); it != value.end();) {
    const FieldSpec* spec = FindSpec(specs, it.key());
    if (spec == nullptr) spec = FindSpec(common, it.key());
    Json& v = it.value();
    auto normalise_one = [&](Json& item) {
      if (spec && spec->type == FieldType::kDate && item.is_string()) {
        auto d = base::EdtfDate::Parse(item.get<std::string>());
        if (d.ok()) item = d->text();
      }
      if (spec && spec->type == FieldType::kObject) Clean(item, spec->members, {});
    };
    if (v.is_array()) {
      for (auto& item : v) normalise_one(item);
    } else {
      normalise_one(v);
    }
    bool empty = (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                 (v.is_array() && v.empty()) || (v.is_object() && v.empty()) || v.is_null();
    it = empty ? value.erase(it) : std::next(it);
  }
}

void CollectSensitive(const Json& object, const std::vector<FieldSpec>& specs,
                      const std::string& path,
                      std::vector<std::pair<std::string, Json>>& out) {
  for (const auto& spec : specs) {
    if (!object.is_object() || !object.contains(spec.name)) continue;
    const Json& value = object[spec.name];
    std::string p = JoinPath(path, spec.name);
    if (spec.sensitive) {
      out.emplace_back(p, value);
    } else if (spec.type == FieldType::kObject && value.is_object()) {
      CollectSensitive(value, spec.members, p, out);
    }
  }
}

}  // namespace

std::string ValidationResult::Summary() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.path + ": " + e.message;
    if (!e.value.empty()) out += " (value \"" + e.value + "\")";
  }
  return out;
}

ValidationResult Validate(const Json& body, const VocabularySet& vocab) {
  ValidationResult result;
  Validator v(vocab, result);
  if (!body.is_object()) {
    v.Error("", body, "a record must be a JSON object");
    return result;
  }
  auto kind = Header(body, v);
  if (!kind) return result;
  v.Fields(body, SchemaOf(*kind).fields, CommonFields(), "");
  return result;
}

Json Normalize(Json body) {
  Json out = std::move(body);
  if (!out.is_object()) return out;
  std::vector<FieldSpec> specs;
  if (out.contains("kind") && out["kind"].is_string()) {
    auto kind = ParseKindName(out["kind"].get<std::string>());
    if (kind.ok()) specs = SchemaOf(*kind).fields;
  }
  Clean(out, specs, CommonFields());
  if (!out.contains("confidentiality")) out["confidentiality"] = "internal";
  return out;
}

std::vector<std::pair<std::string, Json>> SensitiveValues(const Json& body) {
  std::vector<std::pair<std::string, Json>> out;
  if (!body.is_object() || !body.contains("kind") || !body["kind"].is_string()) return out;
  auto kind = ParseKindName(body["kind"].get<std::string>());
  if (!kind.ok()) return out;
  CollectSensitive(body, SchemaOf(*kind).fields, "", out);
  return out;
}

}  // namespace vka::model
