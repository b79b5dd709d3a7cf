#include "app/internal/bag_format.h"

#include "app/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "base/json.h"
#include "base/utf8.h"

namespace vka::app::internal {
namespace fs = std::filesystem;

namespace {

constexpr size_t kChunkBytes = 1 << 20;  // 1 MiB, as the blob store
constexpr size_t kSha256HexChars = 64;
constexpr size_t kSaltBytes = 32;
constexpr size_t kEntryBytes = 33;
constexpr size_t kMaxProofHashes = 64;  // a tree of 2^64 leaves needs at most 64
constexpr size_t kMaxCustodyEvents = 1'000'000;
constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;  // exact in JSON numbers
constexpr mode_t kFileMode = 0644;

std::string ErrnoText() { return errno == ENOSPC ? "disk full" : std::strerror(errno); }

bool IsLowerHex(std::string_view text, size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The members of a strictly parsed JSON object, with typed getters that
// name the member in their errors.
class Members {
 public:
  explicit Members(const base::Json& object) : object_(object) {}

  bool has(const char* name) const { return object_.contains(name); }

  base::Result<std::string> String(const char* name) const {
    auto it = object_.find(name);
    if (it == object_.end() || !it->is_string()) return Missing(name, "a string");
    return it->get<std::string>();
  }
  // An optional string member: "" when absent.
  base::Result<std::string> OptionalString(const char* name) const {
    return has(name) ? String(name) : base::Result<std::string>(std::string());
  }
  base::Result<int64_t> Count(const char* name) const {
    auto it = object_.find(name);
    if (it == object_.end() || !it->is_number_integer()) return Missing(name, "an integer");
    int64_t value = it->get<int64_t>();
    if (value < 0 || value > kMaxSafeInteger) return Missing(name, "an integer from 0 to 2^53-1");
    return value;
  }
  // An optional number from -limit to limit (decimal degrees).
  base::Result<std::optional<double>> OptionalDegrees(const char* name, double limit) const {
    auto it = object_.find(name);
    if (it == object_.end()) return std::optional<double>();
    if (!it->is_number()) return Missing(name, "a number");
    double value = it->get<double>();
    if (!(value >= -limit && value <= limit)) {
      return Missing(name, "a number from " + std::to_string(-limit) + " to " + std::to_string(limit));
    }
    return std::optional<double>(value);
  }
  base::Result<std::string> Hex(const char* name, size_t bytes) const {
    VKA_ASSIGN_OR_RETURN(std::string text, String(name));
    if (!IsLowerHex(text, 2 * bytes)) {
      return Missing(name, std::to_string(2 * bytes) + " lower-case hex digits");
    }
    return *HexDecode(text);
  }
  base::Status OnlyThese(std::initializer_list<const char*> names) const {
    for (const auto& member : object_.items()) {
      const std::string& key = member.key();
      if (std::none_of(names.begin(), names.end(), [&](const char* n) { return key == n; })) {
        return base::InvalidArgumentError("unknown member \"" + key + "\"");
      }
    }
    return base::OkStatus();
  }

 private:
  static base::Status Missing(const char* name, const std::string& what) {
    return base::InvalidArgumentError(std::string("\"") + name + "\" must be " + what);
  }
  const base::Json& object_;
};

base::Result<base::Json> ParseObject(std::string_view text, size_t max_bytes) {
  VKA_ASSIGN_OR_RETURN(base::Json json,
                       base::ParseJsonStrict(text, {.max_depth = 8, .max_bytes = max_bytes}));
  if (!json.is_object()) return base::InvalidArgumentError("a line must be one JSON object");
  return json;
}

evidence::Hash ToHash(const std::string& bytes) {
  evidence::Hash h{};
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

base::Result<std::vector<evidence::Hash>> ParseProofHashes(const base::Json& json) {
  auto it = json.find("proof");
  if (it == json.end() || !it->is_array() || it->size() > kMaxProofHashes) {
    return base::InvalidArgumentError("\"proof\" must be a list of at most 64 hashes");
  }
  std::vector<evidence::Hash> proof;
  for (const auto& h : *it) {
    if (!h.is_string() || !IsLowerHex(h.get<std::string>(), kSha256HexChars)) {
      return base::InvalidArgumentError("\"proof\" holds a value that is not a SHA-256 in hex");
    }
    proof.push_back(ToHash(*HexDecode(h.get<std::string>())));
  }
  return proof;
}

// Percent-encodes CR, LF and '%' in a manifest path (RFC 8493 §2.1.3).
std::string EncodePath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DecodePath(std::string_view path) {
  std::string out;
  for (size_t idx = 0; idx < path.size(); ++idx) {
    if (path[idx] == '%' && idx + 2 < path.size()) {
      std::string code(path.substr(idx + 1, 2));
      std::transform(code.begin(), code.end(), code.begin(), ::toupper);
      if (code == "0A" || code == "0D" || code == "25") {
        out += code == "0A" ? '\n' : code == "0D" ? '\r' : '%';
        idx += 2;
        continue;
      }
    }
    out += path[idx];
  }
  return out;
}

// A manifest path must stay inside the bag: relative, no empty, "." or ".."
// parts, no NUL.
bool IsSafeRelativePath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.find('\0') != std::string::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

// Splits text into lines at "\n", dropping one "\r" before it.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string Where(std::string_view name, size_t line) {
  return std::string(name) + ":" + std::to_string(line) + ": ";
}

}  // namespace

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out(hex.size() / 2, '\0');
  for (size_t idx = 0; idx < out.size(); ++idx) {
    int hi = nibble(hex[2 * idx]);
    int lo = nibble(hex[2 * idx + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[idx] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::string HexEncode(std::string_view bytes) {
  return base::HexLower(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

base::Result<std::string> FormatProofLine(const ProofLine& line) {
  if (line.record.empty() == line.evidence.empty()) {
    return base::InvalidArgumentError("a proof line names a record or an evidence file");
  }
  base::Json proof = base::Json::array();
  for (const auto& h : line.proof) proof.push_back(base::HexLower(h));
  base::Json json = {{"entry", HexEncode(line.entry)},
                     {"leaf_hash", base::HexLower(line.leaf_hash)},
                     {"leaf_index", line.leaf_index},
                     {"proof", std::move(proof)},
                     {"tree_size", line.tree_size}};
  if (!line.record.empty()) {
    json["record"] = line.record;
    json["rev"] = line.rev;
    json["salt"] = HexEncode(line.salt);
  } else {
    json["evidence"] = line.evidence;
  }
  return base::CanonicalJson(json);
}

base::Result<ProofLine> ParseProofLine(std::string_view text) {
  VKA_ASSIGN_OR_RETURN(base::Json json, ParseObject(text, kMaxProofLineBytes));
  Members m(json);
  ProofLine line;
  if (m.has("record")) {
    VKA_RETURN_IF_ERROR(m.OnlyThese(
        {"entry", "leaf_hash", "leaf_index", "proof", "record", "rev", "salt", "tree_size"}));
    VKA_ASSIGN_OR_RETURN(line.record, m.String("record"));
    VKA_ASSIGN_OR_RETURN(line.rev, m.Count("rev"));
    if (line.rev < 1) return base::InvalidArgumentError("\"rev\" must be 1 or more");
    VKA_ASSIGN_OR_RETURN(line.salt, m.Hex("salt", kSaltBytes));
  } else {
    VKA_RETURN_IF_ERROR(
        m.OnlyThese({"entry", "evidence", "leaf_hash", "leaf_index", "proof", "tree_size"}));
    VKA_ASSIGN_OR_RETURN(line.evidence, m.String("evidence"));
    if (!IsLowerHex(line.evidence, kSha256HexChars)) {
      return base::InvalidArgumentError("\"evidence\" must be a SHA-256 in lower-case hex");
    }
  }
  VKA_ASSIGN_OR_RETURN(line.entry, m.Hex("entry", kEntryBytes));
  VKA_ASSIGN_OR_RETURN(std::string leaf_hash, m.Hex("leaf_hash", evidence::Hash().size()));
  line.leaf_hash = ToHash(leaf_hash);
  VKA_ASSIGN_OR_RETURN(int64_t index, m.Count("leaf_index"));
  VKA_ASSIGN_OR_RETURN(int64_t size, m.Count("tree_size"));
  line.leaf_index = static_cast<uint64_t>(index);
  line.tree_size = static_cast<uint64_t>(size);
  VKA_ASSIGN_OR_RETURN(line.proof, ParseProofHashes(json));
  return line;
}

base::Result<std::string> FormatCustodyLine(const CustodyLine& line) {
  const storage::EvidenceFile& f = line.file;
  base::Json json = {{"sha256", f.sha256}, {"size", f.size}, {"custody", line.custody}};
  auto put = [&](const char* name, const std::string& value) {
    if (!value.empty()) json[name] = value;
  };
  put("mime", f.mime);
  put("original_name", f.original_name);
  put("original_mtime", f.original_mtime);
  put("source", f.source);
  put("captured_at", f.captured_at);
  put("captured_by", f.captured_by);
  put("captured_where", f.captured_where);
  put("note", f.note);
  put("derived_from", f.derived_from);
  put("added_at", f.added_at);
  put("added_by", f.added_by);
  put("exif_taken_at", f.exif_taken_at);
  put("camera_make", f.camera_make);
  put("camera_model", f.camera_model);
  if (f.gps_lat.has_value()) json["gps_lat"] = *f.gps_lat;
  if (f.gps_lon.has_value()) json["gps_lon"] = *f.gps_lon;
  if (f.page_count.has_value()) json["page_count"] = *f.page_count;
  put("metadata_note", f.metadata_note);
  return base::CanonicalJson(json);
}

base::Result<CustodyLine> ParseCustodyLine(std::string_view text) {
  VKA_ASSIGN_OR_RETURN(base::Json json, ParseObject(text, kMaxRecordLineBytes));
  Members m(json);
  VKA_RETURN_IF_ERROR(
      m.OnlyThese({"sha256", "size", "custody", "mime", "original_name", "original_mtime", "source",
                   "captured_at", "captured_by", "captured_where", "note", "derived_from",
                   "added_at", "added_by", "exif_taken_at", "camera_make", "camera_model",
                   "gps_lat", "gps_lon", "page_count", "metadata_note"}));
  CustodyLine line;
  storage::EvidenceFile& f = line.file;
  VKA_ASSIGN_OR_RETURN(f.sha256, m.String("sha256"));
  if (!IsLowerHex(f.sha256, kSha256HexChars)) {
    return base::InvalidArgumentError("\"sha256\" must be a SHA-256 in lower-case hex");
  }
  VKA_ASSIGN_OR_RETURN(f.size, m.Count("size"));
  VKA_ASSIGN_OR_RETURN(f.mime, m.OptionalString("mime"));
  VKA_ASSIGN_OR_RETURN(f.original_name, m.OptionalString("original_name"));
  VKA_ASSIGN_OR_RETURN(f.original_mtime, m.OptionalString("original_mtime"));
  VKA_ASSIGN_OR_RETURN(f.source, m.OptionalString("source"));
  VKA_ASSIGN_OR_RETURN(f.captured_at, m.OptionalString("captured_at"));
  VKA_ASSIGN_OR_RETURN(f.captured_by, m.OptionalString("captured_by"));
  VKA_ASSIGN_OR_RETURN(f.captured_where, m.OptionalString("captured_where"));
  VKA_ASSIGN_OR_RETURN(f.note, m.OptionalString("note"));
  VKA_ASSIGN_OR_RETURN(f.derived_from, m.OptionalString("derived_from"));
  VKA_ASSIGN_OR_RETURN(f.added_at, m.OptionalString("added_at"));
  VKA_ASSIGN_OR_RETURN(f.added_by, m.OptionalString("added_by"));
  VKA_ASSIGN_OR_RETURN(f.exif_taken_at, m.OptionalString("exif_taken_at"));
  VKA_ASSIGN_OR_RETURN(f.camera_make, m.OptionalString("camera_make"));
  VKA_ASSIGN_OR_RETURN(f.camera_model, m.OptionalString("camera_model"));
  constexpr double kMaxLat = 90, kMaxLon = 180;
  VKA_ASSIGN_OR_RETURN(f.gps_lat, m.OptionalDegrees("gps_lat", kMaxLat));
  VKA_ASSIGN_OR_RETURN(f.gps_lon, m.OptionalDegrees("gps_lon", kMaxLon));
  if (m.has("page_count")) {
    VKA_ASSIGN_OR_RETURN(f.page_count, m.Count("page_count"));
  }
  VKA_ASSIGN_OR_RETURN(f.metadata_note, m.OptionalString("metadata_note"));
  auto it = json.find("custody");
  if (it == json.end() || !it->is_array() || it->size() > kMaxCustodyEvents) {
    return base::InvalidArgumentError("\"custody\" must be a list of custody_event ids");
  }
  for (const auto& id : *it) {
    if (!id.is_string()) return base::InvalidArgumentError("\"custody\" holds a non-string");
    line.custody.push_back(id.get<std::string>());
  }
  return line;
}

std::string FormatManifest(std::vector<ManifestEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
  std::string out;
  for (const auto& e : entries) out += e.sha256 + "  " + EncodePath(e.path) + "\n";
  return out;
}

base::Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text,
                                                       std::string_view name) {
  if (!base::IsValidUtf8(text))
    return base::InvalidArgumentError(std::string(name) + ": not UTF-8");
  std::vector<ManifestEntry> entries;
  std::vector<std::string_view> lines = Lines(text);
  for (size_t idx = 0; idx < lines.size(); ++idx) {
    std::string_view line = lines[idx];
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    size_t gap = line.find_first_of(" \t");
    size_t path_start = gap == std::string_view::npos ? gap : line.find_first_not_of(" \t", gap);
    if (path_start == std::string_view::npos) {
      return base::InvalidArgumentError(Where(name, idx + 1) + "expected \"<checksum> <path>\"");
    }
    ManifestEntry e{std::string(line.substr(0, gap)), DecodePath(line.substr(path_start))};
    std::transform(e.sha256.begin(), e.sha256.end(), e.sha256.begin(), ::tolower);
    if (!IsLowerHex(e.sha256, kSha256HexChars)) {
      return base::InvalidArgumentError(Where(name, idx + 1) + "\"" + e.sha256 +
                                        "\" is not a SHA-256 checksum");
    }
    if (!IsSafeRelativePath(e.path)) {
      return base::InvalidArgumentError(Where(name, idx + 1) + "unsafe path \"" + e.path +
                                        "\" (it must stay inside the bag)");
    }
    entries.push_back(std::move(e));
  }
  std::vector<const ManifestEntry*> sorted;
  for (const auto& e : entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->path < b->path; });
  for (size_t idx = 1; idx < sorted.size(); ++idx) {
    if (sorted[idx]->path == sorted[idx - 1]->path) {
      return base::InvalidArgumentError(std::string(name) + ": " + sorted[idx]->path +
                                        " is listed twice");
    }
  }
  return entries;
}

std::string FormatTagFile(const TagList& tags) {
  std::string out;
  for (const auto& [label, value] : tags) out += label + ": " + value + "\n";
  return out;
}

base::Result<TagList> ParseTagFile(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    return base::InvalidArgumentError(std::string(name) + ": starts with a byte-order mark");
  }
  if (!base::IsValidUtf8(text))
    return base::InvalidArgumentError(std::string(name) + ": not UTF-8");
  TagList tags;
  std::vector<std::string_view> lines = Lines(text);
  auto trim = [](std::string_view s) {
    size_t b = s.find_first_not_of(" \t");
    size_t e = s.find_last_not_of(" \t");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
  };
  for (size_t idx = 0; idx < lines.size(); ++idx) {
    std::string_view line = lines[idx];
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (tags.empty()) {
        return base::InvalidArgumentError(Where(name, idx + 1) + "continuation line with no tag");
      }
      // Folded onto the value with one space (none onto an empty value).
      std::string& value = tags.back().second;
      value += (value.empty() ? "" : " ") + trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return base::InvalidArgumentError(Where(name, idx + 1) + "expected \"Label: value\"");
    }
    tags.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return tags;
}

std::string TagValue(const TagList& tags, std::string_view label) {
  for (const auto& [l, v] : tags) {
    if (l == label) return v;
  }
  return "";
}

base::Result<FileDigest> HashFile(const fs::path& path,
                                  const std::function<void(uint64_t)>& progress) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return base::NotFoundError(path.string() + ": no such file");
  if (fd < 0) return base::IOError("open " + path.string() + ": " + ErrnoText());
  std::vector<char> buffer(kChunkBytes);
  base::Sha256 hasher;
  FileDigest digest;
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string err = ErrnoText();
      ::close(fd);
      return base::IOError("read " + path.string() + ": " + err);
    }
    if (n == 0) break;
    hasher.Update(buffer.data(), static_cast<size_t>(n));
    digest.size += static_cast<uint64_t>(n);
    if (progress) progress(static_cast<uint64_t>(n));
  }
  ::close(fd);
  digest.sha256 = base::HexLower(hasher.Finish());
  return digest;
}

base::Result<std::unique_ptr<HashingFile>> HashingFile::Create(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
  if (fd < 0 && errno == EEXIST) return base::AlreadyExistsError(path.string() + " exists");
  if (fd < 0) return base::IOError("create " + path.string() + ": " + ErrnoText());
  return std::unique_ptr<HashingFile>(new HashingFile(fd, path));
}

HashingFile::~HashingFile() {
  if (fd_ >= 0) ::close(fd_);
}

base::Status HashingFile::Write(std::string_view bytes) {
  hasher_.Update(bytes);
  size_ += bytes.size();
  buffer_.append(bytes);
  return buffer_.size() >= kChunkBytes ? Flush() : base::OkStatus();
}

base::Status HashingFile::Flush() {
  const char* data = buffer_.data();
  size_t left = buffer_.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return base::IOError("write " + path_.string() + ": " + ErrnoText());
    data += n;
    left -= static_cast<size_t>(n);
  }
  buffer_.clear();
  return base::OkStatus();
}

base::Result<FileDigest> HashingFile::Finish() {
  VKA_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return base::IOError("fsync " + path_.string() + ": " + ErrnoText());
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return base::IOError("close " + path_.string() + ": " + ErrnoText());
  return FileDigest{base::HexLower(hasher_.Finish()), size_};
}

base::Result<FileDigest> WriteHashedFile(const fs::path& path, std::string_view contents) {
  VKA_ASSIGN_OR_RETURN(auto file, HashingFile::Create(path));
  VKA_RETURN_IF_ERROR(file->Write(contents));
  return file->Finish();
}

base::Status SyncDir(const fs::path& dir) { return SyncDirectory(dir); }

}  // namespace vka::app::internal
