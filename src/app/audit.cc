// The audit trail (app/audit.h): append-only rows in the account store, each
// with a transparency-log leaf that commits to it.

#include "app/audit.h"

#include <sodium.h>

#include <cstdlib>
#include <regex>

#include "app/internal/audit_writer.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/utf8.h"
#include "evidence/leaf.h"

namespace vka::app {
namespace {

constexpr size_t kMaxAuditFieldBytes = 1000;
constexpr size_t kAuditSaltBytes = 32;
constexpr std::string_view kAuditRefPrefix = "audit:";

base::Status CheckField(std::string_view name, const std::string& value) {
  if (value.size() > kMaxAuditFieldBytes) {
    return base::InvalidArgumentError("audit entry: " + std::string(name) + " is over " +
                                      std::to_string(kMaxAuditFieldBytes) + " bytes");
  }
  if (!base::IsValidUtf8(value)) {
    return base::InvalidArgumentError("audit entry: " + std::string(name) + " is not UTF-8");
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return base::InvalidArgumentError("audit entry: " + std::string(name) +
                                        " has a control character");
    }
  }
  return base::OkStatus();
}

base::Status CheckEntry(const AuditEntry& entry) {
  if (entry.actor.empty()) return base::InvalidArgumentError("audit entry: actor is empty");
  if (entry.action.empty()) return base::InvalidArgumentError("audit entry: action is empty");
  VKA_RETURN_IF_ERROR(CheckField("actor", entry.actor));
  VKA_RETURN_IF_ERROR(CheckField("action", entry.action));
  VKA_RETURN_IF_ERROR(CheckField("target", entry.target));
  VKA_RETURN_IF_ERROR(CheckField("detail", entry.detail));
  return CheckField("remote_addr", entry.remote_addr);
}

// "2026-11-29", "2026-11-29T12:00:00Z" or "...:00.123Z" (UTC), in the form
// the stored times compare with as text.
base::Result<std::string> NormalizeSince(const std::string& since) {
  if (since.empty()) return since;
  static const std::regex kForm(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?)");
  if (!std::regex_match(since, kForm)) {
    return base::InvalidArgumentError(
        "--since \"" + since + "\" is not a UTC time like 2026-11-29 or 2026-11-29T12:00:00Z");
  }
  // Stored times have milliseconds; "…:00Z" must sort before "…:00.000Z".
  if (since.size() == 20) return since.substr(0, 19) + ".000Z";
  return since;
}

AuditEntry ToEntry(const storage::AuditRow& row) {
  return {row.seq, row.at, row.actor, row.action, row.target, row.detail, row.remote_addr};
}

evidence::Hash Commitment(const storage::AuditRow& row) {
  return evidence::SaltedCommitment(row.salt, internal::AuditCommitmentBody(row));
}

}  // namespace

namespace internal {

std::string AuditCommitmentBody(const storage::AuditRow& row) {
  base::Json body = {{"at", row.at},         {"actor", row.actor},
                     {"action", row.action}, {"target", row.target},
                     {"detail", row.detail}, {"remote_addr", row.remote_addr}};
  // Strings only: canonical JSON cannot fail on them.
  return base::CanonicalJson(body).value();
}

base::Result<storage::AuditRow> AppendAuditIn(storage::AccountTransaction& txn,
                                              const AuditEntry& entry) {
  VKA_RETURN_IF_ERROR(CheckEntry(entry));
  if (sodium_init() < 0) return base::InternalError("libsodium failed to initialise");
  storage::AuditRow row;
  row.at = base::NowRfc3339();
  row.actor = entry.actor;
  row.action = entry.action;
  row.target = entry.target;
  row.detail = entry.detail;
  row.remote_addr = entry.remote_addr;
  row.salt.resize(kAuditSaltBytes);
  randombytes_buf(row.salt.data(), row.salt.size());
  return txn.AppendAudit(row, evidence::AuditEntryLeaf(Commitment(row)));
}

}  // namespace internal

base::Status AppendAudit(Workspace& ws, AuditEntry entry) {
  VKA_RETURN_IF_ERROR(CheckEntry(entry));
  VKA_ASSIGN_OR_RETURN(storage::AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(auto txn, accounts->Begin());
  VKA_RETURN_IF_ERROR(internal::AppendAuditIn(*txn, entry).status());
  return txn->Commit();
}

base::Result<std::vector<AuditEntry>> QueryAudit(Workspace& ws, const AuditQuery& query) {
  storage::AuditFilter filter;
  filter.actor = query.actor;
  filter.action_prefix = query.action;
  filter.target = query.target;
  VKA_ASSIGN_OR_RETURN(filter.since, NormalizeSince(query.since));
  filter.limit = query.limit;
  VKA_ASSIGN_OR_RETURN(storage::AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::vector<storage::AuditRow> rows, accounts->QueryAudit(filter));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(ToEntry(row));
  return out;
}

base::Status CheckAuditLeaf(Workspace& ws, const storage::LogLeaf& leaf) {
  const std::string where = "log leaf " + std::to_string(leaf.seq) + " (" + leaf.ref + ")";
  VKA_ASSIGN_OR_RETURN(evidence::ParsedLeaf parsed, evidence::ParseLeafEntry(leaf.entry));
  if (!leaf.ref.starts_with(kAuditRefPrefix)) {
    return base::DataLossError(where + ": malformed reference");
  }
  const int64_t seq = std::atoll(leaf.ref.c_str() + kAuditRefPrefix.size());
  VKA_ASSIGN_OR_RETURN(storage::AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::optional<storage::AuditRow> row, accounts->GetAudit(seq));
  if (!row.has_value() || row->leaf_seq != leaf.seq) {
    return base::DataLossError(where +
                               ": the audit entry it commits to is missing (audit entry removed)");
  }
  if (Commitment(*row) != parsed.hash) {
    return base::DataLossError("audit entry " + std::to_string(seq) +
                               ": altered (its commitment differs from " + where + ")");
  }
  return base::OkStatus();
}

base::Result<int64_t> CheckAuditTrailLogged(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(storage::AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(int64_t entries, accounts->AuditCount());
  VKA_ASSIGN_OR_RETURN(int64_t leaves, accounts->AuditLeafCount());
  if (entries != leaves) {
    return base::DataLossError("the database holds " + std::to_string(entries) +
                               " audit entries but the log commits to " + std::to_string(leaves) +
                               " (audit entries added or removed outside vka)");
  }
  return entries;
}

}  // namespace vka::app
