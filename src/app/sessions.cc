// Sign-in, sessions and sign-out (app/users.h, docs/security.md).
//
// Login reads the failure counters and the user without a transaction,
// checks the password (Argon2id, about 0.1 s) and the code, and only then
// begins the short transaction that counts a failure or starts the session,
// re-reading what it changes under the lock.

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "app/internal/audit_writer.h"
#include "app/internal/credentials.h"
#include "app/internal/totp.h"
#include "app/users.h"
#include "base/clock.h"
#include "base/sha256.h"

namespace vka::app {
namespace {

using internal::MakeAuditEntry;
using storage::AccountStore;
using storage::AccountTransaction;
using storage::FailureCount;
using storage::FailureScope;
using storage::SessionRow;
using storage::UserRow;

constexpr int64_t kMillisPerSecond = 1000;
constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenHexChars = 2 * kTokenBytes;
constexpr int64_t kNoTotpStep = -1;
constexpr char kWrongCredentials[] = "wrong name, password or code";
constexpr char kLockedMessage[] =
    "this account is locked after repeated failed sign-ins; an administrator can unlock it "
    "(vka user enable NAME)";
constexpr char kSignedOut[] = "not signed in, or the session has expired";

struct Attempt {
  const LoginRequest& request;
  int64_t now_ms;
  std::string name_key;
  std::optional<UserRow> user;  // as read before the transaction
};

bool IsSessionToken(const std::string& token) {
  return token.size() == kTokenHexChars &&
         std::all_of(token.begin(), token.end(),
                     [](unsigned char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

std::string ExpiresAt(const SessionRow& session) {
  return base::FormatRfc3339Millis(
      std::min(session.last_seen_ms + kSessionIdleSeconds * kMillisPerSecond,
               session.created_ms + kSessionAbsoluteSeconds * kMillisPerSecond));
}

bool IsExpired(const SessionRow& session, int64_t now_ms) {
  return now_ms - session.last_seen_ms >= kSessionIdleSeconds * kMillisPerSecond ||
         now_ms - session.created_ms >= kSessionAbsoluteSeconds * kMillisPerSecond;
}

base::Result<Role> RoleOf(const UserRow& user) {
  auto role = ParseUserRole(user.role);
  if (!role) {
    return base::DataLossError("user \"" + user.name + "\" has unknown role \"" + user.role + "\"");
  }
  return *role;
}

// Refusals decided before the password is checked: a locked account (or an
// unknown name with as many recent failures, so that both look alike), and
// throttling by name and by address.
base::Status CheckNotThrottled(AccountStore& accounts, const Attempt& attempt) {
  VKA_ASSIGN_OR_RETURN(FailureCount by_name,
                       accounts.GetFailures(FailureScope::kName, attempt.name_key));
  const bool locked = attempt.user
                          ? attempt.user->locked
                          : internal::RecentFailures(by_name, attempt.now_ms) >= kLockoutFailures;
  if (locked) return base::PermissionDeniedError(kLockedMessage);
  int64_t retry_at = internal::RetryAtMillis(by_name, kFreeFailuresPerName, attempt.now_ms);
  if (!attempt.request.remote_addr.empty()) {
    VKA_ASSIGN_OR_RETURN(FailureCount by_addr,
                         accounts.GetFailures(FailureScope::kAddress, attempt.request.remote_addr));
    retry_at = std::max(retry_at,
                        internal::RetryAtMillis(by_addr, kFreeFailuresPerAddress, attempt.now_ms));
  }
  if (retry_at > attempt.now_ms) {
    return base::ResourceExhaustedError("too many failed sign-ins; retry after " +
                                        base::FormatRfc3339Millis(retry_at));
  }
  return base::OkStatus();
}

// The password (against a dummy hash for an unknown name, taking as long),
// then the code when the user has a second factor. Returns the code's time
// step (kNoTotpStep without a second factor), or nullopt on any mismatch.
std::optional<int64_t> CheckCredentials(const Attempt& attempt) {
  const LoginRequest& request = attempt.request;
  const std::string& hash =
      attempt.user ? attempt.user->password_hash : internal::DummyPasswordHash();
  const bool password_ok = request.password.size() <= kMaxPasswordBytes &&
                           internal::VerifyPassword(hash, request.password);
  if (!password_ok || !attempt.user) return std::nullopt;
  if (attempt.user->totp_secret.empty()) return kNoTotpStep;
  const int64_t step = internal::TotpStep(attempt.now_ms / kMillisPerSecond);
  return internal::MatchTotp(attempt.user->totp_secret, request.totp, step,
                             attempt.user->totp_last_step);
}

// Adds one failure to a counter (restarting an expired one); returns the count.
base::Result<int64_t> CountFailure(AccountTransaction& txn, FailureScope scope,
                                   const std::string& key, int64_t now_ms) {
  VKA_ASSIGN_OR_RETURN(FailureCount count, txn.GetFailures(scope, key));
  const int64_t failures = internal::RecentFailures(count, now_ms) + 1;
  VKA_RETURN_IF_ERROR(txn.SetFailures(scope, key, {failures, now_ms}));
  return failures;
}

// Counts the failure by name and address, audits it, and locks the account
// at kLockoutFailures. Returns the refusal to give (kUnauthenticated).
base::Status RecordFailure(AccountStore& accounts, const Attempt& attempt) {
  const std::string& addr = attempt.request.remote_addr;
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts.Begin());
  VKA_ASSIGN_OR_RETURN(int64_t failures,
                       CountFailure(*txn, FailureScope::kName, attempt.name_key, attempt.now_ms));
  if (!addr.empty()) {
    VKA_RETURN_IF_ERROR(CountFailure(*txn, FailureScope::kAddress, addr, attempt.now_ms).status());
  }
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> user,
                       attempt.user ? txn->GetUser(attempt.user->name)
                                    : base::Result<std::optional<UserRow>>(std::nullopt));
  // An unknown name is not recorded: it may be a password typed in the wrong field.
  const std::string target = user ? user->name : "";
  const std::string detail =
      user ? "wrong password or code (" + std::to_string(failures) + " in a row)" : "unknown name";
  VKA_RETURN_IF_ERROR(
      internal::AppendAuditIn(*txn, MakeAuditEntry("anonymous", "login.fail", target, detail, addr))
          .status());
  if (user && failures >= kLockoutFailures && !user->locked) {
    user->locked = true;
    VKA_RETURN_IF_ERROR(txn->UpdateUser(*user));
    VKA_RETURN_IF_ERROR(
        internal::AppendAuditIn(
            *txn, MakeAuditEntry("anonymous", "login.lockout", user->name,
                                 "after " + std::to_string(failures) + " failed sign-ins", addr))
            .status());
  }
  VKA_RETURN_IF_ERROR(txn->Commit());
  return base::UnauthenticatedError(kWrongCredentials);
}

// The right password of a disabled account: audited, refused.
base::Status RefuseDisabled(AccountStore& accounts, const Attempt& attempt) {
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts.Begin());
  VKA_RETURN_IF_ERROR(
      internal::AppendAuditIn(*txn,
                              MakeAuditEntry(attempt.user->name, "login.denied", attempt.user->name,
                                             "account disabled", attempt.request.remote_addr))
          .status());
  VKA_RETURN_IF_ERROR(txn->Commit());
  return base::PermissionDeniedError("this account is disabled");
}

// Starts the session: the code's step is recorded (a code works once), a
// hash made with older limits is replaced by `rehashed` (when not empty), the
// name's failures are forgotten, expired sessions are removed.
base::Result<Session> StartSession(AccountStore& accounts, const Attempt& attempt,
                                   int64_t totp_step, const std::string& rehashed) {
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts.Begin());
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> user, txn->GetUser(attempt.user->name));
  if (!user || user->disabled || user->locked) return base::UnauthenticatedError(kWrongCredentials);
  if (totp_step != kNoTotpStep) {
    // Another sign-in may have used this code since it was checked.
    if (totp_step <= user->totp_last_step) return base::UnauthenticatedError(kWrongCredentials);
    user->totp_last_step = totp_step;
  }
  // Unless the password changed meanwhile.
  if (!rehashed.empty() && user->password_hash == attempt.user->password_hash) {
    user->password_hash = rehashed;
  }
  if (totp_step != kNoTotpStep || !rehashed.empty()) VKA_RETURN_IF_ERROR(txn->UpdateUser(*user));
  VKA_ASSIGN_OR_RETURN(Role role, RoleOf(*user));
  const int64_t now = attempt.now_ms;
  VKA_RETURN_IF_ERROR(txn->ClearFailures(FailureScope::kName, attempt.name_key));
  VKA_RETURN_IF_ERROR(txn->DeleteExpiredSessions(now - kSessionAbsoluteSeconds * kMillisPerSecond,
                                                 now - kSessionIdleSeconds * kMillisPerSecond));
  const std::string random = internal::RandomBytes(kTokenBytes);
  const std::string token =
      base::HexLower(reinterpret_cast<const uint8_t*>(random.data()), random.size());
  SessionRow row{internal::TokenHash(token), user->name, now, now, attempt.request.remote_addr};
  VKA_RETURN_IF_ERROR(txn->InsertSession(row));
  VKA_RETURN_IF_ERROR(
      internal::AppendAuditIn(
          *txn, MakeAuditEntry(user->name, "login.ok", user->name, "", attempt.request.remote_addr))
          .status());
  VKA_RETURN_IF_ERROR(txn->Commit());
  return Session{token,          user->name,
                 role,           internal::CsrfTokenFor(token),
                 ExpiresAt(row), user->must_change_password};
}

