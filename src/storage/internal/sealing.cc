#include "storage/internal/sealing.h"

#include <sodium.h>

#include <string.h>  // memmem

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "base/json.h"
#include "model/schema.h"

namespace vka::storage::internal {
namespace {

using base::Json;

// Values are padded to a multiple of this before encryption, so a
// ciphertext's length tells only roughly how long the value is.
constexpr size_t kPadBlock = 32;
constexpr std::string_view kAssociatedDataTag = "vka-sealed-v1";
constexpr std::string_view kKeyCheckText = "vka-data-key-check-v1";
// The placeholder's JSON string starts with U+0000, which canonical JSON
// writes as \u0000: the text kPlaceholderMarker.
constexpr std::string_view kPlaceholderPrefix{"\0vka-sealed:", 12};

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // no CSPRNG: nothing safe can be done
}

// The names of every sensitive field of the kind at any depth.
void CollectNames(const std::vector<model::FieldSpec>& specs, std::vector<std::string>& out) {
  for (const auto& spec : specs) {
    if (spec.sensitive) out.emplace_back(spec.name);
    CollectNames(spec.members, out);
  }
}

const std::vector<std::string>& SensitiveNamesOf(model::Kind kind) {
  static const auto* table = [] {
    auto* names = new std::vector<std::vector<std::string>>(model::AllKinds().size());
    for (model::Kind k : model::AllKinds()) {
      CollectNames(model::SchemaOf(k).fields, names->at(static_cast<size_t>(k)));
    }
    return names;
  }();
  return (*table)[static_cast<size_t>(kind)];
}

std::string JoinPath(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

// Replaces each sensitive value under `value` (described by `specs`) with
// its placeholder, collecting (path, canonical text). Arrays of objects
// get the element's index as a path segment.
base::Status TakeSensitive(Json& value, const std::vector<model::FieldSpec>& specs,
                           const std::string& path,
                           std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_array()) {
    for (size_t idx = 0; idx < value.size(); ++idx) {
      VKA_RETURN_IF_ERROR(TakeSensitive(value[idx], specs, JoinPath(path, std::to_string(idx)), out));
    }
    return base::OkStatus();
  }
  if (!value.is_object()) return base::OkStatus();
  for (const auto& spec : specs) {
    auto it = value.find(spec.name);
    if (it == value.end()) continue;
    std::string member_path = JoinPath(path, spec.name);
    if (spec.sensitive) {
      VKA_ASSIGN_OR_RETURN(std::string text, base::CanonicalJson(*it));
      out.emplace_back(member_path, std::move(text));
      *it = std::string(kPlaceholderPrefix) + member_path;
    } else if (!spec.members.empty()) {
      VKA_RETURN_IF_ERROR(TakeSensitive(*it, spec.members, member_path, out));
    }
  }
  return base::OkStatus();
}

std::string AssociatedData(std::string_view record_id, int64_t rev, std::string_view path,
                           std::string_view key_id) {
  const std::string rev_text = std::to_string(rev);
  std::string ad(kAssociatedDataTag);
  for (std::string_view part : {record_id, std::string_view(rev_text), path, key_id}) {
    ad.push_back('\0');
    ad.append(part);
  }
  return ad;
}

// glibc's memmem is vectorised; std::string_view::find compares byte by
// byte (it made these checks cost over 1 us of CPU per body).
bool Contains(std::string_view haystack, std::string_view needle) {
  return ::memmem(haystack.data(), haystack.size(), needle.data(), needle.size()) != nullptr;
}

const uint8_t* Bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }
uint8_t* Bytes(std::string& s) { return reinterpret_cast<uint8_t*>(s.data()); }

}  // namespace

std::string PlaceholderFor(std::string_view path) {
  return "\"" + std::string(kPlaceholderMarker) + std::string(path) + "\"";
}

bool HasPlaceholder(std::string_view body) {
  // Most bodies hold no backslash at all: memchr finds that in ~7 ns.
  if (std::memchr(body.data(), '\\', body.size()) == nullptr) return false;
  return Contains(body, kPlaceholderMarker);
}

bool MayHoldSensitive(model::Kind kind, std::string_view body) {
  // Every member name ends in `":`: one memchr pass over the colons, and a
  // comparison of the text before each with the names (about 60 ns for a
  // 400-byte body; one memmem per name took five times as long). A colon
  // inside a string value at worst gives a false positive, which only costs
  // a parse.
  const std::vector<std::string>& names = SensitiveNamesOf(kind);
  if (names.empty()) return false;
  const char* begin = body.data();
  const char* end = begin + body.size();
  for (const char* colon = begin;
       (colon = static_cast<const char*>(std::memchr(colon, ':', end - colon))) != nullptr;
       ++colon) {
    if (colon - begin < 2 || colon[-1] != '"') continue;
    for (const std::string& name : names) {
      const auto span = static_cast<std::ptrdiff_t>(name.size()) + 2;  // quotes around it
      if (colon - begin >= span && colon[-span] == '"' &&
          std::memcmp(colon - span + 1, name.data(), name.size()) == 0) {
        return true;
      }
    }
  }
  return false;
}

