#include "app/estimate.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "app/estimate_json.h"
#include "base/clock.h"
#include "base/csv.h"
#include "base/files.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "model/kinds.h"
#include "stats/overlap_table.h"

namespace vka::app {
namespace {

constexpr size_t kMaxRows = 1'000'000;  // patterns x strata; a table, not a person list

base::Result<std::vector<stats::TableRow>> ReadRows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::IOError(path + ": cannot open: " + std::strerror(errno));
  base::CsvReader reader(in, path);
  std::vector<stats::TableRow> rows;
  std::vector<std::string> fields;
  for (;;) {
    VKA_ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (rows.size() >= kMaxRows) {
      return base::InvalidArgumentError(path + ": more than " + std::to_string(kMaxRows) +
                                        " rows; aggregate to one row per pattern with a count");
    }
    rows.push_back({reader.line(), fields});
  }
  if (in.bad()) return base::IOError(path + ": read failed");
  return rows;
}

constexpr const char* kKeptFormat = "vka-estimate/1";
constexpr size_t kMaxLabelBytes = 200;
constexpr size_t kMaxKeptBytes = 16 * 1024 * 1024;

// The SHA-256 of a file, streamed.
base::Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::IOError(path + ": cannot open: " + std::strerror(errno));
  base::Sha256 hasher;
  std::string buf(1 << 16, '\0');
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
    hasher.Update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return base::IOError(path + ": read failed");
  return base::HexLower(hasher.Finish());
}

base::Status CheckLabel(const std::string& counts) {
  if (counts.empty() || counts.size() > kMaxLabelBytes || !base::IsValidUtf8(counts)) {
    return base::InvalidArgumentError("--counts: say what the lists count in 1 to " +
                                      std::to_string(kMaxLabelBytes) + " bytes of UTF-8");
  }
  for (unsigned char c : counts) {
    if (c < 0x20 || c == 0x7f) {
      return base::InvalidArgumentError("--counts: control characters are not allowed");
    }
  }
  return base::OkStatus();
}

// OK if the id names a live situation; kNotFound otherwise.
base::Status CheckSituation(Workspace& ws, const std::string& id) {
  auto kind = model::KindOfId(id);
  if (!kind || *kind != model::Kind::kSituation) {
    return base::NotFoundError("no situation " + id + " (a situation id starts with sit_)");
  }
  VKA_ASSIGN_OR_RETURN(auto latest, ws.store().Latest(id));
  if (!latest || latest->deleted) return base::NotFoundError("no situation " + id);
  return base::OkStatus();
}

std::filesystem::path KeptPath(Workspace& ws, const std::string& situation_id) {
  return ws.dir() / "estimates" / (situation_id + ".json");
}

}  // namespace

base::Result<stats::MseResult> EstimateFromTable(const EstimateRequest& request) {
  VKA_ASSIGN_OR_RETURN(auto rows, ReadRows(request.table_path));
  VKA_ASSIGN_OR_RETURN(stats::OverlapTable table,
                       stats::ParseOverlapTable(rows, request.table_path, request.stratum_column));
  auto result = stats::EstimatePopulation(table, request.options);
  if (!result.ok()) return result.status().WithContext("estimate " + request.table_path);
  return result;
}

base::Status KeepEstimate(Workspace& ws, const KeptEstimateLabel& label,
                          const EstimateRequest& request, const stats::MseResult& result) {
  VKA_RETURN_IF_ERROR(CheckLabel(label.counts));
  VKA_RETURN_IF_ERROR(CheckSituation(ws, label.situation_id));
  VKA_ASSIGN_OR_RETURN(std::string sha256, FileSha256(request.table_path));
  base::Json kept = {
      {"format", kKeptFormat},
      {"situation", label.situation_id},
      {"counts", label.counts},
      {"table", {{"file", std::filesystem::path(request.table_path).filename().string()},
                 {"sha256", sha256}}},
      {"kept_at", base::NowRfc3339()},
      {"result", MseResultJson(result)}};
  std::filesystem::path path = KeptPath(ws, label.situation_id);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return base::IOError(path.parent_path().string() + ": cannot create: " + ec.message());
  return base::WriteFileAtomically(path, kept.dump(2) + "\n");
}

base::Result<std::optional<base::Json>> KeptEstimate(Workspace& ws,
                                                     const std::string& situation_id,
                                                     std::optional<Role> reader) {
  if (reader && !MayRead(*reader, "restricted")) return std::optional<base::Json>();
  auto kind = model::KindOfId(situation_id);
  if (!kind || *kind != model::Kind::kSituation) return std::optional<base::Json>();
  std::filesystem::path path = KeptPath(ws, situation_id);
  auto text = base::ReadSmallFile(path, kMaxKeptBytes);
  if (!text.ok()) {
    if (text.status().code() == base::StatusCode::kNotFound) return std::optional<base::Json>();
    return text.status();
  }
  auto json = base::ParseJsonStrict(*text);
  if (!json.ok() || !json->is_object() || json->value("format", "") != kKeptFormat ||
      json->value("situation", "") != situation_id || !json->contains("result")) {
    return base::DataLossError(path.string() + ": not an estimate kept by vka (" + kKeptFormat +
                               ") for " + situation_id);
  }
  return std::optional<base::Json>(std::move(*json));
}

}  // namespace vka::app
