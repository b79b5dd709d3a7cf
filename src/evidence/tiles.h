#pragma once

// The log on disk in the C2SP tlog-tiles layout (docs/formats/log.md):
//   <dir>/tile/<L>/<N>[.p/<W>]        hash tiles (tile height 8)
//   <dir>/tile/entries/<N>[.p/<W>]    entry bundles (uint16-length-prefixed)
//   <dir>/checkpoint                  the latest signed checkpoint
// LogWriter appends; TileReader serves subtree hashes for proofs reading only
// the O(log n) tiles a proof needs.

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "evidence/log_env.h"
#include "evidence/merkle.h"

namespace vka::evidence {

// "x001/x234/067" for 1234067, "000" for 0 (tlog-tiles index encoding).
std::string TileIndexPath(uint64_t index);
// "tile/<level>/<N>" for a full tile (width 256), "tile/<level>/<N>.p/<width>"
// for a partial one. REQUIRES: 1 <= width <= 256.
std::string HashTilePath(int level, uint64_t index, uint64_t width);
// "tile/entries/<N>[.p/<width>]". REQUIRES: 1 <= width <= 256.
std::string EntryBundlePath(uint64_t index, uint64_t width);

// Appends the uint16 big-endian length of `entry` and `entry` to `bundle`.
// kInvalidArgument if the entry exceeds 65535 bytes.
base::Status AppendToBundle(std::string& bundle, std::string_view entry);
// Splits a bundle into its entries (views into `bundle`). kDataLoss
// "entry bundle is truncated" when a length prefix runs past the end.
base::Result<std::vector<std::string_view>> SplitBundle(std::string_view bundle);

// The hashes of the tile that the tree of `tree_size` leaves implies at
// (level, index): the partial tile file of that width or, if that is gone,
// the prefix of the full tile. kDataLoss if neither exists or the file has
// the wrong length; kIOError on read failure.
base::Result<std::vector<Hash>> ReadHashTile(const LogEnv& env, const std::string& dir,
                                             int level, uint64_t index, uint64_t width);
// The first `width` entries of entry bundle `index`, found as ReadHashTile does.
base::Result<std::vector<std::string>> ReadEntryBundle(const LogEnv& env,
                                                       const std::string& dir,
                                                       uint64_t index, uint64_t width);

// The right edge of a tree in tile form: at each tile level, the hashes of
// the tile not yet full. Pure (no I/O); LogWriter writes what it emits and
// VerifyTiles compares what it emits with the stored tiles.
class TileBuilder {
 public:
  struct Tile {
    int level;
    uint64_t index;
    std::vector<Hash> hashes;  // full: 256; partial: 1..255
  };

  // Appends one leaf hash. Full tiles completed by it are appended to `full`.
  void Add(const Hash& leaf_hash, std::vector<Tile>& full);
  // The partial tiles of the current size, lowest level first.
  std::vector<Tile> PartialTiles() const;
  uint64_t size() const { return size_; }
  // MTH of all leaves added so far.
  Hash Root() const;
  // Restores a right edge read from disk. REQUIRES: edge[t] has
  // (size >> 8t) % 256 hashes for every level t.
  void Restore(uint64_t size, std::vector<std::vector<Hash>> edge);

 private:
  uint64_t size_ = 0;
  std::vector<std::vector<Hash>> edge_;  // edge_[t]: hashes of level t's open tile
};

// Appends leaves to the log in `dir`. One writer per log (the caller holds
// the workspace lock); not thread-safe.
class LogWriter {
 public:
  // Opens the log at `size` leaves, the size of the caller's latest verified
  // checkpoint (0 for a new log, which needs no files). Reads the partial
  // tiles and entry bundle of that size. Tiles beyond it (left by a crash
  // before the checkpoint was written) are overwritten by later appends.
  // kDataLoss if the tiles of that size are missing or malformed; kIOError.
  // `env` must outlive the writer.
  static base::Result<std::unique_ptr<LogWriter>> Open(LogEnv* env, std::string dir,
                                                       uint64_t size);

  // Appends `entries` as leaves size() .. size()+n-1. Writes the tiles and
  // entry bundles that became full and the partial ones of the new size, in
  // one LogEnv::WriteFiles batch, so everything is durable when it returns
  // OK; then removes the partial files of tiles that became full. On error
  // size() is unchanged. kInvalidArgument if an entry exceeds 65535 bytes
  // (nothing is written); kIOError.
  base::Status Append(std::span<const std::string> entries);

  uint64_t size() const { return builder_.size(); }
  // The root hash of the tree of size() leaves.
  Hash root() const { return builder_.Root(); }

  // Atomically replaces <dir>/checkpoint with `signed_checkpoint`. Call after
  // Append returned OK and the checkpoint for size() was signed. kIOError.
  base::Status WriteCheckpoint(std::string_view signed_checkpoint);

 private:
  LogWriter(LogEnv* env, std::string dir) : env_(env), dir_(std::move(dir)) {}
  base::Status Restore(uint64_t size);
  void QueueTile(const TileBuilder::Tile& tile, std::vector<FileWrite>& writes) const;
  void RemoveStalePartials(uint64_t old_size);

  LogEnv* env_;
  std::string dir_;
  TileBuilder builder_;
  std::string open_bundle_;  // the entries of the bundle not yet full
};

// Reads subtree hashes of the log of `size` leaves from its tiles, for the
// proof functions of merkle.h. Each tile is read once and cached (so a
// reader is for one batch of proofs; make a new one for a new size). A proof
// for a 10M-leaf log reads about 4 tiles. `env` must outlive the reader.
// Not thread-safe (the cache).
class TileReader : public HashReader {
 public:
  TileReader(const LogEnv* env, std::string dir, uint64_t size)
      : env_(env), dir_(std::move(dir)), size_(size) {}

  uint64_t size() const override { return size_; }
  // kDataLoss if a tile is missing or has the wrong length; kIOError.
  base::Result<Hash> SubtreeHash(int level, uint64_t index) const override;
  // The data of leaf `index` (its entry). kInvalidArgument if index >= size().
  base::Result<std::string> ReadEntry(uint64_t index) const;

 private:
  base::Result<const std::vector<Hash>*> Tile(int tile_level, uint64_t tile_index) const;

  const LogEnv* env_;
  std::string dir_;
  uint64_t size_;
  mutable std::map<std::pair<int, uint64_t>, std::vector<Hash>> cache_;
};

}  // namespace vka::evidence
