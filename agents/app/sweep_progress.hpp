// Progress of a sweep on a terminal: a bar with runs done, runs per second and time left, redrawn at
// most a few times a second on stderr. Off when stderr is not a terminal or with --quiet, so logs
// and pipes stay clean.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace kringloop::agents {

// "[#########.....................]": `done` of `total` in 30 characters (runs of a sweep, months of a run).
std::string progress_bar(std::uint64_t done, std::uint64_t total);
// "0:01:05" for 65 seconds; "--" while unknown (negative).
std::string clock_text(double seconds);

class SweepProgress {
 public:
  SweepProgress(std::uint64_t total, std::uint64_t already_done, bool quiet);
  void run_finished();
  void finish();  // clears the bar
  std::uint64_t done() const { return done_; }
  double seconds() const;
  std::uint64_t ran_here() const { return done_ - already_done_; }

 private:
  void draw();
  std::uint64_t total_, already_done_, done_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace kringloop::agents
