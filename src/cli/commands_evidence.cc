// `vka evidence add|show|list|get` and `vka custody [record]`: evidence
// files and their chain of custody (app/evidence_files.h).

#include <cstdio>
#include <memory>

#include "app/evidence_files.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

// "label: value\n" when value is not empty.
void Line(std::string& out, const char* label, const std::string& value) {
  if (!value.empty()) out += std::string(label) + ": " + value + "\n";
}

// Decimal degrees with 6 places (about 0.1 m), "40.177200".
std::string FormatDegrees(double degrees) {
  constexpr size_t kBufferSize = 32;
  char buffer[kBufferSize];
  std::snprintf(buffer, sizeof buffer, "%.6f", degrees);
  return buffer;
}

std::string Describe(const app::EvidenceFile& f) {
  std::string out = "sha256: " + f.sha256 + "\nsize: " + std::to_string(f.size) + "\n";
  Line(out, "mime", f.mime);
  Line(out, "original name", f.original_name);
  Line(out, "original mtime", f.original_mtime);
  Line(out, "source", f.source);
  Line(out, "captured at", f.captured_at);
  Line(out, "captured by", f.captured_by);
  Line(out, "captured where", f.captured_where);
  Line(out, "note", f.note);
  Line(out, "derived from", f.derived_from);
  Line(out, "added", f.added_at + " by " + f.added_by);
  Line(out, "exif taken at", f.exif_taken_at);
  Line(out, "camera make", f.camera_make);
  Line(out, "camera model", f.camera_model);
  if (f.gps_lat.has_value() && f.gps_lon.has_value()) {
    Line(out, "gps", FormatDegrees(*f.gps_lat) + "," + FormatDegrees(*f.gps_lon));
  }
  if (f.page_count.has_value()) Line(out, "pages", std::to_string(*f.page_count));
  Line(out, "metadata note", f.metadata_note);
  return out;
}

void SetupAddEvidence(CLI::App& evidence, Globals& g) {
  CLI::App* sub = evidence.add_subcommand("add", "Store files as evidence (content-addressed, read-only)");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<app::AddEvidenceOptions>();
  sub->add_option("files", *paths, "Files to add")->required();
  sub->add_option("--source", opts->source, "Source record the files came with (required)");
  sub->add_option("--captured-at", opts->captured_at, "When the content was captured (EDTF)");
  sub->add_option("--captured-by", opts->captured_by, "Who captured it");
  sub->add_option("--captured-where", opts->captured_where, "Where (place id, name or lat,lon)");
  sub->add_option("--note", opts->note, "A note on the files");
  sub->add_option("--derived-from", opts->derived_from, "SHA-256 of the original (working copies)");
  sub->callback([&g, paths, opts] {
    g.action = [&g, paths, opts]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto added, app::AddEvidence(*ws, *paths, *opts, g.Context()));
      std::string out;
      for (const auto& a : added) {
        out += a.sha256 + "  " + a.path + (a.already_present ? "  (already stored)" : "") + "\n";
      }
      return Print(out);
    };
  });
}

void SetupShowEvidence(CLI::App& evidence, Globals& g) {
  CLI::App* sub = evidence.add_subcommand("show", "Show an evidence file's metadata");
  auto sha = std::make_shared<std::string>();
  sub->add_option("sha256", *sha, "The file's SHA-256")->required();
  sub->callback([&g, sha] {
    g.action = [&g, sha]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, app::ShowEvidence(*ws, *sha));
      return Print(Describe(file));
    };
  });
}

void SetupListEvidence(CLI::App& evidence, Globals& g) {
  CLI::App* sub = evidence.add_subcommand("list", "List evidence files");
  auto source = std::make_shared<std::string>();
  sub->add_option("--source", *source, "Only the files of this source");
  sub->callback([&g, source] {
    g.action = [&g, source]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto files, app::ListEvidence(*ws, *source));
      std::string out;
      for (const auto& f : files) {
        out += f.sha256 + "  " + std::to_string(f.size) + "  " + f.mime + "  " + f.source + "  " +
               f.original_name + "\n";
      }
      return Print(out);
    };
  });
}

void SetupGetEvidence(CLI::App& evidence, Globals& g) {
  CLI::App* sub = evidence.add_subcommand("get", "Copy an evidence file out (records a \"copied\" custody event)");
  auto sha = std::make_shared<std::string>();
  auto dest = std::make_shared<std::string>();
  auto purpose = std::make_shared<std::string>();
  sub->add_option("sha256", *sha, "The file's SHA-256")->required();
  sub->add_option("-o,--output", *dest, "Where to write the copy")->required();
  sub->add_option("--purpose", *purpose, "Why it is copied (kept in the custody chain)");
  sub->callback([&g, sha, dest, purpose] {
    g.action = [&g, sha, dest, purpose]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      return app::GetEvidence(*ws, *sha, *dest, *purpose, g.Context());
    };
  });
}

void SetupRecordCustody(CLI::App& custody, Globals& g) {
  CLI::App* sub = custody.add_subcommand(
      "record", "Record an action on an evidence file in its chain of custody");
  auto sha = std::make_shared<std::string>();
  auto input = std::make_shared<app::CustodyAction>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("sha256", *sha, "The evidence file's SHA-256")->required();
  sub->add_option("--action", input->action,
                  "received, accessed, copied, exported, transferred, returned or verified "
                  "(`vka vocab custody_action`)")
      ->required();
  sub->add_option("--purpose", input->purpose, "Why");
  sub->add_option("--counterpart", input->counterpart,
                  "The other organisation or person (a name or a record id); required for "
                  "transferred and returned");
  sub->add_option("--at", input->date, "When (EDTF date or timestamp; default: today)");
  sub->add_option("--actor", input->actor,
                  "Who acted (default: the global --actor, who records the event)");
  sub->add_option("--reason", *reason, "Why the event is recorded (kept with the revision)")
      ->required();
  sub->callback([&g, sha, input, reason] {
    g.action = [&g, sha, input, reason]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(std::string id,
                           app::RecordCustodyAction(*ws, *sha, *input, g.Context(*reason)));
      return Print(id + "\n");
    };
  });
}

}  // namespace

void SetupEvidence(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  SetupAddEvidence(sub, g);
  SetupShowEvidence(sub, g);
  SetupListEvidence(sub, g);
  SetupGetEvidence(sub, g);
}

// `vka custody HASH` prints the chain; `vka custody record HASH --action A
// ...` adds to it. CLI11 matches "record" as the subcommand before it
// fills the positional, and a SHA-256 is never "record".
void SetupCustody(CLI::App& sub, Globals& g) {
  auto sha = std::make_shared<std::string>();
  sub.add_option("sha256", *sha, "The evidence file's SHA-256 (prints its chain of custody)");
  SetupRecordCustody(sub, g);
  sub.callback([&g, &sub, sha] {
    if (!sub.get_subcommands().empty()) return;  // `custody record` set the action
    g.action = [&g, sha]() -> base::Status {
      if (sha->empty()) {
        return base::InvalidArgumentError(
            "give an evidence file's SHA-256 (vka custody HASH), or record an action "
            "(vka custody record HASH --action ACTION --reason TEXT)");
      }
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto chain, app::CustodyChain(*ws, *sha));
      std::string out;
      for (const auto& e : chain) {
        out += e.date + "  " + e.action + "  " + e.actor;
        if (!e.counterpart.empty()) out += "  counterpart: " + e.counterpart;
        if (!e.purpose.empty()) out += "  (" + e.purpose + ")";
        out += "  " + e.id + "\n";
      }
      return Print(out);
    };
  });
}

}  // namespace vka::cli
