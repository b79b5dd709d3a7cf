#include "evidence/proof_text.h"

#include <algorithm>

#include "base/sha256.h"

namespace vka::evidence {
namespace {

std::string Hex(const Hash& h) { return base::HexLower(h.data(), h.size()); }

base::Status BadLine(size_t line, const std::string& what) {
  return base::InvalidArgumentError("proof line " + std::to_string(line) + ": " + what);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

// "<label> <size> <hex root>" on line number `number` (1-based).
base::Status ParseSizeAndRoot(std::string_view line, size_t number, std::string_view label,
                              uint64_t& size, Hash& root) {
  const std::string prefix = std::string(label) + " ";
  const size_t space = line.find(' ', prefix.size());
  if (!line.starts_with(prefix) || space == std::string_view::npos) {
    return BadLine(number, "expected \"" + std::string(label) + " <size> <hex root>\"");
  }
  const std::string_view digits = line.substr(prefix.size(), space - prefix.size());
  if (digits.empty() || digits.size() > 19 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return BadLine(number, "the size is not a decimal number");
  }
  size = std::stoull(std::string(digits));
  auto hash = ParseHexHash(line.substr(space + 1));
  if (!hash) return BadLine(number, "the root is not 64 lower-case hex digits");
  root = *hash;
  return base::OkStatus();
}

}  // namespace

std::string FormatConsistencyProof(const ConsistencyProofText& p) {
  std::string out = "consistency proof\nold " + std::to_string(p.old_size) + " " +
                    Hex(p.old_root) + "\nnew " + std::to_string(p.new_size) + " " +
                    Hex(p.new_root) + "\n";
  for (const Hash& h : p.proof) out += Hex(h) + "\n";
  return out;
}

base::Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text) {
  const std::vector<std::string_view> lines = SplitLines(text);
  if (lines.empty() || lines[0] != "consistency proof") {
    return BadLine(1, "expected \"consistency proof\" (the output of `vka log consistency`)");
  }
  ConsistencyProofText out;
  VKA_RETURN_IF_ERROR(ParseSizeAndRoot(lines.size() > 1 ? lines[1] : "", 2, "old", out.old_size,
                                       out.old_root));
  VKA_RETURN_IF_ERROR(ParseSizeAndRoot(lines.size() > 2 ? lines[2] : "", 3, "new", out.new_size,
                                       out.new_root));
  for (size_t i = 3; i < lines.size(); ++i) {
    auto hash = ParseHexHash(lines[i]);
    if (!hash) return BadLine(i + 1, "not a hash of 64 lower-case hex digits");
    out.proof.push_back(*hash);
  }
  return out;
}

std::optional<Hash> ParseHexHash(std::string_view hex) {
  Hash h{};
  if (hex.size() != 2 * h.size()) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < h.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    h[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return h;
}

}  // namespace vka::evidence
