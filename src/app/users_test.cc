#include "app/users.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <iterator>
#include <string>

#include "app/audit.h"
#include "app/internal/credentials.h"
#include "app/internal/totp.h"
#include "base/clock.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

using base::StatusCode;

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kStart = 1'800'000'000'000;  // 2027-01-15, any fixed time
constexpr char kPassword[] = "correct horse battery";
constexpr char kAddr[] = "192.0.2.10";

// Decodes RFC 4648 base32 (the secret of an otpauth:// URI).
std::string Base32Decode(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    buffer = (buffer << 5) | static_cast<uint32_t>(alphabet.find(c));
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string SecretOf(const std::string& uri) {
  const auto start = uri.find("secret=") + 7;
  return Base32Decode(uri.substr(start, uri.find('&', start) - start));
}

class UsersTest : public testing::WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    SetSecurityClockForTesting([this] { return now_; });
  }
  void TearDown() override { SetSecurityClockForTesting(nullptr); }

  void Add(const std::string& name, Role role = Role::kDocumenter) {
    auto added = AddUser(*ws_, name, role, kPassword, "cli:test");
    ASSERT_TRUE(added.ok()) << added.status().ToString();
  }

  base::Result<Session> SignIn(const std::string& name, const std::string& password,
                               const std::string& totp = "", const std::string& addr = kAddr) {
    return Login(*ws_, {name, password, totp, addr});
  }

  std::vector<std::string> Actions() {
    auto entries = QueryAudit(*ws_, {.limit = 0});
    EXPECT_TRUE(entries.ok());
    std::vector<std::string> out;
    for (const auto& e : *entries) out.push_back(e.action);
    return out;
  }

  int64_t now_ = kStart;
};

TEST_F(UsersTest, PasswordPolicyNamesTheRuleBroken) {
  EXPECT_TRUE(CheckPasswordPolicy("ana", kPassword).ok());
  EXPECT_EQ(CheckPasswordPolicy("ana", "short pass1").code(), StatusCode::kInvalidArgument);
  EXPECT_NE(CheckPasswordPolicy("ana", "short pass1").message().find("fewer than 12"),
            std::string::npos);
  EXPECT_EQ(CheckPasswordPolicy("ana", std::string(1025, 'x')).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("ana", "line one\nline two").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("ana", "\xff\xfe invalid utf8 text").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("long.user.name1", "LONG.USER.NAME1").code(),
            StatusCode::kInvalidArgument);
  // Characters, not bytes: 11 Armenian letters are 22 bytes but too short.
  const std::string letter = "\xd5\xa1";  // U+0561
  std::string eleven;
  for (int idx = 0; idx < 11; ++idx) eleven += letter;
  EXPECT_EQ(CheckPasswordPolicy("ana", eleven).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckPasswordPolicy("ana", eleven + letter).ok());
}

TEST_F(UsersTest, NoAccountExistsUntilOneIsAdded) {
  auto users = ListUsers(*ws_);
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());
  EXPECT_EQ(SignIn("admin", "admin").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(UsersTest, AddUserGeneratesAOneTimePasswordThatSignsIn) {
  auto generated = AddUser(*ws_, "ana", Role::kAdmin, "", "cli:test");
  ASSERT_TRUE(generated.ok()) << generated.status().ToString();
  EXPECT_EQ(generated->size(), 23u);  // xxxxx-xxxxx-xxxxx-xxxxx
  auto session = SignIn("ana", *generated);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->role, Role::kAdmin);
  EXPECT_TRUE(session->must_change_password);
  auto info = GetUser(*ws_, "ana");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->must_change_password);
  EXPECT_EQ(Actions(), (std::vector<std::string>{"user.add", "login.ok"}));
}

