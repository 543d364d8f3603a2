#include "agents/app/sweep_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace kringloop::agents {

SweepProgress::SweepProgress(std::uint64_t total, std::uint64_t already_done, bool quiet)
    : total_(total), already_done_(already_done), done_(already_done),
      enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()), last_draw_(start_) {
  if (enabled_) draw();
}

double SweepProgress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void SweepProgress::run_finished() {
  ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done_ == total_ || now - last_draw_ > std::chrono::milliseconds(200)) {
    last_draw_ = now;
    draw();
  }
}

void SweepProgress::draw() {
  constexpr int width = 30;
  const double fraction = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 1.0;
  const int filled = static_cast<int>(fraction * width);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  const double elapsed = seconds();
  const double rate = elapsed > 0 ? static_cast<double>(ran_here()) / elapsed : 0.0;
  char left[32] = "--";
  if (rate > 0) {
    const auto remaining = static_cast<long long>(static_cast<double>(total_ - done_) / rate);
    std::snprintf(left, sizeof left, "%lld:%02lld:%02lld", remaining / 3600, remaining / 60 % 60, remaining % 60);
  }
  std::fprintf(stderr, "\r[%s] %llu/%llu runs  %.2f runs/s  %s left ", bar, static_cast<unsigned long long>(done_),
               static_cast<unsigned long long>(total_), rate, left);
  std::fflush(stderr);
}

void SweepProgress::finish() {
  if (!enabled_) return;
  draw();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace kringloop::agents
