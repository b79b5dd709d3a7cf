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

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

struct UserInfo {
  std::string name;
  Role role = Role::kViewer;
  bool disabled = false;
  bool locked = false;      // by throttling
  bool totp_enabled = false;
  std::string created_at;   // RFC 3339 UTC
};

// Creates a user. kAlreadyExists for a taken name; kInvalidArgument for a
// name that is not 1-64 of [A-Za-z0-9._-], or a password under 12 characters.
// When password is empty, generates a random one and returns it (shown once).
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
base::Status ConfirmTotp(Workspace& ws, const std::string& name, const std::string& code,
                         const std::string& actor);

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
};

// kUnauthenticated ("wrong name, password or code", the same message for each
// case), kResourceExhausted when throttled (the message says when to retry),
// kPermissionDenied for a disabled or locked account.
base::Result<Session> Login(Workspace& ws, const LoginRequest& request);
// The live session for a token; kUnauthenticated when unknown or expired.
// Extends its idle expiry.
base::Result<Session> ResolveSession(Workspace& ws, const std::string& token);
base::Status Logout(Workspace& ws, const std::string& token);

}  // namespace vka::app