bool IsSensitivePath(model::Kind kind, std::string_view path) {
  const std::vector<model::FieldSpec>* specs = &model::SchemaOf(kind).fields;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view segment = path.substr(0, dot);
    auto it = std::find_if(specs->begin(), specs->end(),
                           [&](const model::FieldSpec& s) { return s.name == segment; });
    if (it == specs->end()) return false;
    if (it->sensitive) return true;
    if (dot == std::string_view::npos) return false;
    specs = &it->members;
    path.remove_prefix(dot + 1);
  }
  return false;
}

const std::vector<model::Kind>& KindsWithSensitiveFields() {
  static const auto* kinds = [] {
    auto* out = new std::vector<model::Kind>();
    for (model::Kind k : model::AllKinds()) {
      if (!SensitiveNamesOf(k).empty()) out->push_back(k);
    }
    return out;
  }();
  return *kinds;
}

base::Result<SplitBody> SplitSensitive(model::Kind kind, std::string_view body) {
  if (HasPlaceholder(body)) {
    return base::InvalidArgumentError("the body holds the reserved text \"\\u0000vka-sealed:\"");
  }
  SplitBody out;
  if (!MayHoldSensitive(kind, body)) return out;
  auto parsed = base::ParseJsonStrict(body);
  if (!parsed.ok() || !parsed->is_object()) {
    return base::InvalidArgumentError("a body that may hold sensitive fields is not a JSON object");
  }
  Json json = std::move(parsed).value();
  VKA_RETURN_IF_ERROR(TakeSensitive(json, model::SchemaOf(kind).fields, "", out.values));
  if (out.values.empty()) return out;
  VKA_ASSIGN_OR_RETURN(out.stored, base::CanonicalJson(json));
  auto back = Splice(out.stored, out.values, "");
  if (!back.ok() || *back != body) {
    return base::InvalidArgumentError(
        "a body with sensitive fields must be canonical JSON (RFC 8785) to be sealed");
  }
  return out;
}

base::Result<std::string> Splice(std::string_view stored,
                                 const std::vector<std::pair<std::string, std::string>>& values,
                                 std::string_view what) {
  std::string out(stored);
  for (const auto& [path, text] : values) {
    const std::string placeholder = PlaceholderFor(path);
    size_t pos = out.find(placeholder);
    if (pos == std::string::npos || out.find(placeholder, pos + 1) != std::string::npos) {
      return base::DataLossError(std::string(what) + ": the placeholder of sealed value \"" + path +
                                 "\" is " + (pos == std::string::npos ? "missing" : "repeated"));
    }
    out.replace(pos, placeholder.size(), text);
  }
  if (HasPlaceholder(out)) {
    return base::DataLossError(std::string(what) + ": a sealed value is missing (a placeholder " +
                               "has no ciphertext)");
  }
  return out;
}

SealedValue SealValue(const DataKey& key, std::string_view record_id, int64_t rev,
                      std::string path, std::string_view plaintext) {
  EnsureSodium();
  SealedValue out;
  out.key_id = key.id;
  out.nonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  randombytes_buf(out.nonce.data(), out.nonce.size());
  std::string padded(plaintext.size() + kPadBlock, '\0');
  std::copy(plaintext.begin(), plaintext.end(), padded.begin());
  size_t padded_size = 0;
  // Cannot fail: the buffer has a whole block to spare.
  sodium_pad(&padded_size, Bytes(padded), plaintext.size(), kPadBlock, padded.size());
  const std::string ad = AssociatedData(record_id, rev, path, key.id);
  out.ciphertext.resize(padded_size + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(Bytes(out.ciphertext), &written, Bytes(padded),
                                             padded_size, Bytes(ad), ad.size(), nullptr,
                                             Bytes(out.nonce), key.bytes.data());
  sodium_memzero(padded.data(), padded.size());
  out.ciphertext.resize(written);
  out.path = std::move(path);
  return out;
}

base::Result<std::string> OpenValue(const DataKey& key, std::string_view record_id, int64_t rev,
                                    const SealedValue& value, std::string_view what) {
  EnsureSodium();
  auto fail = [&](std::string_view why) {
    return base::DataLossError(std::string(what) + ": sealed value \"" + value.path +
                               "\" cannot be opened with data key " + key.id + " (" +
                               std::string(why) + ")");
  };
  if (value.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      value.ciphertext.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return fail("malformed nonce or ciphertext");
  }
  const std::string ad = AssociatedData(record_id, rev, value.path, key.id);
  std::string padded(value.ciphertext.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long padded_size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          Bytes(padded), &padded_size, nullptr, Bytes(value.ciphertext), value.ciphertext.size(),
          Bytes(ad), ad.size(), Bytes(value.nonce), key.bytes.data()) != 0) {
    return fail("it does not authenticate: altered, or moved from another record or field");
  }
  size_t size = 0;
  if (sodium_unpad(&size, Bytes(padded), padded_size, kPadBlock) != 0) {
    return fail("bad padding");
  }
  padded.resize(size);
  return padded;
}

std::string KeyCheck(const DataKey& key) {
  EnsureSodium();
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(Bytes(out), out.size(), Bytes(kKeyCheckText), kKeyCheckText.size(),
                     key.bytes.data(), key.bytes.size());
  return out;
}

}  // namespace vka::storage::internal
