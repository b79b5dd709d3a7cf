#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace vka::cli {
namespace {

constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string Amount(uint64_t n, bool bytes) {
  char buf[32];
  if (bytes) {
    std::snprintf(buf, sizeof(buf), "%.1f MB", static_cast<double>(n) / 1e6);
  } else {
    std::snprintf(buf, sizeof(buf), "%llu", static_cast<unsigned long long>(n));
  }
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(std::string label, bool bytes)
    : label_(std::move(label)),
      bytes_(bytes),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_ - kRedrawInterval) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < kRedrawInterval && done != total) return;
  last_ = now;
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
  if (fraction > 1) fraction = 1;
  int filled = static_cast<int>(fraction * kBarWidth);
  double secs = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%s [%s%s] %3.0f%% %s / %s  %.1fs", label_.c_str(),
               std::string(filled, '#').c_str(), std::string(kBarWidth - filled, '.').c_str(),
               fraction * 100, Amount(done, bytes_).c_str(), Amount(total, bytes_).c_str(), secs);
  std::fflush(stderr);
  drawn_ = true;
}

app::ProgressFn ProgressBar::AsFn() {
  return [this](uint64_t done, uint64_t total) { Update(done, total); };
}

}  // namespace vka::cli
