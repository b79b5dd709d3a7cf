#include "evidence/cosignature.h"

#include <gtest/gtest.h>

#include "evidence/checkpoint.h"
#include "evidence/internal/base64.h"

namespace vka::evidence {
namespace {

using base::StatusCode;

Ed25519Seed SeedFrom(uint8_t first) {
  Ed25519Seed seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(first + i);
  return seed;
}

// The checkpoint of docs/formats/log.md §7 (three leaves, key seed 00..1f).
constexpr std::string_view kText =
    "vka.example/log\n3\nzKHWxxY23vAg1V0IZo7Yrv/L157hrk7oFiaOzrM9NF0=\n";
constexpr uint64_t kTime = 1767225600;  // 2026-01-01T00:00:00Z

// Computed independently with Python's `cryptography` (Ed25519PrivateKey
// from the seed 00..1f; message b"cosignature/v1\ntime 1767225600\n" + text;
// key id SHA-256(name + b"\n\x04" + public key)[:4]).
constexpr std::string_view kExpectedLine =
    "\xE2\x80\x94 vka.example/witness "
    "LOBvPwAAAABpVbkApoDhnAZN+R/YpqqDqdQTCfpzlUcPHA2tRL19E8lB3fklpYLlFmp6998WILTX9s/190RsN8Gta/"
    "6CfkpW4FMbCw==\n";

// The decoded bytes of a signature line (key id ‖ time ‖ signature).
std::string BlobOf(std::string_view line) {
  const size_t space = line.rfind(' ');
  return internal::Base64Decode(line.substr(space + 1, line.size() - space - 2)).value_or("");
}

class CosignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = NoteSigner::FromSeed("vka.example/log", SeedFrom(0));
    auto witness = NoteSigner::FromSeed("vka.example/witness", SeedFrom(0));
    auto other = NoteSigner::FromSeed("vka.example/other", SeedFrom(100));
    ASSERT_TRUE(log.ok() && witness.ok() && other.ok());
    log_ = std::make_unique<NoteSigner>(std::move(*log));
    witness_ = std::make_unique<NoteSigner>(std::move(*witness));
    other_ = std::make_unique<NoteSigner>(std::move(*other));
    auto note = SignNote(kText, *log_);
    ASSERT_TRUE(note.ok());
    checkpoint_ = *note;
  }

  NoteVerifier Verifier(const NoteSigner& s) { return *NoteVerifier::Parse(s.VerifierKey()); }

  std::string Cosigned(const NoteSigner& s, uint64_t time) {
    return checkpoint_ + *CosignatureLine(s, kText, time);
  }

  std::unique_ptr<NoteSigner> log_, witness_, other_;
  std::string checkpoint_;
};

TEST_F(CosignatureTest, LineIsByteExactForFixedSeedAndTime) {
  EXPECT_EQ(witness_->VerifierKey(),
            "vka.example/witness+c6cb9448+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  EXPECT_EQ(CosignatureKeyId(Verifier(*witness_)), 0x2ce06f3fu);
  EXPECT_EQ(CosignedMessage(kText, kTime),
            "cosignature/v1\ntime 1767225600\n" + std::string(kText));
  auto line = CosignatureLine(*witness_, kText, kTime);
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_EQ(*line, kExpectedLine);
  // The blob is key id ‖ big-endian time ‖ 64-byte signature.
  const std::string blob = BlobOf(*line);
  ASSERT_EQ(blob.size(), 4u + 8u + 64u);
  EXPECT_EQ(blob.substr(0, 12),
            std::string("\x2c\xe0\x6f\x3f\x00\x00\x00\x00\x69\x55\xb9\x00", 12));
}

TEST_F(CosignatureTest, VerifiesAndReportsWitnessAndTime) {
  const std::string note = Cosigned(*witness_, kTime) + *CosignatureLine(*other_, kText, kTime + 5);
  auto check = VerifyCosignatures(note, {Verifier(*witness_), Verifier(*other_)});
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->text, kText);
  ASSERT_EQ(check->cosignatures.size(), 2u);
  EXPECT_EQ(check->cosignatures[0].name, "vka.example/witness");
  EXPECT_EQ(check->cosignatures[0].timestamp, kTime);
  EXPECT_EQ(check->cosignatures[0].line, kExpectedLine);
  EXPECT_EQ(check->cosignatures[1].name, "vka.example/other");
  EXPECT_EQ(check->cosignatures[1].timestamp, kTime + 5);
  // The log's own signature is not a cosignature: it is returned unverified.
  ASSERT_EQ(check->others.size(), 1u);
  EXPECT_EQ(check->others[0].name, "vka.example/log");
  // The cosignature does not disturb the log's own signature check.
  auto opened = OpenCheckpoint(note, Verifier(*log_));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->size, 3u);
}

