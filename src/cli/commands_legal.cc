// `vka legal`, `vka suggestions`, `vka suggestion`, `vka annotate`, `vka assess`:
// the legal knowledge base, qualification suggestions and the lawyer's
// decisions on them, and the case matrix.

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "app/files.h"
#include "app/legal.h"
#include "app/legal_json.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/legal_render.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

using base::Json;

base::Status CheckFormat(const std::string& format, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (format == a) return base::OkStatus();
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return base::InvalidArgumentError("unknown --format " + format + " (" + list + ")");
}

// Prints `text`, or writes it atomically to `path` when one is given.
base::Status Emit(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") return Print(text);
  VKA_RETURN_IF_ERROR(app::WriteFileAtomically(path, text));
  std::fprintf(stderr, "wrote %s\n", path.c_str());
  return base::OkStatus();
}

struct LegalListFlags {
  std::string instrument;
  std::string kind;
  std::string format = "text";
};

void SetupLegalList(CLI::App& legal, Globals& g) {
  auto f = std::make_shared<LegalListFlags>();
  CLI::App* sub = legal.add_subcommand("list", "List the instruments and items of the knowledge base");
  sub->add_option("--instrument", f->instrument, "Only this instrument (rome, iccpr, cat, ...)");
  sub->add_option("--kind", f->kind, "Only items of this kind (context, conduct, mental, right, ...)");
  sub->add_option("--format", f->format, "text or json")->capture_default_str();
  sub->callback([&g, f] {
    g.action = [f]() -> base::Status {
      VKA_RETURN_IF_ERROR(CheckFormat(f->format, {"text", "json"}));
      VKA_ASSIGN_OR_RETURN(const legal::KnowledgeBase* kb, legal::KnowledgeBase::BuiltIn());
      if (!f->instrument.empty() && kb->FindInstrument(f->instrument) == nullptr) {
        return base::NotFoundError("no instrument " + f->instrument);
      }
      return Print(RenderItemList(*kb, f->instrument, f->kind, f->format == "json"));
    };
  });
}

void SetupLegalShow(CLI::App& legal, Globals& g) {
  auto id = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("en");
  auto format = std::make_shared<std::string>("text");
  CLI::App* sub = legal.add_subcommand("show", "Show one item, instrument or qualification");
  sub->add_option("id", *id, "rome.7.1.a.e1, iccpr.6, cah.murder, ...")->required();
  sub->add_option("--lang", *lang, "Language of titles: en, hy or ru")->capture_default_str();
  sub->add_option("--format", *format, "text or json")->capture_default_str();
  sub->callback([&g, id, lang, format] {
    g.action = [id, lang, format]() -> base::Status {
      VKA_RETURN_IF_ERROR(CheckFormat(*format, {"text", "json"}));
      VKA_ASSIGN_OR_RETURN(const legal::KnowledgeBase* kb, legal::KnowledgeBase::BuiltIn());
      VKA_ASSIGN_OR_RETURN(std::string text, RenderItem(*kb, *id, *lang, *format == "json"));
      return Print(text);
    };
  });
}

void SetupLegalCheck(CLI::App& legal, Globals& g) {
  CLI::App* sub = legal.add_subcommand("check", "Check the built-in knowledge base and rules");
  sub->callback([&g] {
    g.action = []() -> base::Status {
      VKA_ASSIGN_OR_RETURN(const legal::KnowledgeBase* kb, legal::KnowledgeBase::BuiltIn());
      int unchecked = 0;
      for (const legal::Item& item : kb->items()) unchecked += !item.checked;
      std::printf("ok: %zu instruments, %zu items (%d not yet checked against the official text), "
                  "%zu qualifications, %zu standards of proof, %zu rules\n",
                  kb->instruments().size(), kb->items().size(), unchecked,
                  kb->qualifications().size(), kb->standards().size(), kb->rules().size());
      return base::OkStatus();
    };
  });
}

struct SuggestionFlags {
  std::string situation;
  std::string status;
  std::string element;
  std::string rule;
  std::string target;
  std::string format = "text";
};

