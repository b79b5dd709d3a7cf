#include "storage/internal/sealing.h"

#include <gtest/gtest.h>

#include "base/json.h"
#include "storage/data_key.h"

namespace vka::storage::internal {
namespace {

using model::Kind;

// SYNTHETIC values throughout.
constexpr std::string_view kPersonBody =
    R"({"contacts":"+000 SYNTHETIC 555","id":"per_01JD3XK5E8Q9V7RZ3M4N6P2B1C","kind":"person",)"
    R"("names":[{"value":"[SYNTHETIC] Anahit"}],"national_identity":"SYNTHETIC-ID-1"})";

TEST(Sealing, PlaceholderIsTheCanonicalJsonOfTheReservedString) {
  auto canonical = base::CanonicalJson(base::Json(std::string("\0vka-sealed:contacts", 20)));
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, PlaceholderFor("contacts"));
  EXPECT_TRUE(HasPlaceholder(*canonical));
}

TEST(Sealing, MayHoldSensitiveLooksForMemberNamesOnly) {
  EXPECT_TRUE(MayHoldSensitive(Kind::kPerson, kPersonBody));
  EXPECT_FALSE(MayHoldSensitive(Kind::kPerson, R"({"names":[{"value":"contacts"}]})"));
  EXPECT_FALSE(MayHoldSensitive(Kind::kPlace, kPersonBody));  // places have no sensitive field
  EXPECT_TRUE(MayHoldSensitive(Kind::kSource, R"({"witness":"per_1"})"));
}

TEST(Sealing, KnowsTheSensitivePaths) {
  EXPECT_TRUE(IsSensitivePath(Kind::kPerson, "contacts"));
  EXPECT_TRUE(IsSensitivePath(Kind::kSource, "witness"));
  EXPECT_FALSE(IsSensitivePath(Kind::kPerson, "sex"));
  EXPECT_FALSE(IsSensitivePath(Kind::kSource, "consent.date"));
  EXPECT_FALSE(IsSensitivePath(Kind::kPerson, "nonexistent.contacts"));
}

TEST(Sealing, SplitTakesOutEverySensitiveValueAndSpliceGivesBackTheExactBytes) {
  auto split = SplitSensitive(Kind::kPerson, kPersonBody);
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  ASSERT_EQ(split->values.size(), 2u);
  EXPECT_EQ(split->stored.find("SYNTHETIC 555"), std::string::npos);
  EXPECT_EQ(split->stored.find("SYNTHETIC-ID-1"), std::string::npos);
  EXPECT_NE(split->stored.find("[SYNTHETIC] Anahit"), std::string::npos);
  EXPECT_NE(split->stored.find(PlaceholderFor("contacts")), std::string::npos);
  auto back = Splice(split->stored, split->values, "test");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, kPersonBody);
}

TEST(Sealing, BodyWithoutSensitiveValuesIsLeftAsItIs) {
  auto split = SplitSensitive(Kind::kPerson, R"({"kind":"person","names":[]})");
  ASSERT_TRUE(split.ok());
  EXPECT_TRUE(split->values.empty());
  EXPECT_TRUE(split->stored.empty());
}

TEST(Sealing, RefusesReservedTextAndNonCanonicalBodies) {
  EXPECT_EQ(SplitSensitive(Kind::kPerson, R"({"remarks":"\u0000vka-sealed:contacts"})")
                .status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitSensitive(Kind::kPerson, R"({"contacts": "x"})").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitSensitive(Kind::kPerson, R"("contacts":)").status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(Sealing, SpliceReportsMissingAndLeftoverPlaceholders) {
  auto split = SplitSensitive(Kind::kPerson, kPersonBody);
  ASSERT_TRUE(split.ok());
  auto one = split->values;
  one.pop_back();
  EXPECT_EQ(Splice(split->stored, one, "r").status().code(), base::StatusCode::kDataLoss);
  auto extra = split->values;
  extra.emplace_back("current_location", "\"x\"");
  EXPECT_EQ(Splice(split->stored, extra, "r").status().code(), base::StatusCode::kDataLoss);
}

TEST(Sealing, ValueRoundTripsAndCiphertextHidesIt) {
  DataKey key = NewDataKey();
  SealedValue sealed = SealValue(key, "per_1", 2, "contacts", "\"+000 SYNTHETIC 555\"");
  EXPECT_EQ(sealed.key_id, key.id);
  EXPECT_EQ(sealed.nonce.size(), 24u);
  EXPECT_EQ(sealed.ciphertext.find("SYNTHETIC"), std::string::npos);
  EXPECT_EQ(sealed.ciphertext.size() % 32, 16u);  // padded to 32 bytes, plus the tag
  auto opened = OpenValue(key, "per_1", 2, sealed, "r");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, "\"+000 SYNTHETIC 555\"");
}

TEST(Sealing, CiphertextMovedToAnotherRecordRevisionOrPathFailsToOpen) {
  DataKey key = NewDataKey();
  SealedValue sealed = SealValue(key, "per_1", 2, "contacts", "\"x\"");
  EXPECT_EQ(OpenValue(key, "per_2", 2, sealed, "r").status().code(), base::StatusCode::kDataLoss);
  EXPECT_EQ(OpenValue(key, "per_1", 3, sealed, "r").status().code(), base::StatusCode::kDataLoss);
  SealedValue moved = sealed;
  moved.path = "current_location";
  EXPECT_EQ(OpenValue(key, "per_1", 2, moved, "r").status().code(), base::StatusCode::kDataLoss);
}

TEST(Sealing, WrongKeyOrFlippedByteFailsToOpen) {
  DataKey key = NewDataKey();
  SealedValue sealed = SealValue(key, "per_1", 1, "contacts", "\"x\"");
  DataKey other = NewDataKey();
  other.id = key.id;  // same id, other bytes
  auto wrong = OpenValue(other, "per_1", 1, sealed, "r");
  EXPECT_EQ(wrong.status().code(), base::StatusCode::kDataLoss);
  EXPECT_NE(wrong.status().message().find("does not authenticate"), std::string::npos);
  SealedValue flipped = sealed;
  flipped.ciphertext[0] ^= 1;
  EXPECT_EQ(OpenValue(key, "per_1", 1, flipped, "r").status().code(), base::StatusCode::kDataLoss);
  EXPECT_NE(KeyCheck(key), KeyCheck(other));
}

TEST(DataKeyFile, RoundTripsAndRejectsMalformedFiles) {
  DataKey key = NewDataKey();
  EXPECT_TRUE(IsValidDataKeyId(key.id));
  std::string text = EncodeDataKeyFile(key);
  auto back = DecodeDataKeyFile(text, "keys/x.key");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, key.id);
  EXPECT_EQ(back->bytes, key.bytes);
  for (std::string bad : {std::string(""), std::string("vka-data-key-v1 abc\n"),
                          text.substr(0, text.size() - 3) + "\n", "x" + text}) {
    auto r = DecodeDataKeyFile(bad, "keys/x.key");
    EXPECT_EQ(r.status().code(), base::StatusCode::kDataLoss) << bad;
    EXPECT_NE(r.status().message().find("keys/x.key"), std::string::npos);
  }
}

}  // namespace
}  // namespace vka::storage::internal
