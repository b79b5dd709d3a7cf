#include "evidence/note.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "evidence/internal/base64.h"

namespace vka::evidence {
namespace {

using base::Result;
using base::StatusCode;

Ed25519Seed TestSeed() {
  Ed25519Seed seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i);
  return seed;
}

constexpr std::string_view kText = "vka.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

TEST(Note, GoNotePackageVectorIsReproducedExactly) {
  // golang.org/x/mod sumdb/note note_test.go (research/integrity.md §2.3 D).
  auto signer = NoteSigner::FromGoSignerKey(
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->VerifierKey(),
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  const std::string text =
      "If you think cryptography is the answer to your problem,\n"
      "then you don't know what your problem is.\n";
  Result<std::string> note = SignNote(text, *signer);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, text + "\n" +
                       "\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
  EXPECT_EQ(signer->GoSignerKey(),
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
}

TEST(Note, C2spExampleVerifies) {
  auto v = NoteVerifier::Parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string note =
      "This is an example message.\n\n\xE2\x80\x94 example.com/foo "
      "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
  Result<OpenedNote> opened = OpenNote(note, {*v});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, "This is an example message.\n");
  EXPECT_EQ(opened->signed_by, std::vector<std::string>{"example.com/foo"});
}

TEST(Note, FixedSeedSignsByteExactlyAndLibsodiumAgrees) {
  auto signer = NoteSigner::FromSeed("vka.example/log", TestSeed());
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ(signer->VerifierKey(), "vka.example/log+487a6a59+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  Result<std::string> note = SignNote(kText, *signer);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, std::string(kText) + "\n\xE2\x80\x94 vka.example/log "
                       "SHpqWXP3g+Wl341sozBPm8nR/ncAe6mAlvyeyKig5rLtW+twQ/fkjcIMEi28YfHjM1YDDJ7eJjK61HSMj1UtW99LewI=\n");
  // Independent check with libsodium directly: decode the signature line.
  const std::string line = note->substr(kText.size() + 1);
  const std::string b64 = line.substr(line.rfind(' ') + 1, line.size() - line.rfind(' ') - 2);
  std::optional<std::string> blob = internal::Base64Decode(b64);
  ASSERT_TRUE(blob.has_value());
  ASSERT_EQ(blob->size(), 68u);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  ASSERT_EQ(crypto_sign_seed_keypair(pk, sk, TestSeed().data()), 0);
  EXPECT_EQ(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(blob->data() + 4),
                                        reinterpret_cast<const unsigned char*>(kText.data()),
                                        kText.size(), pk),
            0);
  unsigned char digest[crypto_hash_sha256_BYTES];
  const std::string id_input = "vka.example/log\n\x01" + std::string(reinterpret_cast<char*>(pk), 32);
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(id_input.data()), id_input.size());
  EXPECT_EQ(blob->substr(0, 4), std::string(reinterpret_cast<char*>(digest), 4));
}

TEST(Note, VerifierKeyRoundTrips) {
  auto signer = NoteSigner::FromSeed("vka.example/log", TestSeed());
  auto v = NoteVerifier::Parse(signer->VerifierKey());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->name, "vka.example/log");
  EXPECT_EQ(v->key_id, signer->key_id());
  EXPECT_EQ(v->public_key, signer->public_key());
  EXPECT_EQ(v->ToString(), signer->VerifierKey());
  std::string bad_id = signer->VerifierKey();
  bad_id[bad_id.find('+') + 1] ^= 1;
  EXPECT_EQ(NoteVerifier::Parse(bad_id).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(NoteVerifier::Parse("no-plus-signs").ok());
  EXPECT_FALSE(NoteVerifier::Parse("a b+00000000+AQ==").ok());
}

TEST(Note, TamperedNoteIsRejectedAsDataLoss) {
  auto signer = std::move(NoteSigner::FromSeed("vka.example/log", TestSeed())).value();
  NoteVerifier v = std::move(NoteVerifier::Parse(signer.VerifierKey())).value();
  std::string note = *SignNote(kText, signer);
  ASSERT_TRUE(OpenNote(note, {v}).ok());
  std::string altered = note;
  altered[16] = '4';  // tree size 3 -> 4
  EXPECT_EQ(OpenNote(altered, {v}).status().code(), StatusCode::kDataLoss);
  std::string bad_sig = note;
  bad_sig[bad_sig.size() - 5] = bad_sig[bad_sig.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(OpenNote(bad_sig, {v}).status().code(), StatusCode::kDataLoss);
}

TEST(Note, WrongKeyIsNotAccepted) {
  auto signer = std::move(NoteSigner::FromSeed("vka.example/log", TestSeed())).value();
  Ed25519Seed other_seed = TestSeed();
  other_seed[0] ^= 0xff;
  auto other = std::move(NoteSigner::FromSeed("vka.example/log", other_seed)).value();
  NoteVerifier other_v = std::move(NoteVerifier::Parse(other.VerifierKey())).value();
  const std::string note = *SignNote(kText, signer);
  // Same name, different key: a different key id, so the signature is unknown.
  EXPECT_EQ(OpenNote(note, {other_v}).status().code(), StatusCode::kNotFound);
  // Same name and key id but the wrong public key: the signature fails.
  NoteVerifier forged = other_v;
  forged.key_id = signer.key_id();
  EXPECT_EQ(OpenNote(note, {forged}).status().code(), StatusCode::kDataLoss);
}

TEST(Note, UnknownSignaturesAreIgnoredAndMalformedNotesRejected) {
  auto log = std::move(NoteSigner::FromSeed("vka.example/log", TestSeed())).value();
  auto witness = std::move(NoteSigner::Generate("witness.example/w1")).value();
  std::string note = *SignNote(kText, log) + SignatureLine(witness, kText);
  Result<OpenedNote> opened = OpenNote(note, {*NoteVerifier::Parse(log.VerifierKey())});
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->unknown_signatures, 1u);
  const std::vector<NoteVerifier> both = {*NoteVerifier::Parse(log.VerifierKey()),
                                          *NoteVerifier::Parse(witness.VerifierKey())};
  EXPECT_EQ(OpenNote(note, both)->signed_by.size(), 2u);
  const NoteVerifier v = both[0];
  EXPECT_EQ(OpenNote(kText, {v}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenNote(note.substr(0, note.size() - 1), {v}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenNote("a\rb\n\n" + SignatureLine(log, "a\rb\n"), {v}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SignNote("no newline", log).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SignNote("blank\n\n", log).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(NoteSigner::FromSeed("has space", TestSeed()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(NoteSigner::FromSeed("a+b", TestSeed()).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::evidence
