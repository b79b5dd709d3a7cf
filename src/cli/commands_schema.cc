// `vka schema [KIND] [--format text|markdown]`: the data model as the
// validator sees it, so that users and docs/data-model.md never drift from it.

#include <cstdio>

#include "cli/command.h"
#include "model/schema.h"

namespace vka::cli {
namespace {

std::string TypeText(const model::FieldSpec& f) {
  std::string t;
  switch (f.type) {
    case model::FieldType::kString: t = "string"; break;
    case model::FieldType::kText: t = "text"; break;
    case model::FieldType::kInteger: t = "integer"; break;
    case model::FieldType::kNumber: t = "number"; break;
    case model::FieldType::kBoolean: t = "boolean"; break;
    case model::FieldType::kDate: t = "EDTF date"; break;
    case model::FieldType::kCode: t = "code (" + std::string(f.vocabulary) + ")"; break;
    case model::FieldType::kSha256: t = "SHA-256 hex"; break;
    case model::FieldType::kRef: {
      t = "ref (";
      if (f.ref_kinds.empty()) t += "any kind";
      for (size_t i = 0; i < f.ref_kinds.size(); ++i) {
        t += (i ? " | " : "") + std::string(model::KindName(f.ref_kinds[i]));
      }
      t += ")";
      break;
    }
    case model::FieldType::kObject: {
      t = "object {";
      for (size_t i = 0; i < f.members.size(); ++i) {
        t += (i ? ", " : "") + std::string(f.members[i].name) +
             (f.members[i].required ? "*" : "") + ": " + TypeText(f.members[i]);
      }
      t += "}";
      break;
    }
  }
  return f.repeated ? "list of " + t : t;
}

std::string Flags(const model::FieldSpec& f) {
  std::string out = f.required ? "required" : "";
  if (f.sensitive) out += std::string(out.empty() ? "" : ", ") + "sensitive";
  return out;
}

std::string RenderKind(model::Kind kind, bool markdown) {
  std::string out;
  std::string name(model::KindName(kind));
  std::string prefix(model::KindPrefix(kind));
  std::vector<const model::FieldSpec*> fields;
  for (const auto& f : model::CommonFields()) fields.push_back(&f);
  for (const auto& f : model::SchemaOf(kind).fields) fields.push_back(&f);
  if (markdown) {
    out += "## `" + name + "` (ids `" + prefix + "_…`)\n\n| Field | Type | |\n| --- | --- | --- |\n";
    for (const auto* f : fields) {
      out += "| `" + std::string(f->name) + "` | " + TypeText(*f) + " | " + Flags(*f) + " |\n";
    }
    return out + "\n";
  }
  out += name + " (" + prefix + "_…)\n";
  for (const auto* f : fields) {
    std::string flags = Flags(*f);
    out += "  " + std::string(f->name) + ": " + TypeText(*f) + (flags.empty() ? "" : "  [" + flags + "]") + "\n";
  }
  return out;
}

}  // namespace

void SetupSchema(CLI::App& sub, Globals& g) {
  auto kind = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub.add_option("kind", *kind, "Only this kind");
  sub.add_option("--format", *format, "text or markdown")->check(CLI::IsMember({"text", "markdown"}));
  sub.callback([&g, kind, format] {
    g.action = [kind, format]() -> base::Status {
      bool markdown = *format == "markdown";
      std::string out;
      if (!kind->empty()) {
        VKA_ASSIGN_OR_RETURN(model::Kind k, KindArg(*kind));
        out = RenderKind(k, markdown);
      } else {
        for (model::Kind k : model::AllKinds()) out += RenderKind(k, markdown);
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
      return base::OkStatus();
    };
  });
}

}  // namespace vka::cli
