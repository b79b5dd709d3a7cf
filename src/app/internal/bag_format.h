#pragma once

// The layout of a vka archival bag (BagIt, RFC 8493) and the pieces that
// export (app/bag_export.cc) and import (app/bag_import.cc) share. The
// specification is docs/formats/bag.md; every name and line form here is
// defined there.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/sha256.h"
#include "base/status.h"
#include "evidence/merkle.h"
#include "storage/store.h"

namespace vka::app::internal {

// Files of a bag, relative to its folder ('/'-separated).
inline constexpr std::string_view kBagitTxt = "bagit.txt";
inline constexpr std::string_view kBagInfoTxt = "bag-info.txt";
inline constexpr std::string_view kManifestTxt = "manifest-sha256.txt";
inline constexpr std::string_view kTagManifestTxt = "tagmanifest-sha256.txt";
inline constexpr std::string_view kFetchTxt = "fetch.txt";
inline constexpr std::string_view kDataDir = "data";
inline constexpr std::string_view kRecordsPath = "data/records.ndjson";
inline constexpr std::string_view kCustodyPath = "data/custody.ndjson";
inline constexpr std::string_view kEvidenceDir = "data/evidence";
inline constexpr std::string_view kLogDir = "data/log";
inline constexpr std::string_view kCheckpointPath = "data/log/checkpoint";
inline constexpr std::string_view kVerifierKeyPath = "data/log/verifier-key";
inline constexpr std::string_view kProofsPath = "data/log/proofs.ndjson";

// bagit.txt, byte for byte (RFC 8493 §2.1.1).
inline constexpr std::string_view kBagitTxtContents =
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

// bag-info.txt labels vka writes and reads.
inline constexpr std::string_view kSourceOrganization = "Source-Organization";
inline constexpr std::string_view kBaggingDate = "Bagging-Date";
inline constexpr std::string_view kPayloadOxum = "Payload-Oxum";
inline constexpr std::string_view kExternalDescription = "External-Description";
inline constexpr std::string_view kBagSoftwareAgent = "Bag-Software-Agent";

// Limits on what import reads into memory.
inline constexpr size_t kMaxTagFileBytes = 1 << 20;             // bagit.txt, bag-info.txt
inline constexpr size_t kMaxManifestBytes = size_t{256} << 20;  // ~2 million files
inline constexpr size_t kMaxCustodyBytes = size_t{256} << 20;
inline constexpr size_t kMaxProofLineBytes = 1 << 20;
inline constexpr size_t kMaxRecordLineBytes = 16 << 20;  // as `vka import`

// One line of data/log/proofs.ndjson: the inclusion proof of one leaf in
// the tree of the bag's checkpoint. A leaf commits either to a record
// revision (record, rev, salt set; evidence empty) or to an evidence file
// (evidence set; record empty).
struct ProofLine {
  std::string record;    // record id
  int64_t rev = 0;       // its revision
  std::string salt;      // 32 raw bytes: the revision's salt
  std::string evidence;  // SHA-256 of the file, 64 lower-case hex digits
  std::string entry;     // 33 raw bytes: the leaf entry (docs/formats/log.md §1)
  uint64_t leaf_index = 0;
  evidence::Hash leaf_hash{};
  std::vector<evidence::Hash> proof;
  uint64_t tree_size = 0;
};

// The line as canonical JSON (no newline). kInvalidArgument only for a
// ProofLine that names neither or both of record and evidence.
base::Result<std::string> FormatProofLine(const ProofLine& line);
// Parses one line strictly (exact members, lower-case hex of the right
// lengths). kInvalidArgument says what is wrong.
base::Result<ProofLine> ParseProofLine(std::string_view text);

// One line of data/custody.ndjson: an evidence file's metadata (as
// storage::EvidenceFile, empty strings left out) and its chain of custody
// as the ids of its custody_event records, in chain order (date, then id).
struct CustodyLine {
  storage::EvidenceFile file;
  std::vector<std::string> custody;
};
base::Result<std::string> FormatCustodyLine(const CustodyLine& line);
// kInvalidArgument for a malformed line (unknown member, wrong type, a
// sha256 that is not 64 lower-case hex digits, a negative size).
base::Result<CustodyLine> ParseCustodyLine(std::string_view text);

// A manifest line: "<checksum>  <path>".
struct ManifestEntry {
  std::string sha256;  // lower-case hex
  std::string path;    // relative to the bag, '/'-separated, decoded
};
// The manifest text, entries sorted by path, paths percent-encoded as RFC
// 8493 §2.1.3 requires (CR, LF and '%').
std::string FormatManifest(std::vector<ManifestEntry> entries);
// Parses a manifest named `name` (for messages). kInvalidArgument
// "<name>:<line>: ..." for a malformed line, a checksum that is not SHA-256
// hex, a path that is absolute, has "." or ".." parts or is listed twice.
base::Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text,
                                                       std::string_view name);

using TagList = std::vector<std::pair<std::string, std::string>>;
// "Label: value\n" lines; values must not contain line breaks.
std::string FormatTagFile(const TagList& tags);
// Parses a tag file (RFC 8493 §2.2.2): "Label: value" lines, a line that
// starts with a space or tab continues the previous value. Blank lines are
// skipped. kInvalidArgument "<name>:<line>: ..." otherwise, and for a
// byte-order mark or invalid UTF-8.
base::Result<TagList> ParseTagFile(std::string_view text, std::string_view name);
// The first value of `label`, or "".
std::string TagValue(const TagList& tags, std::string_view label);

// Lower-case or upper-case hex to bytes; nullopt if malformed.
std::optional<std::string> HexDecode(std::string_view hex);
std::string HexEncode(std::string_view bytes);

struct FileDigest {
  std::string sha256;  // lower-case hex
  uint64_t size = 0;
};

// Streams a regular file through SHA-256, 1 MiB at a time (constant
// memory); `progress` (may be empty) gets the bytes of each chunk.
// kNotFound if absent; kIOError.
base::Result<FileDigest> HashFile(const std::filesystem::path& path,
                                  const std::function<void(uint64_t)>& progress = {});

// A new file written through a buffer and SHA-256 at once. Finish() makes it
// durable (fsync) and returns its digest. Destroying it unfinished leaves a
// partial file, which the caller's temporary folder removes.
class HashingFile {
 public:
  // Creates path (which must not exist). kAlreadyExists; kIOError.
  static base::Result<std::unique_ptr<HashingFile>> Create(const std::filesystem::path& path);
  ~HashingFile();
  HashingFile(const HashingFile&) = delete;
  HashingFile& operator=(const HashingFile&) = delete;

  base::Status Write(std::string_view bytes);
  // Flushes, fsyncs and closes. kIOError (e.g. "disk full").
  base::Result<FileDigest> Finish();

 private:
  HashingFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  base::Status Flush();

  int fd_;
  std::filesystem::path path_;
  std::string buffer_;
  base::Sha256 hasher_;
  uint64_t size_ = 0;
};

// Writes a whole small file through HashingFile.
base::Result<FileDigest> WriteHashedFile(const std::filesystem::path& path,
                                         std::string_view contents);

// fsync of a folder (after creating or renaming entries in it). kIOError.
base::Status SyncDir(const std::filesystem::path& dir);

}  // namespace vka::app::internal
