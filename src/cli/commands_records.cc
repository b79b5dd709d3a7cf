// Subcommands on single records: init, add, edit, delete, show, list,
// history, vocab.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/records.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

// "field=value" -> FieldChange.
base::Result<app::FieldChange> ParseSet(const std::string& arg) {
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    return base::InvalidArgumentError("--set takes FIELD=VALUE, got \"" + arg + "\"");
  }
  return app::FieldChange{arg.substr(0, eq), arg.substr(eq + 1)};
}

std::string RevisionHeader(const app::Revision& r) {
  std::string out = r.id + " · " + std::string(model::KindName(r.kind)) + " · rev " +
                    std::to_string(r.rev);
  if (r.deleted) out += " · DELETED";
  out += "\nlast change " + r.at + " by " + r.by;
  if (!r.reason.empty()) out += ": " + r.reason;
  return out + "\n";
}

}  // namespace

void SetupInit(CLI::App& sub, Globals& g) {
  auto dir = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  sub.add_option("dir", *dir, "Folder to create (must be empty or absent)")->required();
  sub.add_option("--name", *name, "Name of the workspace, e.g. \"Baku 1988-1990\"")->required();
  sub.callback([&g, dir, name] {
    g.action = [dir, name] {
      VKA_ASSIGN_OR_RETURN(auto ws, app::Workspace::Init(*dir, *name));
      return Print("created workspace \"" + ws->config().name + "\" in " + *dir + "\n");
    };
  });
}

void SetupAdd(CLI::App& sub, Globals& g) {
  auto kind = std::make_shared<std::string>();
  auto json = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  sub.add_option("kind", *kind, "Record kind: person, act, source, ...")->required();
  sub.add_option("--json", *json, "The record as a JSON object");
  sub.add_option("--file", *file, "Read the JSON object from a file (- for stdin)");
  sub.add_option("--reason", *reason, "Why the record is added (optional)");
  sub.callback([&g, kind, json, file, reason] {
    g.action = [&g, kind, json, file, reason] {
      VKA_ASSIGN_OR_RETURN(model::Kind k, KindArg(*kind));
      VKA_ASSIGN_OR_RETURN(std::string text, ReadJsonArg(*json, *file, "record"));
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string id, app::AddRecord(*ws, k, text, g.Context(*reason)));
      return Print(id + "\n");
    };
  });
}

void SetupEdit(CLI::App& sub, Globals& g) {
  auto id = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  auto unsets = std::make_shared<std::vector<std::string>>();
  auto reason = std::make_shared<std::string>();
  sub.add_option("id", *id, "Record id")->required();
  sub.add_option("--set", *sets, "FIELD=VALUE (repeatable; lists and objects as JSON)");
  sub.add_option("--unset", *unsets, "FIELD to remove (repeatable)");
  sub.add_option("--reason", *reason, "Why the change is made")->required();
  sub.callback([&g, id, sets, unsets, reason] {
    g.action = [&g, id, sets, unsets, reason] {
      std::vector<app::FieldChange> changes;
      for (const auto& s : *sets) {
        VKA_ASSIGN_OR_RETURN(app::FieldChange c, ParseSet(s));
        changes.push_back(std::move(c));
      }
      for (const auto& u : *unsets) changes.push_back({u, std::nullopt});
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(int64_t rev, app::EditRecord(*ws, *id, changes, g.Context(*reason)));
      return Print(*id + " rev " + std::to_string(rev) + "\n");
    };
  });
}

void SetupDelete(CLI::App& sub, Globals& g) {
  auto id = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  sub.add_option("id", *id, "Record id")->required();
  sub.add_option("--reason", *reason, "Why the record is deleted")->required();
  sub.callback([&g, id, reason] {
    g.action = [&g, id, reason] {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(int64_t rev, app::DeleteRecord(*ws, *id, g.Context(*reason)));
      return Print(*id + " deleted (tombstone rev " + std::to_string(rev) +
                   "; its history stays)\n");
    };
  });
}

