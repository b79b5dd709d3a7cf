#include "app/internal/bag_check.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/files.h"
#include "base/line_reader.h"
#include "evidence/blob_store.h"
#include "evidence/leaf.h"
#include "evidence/note.h"

namespace vka::app::internal {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSha256HexChars = 64;

std::string Str(std::string_view s) { return std::string(s); }
std::string At(std::string_view file, int64_t line) {
  return Str(file) + ":" + std::to_string(line) + ": ";
}

bool IsEvidencePath(const std::string& path) {
  const std::string prefix = Str(kEvidenceDir) + "/";
  return path.rfind(prefix, 0) == 0 && path.size() == prefix.size() + kSha256HexChars &&
         evidence::IsSha256Hex(path.substr(prefix.size()));
}

}  // namespace

base::Status ForEachBagRecord(const CheckedBag& bag, const RecordFn& fn) {
  const std::string file(kRecordsPath);
  std::ifstream in(bag.dir / file, std::ios::binary);
  if (!in) return base::NotFoundError("cannot open " + file);
  base::LineReader reader(in, kMaxRecordLineBytes);
  std::string text;
  for (auto outcome = reader.Next(text); outcome != base::LineReader::Outcome::kEnd;
       outcome = reader.Next(text)) {
    const int64_t line = reader.line_number();
    if (outcome == base::LineReader::Outcome::kTooLong) {
      return base::InvalidArgumentError(At(file, line) + "line is longer than 16 MiB");
    }
    if (text.empty()) continue;
    auto body = base::ParseJsonStrict(text);
    if (!body.ok() || !body->is_object() || !body->contains("id") || !(*body)["id"].is_string() ||
        !body->contains("kind") || !(*body)["kind"].is_string()) {
      return base::InvalidArgumentError(At(file, line) +
                                        "not a record (a JSON object with id and kind)");
    }
    const std::string id = (*body)["id"].get<std::string>();
    auto kind = model::ParseKindName((*body)["kind"].get<std::string>());
    if (!kind.ok() || model::KindOfId(id) != *kind) {
      return base::InvalidArgumentError(At(file, line) + "\"" + id + "\" is not an id of its kind");
    }
    auto proof = bag.record_proofs.find(id);
    if (proof == bag.record_proofs.end()) {
      return base::DataLossError(At(file, line) + id + " has no inclusion proof in " +
                                 Str(kProofsPath));
    }
    evidence::Hash commitment = evidence::SaltedCommitment(proof->second.salt, text);
    std::string entry = *kind == model::Kind::kCustodyEvent ? evidence::CustodyEventLeaf(commitment)
                                                            : evidence::RevisionLeaf(commitment);
    if (entry != proof->second.entry) {
      return base::DataLossError(
          At(file, line) + id + ": the body does not match log leaf " +
          std::to_string(proof->second.leaf_index) + ", which committed to its revision " +
          std::to_string(proof->second.rev) + " (altered after it was logged)");
    }
    VKA_RETURN_IF_ERROR(fn(line, id, std::move(*body), text));
  }
  if (in.bad()) return base::IOError("read " + file + " failed");
  return base::OkStatus();
}

namespace {

// Checks a bag; see CheckBag.
class BagChecker {
 public:
  BagChecker(fs::path dir, const ProgressFn& progress) : progress_(progress) {
    bag_.dir = std::move(dir);
  }

  base::Result<CheckedBag> Check() {
    VKA_RETURN_IF_ERROR(CheckTagFiles());
    VKA_RETURN_IF_ERROR(CheckPayload());
    VKA_RETURN_IF_ERROR(CheckLayout());
    VKA_RETURN_IF_ERROR(CheckCheckpoint());
    VKA_RETURN_IF_ERROR(CheckProofs());
    VKA_RETURN_IF_ERROR(CheckRecords());
    VKA_RETURN_IF_ERROR(CheckEvidence());
    VKA_RETURN_IF_ERROR(CheckCustody());
    bag_.bytes_checked = done_;
    return std::move(bag_);
  }

