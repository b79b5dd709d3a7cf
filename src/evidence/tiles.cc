#include "evidence/tiles.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "evidence/log_format.h"

namespace vka::evidence {
namespace {

using base::Result;
using base::Status;
using format::kHashSize;
using format::kTileHeight;
using format::kTileWidth;

constexpr uint64_t kTileMask = kTileWidth - 1;

std::string Join(const std::string& dir, const std::string& relative) {
  return dir + "/" + relative;
}

std::string WidthSuffix(uint64_t width) {
  if (width == kTileWidth) return "";
  return std::string(format::kPartialSuffix) + "/" + std::to_string(width);
}

// MTH of 2^k consecutive hashes that form a complete subtree.
// REQUIRES: count is a power of two <= 256.
Hash CompleteRoot(const Hash* hashes, size_t count) {
  if (count == 1) return hashes[0];
  std::array<Hash, kTileWidth / 2> level;  // on the stack: this is the proof hot path
  for (size_t i = 0; i < count / 2; ++i) level[i] = NodeHash(hashes[2 * i], hashes[2 * i + 1]);
  for (size_t n = count / 2; n > 1; n /= 2) {
    for (size_t i = 0; i < n / 2; ++i) level[i] = NodeHash(level[2 * i], level[2 * i + 1]);
  }
  return level[0];
}

std::string HashBytes(const std::vector<Hash>& hashes) {
  std::string out(hashes.size() * kHashSize, '\0');
  for (size_t i = 0; i < hashes.size(); ++i) {
    std::memcpy(out.data() + i * kHashSize, hashes[i].data(), kHashSize);
  }
  return out;
}

std::vector<Hash> ParseHashes(std::string_view bytes, size_t count) {
  std::vector<Hash> out(count);
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(out[i].data(), bytes.data() + i * kHashSize, kHashSize);
  }
  return out;
}

// Reads `partial` or, if it does not exist, `full`; returns the bytes and
// whether they came from the full file. kDataLoss if neither exists.
Result<std::pair<std::string, bool>> ReadPartialOrFull(const LogEnv& env,
                                                       const std::string& partial,
                                                       const std::string& full,
                                                       std::string_view what) {
  if (partial != full) {
    Result<std::string> bytes = env.ReadFile(partial);
    if (bytes.ok()) return std::make_pair(std::move(bytes).value(), false);
    if (bytes.status().code() != base::StatusCode::kNotFound) return bytes.status();
  }
  Result<std::string> bytes = env.ReadFile(full);
  if (bytes.ok()) return std::make_pair(std::move(bytes).value(), true);
  if (bytes.status().code() != base::StatusCode::kNotFound) return bytes.status();
  return base::DataLossError(std::string(what) + " is missing");
}

void AppendUnchecked(std::string& bundle, std::string_view entry) {
  bundle.push_back(static_cast<char>(entry.size() >> 8));
  bundle.push_back(static_cast<char>(entry.size() & 0xff));
  bundle.append(entry);
}

}  // namespace

std::string TileIndexPath(uint64_t index) {
  constexpr uint64_t kGroup = 1000;
  auto three = [](uint64_t v) {
    std::string s = std::to_string(v);
    return std::string(3 - s.size(), '0') + s;
  };
  std::string out = three(index % kGroup);
  for (index /= kGroup; index > 0; index /= kGroup) out = "x" + three(index % kGroup) + "/" + out;
  return out;
}

std::string HashTilePath(int level, uint64_t index, uint64_t width) {
  return std::string(format::kTileDir) + "/" + std::to_string(level) + "/" +
         TileIndexPath(index) + WidthSuffix(width);
}

std::string EntryBundlePath(uint64_t index, uint64_t width) {
  return std::string(format::kTileDir) + "/" + std::string(format::kEntriesDir) + "/" +
         TileIndexPath(index) + WidthSuffix(width);
}

Status AppendToBundle(std::string& bundle, std::string_view entry) {
  if (entry.size() > format::kMaxEntrySize) {
    return base::InvalidArgumentError("log entry of " + std::to_string(entry.size()) +
                                      " bytes exceeds the 65535-byte limit");
  }
  AppendUnchecked(bundle, entry);
  return base::OkStatus();
}

