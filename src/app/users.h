#pragma once

// Accounts, passwords, second factor and sessions of the web server
// (issue 7; DESIGN.md §9). No default accounts exist: the first admin is made
// with `vka user add NAME --role admin`.
//
// - Passwords are hashed with Argon2id (libsodium crypto_pwhash_str).
// - TOTP second factor per RFC 6238 (HMAC-SHA1, 30 s steps, 6 digits, ±1 step).
// - Sessions: a random 256-bit token given to the browser; only its SHA-256
//   is stored. Each session has its own CSRF token. Sessions expire after
//   idle and absolute limits.
// - Login throttling: after repeated failures for one name or one remote
//   address, further attempts are refused for a growing delay, and the
//   account is locked after a limit until an admin unlocks it
//   (`vka user passwd` or `vka user enable`).
// - Secrets (passwords, tokens, TOTP seeds) are never logged or returned
//   except where stated.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

// The security parameters (docs/security.md explains each choice).
inline constexpr size_t kMinPasswordChars = 12;    // code points
inline constexpr size_t kMaxPasswordBytes = 1024;  // bounds the hashing work per attempt
inline constexpr int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr int64_t kSessionAbsoluteSeconds = 12 * 60 * 60;
// A session's idle expiry is extended at most once per this interval, so
// that most requests do not write to the database.
inline constexpr int64_t kSessionTouchSeconds = 60;
// Failed sign-ins per name (per remote address) that are free of delay;
// after them each further failure doubles the wait, from 1 s up to
// kMaxLoginDelaySeconds. Counters restart after kFailureWindowSeconds
// without a failure.
inline constexpr int64_t kFreeFailuresPerName = 3;
inline constexpr int64_t kFreeFailuresPerAddress = 10;
inline constexpr int64_t kMaxLoginDelaySeconds = 15 * 60;
inline constexpr int64_t kFailureWindowSeconds = 60 * 60;
// Consecutive failures for one name that lock the account.
inline constexpr int64_t kLockoutFailures = 10;

struct UserInfo {
  std::string name;
  Role role = Role::kViewer;
  bool disabled = false;
  bool locked = false;      // by throttling
  bool totp_enabled = false;
  std::string created_at;   // RFC 3339 UTC
  bool must_change_password = false;  // the password was set by someone else
};

// kOk when `password` may be `name`'s password; kInvalidArgument naming the
// rule otherwise (at least kMinPasswordChars characters, at most
// kMaxPasswordBytes bytes, valid UTF-8 without control characters, not the
// name itself). The message never contains the password.
base::Status CheckPasswordPolicy(std::string_view name, std::string_view password);

// Creates a user. kAlreadyExists for a taken name; kInvalidArgument for a
// name that is not 1-64 of [A-Za-z0-9._-], or a password under 12 characters.
// When password is empty, generates a random one and returns it (shown once).
// Names are unique regardless of case. The new user must change the
// password (UserInfo::must_change_password); the server enforces that.
//
// The account functions below do not check who `actor` is: the caller (the
// server, with MayAdminister, or the command line, which has the files)
// has. `actor` is recorded in the audit trail ("cli:<name>" for the
// command line). Each change and its audit entry are one transaction; the
// log is published after it (as app/record_writer does). SetPassword ends the
// user's sessions, clears a lock-out and sets must_change_password unless
// actor == name; DisableUser ends the user's sessions; EnableUser also
// clears a lock-out. kNotFound for an unknown name.
base::Result<std::string> AddUser(Workspace& ws, const std::string& name, Role role,
                                  const std::string& password, const std::string& actor);
base::Status SetPassword(Workspace& ws, const std::string& name, const std::string& password,
                         const std::string& actor);
base::Status DisableUser(Workspace& ws, const std::string& name, const std::string& actor);
base::Status EnableUser(Workspace& ws, const std::string& name, const std::string& actor);
base::Result<std::vector<UserInfo>> ListUsers(Workspace& ws);
base::Result<UserInfo> GetUser(Workspace& ws, const std::string& name);

// Starts TOTP enrolment: returns the otpauth:// URI with a new base32 secret.
// The factor is active once ConfirmTotp gets a valid code.
base::Result<std::string> BeginTotp(Workspace& ws, const std::string& name,
                                    const std::string& actor);
// kFailedPrecondition without a pending enrolment; kInvalidArgument for a
// code that does not match (codes of the previous and next 30 s step count).
base::Status ConfirmTotp(Workspace& ws, const std::string& name, const std::string& code,
                         const std::string& actor);
// Removes the second factor (and any pending enrolment).
base::Status DisableTotp(Workspace& ws, const std::string& name, const std::string& actor);

struct LoginRequest {
  std::string name;
  std::string password;
  std::string totp;         // required when the user has TOTP enabled
  std::string remote_addr;  // for throttling and the audit trail
};

struct Session {
  std::string token;       // only in the result of Login; empty otherwise
  std::string user;
  Role role = Role::kViewer;
  std::string csrf_token;  // send back in X-CSRF-Token on state-changing requests
  std::string expires_at;  // RFC 3339 UTC
  bool must_change_password = false;  // the server should allow only a password change
};

// kUnauthenticated ("wrong name, password or code", the same message for each
// case), kResourceExhausted when throttled (the message says when to retry),
// kPermissionDenied for a disabled or locked account.
base::Result<Session> Login(Workspace& ws, const LoginRequest& request);
// The live session for a token; kUnauthenticated when unknown or expired.
// Extends its idle expiry.
base::Result<Session> ResolveSession(Workspace& ws, const std::string& token);
base::Status Logout(Workspace& ws, const std::string& token);

// Whether `presented` (the X-CSRF-Token header) is the session's CSRF
// token; compared in constant time.
bool CsrfTokenMatches(const Session& session, std::string_view presented);

// Login, ResolveSession and Logout write audit entries (login.ok,
// login.fail, login.lockout, login.denied, logout) but do not publish the
// log: the next PublishLog does. Refused attempts while throttled are not
// audited (an attacker could fill the trail). Thread-compatible, like
// Workspace: one Workspace per thread.

// The clock of sessions and throttling, in Unix milliseconds; tests set a
// fake one, and nullptr restores the system clock. REQUIRES: no other
// thread is using this module.
void SetSecurityClockForTesting(std::function<int64_t()> unix_millis);

}  // namespace vka::app
