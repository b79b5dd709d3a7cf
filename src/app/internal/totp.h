#pragma once

// Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP), as
// authenticator apps implement them: HMAC-SHA1, 30-second steps from the
// Unix epoch, 6 digits. Secrets travel as RFC 4648 base32 in otpauth://
// URIs. Pure: no clock, no I/O (the caller passes the time).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vka::app::internal {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226 §4 recommends
// Codes of the previous and next step are accepted too (clock drift).
inline constexpr int64_t kTotpAllowedDrift = 1;

// The time step that contains unix_seconds.
int64_t TotpStep(int64_t unix_seconds);

// The HOTP value of `counter` with `digits` digits, zero-padded.
std::string Hotp(std::string_view secret, uint64_t counter, int digits = kTotpDigits);

// The step in [step - drift, step + drift] whose code equals `code`
// (compared in constant time; every candidate is computed), or nullopt.
// Steps at or below `last_used_step` are refused, so a code works once.
std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code, int64_t step,
                                 int64_t last_used_step);

// RFC 4648 base32 without padding (authenticator apps accept it).
std::string Base32Encode(std::string_view bytes);

// otpauth://totp/ISSUER:NAME?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
// (the Key Uri Format of Google Authenticator), percent-encoding the labels.
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace vka::app::internal