Result<std::vector<std::string_view>> SplitBundle(std::string_view bundle) {
  std::vector<std::string_view> entries;
  size_t pos = 0;
  while (pos < bundle.size()) {
    if (bundle.size() - pos < format::kEntryLengthPrefixSize) {
      return base::DataLossError("entry bundle is truncated in the length of entry " +
                                 std::to_string(entries.size()));
    }
    const size_t length = (static_cast<uint8_t>(bundle[pos]) << 8) |
                          static_cast<uint8_t>(bundle[pos + 1]);
    pos += format::kEntryLengthPrefixSize;
    if (bundle.size() - pos < length) {
      return base::DataLossError("entry bundle is truncated in entry " +
                                 std::to_string(entries.size()));
    }
    entries.push_back(bundle.substr(pos, length));
    pos += length;
  }
  return entries;
}

Result<std::vector<Hash>> ReadHashTile(const LogEnv& env, const std::string& dir,
                                       int level, uint64_t index, uint64_t width) {
  const std::string name = HashTilePath(level, index, width).substr(5);  // after "tile/"
  VKA_ASSIGN_OR_RETURN(auto file, ReadPartialOrFull(env, Join(dir, HashTilePath(level, index, width)),
                                                    Join(dir, HashTilePath(level, index, kTileWidth)),
                                                    "tile " + name));
  const auto& [bytes, is_full] = file;
  const size_t expected = (is_full ? kTileWidth : width) * kHashSize;
  if (bytes.size() != expected) {
    return base::DataLossError("tile " + HashTilePath(level, index, is_full ? kTileWidth : width).substr(5) +
                               " has " + std::to_string(bytes.size()) + " bytes, expected " +
                               std::to_string(expected));
  }
  return ParseHashes(bytes, width);
}

Result<std::vector<std::string>> ReadEntryBundle(const LogEnv& env, const std::string& dir,
                                                 uint64_t index, uint64_t width) {
  const std::string name = "entry bundle " + TileIndexPath(index) + WidthSuffix(width);
  VKA_ASSIGN_OR_RETURN(auto file, ReadPartialOrFull(env, Join(dir, EntryBundlePath(index, width)),
                                                    Join(dir, EntryBundlePath(index, kTileWidth)),
                                                    name));
  const auto& [bytes, is_full] = file;
  Result<std::vector<std::string_view>> entries = SplitBundle(bytes);
  if (!entries.ok()) return entries.status().WithContext(name);
  const uint64_t expected = is_full ? kTileWidth : width;
  if (entries->size() != expected) {
    return base::DataLossError(name + " has " + std::to_string(entries->size()) +
                               " entries, expected " + std::to_string(expected));
  }
  return std::vector<std::string>(entries->begin(), entries->begin() + width);
}

void TileBuilder::Add(const Hash& leaf_hash, std::vector<Tile>& full) {
  ++size_;
  Hash hash = leaf_hash;
  for (size_t level = 0;; ++level) {
    if (edge_.size() <= level) edge_.emplace_back();
    edge_[level].push_back(hash);
    if (edge_[level].size() < kTileWidth) return;
    Tile tile{static_cast<int>(level), (size_ >> (kTileHeight * (level + 1))) - 1,
              std::move(edge_[level])};
    edge_[level].clear();
    edge_[level].reserve(kTileWidth);
    hash = CompleteRoot(tile.hashes.data(), kTileWidth);
    full.push_back(std::move(tile));
  }
}

std::vector<TileBuilder::Tile> TileBuilder::PartialTiles() const {
  std::vector<Tile> out;
  for (size_t level = 0; level < edge_.size(); ++level) {
    if (edge_[level].empty()) continue;
    out.push_back(Tile{static_cast<int>(level), size_ >> (kTileHeight * (level + 1)),
                       edge_[level]});
  }
  return out;
}

