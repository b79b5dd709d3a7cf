#include "evidence/checkpoint.h"

#include <gtest/gtest.h>

#include "evidence/key_file.h"

namespace vka::evidence {
namespace {

using base::Result;
using base::StatusCode;

NoteSigner TestSigner() {
  Ed25519Seed seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i);
  return std::move(NoteSigner::FromSeed("vka.example/log", seed)).value();
}

TEST(Checkpoint, FormatsTheC2spBody) {
  Checkpoint cp{"vka.example/log", 8, {}, {}};
  cp.root = EmptyTreeHash();
  EXPECT_EQ(*FormatCheckpoint(cp),
            "vka.example/log\n8\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  cp.extensions = {"ext one"};
  EXPECT_EQ(*ParseCheckpoint(*FormatCheckpoint(cp)), cp);
  cp.extensions = {""};
  EXPECT_EQ(FormatCheckpoint(cp).status().code(), StatusCode::kInvalidArgument);
}

TEST(Checkpoint, ParsingIsStrict) {
  const std::string root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  EXPECT_TRUE(ParseCheckpoint("o\n0\n" + root + "\n").ok());
  for (const std::string& bad : std::vector<std::string>
       {"o\n08\n" + root + "\n", "o\n-1\n" + root + "\n", "o\n8\n" + root, "o\n8\n\n",
        "o\n8\nAAAA\n", "o\n8\n" + root + "\n\n", "o o\n8\n" + root + "\n", "o\n8\n",
        "o\n99999999999999999999\n" + root + "\n"}) {
    EXPECT_EQ(ParseCheckpoint(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(Checkpoint, SignedCheckpointOpensAndTamperingIsDetected) {
  const NoteSigner signer = TestSigner();
  const NoteVerifier v = *NoteVerifier::Parse(signer.VerifierKey());
  Checkpoint cp{"vka.example/log", 70000, LeafHash("x"), {}};
  Result<std::string> note = SignCheckpoint(cp, signer);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*OpenCheckpoint(*note, v), cp);
  std::string altered = *note;
  altered.replace(altered.find("70000"), 5, "70001");
  EXPECT_EQ(OpenCheckpoint(altered, v).status().code(), StatusCode::kDataLoss);
  cp.origin = "other.example/log";
  EXPECT_EQ(SignCheckpoint(cp, signer).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyFile, PlainFileIsGoSignerKeyAndRoundTrips) {
  const NoteSigner signer = TestSigner();
  const std::string file = EncodeKeyFile(signer);
  EXPECT_EQ(file.rfind("PRIVATE+KEY+vka.example/log+487a6a59+", 0), 0u);
  EXPECT_FALSE(IsEncryptedKeyFile(file));
  Result<NoteSigner> back = DecodeKeyFile(file, "");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->VerifierKey(), signer.VerifierKey());
}

TEST(KeyFile, EncryptedFileNeedsTheRightPassphrase) {
  const NoteSigner signer = TestSigner();
  Result<std::string> file = EncodeEncryptedKeyFile(signer, "correct horse", MinimumPassphraseCost());
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(IsEncryptedKeyFile(*file));
  EXPECT_EQ(file->find("AAECAwQF"), std::string::npos);
  Result<NoteSigner> back = DecodeKeyFile(*file, "correct horse");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->seed(), signer.seed());
  EXPECT_EQ(DecodeKeyFile(*file, "wrong").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(DecodeKeyFile(*file, "").status().code(), StatusCode::kPermissionDenied);
  std::string renamed = *file;
  renamed.replace(renamed.find("vka.example"), 3, "xyz");
  EXPECT_EQ(DecodeKeyFile(renamed, "correct horse").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeKeyFile("garbage\n", "").status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace vka::evidence
