#include "agents/app/run_progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "agents/app/sweep_progress.hpp"

namespace kringloop::agents {

namespace {

// A run shorter than this shows nothing. KRINGLOOP_PROGRESS_AFTER_MS changes it (tests set 0, so
// that whether a line appears does not depend on the machine's speed).
std::chrono::milliseconds quiet_start() {
  const char* text = std::getenv("KRINGLOOP_PROGRESS_AFTER_MS");
  if (text == nullptr || *text == '\0') return std::chrono::milliseconds(1000);
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  return *end == '\0' && value >= 0 ? std::chrono::milliseconds(value) : std::chrono::milliseconds(1000);
}

}  // namespace

RunProgress::RunProgress(int months, bool quiet)
    : months_(months), enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), quiet_start_(quiet_start()),
      start_(std::chrono::steady_clock::now()), last_draw_(start_ - std::chrono::seconds(1)) {}

void RunProgress::day_done(sim::Day day, std::uint64_t reviews) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < quiet_start_ || now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  draw(sim::month_of(day), reviews);
}

void RunProgress::draw(int month, std::uint64_t reviews) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(reviews) / elapsed : 0.0;
  const double months_per_second = elapsed > 0 ? month / elapsed : 0.0;
  const double left = months_per_second > 0 ? (months_ - month) / months_per_second : -1.0;
  std::fprintf(stderr, "\r%s month %d/%d  %.1f M farmer-reviews/s  %s left ", progress_bar(month, months_).c_str(),
               month, months_, rate / 1e6, clock_text(left).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void RunProgress::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace kringloop::agents
