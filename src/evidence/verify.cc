#include "evidence/verify.h"

#include <algorithm>

#include "evidence/log_format.h"
#include "evidence/tiles.h"

namespace vka::evidence {
namespace {

using base::Status;
using format::kTileHeight;
using format::kTileWidth;

Status CompareTile(const LogEnv& env, const std::string& dir, const TileBuilder::Tile& tile) {
  VKA_ASSIGN_OR_RETURN(std::vector<Hash> stored,
                       ReadHashTile(env, dir, tile.level, tile.index, tile.hashes.size()));
  const auto mismatch = std::mismatch(stored.begin(), stored.end(), tile.hashes.begin());
  if (mismatch.first == stored.end()) return base::OkStatus();
  const uint64_t position = static_cast<uint64_t>(mismatch.first - stored.begin());
  std::string message = "tile " + HashTilePath(tile.level, tile.index, tile.hashes.size()).substr(5) +
                        " hash " + std::to_string(position) + " differs from the recomputed tree";
  if (tile.level == 0) {
    message += " (leaf " + std::to_string(tile.index * kTileWidth + position) + ")";
  }
  return base::DataLossError(message);
}

}  // namespace

Status VerifyTiles(const LogEnv& env, const std::string& dir, uint64_t size, const Hash& root) {
  TileBuilder builder;
  std::vector<TileBuilder::Tile> full;
  for (uint64_t bundle = 0; bundle * kTileWidth < size; ++bundle) {
    const uint64_t width = std::min<uint64_t>(kTileWidth, size - bundle * kTileWidth);
    VKA_ASSIGN_OR_RETURN(std::vector<std::string> entries,
                         ReadEntryBundle(env, dir, bundle, width));
    for (const std::string& entry : entries) builder.Add(LeafHash(entry), full);
    for (const TileBuilder::Tile& tile : full) VKA_RETURN_IF_ERROR(CompareTile(env, dir, tile));
    full.clear();
  }
  for (const TileBuilder::Tile& tile : builder.PartialTiles()) {
    VKA_RETURN_IF_ERROR(CompareTile(env, dir, tile));
  }
  const Hash computed = builder.Root();
  if (computed != root) {
    return base::DataLossError("the entries give root " + base::HexLower(computed) +
                               ", the checkpoint says " + base::HexLower(root));
  }
  return base::OkStatus();
}

}  // namespace vka::evidence
