#include "app/witness.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/files.h"
#include "app/internal/log_key.h"
#include "app/log.h"
#include "base/sha256.h"
#include "evidence/checkpoint.h"
#include "evidence/cosignature.h"
#include "evidence/log_env.h"
#include "evidence/log_format.h"
#include "evidence/merkle.h"
#include "evidence/note.h"
#include "evidence/proof_text.h"
#include "evidence/tiles.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxPeerNameSize = 64;
constexpr std::string_view kVkeySuffix = ".vkey";
constexpr std::string_view kStateSuffix = ".checkpoint";
constexpr size_t kMaxProofTextSize = 64 * 1024;  // 64 hashes of 65 bytes and more

fs::path PeersDir(const Workspace& ws) { return ws.dir() / "witness" / "peers"; }
fs::path StateDir(const Workspace& ws) { return ws.dir() / "witness" / "state"; }
fs::path CosignaturesDir(const Workspace& ws) { return ws.dir() / "log" / "cosignatures"; }

base::Status CheckPeerName(const std::string& name) {
  const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
  if (name.empty() || name.size() > kMaxPeerNameSize || name[0] == '.' || !allowed) {
    return base::InvalidArgumentError("peer name '" + name +
                                      "' must be 1-64 of A-Z a-z 0-9 . _ - and not start with '.'");
  }
  return base::OkStatus();
}

// A file name for a log origin: bytes other than A-Z a-z 0-9 . _ - (and a
// leading '.') as %XX, so "vka.invalid/log/01j…" is "vka.invalid%2Flog%2F01j…".
std::string OriginFileName(const std::string& origin) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < origin.size(); ++i) {
    const auto c = static_cast<unsigned char>(origin[i]);
    if ((std::isalnum(c) || c == '_' || c == '-' || c == '.') && !(i == 0 && c == '.')) {
      out += static_cast<char>(c);
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return out + std::string(kStateSuffix);
}

struct Peer {
  WitnessPeer info;
  evidence::NoteVerifier key;
};

base::Result<std::vector<Peer>> LoadPeers(const Workspace& ws) {
  std::vector<Peer> peers;
  std::error_code ec;
  if (!fs::exists(PeersDir(ws), ec)) return peers;
  for (fs::directory_iterator it(PeersDir(ws), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.size() <= kVkeySuffix.size() || !file.ends_with(kVkeySuffix)) continue;
    const std::string where = "witness/peers/" + file;
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(it->path(), 4096));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto key = evidence::NoteVerifier::Parse(text);
    if (!key.ok()) return base::DataLossError(where + ": " + key.status().message());
    peers.push_back({{file.substr(0, file.size() - kVkeySuffix.size()), text, std::nullopt}, *key});
  }
  if (ec) return base::IOError("list " + PeersDir(ws).string() + ": " + ec.message());
  std::sort(peers.begin(), peers.end(),
            [](const Peer& a, const Peer& b) { return a.info.name < b.info.name; });
  return peers;
}

std::vector<evidence::NoteVerifier> Keys(const std::vector<Peer>& peers) {
  std::vector<evidence::NoteVerifier> keys;
  for (const Peer& p : peers) keys.push_back(p.key);
  return keys;
}

base::Status WriteFileCreatingDir(const fs::path& path, std::string_view contents) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return base::IOError("create " + path.parent_path().string() + ": " + ec.message());
  return WriteFileAtomically(path, contents);
}

// A checkpoint note read back from one of our files; kDataLoss naming it.
struct StoredCheckpoint {
  evidence::ParsedNote note;
  evidence::Checkpoint checkpoint;
};
base::Result<std::optional<StoredCheckpoint>> ReadStoredCheckpoint(const fs::path& path,
                                                                   const std::string& where) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<StoredCheckpoint>();
  VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  auto note = evidence::ParseNote(text);
  if (!note.ok()) return base::DataLossError(where + ": " + note.status().message());
  auto checkpoint = evidence::ParseCheckpoint(note->text);
  if (!checkpoint.ok()) return base::DataLossError(where + ": " + checkpoint.status().message());
  return std::make_optional(StoredCheckpoint{std::move(*note), std::move(*checkpoint)});
}

std::string Hex(const evidence::Hash& h) { return base::HexLower(h.data(), h.size()); }

std::string DifferentHistory(const std::string& origin, const std::string& why) {
  return "the log " + origin + " shows a different history: " + why;
}

