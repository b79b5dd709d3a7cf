#include "evidence/checkpoint.h"

#include <cstring>

#include "evidence/internal/base64.h"

namespace vka::evidence {
namespace {

using base::Result;

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < text.size();) {
    const size_t end = text.find('\n', pos);
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

Result<uint64_t> ParseSize(std::string_view s) {
  constexpr size_t kMaxDigits = 19;  // below 2^63
  if (s.empty() || s.size() > kMaxDigits || (s.size() > 1 && s[0] == '0')) {
    return base::InvalidArgumentError("checkpoint tree size is not a decimal number");
  }
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return base::InvalidArgumentError("checkpoint tree size is not a decimal number");
    }
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  VKA_RETURN_IF_ERROR(CheckKeyName(checkpoint.origin));
  std::string text = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                     internal::Base64Encode(std::string_view(
                         reinterpret_cast<const char*>(checkpoint.root.data()),
                         checkpoint.root.size())) +
                     "\n";
  for (const std::string& line : checkpoint.extensions) {
    if (line.empty() || line.find('\n') != std::string::npos) {
      return base::InvalidArgumentError("checkpoint extension lines must be non-empty single lines");
    }
    text += line + "\n";
  }
  return text;
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return base::InvalidArgumentError("checkpoint text must end with a newline");
  }
  const std::vector<std::string_view> lines = Lines(text);
  constexpr size_t kRequiredLines = 3;
  if (lines.size() < kRequiredLines) {
    return base::InvalidArgumentError("checkpoint has fewer than 3 lines");
  }
  Checkpoint cp;
  cp.origin = std::string(lines[0]);
  VKA_RETURN_IF_ERROR(CheckKeyName(cp.origin).WithContext("checkpoint origin"));
  VKA_ASSIGN_OR_RETURN(cp.size, ParseSize(lines[1]));
  std::optional<std::string> root = internal::Base64Decode(lines[2]);
  if (!root || root->size() != cp.root.size()) {
    return base::InvalidArgumentError("checkpoint root is not base64 of 32 bytes");
  }
  std::memcpy(cp.root.data(), root->data(), cp.root.size());
  for (size_t i = kRequiredLines; i < lines.size(); ++i) {
    if (lines[i].empty()) return base::InvalidArgumentError("checkpoint has an empty line");
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer) {
  if (signer.name() != checkpoint.origin) {
    return base::InvalidArgumentError("checkpoint origin '" + checkpoint.origin +
                                      "' is not the signing key's name '" + signer.name() + "'");
  }
  VKA_ASSIGN_OR_RETURN(std::string text, FormatCheckpoint(checkpoint));
  return SignNote(text, signer);
}

Result<Checkpoint> OpenCheckpoint(std::string_view note, const NoteVerifier& log_key) {
  VKA_ASSIGN_OR_RETURN(OpenedNote opened, OpenNote(note, {log_key}));
  VKA_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(opened.text));
  if (cp.origin != log_key.name) {
    return base::InvalidArgumentError("checkpoint origin '" + cp.origin + "' is not the log '" +
                                      log_key.name + "'");
  }
  return cp;
}

}  // namespace vka::evidence