 private:
  base::Result<std::string> ReadTagFile(std::string_view rel, size_t max_bytes) {
    auto text = ReadSmallFile(bag_.dir / Str(rel), max_bytes);
    if (text.status().code() == base::StatusCode::kNotFound) {
      return base::InvalidArgumentError("not a BagIt bag: " + Str(rel) + " is missing");
    }
    return text;
  }
  // A payload file read whole, its bytes checked against the manifest.
  base::Result<std::string> ReadPayloadFile(std::string_view rel, size_t max_bytes) {
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(bag_.dir / Str(rel), max_bytes));
    if (base::HexLower(base::Sha256Of(text)) != bag_.manifest.at(Str(rel))) {
      return base::DataLossError(Str(rel) + " changed while the bag was being checked");
    }
    return text;
  }
  base::Status CheckTagFiles();
  base::Status CheckPayload();
  base::Status CheckOxum(uint64_t bytes, size_t files);
  base::Status CheckLayout();
  base::Status CheckCheckpoint();
  base::Status CheckProofs();
  base::Status CheckProofLine(const ProofLine& p, int64_t line);
  base::Status CheckRecords();
  base::Status CheckEvidence();
  base::Status CheckCustody();

  const ProgressFn& progress_;
  CheckedBag bag_;
  std::string manifest_text_;
  uint64_t done_ = 0;
};

