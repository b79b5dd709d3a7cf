// vka audit: query the audit trail (app/audit.h, docs/security.md).

#include <memory>
#include <string>

#include "app/audit.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

struct AuditFlags {
  app::AuditQuery query;
  std::string format = "text";
};

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

std::string AuditText(const std::vector<app::AuditEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += std::to_string(e.seq) + "  " + e.at + "  " + e.actor + "  " + e.action + "  " +
           OrDash(e.target) + "  " + OrDash(e.remote_addr) +
           (e.detail.empty() ? "" : "  " + e.detail) + "\n";
  }
  return out;
}

std::string AuditJson(const std::vector<app::AuditEntry>& entries) {
  base::Json array = base::Json::array();
  for (const auto& e : entries) {
    array.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"target", e.target},
                     {"detail", e.detail},
                     {"remote_addr", e.remote_addr}});
  }
  return array.dump(2) + "\n";
}

}  // namespace

void SetupAudit(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<AuditFlags>();
  sub.add_option("--actor", f->query.actor, "Only entries by this actor (a user, or cli:NAME)");
  sub.add_option("--action", f->query.action,
                 "Only actions starting with this (login, login.fail, user, record.read)");
  sub.add_option("--target", f->query.target, "Only entries about this (record id, user name)");
  sub.add_option("--since", f->query.since,
                 "From this UTC time on (2026-11-29 or 2026-11-29T12:00:00Z)");
  sub.add_option("--limit", f->query.limit, "The newest N entries (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub.add_option("--format", f->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub.callback([&g, f] {
    g.action = [&g, f]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
      VKA_ASSIGN_OR_RETURN(auto entries, app::QueryAudit(*ws, f->query));
      return Print(f->format == "json" ? AuditJson(entries) : AuditText(entries));
    };
  });
}

}  // namespace vka::cli