TEST_F(CosignatureTest, UnknownWitnessIsNotVerifiedButReturned) {
  auto check = VerifyCosignatures(Cosigned(*other_, kTime), {Verifier(*witness_)});
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->cosignatures.empty());
  ASSERT_EQ(check->others.size(), 2u);
  EXPECT_EQ(check->others[1].name, "vka.example/other");
}

TEST_F(CosignatureTest, NoteSignatureOfTheWitnessKeyIsNotACosignature) {
  // A plain note signature (type 0x01 key id) by the witness key: no match.
  const std::string note = checkpoint_ + SignatureLine(*witness_, kText);
  auto check = VerifyCosignatures(note, {Verifier(*witness_)});
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->cosignatures.empty());
}

TEST_F(CosignatureTest, FlippedByteInSignatureFails) {
  std::string line(kExpectedLine);
  const size_t pos = line.size() - 10;  // inside the Ed25519 signature's base64
  line[pos] = line[pos] == 'A' ? 'B' : 'A';
  auto check = VerifyCosignatures(checkpoint_ + line, {Verifier(*witness_)});
  EXPECT_EQ(check.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(check.status().message().find("cosignature by 'vka.example/witness'"),
            std::string::npos);
}

TEST_F(CosignatureTest, ChangedTimestampFails) {
  std::string blob = BlobOf(kExpectedLine);
  ASSERT_EQ(blob.size(), 76u);
  blob[11] = static_cast<char>(blob[11] ^ 1);  // last byte of the time
  const std::string line = FormatSignatureLine("vka.example/witness", 0x2ce06f3f, blob.substr(4));
  auto check = VerifyCosignatures(checkpoint_ + line, {Verifier(*witness_)});
  EXPECT_EQ(check.status().code(), StatusCode::kDataLoss);
}

TEST_F(CosignatureTest, ChangedCheckpointTextFails) {
  std::string note = Cosigned(*witness_, kTime);
  note[note.find("\n3\n") + 1] = '4';
  auto check = VerifyCosignatures(note, {Verifier(*witness_)});
  EXPECT_EQ(check.status().code(), StatusCode::kDataLoss);
}

TEST_F(CosignatureTest, WrongKeyUnderTheWitnessNameFails) {
  // Same name and key id as the witness, signed by another key.
  auto impostor = NoteSigner::FromSeed("vka.example/witness", SeedFrom(100));
  ASSERT_TRUE(impostor.ok());
  auto forged = VerifyCosignatures(Cosigned(*impostor, kTime), {Verifier(*witness_)});
  ASSERT_TRUE(forged.ok());  // another key id: not the witness, so not counted
  EXPECT_TRUE(forged->cosignatures.empty());
  auto line = CosignatureLine(*impostor, kText, kTime);
  const std::string blob = BlobOf(*line);
  const std::string spoofed =
      FormatSignatureLine("vka.example/witness", 0x2ce06f3f, blob.substr(4));
  EXPECT_EQ(VerifyCosignatures(checkpoint_ + spoofed, {Verifier(*witness_)}).status().code(),
            StatusCode::kDataLoss);
}

TEST_F(CosignatureTest, WrongLengthAndHugeTimeFail) {
  const std::string short_line =
      FormatSignatureLine("vka.example/witness", 0x2ce06f3f, std::string(64, 'x'));
  EXPECT_EQ(VerifyCosignatures(checkpoint_ + short_line, {Verifier(*witness_)}).status().code(),
            StatusCode::kDataLoss);
  std::string huge(8, '\xff');
  huge += std::string(64, '\0');
  const std::string huge_line = FormatSignatureLine("vka.example/witness", 0x2ce06f3f, huge);
  auto check = VerifyCosignatures(checkpoint_ + huge_line, {Verifier(*witness_)});
  EXPECT_EQ(check.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(check.status().message().find("2^63"), std::string::npos);
  EXPECT_EQ(CosignatureLine(*witness_, kText, uint64_t{1} << 63).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CosignatureTest, MalformedInputIsInvalidArgument) {
  EXPECT_EQ(CosignatureLine(*witness_, "no final newline", kTime).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyCosignatures(std::string(kText), {Verifier(*witness_)}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyCosignatures(checkpoint_ + "\xE2\x80\x94 w !!!\n", {}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::evidence