base::Status BagChecker::CheckTagFiles() {
  std::error_code ec;
  if (!fs::is_directory(bag_.dir, ec))
    return base::NotFoundError("no bag folder '" + bag_.dir.string() + "'");
  if (fs::exists(bag_.dir / Str(kFetchTxt), ec)) {
    return base::InvalidArgumentError(
        "fetch.txt: bags with files to fetch are not supported; fetch them and remove fetch.txt");
  }
  VKA_ASSIGN_OR_RETURN(std::string bagit, ReadTagFile(kBagitTxt, kMaxTagFileBytes));
  VKA_ASSIGN_OR_RETURN(TagList declaration, ParseTagFile(bagit, kBagitTxt));
  std::string version = TagValue(declaration, "BagIt-Version");
  std::string encoding = TagValue(declaration, "Tag-File-Character-Encoding");
  std::transform(encoding.begin(), encoding.end(), encoding.begin(), ::toupper);
  if ((version != "1.0" && version != "0.97") || encoding != "UTF-8") {
    return base::InvalidArgumentError(
        "bagit.txt: need BagIt-Version 1.0 (or 0.97) and UTF-8 tag files");
  }
  VKA_ASSIGN_OR_RETURN(std::string info, ReadTagFile(kBagInfoTxt, kMaxTagFileBytes));
  VKA_ASSIGN_OR_RETURN(bag_.info, ParseTagFile(info, kBagInfoTxt));
  VKA_ASSIGN_OR_RETURN(manifest_text_, ReadTagFile(kManifestTxt, kMaxManifestBytes));
  VKA_ASSIGN_OR_RETURN(std::string tags, ReadTagFile(kTagManifestTxt, kMaxManifestBytes));
  VKA_ASSIGN_OR_RETURN(auto entries, ParseManifest(tags, kTagManifestTxt));
  // The tag files just read are checked in memory: what is parsed is what was checked.
  const std::map<std::string, const std::string*> read = {
      {Str(kBagitTxt), &bagit}, {Str(kBagInfoTxt), &info}, {Str(kManifestTxt), &manifest_text_}};
  for (const auto& tag_file : read) {
    const std::string& path = tag_file.first;
    const std::string* text = tag_file.second;
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const ManifestEntry& e) { return e.path == path; });
    if (it == entries.end())
      return base::InvalidArgumentError("tagmanifest-sha256.txt does not list " + path);
    std::string actual = base::HexLower(base::Sha256Of(*text));
    if (actual != it->sha256) {
      return base::DataLossError("tagmanifest-sha256.txt: " + path +
                                 ": checksum mismatch (the file's SHA-256 is " + actual +
                                 ", the manifest says " + it->sha256 + ")");
    }
  }
  for (const ManifestEntry& e : entries) {
    if (read.count(e.path) != 0) continue;
    if (e.path.rfind("data/", 0) == 0)
      return base::InvalidArgumentError("tagmanifest-sha256.txt lists the payload file " + e.path);
    auto digest = HashFile(bag_.dir / e.path);
    if (digest.status().code() == base::StatusCode::kNotFound) {
      return base::DataLossError(e.path + " is listed in tagmanifest-sha256.txt but missing");
    }
    VKA_RETURN_IF_ERROR(digest.status());
    if (digest->sha256 != e.sha256)
      return base::DataLossError("tagmanifest-sha256.txt: " + e.path + ": checksum mismatch");
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckOxum(uint64_t bytes, size_t files) {
  const std::string oxum = TagValue(bag_.info, kPayloadOxum);
  const std::string found = std::to_string(bytes) + "." + std::to_string(files);
  size_t dot = oxum.find('.');
  if (oxum.empty() || dot == std::string::npos || dot == 0 || dot + 1 == oxum.size() ||
      oxum.find_first_not_of("0123456789.") != std::string::npos ||
      oxum.find('.', dot + 1) != std::string::npos) {
    return base::InvalidArgumentError("bag-info.txt: Payload-Oxum is missing or malformed (\"" +
                                      oxum + "\")");
  }
  if (oxum != found) {
    return base::DataLossError("bag-info.txt: Payload-Oxum is " + oxum + " but the payload has " +
                               std::to_string(bytes) + " bytes in " + std::to_string(files) +
                               " files");
  }
  return base::OkStatus();
}

// Every payload file listed, every listed file present, Payload-Oxum, then
// every checksum (the slow part: each file read once).
base::Status BagChecker::CheckPayload() {
  VKA_ASSIGN_OR_RETURN(auto entries, ParseManifest(manifest_text_, kManifestTxt));
  for (const ManifestEntry& e : entries) {
    if (e.path.rfind("data/", 0) != 0)
      return base::InvalidArgumentError("manifest-sha256.txt: " + e.path + " is not in data/");
    bag_.manifest[e.path] = e.sha256;
  }
  std::error_code ec;
  const fs::path data = bag_.dir / Str(kDataDir);
  if (fs::is_symlink(data, ec) || !fs::is_directory(data, ec)) {
    return base::InvalidArgumentError("not a BagIt bag: data/ is missing (or a symbolic link)");
  }
  for (auto it = fs::recursive_directory_iterator(data, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string rel = fs::relative(it->path(), bag_.dir).generic_string();
    if (it->is_symlink())
      return base::InvalidArgumentError(rel + " is a symbolic link (a bag holds files)");
    if (it->is_directory()) continue;
    if (!it->is_regular_file()) return base::InvalidArgumentError(rel + " is not a regular file");
    if (bag_.manifest.count(rel) == 0)
      return base::DataLossError(rel + " is not listed in manifest-sha256.txt");
    bag_.payload_sizes[rel] = it->file_size();
    bag_.payload_bytes += it->file_size();
    if (IsEvidencePath(rel)) bag_.evidence_bytes += it->file_size();
  }
  if (ec) return base::IOError("list " + data.string() + ": " + ec.message());
  for (const auto& [path, sha] : bag_.manifest) {
    if (bag_.payload_sizes.count(path) == 0)
      return base::DataLossError(path + " is listed in manifest-sha256.txt but missing");
  }
  VKA_RETURN_IF_ERROR(CheckOxum(bag_.payload_bytes, bag_.payload_sizes.size()));
  for (const auto& [path, sha] : bag_.manifest) {
    VKA_ASSIGN_OR_RETURN(FileDigest digest, HashFile(bag_.dir / path, [&](uint64_t n) {
                           done_ += n;
                           if (progress_)
                             progress_(done_, bag_.payload_bytes + bag_.evidence_bytes);
                         }));
    if (digest.sha256 != sha) {
      return base::DataLossError("manifest-sha256.txt: " + path +
                                 ": checksum mismatch (the file's SHA-256 is " + digest.sha256 +
                                 ", the manifest says " + sha + ")");
    }
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckLayout() {
  for (std::string_view required :
       {kRecordsPath, kCustodyPath, kCheckpointPath, kVerifierKeyPath, kProofsPath}) {
    if (bag_.manifest.count(Str(required)) == 0) {
      return base::InvalidArgumentError("not a vka bag: " + Str(required) + " is missing");
    }
  }
  for (const auto& [path, sha] : bag_.manifest) {
    bool known = path == kRecordsPath || path == kCustodyPath || path == kCheckpointPath ||
                 path == kVerifierKeyPath || path == kProofsPath;
    if (!known && !IsEvidencePath(path)) {
      return base::InvalidArgumentError(
          path + ": not part of a vka bag (evidence files are data/evidence/<sha256>)");
    }
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckCheckpoint() {
  VKA_ASSIGN_OR_RETURN(std::string key, ReadPayloadFile(kVerifierKeyPath, kMaxTagFileBytes));
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' '))
    key.pop_back();
  auto verifier = evidence::NoteVerifier::Parse(key);
  if (!verifier.ok()) return verifier.status().WithContext(kVerifierKeyPath);
  bag_.verifier_key = key;
  VKA_ASSIGN_OR_RETURN(std::string note, ReadPayloadFile(kCheckpointPath, kMaxTagFileBytes));
  auto checkpoint = evidence::OpenCheckpoint(note, *verifier);
  if (!checkpoint.ok()) {
    return base::DataLossError(Str(kCheckpointPath) +
                               ": the signature does not verify with the key in " +
                               Str(kVerifierKeyPath) + " (" + checkpoint.status().message() + ")");
  }
  bag_.checkpoint = *checkpoint;
  return base::OkStatus();
}

base::Status BagChecker::CheckProofLine(const ProofLine& p, int64_t line) {
  const std::string where = At(kProofsPath, line);
  const std::string what = p.record.empty() ? "evidence file " + p.evidence : p.record;
  if (p.tree_size != bag_.checkpoint.size) {
    return base::DataLossError(where + "the proof of " + what + " is for tree size " +
                               std::to_string(p.tree_size) + ", but " + Str(kCheckpointPath) +
                               " is of size " + std::to_string(bag_.checkpoint.size));
  }
  if (evidence::LeafHash(p.entry) != p.leaf_hash)
    return base::DataLossError(where + "leaf_hash is not the hash of entry");
  if (!evidence::VerifyInclusion(p.leaf_index, p.tree_size, p.leaf_hash, p.proof,
                                 bag_.checkpoint.root)
           .ok()) {
    return base::DataLossError(where + "the inclusion proof of " + what + " (leaf " +
                               std::to_string(p.leaf_index) + ") does not verify against " +
                               Str(kCheckpointPath));
  }
  auto parsed = evidence::ParseLeafEntry(p.entry);
  if (!parsed.ok()) return base::DataLossError(where + parsed.status().message());
  bool file = parsed->type == evidence::format::LeafType::kEvidenceFile;
  if (file != p.record.empty() || (file && base::HexLower(parsed->hash) != p.evidence)) {
    return base::DataLossError(where + "the entry does not commit to " + what);
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckProofs() {
  const std::string file(kProofsPath);
  std::ifstream in(bag_.dir / file, std::ios::binary);
  if (!in) return base::NotFoundError("cannot open " + file);
  base::LineReader reader(in, kMaxProofLineBytes);
  std::string text;
  for (auto outcome = reader.Next(text); outcome != base::LineReader::Outcome::kEnd;
       outcome = reader.Next(text)) {
    const int64_t line = reader.line_number();
    if (outcome == base::LineReader::Outcome::kTooLong)
      return base::InvalidArgumentError(At(file, line) + "line too long");
    if (text.empty()) continue;
    auto p = ParseProofLine(text);
    if (!p.ok()) return base::InvalidArgumentError(At(file, line) + p.status().message());
    VKA_RETURN_IF_ERROR(CheckProofLine(*p, line));
    bool added =
        p->record.empty()
            ? bag_.evidence_proofs.emplace(p->evidence, line).second
            : bag_.record_proofs
                  .emplace(p->record, RecordProof{p->rev, p->salt, p->entry, p->leaf_index, line})
                  .second;
    if (!added)
      return base::InvalidArgumentError(At(file, line) + "a second proof of " +
                                        (p->record.empty() ? p->evidence : p->record));
  }
  if (in.bad()) return base::IOError("read " + file + " failed");
  return base::OkStatus();
}

base::Status BagChecker::CheckRecords() {
  VKA_RETURN_IF_ERROR(ForEachBagRecord(
      bag_, [&](int64_t line, const std::string& id, base::Json body, const std::string&) {
        RecordProof& proof = bag_.record_proofs.at(id);
        if (proof.used)
          return base::InvalidArgumentError(At(kRecordsPath, line) + id + " appears twice");
        proof.used = true;
        if (body["kind"] == "custody_event") bag_.custody_of[id] = body.value("evidence", "");
        return base::OkStatus();
      }));
  for (const auto& [id, proof] : bag_.record_proofs) {
    if (!proof.used) {
      return base::DataLossError(At(kProofsPath, proof.line) + "a proof of " + id +
                                 ", which is not in " + Str(kRecordsPath) +
                                 " (a record was removed from the bag)");
    }
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckEvidence() {
  for (const auto& [path, sha] : bag_.manifest) {
    if (!IsEvidencePath(path)) continue;
    const std::string name = fs::path(path).filename().string();
    if (sha != name)
      return base::DataLossError(path + ": its SHA-256 is " + sha + ", not its name");
    if (bag_.evidence_proofs.count(sha) == 0) {
      return base::DataLossError(path + " has no inclusion proof in " + Str(kProofsPath));
    }
  }
  for (const auto& [sha, line] : bag_.evidence_proofs) {
    if (bag_.manifest.count(Str(kEvidenceDir) + "/" + sha) == 0) {
      return base::DataLossError(
          At(kProofsPath, line) + "a proof of evidence file " + sha +
          ", which is not in data/evidence/ (a file was removed from the bag)");
    }
  }
  return base::OkStatus();
}

base::Status BagChecker::CheckCustody() {
  const std::string file(kCustodyPath);
  VKA_ASSIGN_OR_RETURN(std::string text, ReadPayloadFile(kCustodyPath, kMaxCustodyBytes));
  std::istringstream in(text);
  std::string row;
  for (int64_t line = 1; std::getline(in, row); ++line) {
    if (row.empty()) continue;
    auto parsed = ParseCustodyLine(row);
    if (!parsed.ok()) return base::InvalidArgumentError(At(file, line) + parsed.status().message());
    const std::string sha = parsed->file.sha256;
    auto size = bag_.payload_sizes.find(Str(kEvidenceDir) + "/" + sha);
    if (size == bag_.payload_sizes.end())
      return base::InvalidArgumentError(At(file, line) + "evidence file " + sha +
                                        " is not in data/evidence/");
    if (static_cast<uint64_t>(parsed->file.size) != size->second) {
      return base::InvalidArgumentError(At(file, line) + "size " +
                                        std::to_string(parsed->file.size) +
                                        " differs from the file's");
    }
    for (const std::string& id : parsed->custody) {
      auto it = bag_.custody_of.find(id);
      if (it == bag_.custody_of.end() || it->second != sha) {
        return base::InvalidArgumentError(
            At(file, line) + id + " is not a custody_event of this file in " + Str(kRecordsPath));
      }
    }
    if (!bag_.evidence.emplace(sha, std::move(*parsed)).second)
      return base::InvalidArgumentError(At(file, line) + sha + " appears twice");
  }
  for (const auto& [sha, line] : bag_.evidence_proofs) {
    if (bag_.evidence.count(sha) == 0) {
      return base::InvalidArgumentError(Str(kEvidenceDir) + "/" + sha + " has no line in " + file);
    }
  }
  return base::OkStatus();
}

}  // namespace

base::Result<CheckedBag> CheckBag(const std::filesystem::path& dir, const ProgressFn& progress) {
  return BagChecker(dir, progress).Check();
}

}  // namespace vka::app::internal
