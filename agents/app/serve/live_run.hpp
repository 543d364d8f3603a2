// One run started from the server: the same RunRequest → LiveScenario → simulate() path as
// `kringloop run`, on a thread of its own. Commands (pause, resume, step, cancel, lever changes)
// reach it through a locked inbox that the run drains at each month boundary, between events (the
// ns-3 pattern); frames leave through a Broadcast that never waits for a client. The run file is
// written atomically when the run ends, so a cancelled or interrupted run leaves no file at all.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "agents/app/levers.hpp"
#include "sim/cli/json.hpp"
#include "sim/server/broadcast.hpp"

namespace kringloop::agents::serve {

enum class RunState { running, paused, finished, cancelled, failed };
const char* run_state_name(RunState state);

struct LiveRunOptions {
  RunRequest request;            // scenario file (or the default), overrides, seed
  std::string scenario_label;    // "default", "stop_go"
  int threads = 1;
  int pace_ms = 0;               // wall time per month at least (to watch a run); 0 = full speed
  bool start_paused = false;
  std::filesystem::path output_file;
};

class LiveRun {
 public:
  // Loads and validates the scenario (throws ConfigError with the registry's message).
  LiveRun(int id, LiveRunOptions options);
  ~LiveRun();  // cancels and joins
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  void start();
  void pause();
  void resume();
  void step();    // one month, then paused
  void cancel();
  void set_pace(int pace_ms);
  // Checks the change now (throws ConfigError, or StateError when the run has ended) and applies it
  // at the next month boundary; returns the month it will apply before.
  int change_lever(const std::string& key, const std::string& value);
  void wait();    // until the run thread has ended

  int id() const { return id_; }
  RunState state() const { return state_; }
  bool active() const { const auto s = state_.load(); return s == RunState::running || s == RunState::paused; }
  sim::cli::Json status() const;
  std::shared_ptr<sim::server::Broadcast> frames() const { return frames_; }
  const std::filesystem::path& output_file() const { return options_.output_file; }
  // The summary JSON (available once finished).
  std::string summary_json() const;
  // `kringloop run ...` that reproduces this run's datasets.
  std::string equivalent_command() const;

 private:
  enum class CommandKind { pause, resume, step, cancel, lever };
  struct Command {
    CommandKind kind;
    LeverChange lever;
  };
  void post(Command command);
  void run_thread();
  void at_boundary(const Model* model, int months_done);  // nullptr: before the first month

  const int id_;
  const LiveRunOptions options_;
  LiveScenario live_;
  const int months_total_;
  std::shared_ptr<sim::server::Broadcast> frames_ = std::make_shared<sim::server::Broadcast>();

  mutable std::mutex mutex_;  // guards the inbox, the lever list, pace, summary and error
  std::condition_variable wake_;
  std::deque<Command> inbox_;
  std::vector<LeverChange> levers_;  // applied so far (a copy of live_.applied(), readable any time)
  int pace_ms_;
  bool paused_ = false;
  int steps_ = 0;
  std::string summary_, error_;
  std::atomic<RunState> state_{RunState::running};
  std::atomic<int> months_done_{0};
  std::chrono::steady_clock::time_point last_map_{};
  std::thread thread_;
};

// A command that the run's state does not allow (a lever change after the end): HTTP 409.
struct StateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kringloop::agents::serve
