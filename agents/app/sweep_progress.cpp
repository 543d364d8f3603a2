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

std::string progress_bar(std::uint64_t done, std::uint64_t total) {
  constexpr int width = 30;
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(fraction * width);
  std::string bar = "[";
  for (int i = 0; i < width; ++i) bar += i < filled ? '#' : '.';
  return bar + "]";
}

std::string clock_text(double seconds) {
  if (seconds < 0) return "--";
  const auto whole = static_cast<long long>(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60, whole % 60);
  return text;
}

void SweepProgress::draw() {
  const double elapsed = seconds();
  const double rate = elapsed > 0 ? static_cast<double>(ran_here()) / elapsed : 0.0;
  const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : -1.0;
  std::fprintf(stderr, "\r%s %llu/%llu runs  %.2f runs/s  %s left ", progress_bar(done_, total_).c_str(),
               static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_), rate,
               clock_text(left).c_str());
  std::fflush(stderr);
}

void SweepProgress::finish() {
  if (!enabled_) return;
  draw();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace kringloop::agents