Hash TileBuilder::Root() const {
  if (size_ == 0) return EmptyTreeHash();
  std::vector<Hash> subtrees;
  for (size_t level = edge_.size(); level-- > 0;) {
    const std::vector<Hash>& hashes = edge_[level];
    size_t pos = 0;
    for (uint64_t width = kTileWidth / 2; width > 0; width /= 2) {
      if ((hashes.size() & width) == 0) continue;
      subtrees.push_back(CompleteRoot(hashes.data() + pos, width));
      pos += width;
    }
  }
  return FoldRightEdge(subtrees);
}

void TileBuilder::Restore(uint64_t size, std::vector<std::vector<Hash>> edge) {
  size_ = size;
  edge_ = std::move(edge);
}

Result<std::unique_ptr<LogWriter>> LogWriter::Open(LogEnv* env, std::string dir,
                                                   uint64_t size) {
  std::unique_ptr<LogWriter> writer(new LogWriter(env, std::move(dir)));
  Status status = writer->Restore(size);
  if (!status.ok()) return status.WithContext("open log '" + writer->dir_ + "' at size " + std::to_string(size));
  return writer;
}

Status LogWriter::Restore(uint64_t size) {
  std::vector<std::vector<Hash>> edge;
  for (int level = 0; level * kTileHeight < 64 && (size >> (kTileHeight * level)) > 0; ++level) {
    const uint64_t width = (size >> (kTileHeight * level)) & kTileMask;
    edge.emplace_back();
    if (width == 0) continue;
    VKA_ASSIGN_OR_RETURN(edge.back(), ReadHashTile(*env_, dir_, level,
                                                   size >> (kTileHeight * (level + 1)), width));
  }
  const uint64_t open_entries = size & kTileMask;
  if (open_entries > 0) {
    VKA_ASSIGN_OR_RETURN(std::vector<std::string> entries,
                         ReadEntryBundle(*env_, dir_, size / kTileWidth, open_entries));
    for (size_t i = 0; i < entries.size(); ++i) {
      if (LeafHash(entries[i]) != edge[0][i]) {
        return base::DataLossError("entry " + std::to_string(size - open_entries + i) +
                                   " does not match its leaf hash in tile 0");
      }
      AppendUnchecked(open_bundle_, entries[i]);
    }
  }
  builder_.Restore(size, std::move(edge));
  return base::OkStatus();
}

// Full tiles and bundles are written in place when new (FileWrite::
// in_place_if_new): they lie beyond the signed checkpoint, so no reader opens
// them before the append returns, and one torn by a crash (while the partial
// file of the checkpoint's width is still there: partials are removed only
// after the sync) is replaced atomically by the next append, which rewrites
// every file from the checkpoint on. Partial files are always replaced
// atomically: a checkpoint may name them.
void LogWriter::QueueTile(const TileBuilder::Tile& tile, std::vector<FileWrite>& writes) const {
  const bool full = tile.hashes.size() == kTileWidth;
  writes.push_back(FileWrite{Join(dir_, HashTilePath(tile.level, tile.index, tile.hashes.size())),
                             HashBytes(tile.hashes), full});
}

Status LogWriter::Append(std::span<const std::string> entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].size() > format::kMaxEntrySize) {
      return base::InvalidArgumentError("log entry " + std::to_string(i) + " has " +
                                        std::to_string(entries[i].size()) +
                                        " bytes; at most 65535 are allowed");
    }
  }
  if (entries.empty()) return base::OkStatus();
  const TileBuilder saved_builder = builder_;
  const std::string saved_bundle = open_bundle_;
  const uint64_t old_size = size();
  std::vector<FileWrite> writes;
  std::vector<TileBuilder::Tile> full;
  for (const std::string& entry : entries) {
    AppendUnchecked(open_bundle_, entry);
    builder_.Add(LeafHash(entry), full);
    if ((size() & kTileMask) == 0) {
      writes.push_back(FileWrite{Join(dir_, EntryBundlePath(size() / kTileWidth - 1, kTileWidth)),
                                 std::move(open_bundle_), true});
      open_bundle_.clear();
    }
  }
  for (const TileBuilder::Tile& tile : full) QueueTile(tile, writes);
  for (const TileBuilder::Tile& tile : builder_.PartialTiles()) QueueTile(tile, writes);
  if ((size() & kTileMask) != 0) {
    writes.push_back(FileWrite{Join(dir_, EntryBundlePath(size() / kTileWidth, size() & kTileMask)),
                               open_bundle_});
  }
  Status status = env_->WriteFiles(writes);
  if (!status.ok()) {
    builder_ = saved_builder;
    open_bundle_ = saved_bundle;
    return status.WithContext("append to log '" + dir_ + "'");
  }
  RemoveStalePartials(old_size);
  return base::OkStatus();
}

