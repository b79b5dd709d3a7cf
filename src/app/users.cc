// Accounts and their second factor (app/users.h, docs/security.md); the
// sign-in and sessions are in app/sessions.cc. Slow work (Argon2id) runs
// before a transaction begins, so the write lock is held only for the writes.

#include "app/users.h"

#include <sodium.h>

#include <cctype>

#include "app/internal/audit_writer.h"
#include "app/internal/credentials.h"
#include "app/internal/totp.h"
#include "app/log.h"
#include "base/clock.h"
#include "base/utf8.h"

namespace vka::app {
namespace {

using internal::MakeAuditEntry;
using storage::AccountStore;
using storage::AccountTransaction;
using storage::FailureScope;
using storage::UserRow;

constexpr size_t kMaxNameBytes = 64;
constexpr int64_t kMillisPerSecond = 1000;
// Generated passwords: 20 characters from 31 unambiguous ones (99 bits),
// in groups of five.
constexpr char kPasswordAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr int kGeneratedGroups = 4;
constexpr int kGeneratedGroupChars = 5;

base::Status CheckUserName(const std::string& name) {
  bool valid = !name.empty() && name.size() <= kMaxNameBytes;
  for (unsigned char c : name) {
    valid = valid && c < 0x80 && (std::isalnum(c) || c == '.' || c == '_' || c == '-');
  }
  if (!valid) {
    return base::InvalidArgumentError("user name \"" + base::SanitizeUtf8(name.substr(0, 80)) +
                                      "\" must be 1-64 of A-Z a-z 0-9 . _ -");
  }
  return base::OkStatus();
}

std::string GeneratePassword() {
  constexpr uint32_t kAlphabetSize = sizeof(kPasswordAlphabet) - 1;
  std::string out;
  for (int group = 0; group < kGeneratedGroups; ++group) {
    if (group > 0) out.push_back('-');
    for (int idx = 0; idx < kGeneratedGroupChars; ++idx) {
      out.push_back(kPasswordAlphabet[randombytes_uniform(kAlphabetSize)]);
    }
  }
  return out;
}

UserInfo ToInfo(const UserRow& row) {
  UserInfo info;
  info.name = row.name;
  info.role = ParseUserRole(row.role).value_or(Role::kViewer);
  info.disabled = row.disabled;
  info.locked = row.locked;
  info.totp_enabled = !row.totp_secret.empty();
  info.created_at = row.created_at;
  info.must_change_password = row.must_change_password;
  return info;
}

base::Status Publish(Workspace& ws) {
  auto published = PublishLog(ws);
  if (!published.ok()) {
    return published.status().WithContext(
        "the change is saved, but the transparency log could not be updated (the next write or "
        "`vka log checkpoint` retries)");
  }
  return base::OkStatus();
}

// Reads the user in a transaction, applies `change`, writes the user back
// with one audit entry (its target: the user), commits and publishes the log.
template <typename Change>
base::Status ChangeUser(Workspace& ws, const std::string& name, AuditEntry audit, Change change) {
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts->Begin());
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> user, txn->GetUser(name));
  if (!user) return base::NotFoundError("no user \"" + name + "\"");
  VKA_RETURN_IF_ERROR(change(*user, *txn));
  VKA_RETURN_IF_ERROR(txn->UpdateUser(*user));
  audit.target = user->name;
  VKA_RETURN_IF_ERROR(internal::AppendAuditIn(*txn, audit).status());
  VKA_RETURN_IF_ERROR(txn->Commit());
  return Publish(ws);
}

}  // namespace

base::Status CheckPasswordPolicy(std::string_view name, std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return base::InvalidArgumentError("the password is longer than " +
                                      std::to_string(kMaxPasswordBytes) + " bytes");
  }
  if (!base::IsValidUtf8(password)) {
    return base::InvalidArgumentError("the password is not valid UTF-8");
  }
  size_t chars = 0;
  for (unsigned char c : password) {
    if (c < 0x20 || c == 0x7f) {
      return base::InvalidArgumentError("the password has a control character (or a line break)");
    }
    if ((c & 0xc0) != 0x80) ++chars;  // count code points, not bytes
  }
  if (chars < kMinPasswordChars) {
    return base::InvalidArgumentError("the password has fewer than " +
                                      std::to_string(kMinPasswordChars) + " characters");
  }
  if (internal::LowerAscii(password) == internal::LowerAscii(name)) {
    return base::InvalidArgumentError("the password is the user name");
  }
  return base::OkStatus();
}

