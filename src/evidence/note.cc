#include "evidence/note.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "base/sha256.h"
#include "base/utf8.h"
#include "evidence/internal/base64.h"
#include "evidence/log_format.h"

namespace vka::evidence {
namespace {

using base::Result;
using base::Status;
using format::kKeyIdSize;
using format::kSigTypeEd25519;

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // libsodium has no usable randomness source
}

std::string Hex8(uint32_t id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, id >>= 4) out[i] = kHex[id & 0xf];
  return out;
}

std::string BigEndian32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

uint32_t ReadBigEndian32(std::string_view b) {
  return (uint32_t{static_cast<uint8_t>(b[0])} << 24) |
         (uint32_t{static_cast<uint8_t>(b[1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[2])} << 8) | uint32_t{static_cast<uint8_t>(b[3])};
}

std::string_view AsChars(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits "<name>+<hex8>+<base64>" and checks the type byte; returns the name,
// id and key bytes after the type byte.
struct KeyParts {
  std::string name;
  uint32_t key_id;
  std::string key;
};
Result<KeyParts> SplitKey(std::string_view text, size_t key_size) {
  // Names never contain '+', but base64 may: split from the left.
  const size_t first = text.find('+');
  const size_t second = first == std::string_view::npos ? first : first + 9;
  if (first == std::string_view::npos || second >= text.size() || text[second] != '+') {
    return base::InvalidArgumentError("key is not <name>+<8 hex digits>+<base64>");
  }
  KeyParts parts{std::string(text.substr(0, first)), 0, ""};
  VKA_RETURN_IF_ERROR(CheckKeyName(parts.name));
  const std::string_view hex = text.substr(first + 1, 8);
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return base::InvalidArgumentError("key id is not 8 lower-case hex digits");
    }
  }
  parts.key_id = static_cast<uint32_t>(std::strtoul(std::string(hex).c_str(), nullptr, 16));
  std::optional<std::string> raw = internal::Base64Decode(text.substr(second + 1));
  if (!raw || raw->size() != 1 + key_size) {
    return base::InvalidArgumentError("key is not base64 of a type byte and " +
                                      std::to_string(key_size) + " bytes");
  }
  if (static_cast<uint8_t>((*raw)[0]) != kSigTypeEd25519) {
    return base::InvalidArgumentError("key is not an Ed25519 (type 0x01) key");
  }
  parts.key = raw->substr(1);
  return parts;
}

struct SignatureLineParts {
  std::string name;
  uint32_t key_id;
  std::string signature;
};
Result<SignatureLineParts> ParseSignatureLine(std::string_view line) {
  if (line.substr(0, format::kSignaturePrefix.size()) != format::kSignaturePrefix) {
    return base::InvalidArgumentError("signature line does not start with an em dash and a space");
  }
  line.remove_prefix(format::kSignaturePrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) {
    return base::InvalidArgumentError("signature line has no signature");
  }
  SignatureLineParts parts{std::string(line.substr(0, space)), 0, ""};
  VKA_RETURN_IF_ERROR(CheckKeyName(parts.name));
  std::optional<std::string> raw = internal::Base64Decode(line.substr(space + 1));
  if (!raw || raw->size() <= kKeyIdSize) {
    return base::InvalidArgumentError("signature of '" + parts.name + "' is not valid base64");
  }
  parts.key_id = ReadBigEndian32(*raw);
  parts.signature = raw->substr(kKeyIdSize);
  return parts;
}

}  // namespace

Status CheckNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return base::InvalidArgumentError("note text must end with a newline");
  }
  if (text.size() >= 2 && text[text.size() - 2] == '\n') {
    return base::InvalidArgumentError("note text must not end with a blank line");
  }
  if (!base::IsValidUtf8(text)) return base::InvalidArgumentError("note is not valid UTF-8");
  for (char c : text) {
    if ((static_cast<uint8_t>(c) < 0x20 && c != '\n') || c == 0x7f) {
      return base::InvalidArgumentError("note contains a control character");
    }
  }
  return base::OkStatus();
}

