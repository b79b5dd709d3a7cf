#pragma once

// What the account use cases (app/users.cc) and the sign-in and session use
// cases (app/sessions.cc) share: the clock, randomness, password hashing and
// the derived keys and tokens (docs/security.md).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "app/audit.h"
#include "base/status.h"
#include "storage/accounts.h"

namespace vka::app::internal {

// Unix milliseconds from the system clock, or from the clock set by
// SetSecurityClock (tests).
int64_t NowMillis();
void SetSecurityClock(std::function<int64_t()> unix_millis);

// kInternal if libsodium cannot start (no entropy source).
base::Status InitSodium();
// REQUIRES: InitSodium() succeeded.
std::string RandomBytes(size_t size);

// Argon2id via crypto_pwhash_str with the INTERACTIVE limits (2 passes over
// 64 MiB): a self-describing string with its own salt.
base::Result<std::string> HashPassword(std::string_view password);
// Constant-time by construction (libsodium).
bool VerifyPassword(const std::string& hash, std::string_view password);
// Whether `hash` was made with other limits than HashPassword's (it is
// replaced at the next successful sign-in, when the password is at hand).
bool NeedsRehash(const std::string& hash);
// A hash of a random password, verified against when the name is unknown so
// that the time of a refusal does not reveal whether the name exists.
const std::string& DummyPasswordHash();

std::string LowerAscii(std::string_view text);
// The throttling key of a name: hex SHA-256 of the lower-cased name, so that
// a password typed into the name field is not stored.
std::string NameKey(std::string_view name);
// Raw SHA-256 of a session token: what the sessions table keeps.
std::string TokenHash(std::string_view token);
// The CSRF token of a session, derived from its token (one-way, so it needs
// no storage and does not lead back to the token).
std::string CsrfTokenFor(std::string_view token);

// The failures of a counter that still count at now_ms: all of them while
// the last is within kFailureWindowSeconds (app/users.h), none after.
int64_t RecentFailures(const storage::FailureCount& count, int64_t now_ms);
// When the next sign-in may be tried: now_ms for fewer than free_failures
// recent failures; else the last failure plus 1 s doubled for each failure
// beyond free_failures, at most kMaxLoginDelaySeconds.
int64_t RetryAtMillis(const storage::FailureCount& count, int64_t free_failures, int64_t now_ms);

AuditEntry MakeAuditEntry(std::string actor, std::string action, std::string target,
                          std::string detail = "", std::string remote_addr = "");

}  // namespace vka::app::internal
