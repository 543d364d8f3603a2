// Progress of a single run on a terminal: months done, farmer-reviews per second and time left,
// redrawn on stderr at most five times a second. Shown only when stderr is a terminal, without
// --quiet, and once the run has taken a second (a run that ends sooner shows nothing), so logs,
// pipes and quick runs stay clean.
#pragma once
#include <chrono>
#include <cstdint>

#include "sim/time.hpp"

namespace kringloop::agents {

class RunProgress {
 public:
  RunProgress(int months, bool quiet);
  void day_done(sim::Day day, std::uint64_t reviews);
  void finish();  // clears the line

 private:
  void draw(int month, std::uint64_t reviews);
  int months_;
  bool enabled_, drawn_ = false;
  std::chrono::milliseconds quiet_start_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace kringloop::agents