// Partial files exist only for the tiles that were open at the end of an
// earlier Append, i.e. the tiles open at old_size. Removal is best effort:
// a stale partial tile is a prefix of the full one and harms nothing.
void LogWriter::RemoveStalePartials(uint64_t old_size) {
  auto remove_dir = [this](const std::string& partial_dir) {
    Result<std::vector<std::string>> names = env_->ListDir(partial_dir);
    if (!names.ok()) return;
    for (const std::string& name : *names) env_->Remove(partial_dir + "/" + name).IgnoreError();
    env_->Remove(partial_dir).IgnoreError();
  };
  const std::string suffix(format::kPartialSuffix);
  if ((old_size & kTileMask) != 0 && old_size / kTileWidth < size() / kTileWidth) {
    remove_dir(Join(dir_, EntryBundlePath(old_size / kTileWidth, kTileWidth)) + suffix);
  }
  for (int level = 0; level * kTileHeight < 64 && (old_size >> (kTileHeight * level)) > 0; ++level) {
    const uint64_t shift = kTileHeight * (level + 1);
    if (((old_size >> (kTileHeight * level)) & kTileMask) == 0) continue;
    if ((old_size >> shift) == (size() >> shift)) continue;  // still open
    remove_dir(Join(dir_, HashTilePath(level, old_size >> shift, kTileWidth)) + suffix);
  }
}

Status LogWriter::WriteCheckpoint(std::string_view signed_checkpoint) {
  Status status = env_->WriteFiles(
      {FileWrite{Join(dir_, std::string(format::kCheckpointFile)), std::string(signed_checkpoint)}});
  return status.ok() ? status : status.WithContext("write checkpoint of log '" + dir_ + "'");
}

Result<const std::vector<Hash>*> TileReader::Tile(int tile_level, uint64_t tile_index) const {
  const auto key = std::make_pair(tile_level, tile_index);
  auto it = cache_.find(key);
  if (it != cache_.end()) return &it->second;
  const uint64_t hashes_at_level = size_ >> (kTileHeight * tile_level);
  const uint64_t width = std::min<uint64_t>(kTileWidth, hashes_at_level - tile_index * kTileWidth);
  VKA_ASSIGN_OR_RETURN(std::vector<Hash> hashes,
                       ReadHashTile(*env_, dir_, tile_level, tile_index, width));
  return &cache_.emplace(key, std::move(hashes)).first->second;
}

Result<Hash> TileReader::SubtreeHash(int level, uint64_t index) const {
  if (level < 0 || level > format::kMaxTileLevel || index >= (size_ >> level)) {
    return base::InvalidArgumentError("subtree outside the tree");
  }
  const int tile_level = level / kTileHeight;
  const int sub_level = level % kTileHeight;
  const uint64_t first = index << sub_level;  // among the hashes at tile_level
  VKA_ASSIGN_OR_RETURN(const std::vector<Hash>* tile, Tile(tile_level, first / kTileWidth));
  return CompleteRoot(tile->data() + (first & kTileMask), uint64_t{1} << sub_level);
}

Result<std::string> TileReader::ReadEntry(uint64_t index) const {
  if (index >= size_) {
    return base::InvalidArgumentError("no leaf " + std::to_string(index) + " in a log of " +
                                      std::to_string(size_));
  }
  const uint64_t bundle = index / kTileWidth;
  const uint64_t width = std::min<uint64_t>(kTileWidth, size_ - bundle * kTileWidth);
  VKA_ASSIGN_OR_RETURN(std::vector<std::string> entries,
                       ReadEntryBundle(*env_, dir_, bundle, width));
  return std::move(entries[index & kTileMask]);
}

}  // namespace vka::evidence