// Checks that `next` extends `last` (what this workspace cosigned before).
base::Status CheckExtends(const evidence::Checkpoint& last, const evidence::Checkpoint& next,
                          const CosignRequest& request) {
  const std::string& origin = next.origin;
  const std::string sizes = std::to_string(last.size) + " to " + std::to_string(next.size);
  if (next.size < last.size) {
    return base::FailedPreconditionError(
        "this workspace already cosigned size " + std::to_string(last.size) + " of the log " +
        origin + "; refusing the smaller size " + std::to_string(next.size));
  }
  if (next.size == last.size) {
    if (next.root == last.root) return base::OkStatus();
    return base::DataLossError(DifferentHistory(
        origin, "size " + std::to_string(next.size) + " has root " + Hex(next.root) +
                    ", but this workspace cosigned root " + Hex(last.root) + " for it"));
  }
  if (request.old_size && *request.old_size != last.size) {
    return base::InvalidArgumentError("--old-size " + std::to_string(*request.old_size) +
                                      ", but this workspace last cosigned size " +
                                      std::to_string(last.size) + " of " + origin +
                                      ": give a proof from size " + std::to_string(last.size));
  }
  if (!request.proof) {
    return base::FailedPreconditionError(
        "this workspace cosigned size " + std::to_string(last.size) + " of " + origin +
        " before: give --old-size " + std::to_string(last.size) +
        " --proof FILE with the output of `vka log consistency --old " + std::to_string(last.size) +
        " --new " + std::to_string(next.size) + "` from that log");
  }
  VKA_ASSIGN_OR_RETURN(evidence::ConsistencyProofText proof,
                       evidence::ParseConsistencyProof(*request.proof));
  if (proof.old_size != last.size || proof.new_size != next.size) {
    return base::InvalidArgumentError("the proof is from size " + std::to_string(proof.old_size) +
                                      " to " + std::to_string(proof.new_size) + "; need " + sizes);
  }
  if (proof.new_root != next.root) {
    return base::InvalidArgumentError("the proof's new root " + Hex(proof.new_root) +
                                      " is not the checkpoint's root " + Hex(next.root));
  }
  if (proof.old_root != last.root) {
    return base::DataLossError(DifferentHistory(
        origin, "at size " + std::to_string(last.size) + " it now claims root " +
                    Hex(proof.old_root) + ", but this workspace cosigned root " + Hex(last.root)));
  }
  base::Status consistent =
      evidence::VerifyConsistency(last.size, next.size, proof.proof, last.root, next.root);
  if (!consistent.ok()) {
    return base::DataLossError(DifferentHistory(
        origin, "the consistency proof from size " + sizes +
                    " does not verify against the root cosigned before: " + consistent.message()));
  }
  return base::OkStatus();
}

// The peer whose key signs the log `origin`, or kNotFound.
base::Result<Peer> PeerForOrigin(const std::vector<Peer>& peers, const std::string& origin) {
  for (const Peer& p : peers) {
    if (p.key.name == origin) return p;
  }
  return base::NotFoundError("no registered peer has a key for the log " + origin +
                             ": register it with `vka witness add NAME VKEY`");
}

base::Result<evidence::Checkpoint> OpenPeerCheckpoint(const std::string& note, const Peer& peer) {
  auto checkpoint = evidence::OpenCheckpoint(note, peer.key);
  if (checkpoint.ok()) return checkpoint;
  if (checkpoint.status().code() == base::StatusCode::kNotFound) {
    return base::NotFoundError("the checkpoint is not signed by the key registered for peer " +
                               peer.info.name + " (" + peer.info.vkey + ")");
  }
  return checkpoint.status().WithContext("checkpoint of " + peer.key.name);
}

}  // namespace

base::Result<bool> AddWitnessPeer(Workspace& ws, const std::string& name, const std::string& vkey) {
  VKA_RETURN_IF_ERROR(CheckPeerName(name));
  auto key = evidence::NoteVerifier::Parse(vkey);
  if (!key.ok()) return key.status().WithContext("verifier key of peer " + name);
  if (key->name == ws.config().log_origin) {
    return base::InvalidArgumentError("this is the key of this workspace's own log");
  }
  VKA_ASSIGN_OR_RETURN(std::vector<Peer> peers, LoadPeers(ws));
  for (const Peer& p : peers) {
    const bool same_key = p.key.ToString() == key->ToString();
    if (p.info.name == name) {
      if (same_key) return false;
      return base::AlreadyExistsError("peer " + name + " is registered with another key (" +
                                      p.info.vkey + ")");
    }
    if (same_key) return base::AlreadyExistsError("this key is registered as peer " + p.info.name);
    if (p.key.name == key->name) {
      return base::AlreadyExistsError("peer " + p.info.name + " already has a key for the log " +
                                      key->name);
    }
  }
  VKA_RETURN_IF_ERROR(WriteFileCreatingDir(PeersDir(ws) / (name + std::string(kVkeySuffix)),
                                           key->ToString() + "\n"));
  return true;
}