TEST_F(UsersTest, AddUserRefusesBadInputAndChangesNothing) {
  Add("ana");
  EXPECT_EQ(AddUser(*ws_, "ANA", Role::kViewer, kPassword, "cli:t").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(AddUser(*ws_, "bad name", Role::kViewer, kPassword, "cli:t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddUser(*ws_, std::string(65, 'a'), Role::kViewer, kPassword, "cli:t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddUser(*ws_, "ben", Role::kViewer, "too short", "cli:t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddUser(*ws_, "ben", Role::kPublic, kPassword, "cli:t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ListUsers(*ws_)->size(), 1u);
  EXPECT_EQ(Actions(), std::vector<std::string>{"user.add"});
}

TEST_F(UsersTest, WrongPasswordAndUnknownNameGetTheSameAnswer) {
  Add("ana");
  auto wrong = SignIn("ana", "not the password");
  auto unknown = SignIn("nobody", kPassword);
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  auto fails = QueryAudit(*ws_, {.action = "login.fail"});
  ASSERT_TRUE(fails.ok());
  ASSERT_EQ(fails->size(), 2u);
  EXPECT_EQ((*fails)[0].target, "ana");
  EXPECT_EQ((*fails)[0].remote_addr, kAddr);
  EXPECT_EQ((*fails)[1].target, "");  // an unknown name may be a mistyped password
}

TEST_F(UsersTest, SessionResolvesWithItsCsrfTokenAndTheTokenIsNotStored) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  ASSERT_EQ(session->token.size(), 64u);
  auto resolved = ResolveSession(*ws_, session->token);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->user, "ana");
  EXPECT_TRUE(resolved->token.empty());
  EXPECT_TRUE(CsrfTokenMatches(*resolved, session->csrf_token));
  EXPECT_FALSE(CsrfTokenMatches(*resolved, session->token));
  EXPECT_FALSE(CsrfTokenMatches(*resolved, ""));
  for (const char* file : {"ws/vka.db", "ws/vka.db-wal"}) {
    std::ifstream in(dir_->Join(file), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(session->token), std::string::npos) << file;
    EXPECT_EQ(bytes.find(kPassword), std::string::npos) << file;
  }
  EXPECT_EQ(ResolveSession(*ws_, std::string(64, '0')).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(ResolveSession(*ws_, "not-a-token").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(UsersTest, SessionExpiresAfterIdleTimeUnlessUsed) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok());
  now_ += 29 * kMinute;
  ASSERT_TRUE(ResolveSession(*ws_, session->token).ok());  // extends the idle expiry
  now_ += 29 * kMinute;
  ASSERT_TRUE(ResolveSession(*ws_, session->token).ok());
  now_ += 30 * kMinute;
  EXPECT_EQ(ResolveSession(*ws_, session->token).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(UsersTest, SessionExpiresAfterTwelveHoursHoweverUsed) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->expires_at, base::FormatRfc3339Millis(kStart + 30 * kMinute));
  for (int hop = 0; hop < 35; ++hop) {  // 35 × 20 min = 11 h 40 min
    now_ += 20 * kMinute;
    ASSERT_TRUE(ResolveSession(*ws_, session->token).ok()) << "hop " << hop;
  }
  now_ += 20 * kMinute;  // 12 h
  EXPECT_EQ(ResolveSession(*ws_, session->token).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(UsersTest, LogoutEndsTheSession) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(Logout(*ws_, session->token).ok());
  EXPECT_EQ(ResolveSession(*ws_, session->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(Logout(*ws_, session->token).ok());  // again: nothing to end
  EXPECT_EQ(Actions().back(), "logout");
}

TEST_F(UsersTest, FailuresPerNameBringAGrowingDelay) {
  Add("ana");
  for (int idx = 0; idx < kFreeFailuresPerName; ++idx) {
    EXPECT_EQ(SignIn("ana", "wrong password").status().code(), StatusCode::kUnauthenticated);
  }
  // Now 1 s must pass, even with the right password, and then 2 s.
  auto throttled = SignIn("ana", kPassword);
  EXPECT_EQ(throttled.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(throttled.status().message().find("retry after"), std::string::npos);
  now_ += kSecond;
  EXPECT_EQ(SignIn("ana", "wrong password").status().code(), StatusCode::kUnauthenticated);
  now_ += kSecond;
  EXPECT_EQ(SignIn("ana", kPassword).status().code(), StatusCode::kResourceExhausted);
  now_ += kSecond;
  EXPECT_TRUE(SignIn("ana", kPassword).ok());
  // Success forgets the failures of the name.
  EXPECT_EQ(SignIn("ana", "wrong password").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(UsersTest, ThrottleScheduleDoublesUpToTheCap) {
  using internal::RetryAtMillis;
  EXPECT_EQ(RetryAtMillis({2, kStart}, 3, kStart), kStart);
  EXPECT_EQ(RetryAtMillis({3, kStart}, 3, kStart), kStart + kSecond);
  EXPECT_EQ(RetryAtMillis({6, kStart}, 3, kStart), kStart + 8 * kSecond);
  EXPECT_EQ(RetryAtMillis({60, kStart}, 3, kStart), kStart + kMaxLoginDelaySeconds * kSecond);
  // Counters restart after an hour without failures.
  const int64_t later = kStart + kFailureWindowSeconds * kSecond;
  EXPECT_EQ(RetryAtMillis({60, kStart}, 3, later), later);
}

TEST_F(UsersTest, FailuresPerAddressThrottleEveryName) {
  for (int idx = 0; idx < kFreeFailuresPerAddress; ++idx) {
    EXPECT_EQ(SignIn("guess" + std::to_string(idx), kPassword).status().code(),
              StatusCode::kUnauthenticated);
  }
  Add("ana");
  EXPECT_EQ(SignIn("ana", kPassword).status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(SignIn("ana", kPassword, "", "198.51.100.7").ok());  // another address
}

TEST_F(UsersTest, RepeatedFailuresLockTheAccountUntilAnAdminEnablesIt) {
  Add("ana");
  for (int idx = 0; idx < kLockoutFailures; ++idx) {
    now_ += kMaxLoginDelaySeconds * kSecond;  // wait out each delay
    EXPECT_EQ(SignIn("ana", "wrong password", "", "").status().code(),
              StatusCode::kUnauthenticated);
  }
  now_ += kMaxLoginDelaySeconds * kSecond;
  auto locked = SignIn("ana", kPassword, "", "");
  EXPECT_EQ(locked.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(GetUser(*ws_, "ana")->locked);
  EXPECT_EQ(QueryAudit(*ws_, {.action = "login.lockout"})->size(), 1u);
  now_ += 2 * kFailureWindowSeconds * kSecond;  // time alone does not unlock
  EXPECT_EQ(SignIn("ana", kPassword, "", "").status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(EnableUser(*ws_, "ana", "cli:admin").ok());
  EXPECT_TRUE(SignIn("ana", kPassword, "", "").ok());
}

TEST_F(UsersTest, DisablingEndsSessionsAndRefusesSignIn) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(DisableUser(*ws_, "ana", "cli:admin").ok());
  EXPECT_EQ(ResolveSession(*ws_, session->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(SignIn("ana", kPassword).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(SignIn("ana", "wrong password").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(DisableUser(*ws_, "nobody", "cli:admin").code(), StatusCode::kNotFound);
}

TEST_F(UsersTest, SetPasswordEndsSessionsAndUnlocks) {
  Add("ana");
  auto session = SignIn("ana", kPassword);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(SetPassword(*ws_, "ana", "short", "cli:admin").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(ResolveSession(*ws_, session->token).ok());  // the refused change changed nothing
  ASSERT_TRUE(SetPassword(*ws_, "ana", "a new long passphrase", "cli:admin").ok());
  EXPECT_EQ(ResolveSession(*ws_, session->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(SignIn("ana", kPassword).status().code(), StatusCode::kUnauthenticated);
  auto again = SignIn("ana", "a new long passphrase");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->must_change_password);  // set by an admin: temporary
  ASSERT_TRUE(SetPassword(*ws_, "ana", "my own passphrase", "ana").ok());
  EXPECT_FALSE(GetUser(*ws_, "ana")->must_change_password);
}

TEST_F(UsersTest, AHashWithOtherLimitsIsReplacedAtSignIn) {
  Add("ana");
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, kPassword, sizeof(kPassword) - 1, crypto_pwhash_OPSLIMIT_MIN,
                              8u << 20),
            0);
  auto accounts = ws_->accounts();
  ASSERT_TRUE(accounts.ok());
  {
    auto txn = (*accounts)->Begin();
    ASSERT_TRUE(txn.ok());
    auto user = (*txn)->GetUser("ana");
    ASSERT_TRUE(user.ok() && user->has_value());
    (*user)->password_hash = weak;
    ASSERT_TRUE((*txn)->UpdateUser(**user).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  ASSERT_TRUE(SignIn("ana", kPassword).ok());
  const std::string stored = (*(*accounts)->GetUser("ana"))->password_hash;
  EXPECT_NE(stored, weak);
  EXPECT_FALSE(internal::NeedsRehash(stored));
  EXPECT_TRUE(SignIn("ana", kPassword).ok());
}

TEST_F(UsersTest, TotpIsRequiredOnceConfirmedAndEachCodeWorksOnce) {
  Add("ana");
  auto uri = BeginTotp(*ws_, "ana", "cli:admin");
  ASSERT_TRUE(uri.ok()) << uri.status().ToString();
  EXPECT_EQ(uri->rfind("otpauth://totp/vka%20Test%20%28synthetic%29:ana?secret=", 0), 0u);
  const std::string secret = SecretOf(*uri);
  ASSERT_EQ(secret.size(), internal::kTotpSecretBytes);
  EXPECT_FALSE(GetUser(*ws_, "ana")->totp_enabled);  // not before a code confirms it
  const int64_t step = internal::TotpStep(now_ / kSecond);
  EXPECT_EQ(ConfirmTotp(*ws_, "ana", "000000", "cli:admin").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(ConfirmTotp(*ws_, "ana", internal::Hotp(secret, step), "cli:admin").ok());
  EXPECT_TRUE(GetUser(*ws_, "ana")->totp_enabled);
  now_ += 30 * kSecond;
  const std::string code = internal::Hotp(secret, step + 1);
  EXPECT_EQ(SignIn("ana", kPassword).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(SignIn("ana", kPassword, code).ok());
  EXPECT_EQ(SignIn("ana", kPassword, code).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(ConfirmTotp(*ws_, "ana", code, "cli:admin").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(DisableTotp(*ws_, "ana", "cli:admin").ok());
  now_ += 30 * kSecond;
  EXPECT_TRUE(SignIn("ana", kPassword).ok());
}

}  // namespace
}  // namespace vka::app