// Ends an expired session; a failure (another writer) only leaves the row
// for the next sign-in's clean-up.
void EndExpired(AccountStore& accounts, const std::string& token_hash) {
  auto txn = accounts.Begin();
  if (!txn.ok()) return;
  if ((*txn)->DeleteSession(token_hash).ok()) (*txn)->Commit().IgnoreError();
}

// Extends the idle expiry, at most once per kSessionTouchSeconds; best
// effort like EndExpired.
void Touch(AccountStore& accounts, SessionRow& session, int64_t now_ms) {
  if (now_ms - session.last_seen_ms < kSessionTouchSeconds * kMillisPerSecond) return;
  auto txn = accounts.Begin();
  if (!txn.ok()) return;
  if ((*txn)->TouchSession(session.token_sha256, now_ms).ok() && (*txn)->Commit().ok()) {
    session.last_seen_ms = now_ms;
  }
}

}  // namespace

void SetSecurityClockForTesting(std::function<int64_t()> unix_millis) {
  internal::SetSecurityClock(std::move(unix_millis));
}

base::Result<Session> Login(Workspace& ws, const LoginRequest& request) {
  VKA_RETURN_IF_ERROR(internal::InitSodium());
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  Attempt attempt{request, internal::NowMillis(), internal::NameKey(request.name), std::nullopt};
  VKA_ASSIGN_OR_RETURN(attempt.user, accounts->GetUser(request.name));
  VKA_RETURN_IF_ERROR(CheckNotThrottled(*accounts, attempt));
  std::optional<int64_t> totp_step = CheckCredentials(attempt);
  if (!totp_step) return RecordFailure(*accounts, attempt);
  if (attempt.user->disabled) return RefuseDisabled(*accounts, attempt);
  std::string rehashed;
  if (internal::NeedsRehash(attempt.user->password_hash)) {
    VKA_ASSIGN_OR_RETURN(rehashed, internal::HashPassword(request.password));
  }
  return StartSession(*accounts, attempt, *totp_step, rehashed);
}