Status CheckKeyName(std::string_view name) {
  if (name.empty()) return base::InvalidArgumentError("key name is empty");
  if (!base::IsValidUtf8(name)) return base::InvalidArgumentError("key name is not UTF-8");
  for (char c : name) {
    if (static_cast<uint8_t>(c) <= 0x20 || c == 0x7f || c == '+') {
      return base::InvalidArgumentError("key name '" + std::string(name) +
                                        "' contains a space, control character or '+'");
    }
  }
  // Unicode spaces outside ASCII (U+0085, U+00A0, U+1680, U+2000–U+200A,
  // U+2028, U+2029, U+202F, U+205F, U+3000) are also refused.
  for (std::string_view space : {"\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\xA8",
                                 "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"}) {
    if (name.find(space) != std::string_view::npos) {
      return base::InvalidArgumentError("key name contains a Unicode space");
    }
  }
  for (char c = '\x80'; c <= '\x8A'; ++c) {
    if (name.find(std::string("\xE2\x80") + c) != std::string_view::npos) {
      return base::InvalidArgumentError("key name contains a Unicode space");
    }
  }
  return base::OkStatus();
}

uint32_t NoteKeyId(std::string_view name, const Ed25519PublicKey& public_key,
                   uint8_t signature_type) {
  base::Sha256 h;
  h.Update(name);
  const uint8_t sep_and_type[] = {'\n', signature_type};
  h.Update(sep_and_type, sizeof sep_and_type);
  h.Update(public_key.data(), public_key.size());
  const base::Digest d = h.Finish();
  return ReadBigEndian32(AsChars(d.data(), kKeyIdSize));
}

Result<NoteSigner> NoteSigner::FromSeed(std::string name, const Ed25519Seed& seed) {
  VKA_RETURN_IF_ERROR(CheckKeyName(name));
  EnsureSodium();
  NoteSigner signer;
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_key_.data(), seed.data());
  signer.key_id_ = NoteKeyId(name, signer.public_key_);
  signer.name_ = std::move(name);
  return signer;
}

