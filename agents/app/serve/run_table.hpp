// The runs a server holds: starts them within the caps (concurrent runs, farmers per run), finds
// them by id, and cancels and joins them all at shutdown. Finished runs stay listed (and their files
// downloadable) until `max_kept` newer ones have ended.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "agents/app/serve/live_run.hpp"

namespace kringloop::agents::serve {

struct ServeSettings {
  int max_runs = 4;               // running or paused at once
  std::int64_t max_farmers = 100000;
  int threads_per_run = 1;
  std::size_t max_kept = 64;      // ended runs kept for download
  std::filesystem::path output_dir = "out/serve";
  std::filesystem::path configs_dir = "configs";
};

// A start refused because the server is full: HTTP 429.
struct CapacityError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RunTable {
 public:
  explicit RunTable(ServeSettings settings);
  // Throws ConfigError (bad scenario, override or size) or CapacityError.
  std::shared_ptr<LiveRun> start(LiveRunOptions options);
  std::shared_ptr<LiveRun> find(int id) const;
  std::vector<std::shared_ptr<LiveRun>> all() const;
  std::size_t active_runs() const;
  void cancel_all_and_wait();
  const ServeSettings& settings() const { return settings_; }

 private:
  ServeSettings settings_;
  mutable std::mutex mutex_;
  std::map<int, std::shared_ptr<LiveRun>> runs_;
  int next_id_ = 1;
  bool closed_ = false;
};

}  // namespace kringloop::agents::serve
