#include "app/internal/credentials.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "app/users.h"
#include "base/sha256.h"

namespace vka::app::internal {
namespace {

constexpr size_t kDummyPasswordBytes = 32;
constexpr int64_t kMillisPerSecond = 1000;
constexpr char kCsrfDomain[] = "vka csrf token v1";

std::function<int64_t()>& ClockOverride() {
  static std::function<int64_t()> clock;
  return clock;
}

}  // namespace

int64_t NowMillis() {
  if (ClockOverride()) return ClockOverride()();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void SetSecurityClock(std::function<int64_t()> unix_millis) {
  ClockOverride() = std::move(unix_millis);
}

base::Status InitSodium() {
  if (sodium_init() < 0) return base::InternalError("libsodium failed to initialise");
  return base::OkStatus();
}

std::string RandomBytes(size_t size) {
  std::string out(size, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

base::Result<std::string> HashPassword(std::string_view password) {
  VKA_RETURN_IF_ERROR(InitSodium());
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return base::InternalError("password hashing ran out of memory");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = [] {
    if (!InitSodium().ok()) return std::string();
    auto hashed = HashPassword(RandomBytes(kDummyPasswordBytes));
    return hashed.ok() ? *hashed : std::string();
  }();
  return hash;
}

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string NameKey(std::string_view name) {
  return base::HexLower(base::Sha256Of(LowerAscii(name)));
}

std::string TokenHash(std::string_view token) {
  const base::Digest digest = base::Sha256Of(token);
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

std::string CsrfTokenFor(std::string_view token) {
  std::string input(kCsrfDomain);
  input.push_back('\0');
  input.append(token);
  return base::HexLower(base::Sha256Of(input));
}

int64_t RecentFailures(const storage::FailureCount& count, int64_t now_ms) {
  const bool expired = now_ms - count.last_ms >= kFailureWindowSeconds * kMillisPerSecond;
  return expired ? 0 : count.failures;
}

int64_t RetryAtMillis(const storage::FailureCount& count, int64_t free_failures, int64_t now_ms) {
  const int64_t failures = RecentFailures(count, now_ms);
  if (failures < free_failures) return now_ms;
  constexpr int kMaxShift = 20;  // 2^20 s is far beyond the cap: no overflow
  const int shift = static_cast<int>(std::min<int64_t>(failures - free_failures, kMaxShift));
  const int64_t delay_seconds = std::min<int64_t>(int64_t{1} << shift, kMaxLoginDelaySeconds);
  return count.last_ms + delay_seconds * kMillisPerSecond;
}

AuditEntry MakeAuditEntry(std::string actor, std::string action, std::string target,
                          std::string detail, std::string remote_addr) {
  AuditEntry entry;
  entry.actor = std::move(actor);
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.detail = std::move(detail);
  entry.remote_addr = std::move(remote_addr);
  return entry;
}

}  // namespace vka::app::internal