void SetupSuggestionsList(CLI::App& parent, Globals& g) {
  auto f = std::make_shared<SuggestionFlags>();
  CLI::App* sub = parent.add_subcommand("list", "List the rules' suggestions and their review status");
  sub->add_option("--situation", f->situation, "Situation id (default: the only one)");
  sub->add_option("--status", f->status, "suggested, accepted or rejected");
  sub->add_option("--element", f->element, "Only suggestions of this legal element");
  sub->add_option("--rule", f->rule, "Only suggestions of this rule");
  sub->add_option("--target", f->target, "Only suggestions about this record");
  sub->add_option("--format", f->format, "text or json")->capture_default_str();
  sub->callback([&g, f] {
    g.action = [&g, f]() -> base::Status {
      VKA_RETURN_IF_ERROR(CheckFormat(f->format, {"text", "json"}));
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::LegalAnalysis a, app::AnalyseSituation(*ws, f->situation));
      const std::vector<const legal::Suggestion*> shown = app::FilterSuggestions(
          a, {f->status, f->element, f->rule, f->target});
      return Print(RenderSuggestions(a.facts, shown, f->format == "json"));
    };
  });
}

void SetupSuggestionDecide(CLI::App& parent, Globals& g, const char* name, bool accept) {
  auto id = std::make_shared<std::string>();
  auto rationale = std::make_shared<std::string>();
  auto situation = std::make_shared<std::string>();
  CLI::App* sub = parent.add_subcommand(
      name, accept ? "Accept a suggestion (writes an annotation revision)"
                   : "Reject a suggestion (writes an annotation revision)");
  sub->add_option("id", *id, "Suggestion id (sug_...)")->required();
  sub->add_option("--rationale", *rationale, "Why; kept with the decision")->required();
  sub->add_option("--situation", *situation, "Situation id (default: the only one)");
  sub->callback([&g, id, rationale, situation, accept] {
    g.action = [&g, id, rationale, situation, accept]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string annotation,
                           app::DecideSuggestion(*ws, *situation, *id, accept, *rationale,
                                                 g.Context()));
      std::printf("%s %s (annotation %s)\n", accept ? "accepted" : "rejected", id->c_str(),
                  annotation.c_str());
      return base::OkStatus();
    };
  });
}

void SetupAnnotateAdd(CLI::App& parent, Globals& g) {
  auto a = std::make_shared<app::ManualAnnotation>();
  CLI::App* sub = parent.add_subcommand("add", "Link a record to a legal element by hand");
  sub->add_option("target", a->target, "The record (an act, an information record, a source, ...)")
      ->required();
  sub->add_option("element", a->element, "Legal element id (vka legal list)")->required();
  sub->add_option("--rationale", a->rationale, "Why the record bears on the element")->required();
  sub->add_flag("--contradicts", a->contradicts, "The record tells against the element");
  sub->callback([&g, a] {
    g.action = [&g, a]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string id, app::AnnotateElement(*ws, *a, g.Context()));
      std::printf("%s\n", id.c_str());
      return base::OkStatus();
    };
  });
}

struct AssessFlags {
  std::string situation;
  std::vector<std::string> qualifications;
  std::string standard;
  bool reviewed_only = false;
  bool state_responsibility = false;
  std::string format = "text";
  std::string output;
  int max_evidence = 50;
};

base::Status PrintReportResult(const app::LegalReportResult& r) {
  if (r.pages > 0) {
    std::fprintf(stderr, "wrote %s (%d pages, %zu bytes)\n", r.output.c_str(), r.pages, r.bytes);
  } else {
    std::fprintf(stderr, "wrote %s (%zu bytes)\n", r.output.c_str(), r.bytes);
  }
  return base::OkStatus();
}

base::Status RunAssess(Globals& g, const AssessFlags& f) {
  VKA_RETURN_IF_ERROR(CheckFormat(f.format, {"text", "json", "html", "pdf"}));
  VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
  if (f.format == "html" || f.format == "pdf") {
    if (f.state_responsibility) {
      return base::InvalidArgumentError(
          "--state-responsibility is text or json; the dossier (vka report dossier) has it in "
          "html and pdf");
    }
    app::LegalReportRequest request{"matrix", f.situation, f.standard, {}, f.format, f.output};
    for (const std::string& q : f.qualifications) {
      if (q != "all") request.qualifications.push_back(q);
    }
    VKA_ASSIGN_OR_RETURN(app::LegalReportResult r, app::WriteLegalReport(*ws, request));
    return PrintReportResult(r);
  }
  VKA_ASSIGN_OR_RETURN(app::LegalAnalysis a, app::AnalyseSituation(*ws, f.situation));
  if (f.state_responsibility) {
    const legal::StateResponsibility sr =
        legal::AssessStateResponsibility(*a.kb, a.facts, a.suggestions);
    return Emit(RenderStateResponsibility(*a.kb, sr, f.format == "json"), f.output);
  }
  legal::AssessOptions options;
  options.standard = f.standard;
  options.reviewed_only = f.reviewed_only;
  for (const std::string& q : f.qualifications) {
    if (q != "all") options.qualifications.push_back(q);
  }
  VKA_ASSIGN_OR_RETURN(legal::CaseMatrix m, app::AssessCase(a, *ws, options));
  const MatrixView view{*a.kb, a.facts, m, f.max_evidence};
  return Emit(f.format == "json" ? RenderMatrixJson(view) : RenderMatrixText(view), f.output);
}