base::Result<std::string> AddUser(Workspace& ws, const std::string& name, Role role,
                                  const std::string& password, const std::string& actor) {
  VKA_RETURN_IF_ERROR(CheckUserName(name));
  if (role == Role::kPublic) return base::InvalidArgumentError("\"public\" is not a user role");
  VKA_RETURN_IF_ERROR(internal::InitSodium());
  const std::string chosen = password.empty() ? GeneratePassword() : password;
  VKA_RETURN_IF_ERROR(CheckPasswordPolicy(name, chosen));
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> existing, accounts->GetUser(name));
  if (existing) return base::AlreadyExistsError("user \"" + existing->name + "\" already exists");
  UserRow user;
  user.name = name;
  user.role = std::string(RoleName(role));
  VKA_ASSIGN_OR_RETURN(user.password_hash, internal::HashPassword(chosen));
  user.must_change_password = true;
  user.created_at = base::NowRfc3339();
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts->Begin());
  VKA_RETURN_IF_ERROR(txn->InsertUser(user));
  auto entry = MakeAuditEntry(actor, "user.add", name, "role " + user.role);
  VKA_RETURN_IF_ERROR(internal::AppendAuditIn(*txn, entry).status());
  VKA_RETURN_IF_ERROR(txn->Commit());
  VKA_RETURN_IF_ERROR(Publish(ws));
  return password.empty() ? chosen : std::string();
}

base::Status SetPassword(Workspace& ws, const std::string& name, const std::string& password,
                         const std::string& actor) {
  VKA_RETURN_IF_ERROR(CheckPasswordPolicy(name, password));
  VKA_ASSIGN_OR_RETURN(std::string hash, internal::HashPassword(password));
  return ChangeUser(
      ws, name, MakeAuditEntry(actor, "user.passwd", ""),
      [&](UserRow& user, AccountTransaction& txn) -> base::Status {
        user.password_hash = hash;
        user.must_change_password = actor != user.name;
        user.locked = false;
        VKA_RETURN_IF_ERROR(txn.ClearFailures(FailureScope::kName, internal::NameKey(name)));
        return txn.DeleteSessionsOf(user.name);
      });
}

base::Status DisableUser(Workspace& ws, const std::string& name, const std::string& actor) {
  return ChangeUser(ws, name, MakeAuditEntry(actor, "user.disable", ""),
                    [](UserRow& user, AccountTransaction& txn) {
                      user.disabled = true;
                      return txn.DeleteSessionsOf(user.name);
                    });
}

base::Status EnableUser(Workspace& ws, const std::string& name, const std::string& actor) {
  return ChangeUser(ws, name, MakeAuditEntry(actor, "user.enable", ""),
                    [&](UserRow& user, AccountTransaction& txn) {
                      user.disabled = false;
                      user.locked = false;
                      return txn.ClearFailures(FailureScope::kName, internal::NameKey(name));
                    });
}

base::Result<std::vector<UserInfo>> ListUsers(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::vector<UserRow> rows, accounts->ListUsers());
  std::vector<UserInfo> out;
  for (const auto& row : rows) out.push_back(ToInfo(row));
  return out;
}

base::Result<UserInfo> GetUser(Workspace& ws, const std::string& name) {
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> row, accounts->GetUser(name));
  if (!row) return base::NotFoundError("no user \"" + name + "\"");
  return ToInfo(*row);
}

base::Result<std::string> BeginTotp(Workspace& ws, const std::string& name,
                                    const std::string& actor) {
  VKA_RETURN_IF_ERROR(internal::InitSodium());
  const std::string secret = internal::RandomBytes(internal::kTotpSecretBytes);
  std::string account;
  VKA_RETURN_IF_ERROR(ChangeUser(ws, name, MakeAuditEntry(actor, "user.2fa.begin", ""),
                                 [&](UserRow& user, AccountTransaction&) {
                                   user.totp_pending = secret;
                                   account = user.name;
                                   return base::OkStatus();
                                 }));
  return internal::OtpauthUri("vka " + ws.config().name, account, secret);
}

base::Status ConfirmTotp(Workspace& ws, const std::string& name, const std::string& code,
                         const std::string& actor) {
  const int64_t step = internal::TotpStep(internal::NowMillis() / kMillisPerSecond);
  return ChangeUser(ws, name, MakeAuditEntry(actor, "user.2fa.enable", ""),
                    [&](UserRow& user, AccountTransaction&) -> base::Status {
                      if (user.totp_pending.empty()) {
                        return base::FailedPreconditionError(
                            "no second-factor enrolment is in progress for \"" + user.name +
                            "\"; start one with `vka user 2fa " + user.name + "`");
                      }
                      auto matched = internal::MatchTotp(user.totp_pending, code, step, -1);
                      if (!matched) {
                        return base::InvalidArgumentError(
                            "the code does not match (check the authenticator app's clock and "
                            "enter the current six digits)");
                      }
                      user.totp_secret = user.totp_pending;
                      user.totp_pending.clear();
                      user.totp_last_step = *matched;
                      return base::OkStatus();
                    });
}

base::Status DisableTotp(Workspace& ws, const std::string& name, const std::string& actor) {
  return ChangeUser(ws, name, MakeAuditEntry(actor, "user.2fa.disable", ""),
                    [](UserRow& user, AccountTransaction&) {
                      user.totp_secret.clear();
                      user.totp_pending.clear();
                      user.totp_last_step = -1;
                      return base::OkStatus();
                    });
}

}  // namespace vka::app