base::Result<std::vector<WitnessPeer>> ListWitnessPeers(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(std::vector<Peer> peers, LoadPeers(ws));
  std::vector<WitnessPeer> out;
  for (Peer& p : peers) {
    const std::string file = OriginFileName(p.key.name);
    VKA_ASSIGN_OR_RETURN(auto state,
                         ReadStoredCheckpoint(StateDir(ws) / file, "witness/state/" + file));
    if (state) p.info.cosigned_size = state->checkpoint.size;
    out.push_back(std::move(p.info));
  }
  return out;
}

base::Result<CosignResult> CosignCheckpoint(Workspace& ws, const CosignRequest& request) {
  auto parsed = evidence::ParseNote(request.checkpoint);
  if (!parsed.ok()) return parsed.status().WithContext("checkpoint");
  auto claimed = evidence::ParseCheckpoint(parsed->text);
  if (!claimed.ok()) return claimed.status().WithContext("checkpoint");
  VKA_ASSIGN_OR_RETURN(std::vector<Peer> peers, LoadPeers(ws));
  VKA_ASSIGN_OR_RETURN(Peer peer, PeerForOrigin(peers, claimed->origin));
  VKA_ASSIGN_OR_RETURN(evidence::Checkpoint next, OpenPeerCheckpoint(request.checkpoint, peer));

  const std::string file = OriginFileName(next.origin);
  VKA_ASSIGN_OR_RETURN(auto last,
                       ReadStoredCheckpoint(StateDir(ws) / file, "witness/state/" + file));
  if (last && last->checkpoint.origin != next.origin) {
    return base::DataLossError("witness/state/" + file + " is the state of the log " +
                               last->checkpoint.origin + ", not " + next.origin);
  }
  if (last) VKA_RETURN_IF_ERROR(CheckExtends(last->checkpoint, next, request));

  VKA_ASSIGN_OR_RETURN(evidence::NoteSigner signer, internal::LoadLogSigner(ws));
  VKA_ASSIGN_OR_RETURN(std::string line,
                       evidence::CosignatureLine(signer, parsed->text, request.now));
  const evidence::NoteVerifier self{signer.name(), signer.key_id(), signer.public_key()};
  const uint32_t self_id = evidence::CosignatureKeyId(self);
  std::string cosigned = parsed->text + "\n";
  for (const evidence::NoteSignature& sig : parsed->signatures) {
    if (sig.name != signer.name() || sig.key_id != self_id) cosigned += sig.line;
  }
  cosigned += line;
  VKA_RETURN_IF_ERROR(WriteFileCreatingDir(StateDir(ws) / file, cosigned));
  std::optional<uint64_t> previous;
  if (last) previous = last->checkpoint.size;
  return CosignResult{next.origin, peer.info.name, next.size, previous, std::move(cosigned)};
}