struct ReportFlags {
  std::string situation;
  std::string standard;
  std::vector<std::string> qualifications;
  std::string format = "pdf";
  std::string output;
  int max_rows = 500;
};

void SetupReportKind(CLI::App& parent, Globals& g, const char* name, const char* help) {
  auto f = std::make_shared<ReportFlags>();
  CLI::App* sub = parent.add_subcommand(name, help);
  sub->add_option("--situation", f->situation, "Situation id (default: the only one)");
  sub->add_option("--standard", f->standard, "Standard of proof (default: the workspace's)");
  sub->add_option("--qualification", f->qualifications, "Crimes to include (default: all)");
  sub->add_option("--format", f->format, "html or pdf")->capture_default_str();
  sub->add_option("-o,--output", f->output, "The file to write")->required();
  sub->add_option("--max-rows", f->max_rows, "Rows per listing (victims, events, conduct)")
      ->capture_default_str();
  const std::string template_name = name;
  sub->callback([&g, f, template_name] {
    g.action = [&g, f, template_name]() -> base::Status {
      VKA_RETURN_IF_ERROR(CheckFormat(f->format, {"html", "pdf"}));
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      app::LegalReportRequest request{template_name, f->situation, f->standard,
                                      f->qualifications, f->format, f->output, f->max_rows};
      VKA_ASSIGN_OR_RETURN(app::LegalReportResult r, app::WriteLegalReport(*ws, request));
      return PrintReportResult(r);
    };
  });
}

}  // namespace

void SetupReport(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupReportKind(sub, g, "dossier",
                  "The dossier: summary, legal framework, case matrix with footnoted sources, "
                  "gaps, state responsibility, victims (pseudonymised), verification");
  SetupReportKind(sub, g, "communication",
                  "A UN Special Procedures individual communication (alleged victims, date, "
                  "place, perpetrators, authorities' response, steps taken)");
  SetupReportKind(sub, g, "shadow-report",
                  "A shadow-report outline for CERD, CAT and the Human Rights Committee");
}

void SetupLegal(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupLegalList(sub, g);
  SetupLegalShow(sub, g);
  SetupLegalCheck(sub, g);
}

void SetupSuggestions(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupSuggestionsList(sub, g);
}

void SetupSuggestion(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupSuggestionDecide(sub, g, "accept", true);
  SetupSuggestionDecide(sub, g, "reject", false);
}

void SetupAnnotate(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupAnnotateAdd(sub, g);
}

void SetupAssess(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<AssessFlags>();
  sub.add_option("--situation", f->situation, "Situation id (default: the only one)");
  sub.add_option("--qualification", f->qualifications,
                 "cah.murder, cah.deportation, ... or all (repeatable; default all)");
  sub.add_option("--standard", f->standard,
                 "Standard of proof (default: the workspace's, see vka.toml [legal])");
  sub.add_flag("--reviewed-only", f->reviewed_only, "Count only accepted links, not open suggestions");
  sub.add_flag("--state-responsibility", f->state_responsibility,
               "Assess state responsibility instead of the crimes");
  sub.add_option("--format", f->format, "text, json, html or pdf")->capture_default_str();
  sub.add_option("-o,--output", f->output, "Write to this file instead of stdout (required for html, pdf)");
  sub.add_option("--max-evidence", f->max_evidence,
                 "Evidence items listed per element and stance in json (counts are always complete)")
      ->capture_default_str();
  sub.callback([&g, f] { g.action = [&g, f]() { return RunAssess(g, *f); }; });
}

}  // namespace vka::cli
