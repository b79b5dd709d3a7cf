#include "app/internal/totp.h"

#include <gtest/gtest.h>

#include <string>

namespace vka::app::internal {
namespace {

// The SHA-1 key of RFC 4226 Appendix D and RFC 6238 Appendix B.
const std::string kRfcSecret = "12345678901234567890";

TEST(Totp, MatchesRfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(kRfcSecret, counter), expected[counter]) << "counter " << counter;
  }
}

TEST(Totp, MatchesRfc6238AppendixBSha1Vectors) {
  struct Vector {
    int64_t unix_seconds;
    const char* code;
  };
  const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                            {1111111111, "14050471"}, {1234567890, "89005924"},
                            {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& v : vectors) {
    EXPECT_EQ(Hotp(kRfcSecret, static_cast<uint64_t>(TotpStep(v.unix_seconds)), 8), v.code)
        << "T = " << v.unix_seconds;
  }
}

TEST(Totp, AcceptsOneStepOfDriftEachWayAndNoMore) {
  const int64_t step = TotpStep(1234567890);
  for (int64_t delta : {-1, 0, 1}) {
    auto matched = MatchTotp(kRfcSecret, Hotp(kRfcSecret, step + delta), step, -1);
    ASSERT_TRUE(matched.has_value()) << "delta " << delta;
    EXPECT_EQ(*matched, step + delta);
  }
  EXPECT_FALSE(MatchTotp(kRfcSecret, Hotp(kRfcSecret, step + 2), step, -1));
  EXPECT_FALSE(MatchTotp(kRfcSecret, Hotp(kRfcSecret, step - 2), step, -1));
}

TEST(Totp, RefusesAUsedStepWrongLengthsAndOtherSecrets) {
  const int64_t step = TotpStep(1234567890);
  const std::string code = Hotp(kRfcSecret, step);
  EXPECT_FALSE(MatchTotp(kRfcSecret, code, step, /*last_used_step=*/step));
  EXPECT_FALSE(MatchTotp(kRfcSecret, code.substr(0, 5), step, -1));
  EXPECT_FALSE(MatchTotp(kRfcSecret, code + "0", step, -1));
  EXPECT_FALSE(MatchTotp("another secret of 20b", code, step, -1));
}

TEST(Totp, Base32FollowsRfc4648WithoutPadding) {
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Encode("fo"), "MZXQ");
  EXPECT_EQ(Base32Encode("foo"), "MZXW6");
  EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
}

TEST(Totp, OtpauthUriEncodesLabelsAndParameters) {
  EXPECT_EQ(OtpauthUri("vka Test (synthetic)", "ana.m", "foobar"),
            "otpauth://totp/vka%20Test%20%28synthetic%29:ana.m?secret=MZXW6YTBOI"
            "&issuer=vka%20Test%20%28synthetic%29&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace vka::app::internal
