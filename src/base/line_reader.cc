#include "base/line_reader.h"

namespace vka::base {
namespace {
constexpr size_t kChunkBytes = 1 << 20;
}

bool LineReader::Fill() {
  buffer_.resize(kChunkBytes);
  in_.read(buffer_.data(), kChunkBytes);
  buffer_.resize(static_cast<size_t>(in_.gcount()));
  pos_ = 0;
  return !buffer_.empty();
}

LineReader::Outcome LineReader::Next(std::string& line) {
  line.clear();
  bool too_long = false;
  bool any = false;
  // Appends buffer_[pos_, pos_+len) to line unless the line is over the limit.
  auto take = [&](size_t len) {
    if (!too_long && line.size() + len > max_) {
      too_long = true;
      line.clear();
    }
    if (!too_long) line.append(buffer_, pos_, len);
    bytes_read_ += len;
  };
  while (true) {
    size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      take(nl - pos_);
      bytes_read_ += 1;
      pos_ = nl + 1;
      unterminated_ = false;
      break;
    }
    if (buffer_.size() > pos_) any = true;
    take(buffer_.size() - pos_);
    if (!Fill()) {
      if (!any) return Outcome::kEnd;
      unterminated_ = true;
      break;
    }
  }
  ++line_number_;
  if (too_long) return Outcome::kTooLong;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Outcome::kLine;
}

}  // namespace vka::base