Result<NoteSigner> NoteSigner::Generate(std::string name) {
  EnsureSodium();
  Ed25519Seed seed;
  randombytes_buf(seed.data(), seed.size());
  Result<NoteSigner> signer = FromSeed(std::move(name), seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

Result<NoteSigner> NoteSigner::FromGoSignerKey(std::string_view skey) {
  if (skey.substr(0, format::kPlainKeyPrefix.size()) != format::kPlainKeyPrefix) {
    return base::InvalidArgumentError("signer key does not start with PRIVATE+KEY+");
  }
  VKA_ASSIGN_OR_RETURN(KeyParts parts,
                       SplitKey(skey.substr(format::kPlainKeyPrefix.size()), 32));
  Ed25519Seed seed;
  std::memcpy(seed.data(), parts.key.data(), seed.size());
  sodium_memzero(parts.key.data(), parts.key.size());
  VKA_ASSIGN_OR_RETURN(NoteSigner signer, FromSeed(parts.name, seed));
  sodium_memzero(seed.data(), seed.size());
  if (signer.key_id() != parts.key_id) {
    return base::InvalidArgumentError("signer key id does not match its name and key");
  }
  return signer;
}

NoteSigner::NoteSigner(NoteSigner&& other) noexcept
    : name_(std::move(other.name_)),
      key_id_(other.key_id_),
      public_key_(other.public_key_),
      secret_key_(other.secret_key_) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

NoteSigner& NoteSigner::operator=(NoteSigner&& other) noexcept {
  name_ = std::move(other.name_);
  key_id_ = other.key_id_;
  public_key_ = other.public_key_;
  secret_key_ = other.secret_key_;
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  return *this;
}

NoteSigner::~NoteSigner() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Ed25519Seed NoteSigner::seed() const {
  Ed25519Seed seed;
  crypto_sign_ed25519_sk_to_seed(seed.data(), secret_key_.data());
  return seed;
}

std::string NoteSigner::VerifierKey() const {
  return NoteVerifier{name_, key_id_, public_key_}.ToString();
}

std::string NoteSigner::GoSignerKey() const {
  Ed25519Seed s = seed();
  std::string raw(1, static_cast<char>(kSigTypeEd25519));
  raw.append(AsChars(s.data(), s.size()));
  std::string out = std::string(format::kPlainKeyPrefix) + name_ + "+" + Hex8(key_id_) + "+" +
                    internal::Base64Encode(raw);
  sodium_memzero(s.data(), s.size());
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::array<uint8_t, 64> NoteSigner::Sign(std::string_view message) const {
  std::array<uint8_t, 64> sig;
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const uint8_t*>(message.data()),
                       message.size(), secret_key_.data());
  return sig;
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view vkey) {
  VKA_ASSIGN_OR_RETURN(KeyParts parts, SplitKey(vkey, 32));
  NoteVerifier v{std::move(parts.name), parts.key_id, {}};
  std::memcpy(v.public_key.data(), parts.key.data(), v.public_key.size());
  if (NoteKeyId(v.name, v.public_key) != v.key_id) {
    return base::InvalidArgumentError("verifier key id does not match its name and key");
  }
  return v;
}

std::string NoteVerifier::ToString() const {
  std::string raw(1, static_cast<char>(kSigTypeEd25519));
  raw.append(AsChars(public_key.data(), public_key.size()));
  return name + "+" + Hex8(key_id) + "+" + internal::Base64Encode(raw);
}

bool NoteVerifier::Verify(std::string_view message, const uint8_t* signature,
                          size_t size) const {
  EnsureSodium();
  return size == format::kEd25519SignatureSize &&
         crypto_sign_verify_detached(signature,
                                     reinterpret_cast<const uint8_t*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

std::string SignatureLine(const NoteSigner& signer, std::string_view text) {
  const std::array<uint8_t, 64> sig = signer.Sign(text);
  return FormatSignatureLine(signer.name(), signer.key_id(), AsChars(sig.data(), sig.size()));
}

std::string FormatSignatureLine(std::string_view name, uint32_t key_id,
                                std::string_view signature) {
  return std::string(format::kSignaturePrefix) + std::string(name) + " " +
         internal::Base64Encode(BigEndian32(key_id) + std::string(signature)) + "\n";
}

Result<std::string> SignNote(std::string_view text, const NoteSigner& signer) {
  VKA_RETURN_IF_ERROR(CheckNoteText(text));
  return std::string(text) + "\n" + SignatureLine(signer, text);
}

Result<ParsedNote> ParseNote(std::string_view note) {
  if (note.size() > format::kMaxNoteSize) return base::InvalidArgumentError("note is too large");
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return base::InvalidArgumentError("note has no blank line before its signatures");
  }
  ParsedNote parsed{std::string(note.substr(0, split + 1)), {}};
  VKA_RETURN_IF_ERROR(CheckNoteText(parsed.text));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') {
    return base::InvalidArgumentError("note signatures must end with a newline");
  }
  if (!base::IsValidUtf8(sigs)) return base::InvalidArgumentError("note is not valid UTF-8");
  for (size_t pos = 0; pos < sigs.size();) {
    const size_t end = sigs.find('\n', pos);
    if (parsed.signatures.size() == format::kMaxNoteSignatures) {
      return base::InvalidArgumentError("note has too many signatures");
    }
    VKA_ASSIGN_OR_RETURN(SignatureLineParts sig, ParseSignatureLine(sigs.substr(pos, end - pos)));
    parsed.signatures.push_back({std::move(sig.name), sig.key_id, std::move(sig.signature),
                                 std::string(sigs.substr(pos, end + 1 - pos))});
    pos = end + 1;
  }
  return parsed;
}

Result<OpenedNote> OpenNote(std::string_view note, const std::vector<NoteVerifier>& verifiers) {
  VKA_ASSIGN_OR_RETURN(ParsedNote parsed, ParseNote(note));
  OpenedNote opened{std::move(parsed.text), {}, 0};
  for (const NoteSignature& sig : parsed.signatures) {
    auto known = std::find_if(verifiers.begin(), verifiers.end(), [&](const NoteVerifier& v) {
      return v.name == sig.name && v.key_id == sig.key_id;
    });
    if (known == verifiers.end()) {
      ++opened.unknown_signatures;
      continue;
    }
    if (!known->Verify(opened.text, reinterpret_cast<const uint8_t*>(sig.signature.data()),
                       sig.signature.size())) {
      return base::DataLossError("signature by '" + sig.name + "' does not verify");
    }
    opened.signed_by.push_back(sig.name);
  }
  if (opened.signed_by.empty()) {
    return base::NotFoundError("note has no signature by a known key");
  }
  return opened;
}

}  // namespace vka::evidence