base::Result<CosignatureImport> ImportCosignatures(Workspace& ws, const std::string& note) {
  VKA_ASSIGN_OR_RETURN(std::string own_vkey, LogVerifierKey(ws));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier own, evidence::NoteVerifier::Parse(own_vkey));
  auto checkpoint = evidence::OpenCheckpoint(note, own);
  if (!checkpoint.ok()) {
    if (checkpoint.status().code() == base::StatusCode::kNotFound) {
      return base::NotFoundError("the checkpoint is not signed by this workspace's log key (" +
                                 own_vkey + ")");
    }
    return checkpoint.status().WithContext("checkpoint");
  }
  VKA_ASSIGN_OR_RETURN(LogState log, CurrentCheckpoint(ws));
  const std::string at = "checkpoint of size " + std::to_string(checkpoint->size);
  if (checkpoint->size > log.size) {
    return base::DataLossError("the " + at +
                               " is signed by this workspace's key, but the log has " + "only " +
                               std::to_string(log.size) + " leaves");
  }
  auto env = evidence::NewPosixLogEnv();
  evidence::TileReader reader(env.get(), (ws.dir() / "log").string(), log.size);
  VKA_ASSIGN_OR_RETURN(evidence::Hash root, evidence::TreeHash(reader, checkpoint->size));
  if (root != checkpoint->root) {
    return base::DataLossError("the " + at + " has root " + Hex(checkpoint->root) +
                               ", but this workspace's log has root " + Hex(root) +
                               " at that size: it is not a checkpoint this log published");
  }

  VKA_ASSIGN_OR_RETURN(std::vector<Peer> peers, LoadPeers(ws));
  VKA_ASSIGN_OR_RETURN(evidence::CosignatureCheck check,
                       evidence::VerifyCosignatures(note, Keys(peers)));
  CosignatureImport result;
  result.size = checkpoint->size;
  std::string own_line;
  for (const evidence::NoteSignature& sig : check.others) {
    if (sig.name == own.name && sig.key_id == own.key_id) {
      own_line = sig.line;
    } else {
      result.unknown.push_back(sig.name);
    }
  }
  if (check.cosignatures.empty()) {
    std::string unknown;
    for (const std::string& name : result.unknown) unknown += (unknown.empty() ? "" : ", ") + name;
    return base::NotFoundError("the " + at + " has no cosignature by a registered peer" +
                               (unknown.empty() ? "" : " (unknown signers: " + unknown + ")"));
  }

  // One line per witness key: the newest, from the stored file or the note.
  const fs::path path = CosignaturesDir(ws) / std::to_string(checkpoint->size);
  std::map<std::pair<std::string, uint32_t>, evidence::VerifiedCosignature> merged;
  auto keep_newest = [&merged](evidence::VerifiedCosignature c) {
    auto [it, added] = merged.try_emplace({c.name, c.key_id}, c);
    if (!added && c.timestamp > it->second.timestamp) it->second = std::move(c);
  };
  std::error_code ec;
  if (fs::exists(path, ec)) {
    const std::string where = "log/cosignatures/" + std::to_string(checkpoint->size);
    VKA_ASSIGN_OR_RETURN(std::string stored, ReadSmallFile(path));
    auto old = evidence::VerifyCosignatures(stored, Keys(peers));
    if (!old.ok()) return old.status().WithContext(where);
    if (old->text != check.text) return base::DataLossError(where + ": holds another checkpoint");
    for (auto& c : old->cosignatures) keep_newest(std::move(c));
  }
  for (const auto& c : check.cosignatures) {
    const auto peer = std::find_if(peers.begin(), peers.end(), [&](const Peer& p) {
      return p.key.name == c.name && evidence::CosignatureKeyId(p.key) == c.key_id;
    });
    result.accepted.push_back(peer->info.name + ": " + c.name + " at " +
                              std::to_string(c.timestamp));
    keep_newest(c);
  }
  std::string out = check.text + "\n" + own_line;
  for (const auto& [key, c] : merged) out += c.line;
  VKA_RETURN_IF_ERROR(WriteFileCreatingDir(path, out));
  result.stored = merged.size();
  return result;
}

base::Result<CosignedCheckpoint> LatestCosignedCheckpoint(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(LogState log, CurrentCheckpoint(ws));
  CosignedCheckpoint out{std::nullopt, log.size, log.checkpoint};
  std::error_code ec;
  if (!fs::exists(CosignaturesDir(ws), ec)) return out;
  for (fs::directory_iterator it(CosignaturesDir(ws), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name.size() > 19 || (name.size() > 1 && name[0] == '0') ||
        !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;  // temporary files of an interrupted write
    }
    const uint64_t size = std::stoull(name);
    if (!out.cosigned_size || size > *out.cosigned_size) out.cosigned_size = size;
  }
  if (ec) return base::IOError("list " + CosignaturesDir(ws).string() + ": " + ec.message());
  if (!out.cosigned_size) return out;
  const std::string where = "log/cosignatures/" + std::to_string(*out.cosigned_size);
  VKA_ASSIGN_OR_RETURN(std::string note,
                       ReadSmallFile(CosignaturesDir(ws) / std::to_string(*out.cosigned_size)));
  VKA_ASSIGN_OR_RETURN(std::string own_vkey, LogVerifierKey(ws));
  VKA_ASSIGN_OR_RETURN(evidence::NoteVerifier own, evidence::NoteVerifier::Parse(own_vkey));
  auto checkpoint = evidence::OpenCheckpoint(note, own);
  if (!checkpoint.ok()) return base::DataLossError(where + ": " + checkpoint.status().message());
  if (checkpoint->size != *out.cosigned_size) {
    return base::DataLossError(where + ": holds a checkpoint of size " +
                               std::to_string(checkpoint->size));
  }
  VKA_ASSIGN_OR_RETURN(std::vector<Peer> peers, LoadPeers(ws));
  auto check = evidence::VerifyCosignatures(note, Keys(peers));
  if (!check.ok()) return base::DataLossError(where + ": " + check.status().message());
  out.note = std::move(note);
  return out;
}

}  // namespace vka::app
