#pragma once

// Sealing of sensitive values, the pure part (docs/formats/encryption.md):
// which values of a body are sensitive, the placeholders that stand for them
// in a stored body, XChaCha20-Poly1305 encryption of each value bound to
// its record, revision and path, and splicing the values back. No SQLite;
// internal/sealer.h keeps the ciphertexts in the database.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/kinds.h"
#include "storage/data_key.h"

namespace vka::storage::internal {

// The text every placeholder starts with, as it appears in a stored body:
// a placeholder is the JSON string "\u0000vka-sealed:<path>".
inline constexpr std::string_view kPlaceholderMarker = "\\u0000vka-sealed:";

// The canonical JSON text of the placeholder for the value at `path`
// ("contacts", or "a.b" for a nested field).
std::string PlaceholderFor(std::string_view path);

// True if the body holds a placeholder (or the reserved text in a value).
bool HasPlaceholder(std::string_view body);

// False when the body cannot hold a sensitive value of the kind because no
// member has the name of one of its sensitive fields. Cheap (substring
// search, no parsing), so every append can call it.
bool MayHoldSensitive(model::Kind kind, std::string_view body);

// True if `path` ("contacts", "consent.date") names a sensitive field of
// the kind or a member inside one.
bool IsSensitivePath(model::Kind kind, std::string_view path);

// The kinds that have sensitive fields.
const std::vector<model::Kind>& KindsWithSensitiveFields();

// A body split into what is stored and the sensitive values taken out of
// it: (path, canonical JSON text of the value), in path order.
struct SplitBody {
  std::string stored;
  std::vector<std::pair<std::string, std::string>> values;
};

// Takes every sensitive value out of a canonical body of the kind, leaving
// placeholders. `values` is empty when there is none (then `stored` is
// empty too; the body is stored as it is). kInvalidArgument when the body
// holds the reserved placeholder text, or holds sensitive values but is not
// a canonical JSON object (splicing would not give back its exact bytes).
base::Result<SplitBody> SplitSensitive(model::Kind kind, std::string_view body);

// Puts the values back in place of their placeholders. kDataLoss when a
// placeholder is missing or repeated, or one is left without a value;
// `what` names the revision in the message.
base::Result<std::string> Splice(std::string_view stored,
                                 const std::vector<std::pair<std::string, std::string>>& values,
                                 std::string_view what);

// One value sealed with a data key.
struct SealedValue {
  std::string path;
  std::string key_id;
  std::string nonce;       // 24 random bytes
  std::string ciphertext;  // padded plaintext + 16-byte tag
};

// Encrypts `plaintext` (the value's canonical JSON) with XChaCha20-Poly1305
// under a fresh random nonce; the associated data binds the record id, the
// revision, the path and the key id, so a ciphertext moved elsewhere fails
// to open.
SealedValue SealValue(const DataKey& key, std::string_view record_id, int64_t rev,
                      std::string path, std::string_view plaintext);

// Decrypts a value. kDataLoss when it does not authenticate (altered, moved
// from another record or path, or a different key under the same id) or
// its padding is malformed; `what` names the revision.
// REQUIRES: key.id == value.key_id.
base::Result<std::string> OpenValue(const DataKey& key, std::string_view record_id, int64_t rev,
                                    const SealedValue& value, std::string_view what);

// The key check stored beside a key's id: keyed BLAKE2b of a fixed text, so
// a wrong key file is told apart from altered ciphertexts. Reveals nothing
// about the key.
std::string KeyCheck(const DataKey& key);

}  // namespace vka::storage::internal
