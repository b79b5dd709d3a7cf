#include "evidence/cosignature.h"

#include <algorithm>

#include "evidence/log_format.h"

namespace vka::evidence {
namespace {

using format::kCosignatureTimestampSize;
using format::kEd25519SignatureSize;

std::string BigEndian64(uint64_t v) {
  std::string out(kCosignatureTimestampSize, '\0');
  for (size_t i = kCosignatureTimestampSize; i-- > 0; v >>= 8) out[i] = static_cast<char>(v & 0xff);
  return out;
}

uint64_t ReadBigEndian64(std::string_view b) {
  uint64_t v = 0;
  for (size_t i = 0; i < kCosignatureTimestampSize; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

// The timestamp of a verified cosignature, or kDataLoss naming the witness.
base::Result<uint64_t> CheckCosignature(const NoteVerifier& witness, const NoteSignature& sig,
                                        std::string_view text) {
  const std::string fail = "cosignature by '" + sig.name + "' does not verify";
  if (sig.signature.size() != kCosignatureTimestampSize + kEd25519SignatureSize) {
    return base::DataLossError(fail + ": it is not a timestamp and an Ed25519 signature");
  }
  const uint64_t timestamp = ReadBigEndian64(sig.signature);
  if (timestamp > format::kMaxCosignatureTimestamp) {
    return base::DataLossError(fail + ": its time is above 2^63 - 1");
  }
  const std::string message = CosignedMessage(text, timestamp);
  if (!witness.Verify(
          message,
          reinterpret_cast<const uint8_t*>(sig.signature.data()) + kCosignatureTimestampSize,
          kEd25519SignatureSize)) {
    return base::DataLossError(fail);
  }
  return timestamp;
}

}  // namespace

uint32_t CosignatureKeyId(const NoteVerifier& witness) {
  return NoteKeyId(witness.name, witness.public_key, format::kSigTypeCosignatureV1);
}

std::string CosignedMessage(std::string_view checkpoint_text, uint64_t timestamp) {
  return std::string(format::kCosignatureHeader) + "time " + std::to_string(timestamp) + "\n" +
         std::string(checkpoint_text);
}

base::Result<std::string> CosignatureLine(const NoteSigner& witness,
                                          std::string_view checkpoint_text, uint64_t timestamp) {
  if (timestamp > format::kMaxCosignatureTimestamp) {
    return base::InvalidArgumentError("cosignature time is above 2^63 - 1");
  }
  VKA_RETURN_IF_ERROR(CheckNoteText(checkpoint_text));
  const std::array<uint8_t, 64> sig = witness.Sign(CosignedMessage(checkpoint_text, timestamp));
  const NoteVerifier verifier{witness.name(), witness.key_id(), witness.public_key()};
  return FormatSignatureLine(
      witness.name(), CosignatureKeyId(verifier),
      BigEndian64(timestamp) + std::string(reinterpret_cast<const char*>(sig.data()), sig.size()));
}

base::Result<CosignatureCheck> VerifyCosignatures(std::string_view note,
                                                  const std::vector<NoteVerifier>& witnesses) {
  VKA_ASSIGN_OR_RETURN(ParsedNote parsed, ParseNote(note));
  CosignatureCheck check{std::move(parsed.text), {}, {}};
  for (NoteSignature& sig : parsed.signatures) {
    auto witness = std::find_if(witnesses.begin(), witnesses.end(), [&](const NoteVerifier& w) {
      return w.name == sig.name && CosignatureKeyId(w) == sig.key_id;
    });
    if (witness == witnesses.end()) {
      check.others.push_back(std::move(sig));
      continue;
    }
    VKA_ASSIGN_OR_RETURN(uint64_t timestamp, CheckCosignature(*witness, sig, check.text));
    check.cosignatures.push_back({sig.name, sig.key_id, timestamp, std::move(sig.line)});
  }
  return check;
}

}  // namespace vka::evidence