void SetupShow(CLI::App& sub, Globals& g) {
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub.add_option("id", *id, "Record id")->required();
  sub.add_option("--format", *format, "text or json (the canonical body)")
      ->check(CLI::IsMember({"text", "json"}));
  sub.callback([&g, id, format] {
    g.action = [&g, id, format] {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::Revision r, app::GetRecord(*ws, *id));
      if (*format == "json") return Print(r.body + "\n");
      return Print(RevisionHeader(r) + PrettyBody(r.body) + "\n");
    };
  });
}

void SetupList(CLI::App& sub, Globals& g) {
  auto kind = std::make_shared<std::string>();
  auto wheres = std::make_shared<std::vector<std::string>>();
  auto query = std::make_shared<app::ListQuery>();
  auto format = std::make_shared<std::string>("text");
  sub.add_option("kind", *kind, "Record kind")->required();
  sub.add_option("--where", *wheres, "FIELD=VALUE filter (repeatable; all must hold)");
  sub.add_option("--limit", query->limit, "At most this many (default 50; 0 for all)");
  sub.add_option("--offset", query->offset, "Skip this many first");
  sub.add_option("--after", query->after_id,
                 "Only records after this id (keyset paging: pass the last id of a page)");
  sub.add_flag("--deleted", query->include_deleted, "Include deleted records");
  sub.add_option("--format", *format, "text or ndjson")->check(CLI::IsMember({"text", "ndjson"}));
  sub.callback([&g, kind, wheres, query, format] {
    g.action = [&g, kind, wheres, query, format] {
      VKA_ASSIGN_OR_RETURN(query->kind, KindArg(*kind));
      for (const auto& w : *wheres) {
        VKA_ASSIGN_OR_RETURN(app::FieldChange c, ParseSet(w));
        query->where.push_back({c.path, *c.text});
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto revs, app::ListRecords(*ws, *query));
      std::string out;
      for (const auto& r : revs) {
        if (*format == "ndjson") {
          out += r.body + "\n";
        } else {
          out += r.id + "  rev " + std::to_string(r.rev) + (r.deleted ? "  DELETED" : "") +
                 "  " + RecordLabel(r.body) + "\n";
        }
      }
      return Print(out);
    };
  });
}

void SetupHistory(CLI::App& sub, Globals& g) {
  auto id = std::make_shared<std::string>();
  sub.add_option("id", *id, "Record id")->required();
  sub.callback([&g, id] {
    g.action = [&g, id] {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto revs, app::RecordHistory(*ws, *id));
      std::string out;
      for (size_t idx = 0; idx < revs.size(); ++idx) {
        const auto& r = revs[idx];
        out += "rev " + std::to_string(r.rev) + "  " + r.at + "  by " + r.by;
        out += r.deleted ? "  DELETED" : (idx == 0 ? "  created" : "");
        if (!r.reason.empty()) out += "  \"" + r.reason + "\"";
        out += "\n    commitment " + app::RevisionCommitment(r) + "\n";
        if (idx > 0 && !r.deleted) out += DiffBodies(revs[idx - 1].body, r.body);
      }
      return Print(out);
    };
  });
}

void SetupVocab(CLI::App& sub, Globals& g) {
  auto name = std::make_shared<std::string>();
  sub.add_option("name", *name, "Vocabulary name, e.g. act_type");
  sub.callback([&g, name] {
    g.action = [&g, name]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(model::VocabularySet vocab, model::VocabularySet::BuiltIn());
      std::unique_ptr<app::Workspace> ws;
      if (auto opened = g.OpenWorkspace(); opened.ok()) ws = std::move(*opened);
      const model::VocabularySet& set = ws ? ws->vocab() : vocab;
      std::string out;
      if (name->empty()) {
        for (const auto& [n, v] : set.all()) {
          out += n + "  (" + std::to_string(v.terms.size()) + " terms)  " + v.label_en + "\n";
        }
        return Print(out);
      }
      const model::Vocabulary* v = set.Find(*name);
      if (v == nullptr) return base::NotFoundError("no vocabulary \"" + *name + "\"; run `vka vocab` for the list");
      for (const auto& t : v->terms) {
        out += t.code + "\t" + t.en + "\t" + t.hy + "\t" + t.ru +
               (t.from_workspace ? "\t(workspace)" : "") + "\n";
      }
      return Print(out);
    };
  });
}

}  // namespace vka::cli