base::Result<Session> ResolveSession(Workspace& ws, const std::string& token) {
  if (!IsSessionToken(token)) return base::UnauthenticatedError(kSignedOut);
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  const std::string token_hash = internal::TokenHash(token);
  VKA_ASSIGN_OR_RETURN(std::optional<SessionRow> session, accounts->GetSession(token_hash));
  if (!session) return base::UnauthenticatedError(kSignedOut);
  const int64_t now = internal::NowMillis();
  if (IsExpired(*session, now)) {
    EndExpired(*accounts, token_hash);
    return base::UnauthenticatedError(kSignedOut);
  }
  VKA_ASSIGN_OR_RETURN(std::optional<UserRow> user, accounts->GetUser(session->user));
  if (!user || user->disabled) return base::UnauthenticatedError(kSignedOut);
  VKA_ASSIGN_OR_RETURN(Role role, RoleOf(*user));
  Touch(*accounts, *session, now);
  return Session{"",
                 user->name,
                 role,
                 internal::CsrfTokenFor(token),
                 ExpiresAt(*session),
                 user->must_change_password};
}

base::Status Logout(Workspace& ws, const std::string& token) {
  if (!IsSessionToken(token)) return base::OkStatus();  // nothing to end
  VKA_ASSIGN_OR_RETURN(AccountStore * accounts, ws.accounts());
  const std::string token_hash = internal::TokenHash(token);
  VKA_ASSIGN_OR_RETURN(std::unique_ptr<AccountTransaction> txn, accounts->Begin());
  VKA_ASSIGN_OR_RETURN(std::optional<SessionRow> session, txn->GetSession(token_hash));
  if (!session) return base::OkStatus();
  VKA_RETURN_IF_ERROR(txn->DeleteSession(token_hash));
  VKA_RETURN_IF_ERROR(
      internal::AppendAuditIn(*txn, MakeAuditEntry(session->user, "logout", session->user))
          .status());
  return txn->Commit();
}

bool CsrfTokenMatches(const Session& session, std::string_view presented) {
  if (session.csrf_token.empty() || presented.size() != session.csrf_token.size()) return false;
  return sodium_memcmp(session.csrf_token.data(), presented.data(), presented.size()) == 0;
}

}  // namespace vka::app
