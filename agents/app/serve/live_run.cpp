#include "agents/app/serve/live_run.hpp"

#include "agents/app/serve/frames.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"

namespace kringloop::agents::serve {

namespace {

struct Cancelled {};  // thrown out of the model's loop by the between-months hook

sim::server::Message text_message(std::string text) {
  return {std::make_shared<const std::string>(std::move(text)), false, false};
}

// Quotes a command-line word when the shell would split or expand it.
std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:=+,") == std::string::npos)
    return word;
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') quoted.append("'\\''");
    else quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

}  // namespace

const char* run_state_name(RunState state) {
  switch (state) {
    case RunState::running: return "running";
    case RunState::paused: return "paused";
    case RunState::finished: return "finished";
    case RunState::cancelled: return "cancelled";
    case RunState::failed: return "failed";
  }
  return "unknown";
}

LiveRun::LiveRun(int id, LiveRunOptions options)
    : id_(id), options_(std::move(options)), live_(options_.request), months_total_(live_.scenario().run.months()),
      pace_ms_(options_.pace_ms), paused_(options_.start_paused) {}

LiveRun::~LiveRun() {
  cancel();
  wait();
}

void LiveRun::start() {
  thread_ = std::thread([this] { run_thread(); });
}

void LiveRun::wait() {
  if (thread_.joinable()) thread_.join();
}

void LiveRun::post(Command command) {
  {
    std::lock_guard lock(mutex_);
    inbox_.push_back(std::move(command));
  }
  wake_.notify_all();
}

void LiveRun::pause() { post({CommandKind::pause, {}}); }
void LiveRun::resume() { post({CommandKind::resume, {}}); }
void LiveRun::step() { post({CommandKind::step, {}}); }
void LiveRun::cancel() { post({CommandKind::cancel, {}}); }

void LiveRun::set_pace(int pace_ms) {
  {
    std::lock_guard lock(mutex_);
    pace_ms_ = pace_ms;
  }
  wake_.notify_all();
}

int LiveRun::change_lever(const std::string& key, const std::string& value) {
  if (!active()) throw StateError(std::string("run ") + std::to_string(id_) + " has ended (" + run_state_name(state_) + "): levers change only during a run");
  LeverChange change{std::min(months_done_.load(), months_total_ - 1), key, value};
  {
    std::lock_guard lock(mutex_);
    live_.check(change);  // the registry's message for a bad key or value, at once
  }
  post({CommandKind::lever, change});
  return change.month;
}

void LiveRun::run_thread() {
  try {
    {
      std::unique_lock lock(mutex_);
      if (paused_) state_ = RunState::paused;
    }
    at_boundary(nullptr, 0);  // commands sent before the first month (start paused, levers from month 0)
    bool farms_sent = false;
    const CompletedRun run = simulate(live_.scenario(), options_.threads, month_boundary_hook([&](const Model& model, int done) {
      if (!farms_sent) {
        frames_->publish(text_message(farms_frame(model, live_.scenario())), true);
        farms_sent = true;
      }
      at_boundary(&model, done);
    }));
    sim::output::RunMetadata metadata = run_metadata(live_.loaded(), run, equivalent_command());
    metadata.lever_changes = live_.applied_text();
    sim::output::write_run_file(options_.output_file, run.record, metadata, true, live_.scenario().run.snapshots);

    sim::cli::Json summary;
    summary["run"] = id_;
    summary["scenario"] = options_.scenario_label;
    summary["seed"] = live_.scenario().run.seed;
    summary["farmers"] = live_.scenario().population.farmers;
    summary["years"] = live_.scenario().run.years;
    summary["wall_seconds"] = run.wall_seconds;
    summary["equivalent_command"] = metadata.command_line;
    sim::cli::Json changes = sim::cli::Json::array();
    for (const auto& change : live_.applied()) changes.push_back({{"month", change.month}, {"key", change.key}, {"value", change.value}});
    summary["lever_changes"] = std::move(changes);
    sim::cli::Json values = sim::cli::Json::object();
    for (const auto& [key, value] : run.record.summary()) values[key] = sim::cli::json_number(value);
    summary["summary"] = std::move(values);
    {
      std::lock_guard lock(mutex_);
      summary_ = sim::cli::dump_json(summary);
    }
    state_ = RunState::finished;
  } catch (const Cancelled&) {
    state_ = RunState::cancelled;
  } catch (const std::exception& error) {
    {
      std::lock_guard lock(mutex_);
      error_ = sim::escape_control_characters(error.what());
    }
    state_ = RunState::failed;
  }
  frames_->publish(text_message(sim::cli::dump_json(status())), true);
  frames_->close();
}

// Between months: publish the month, then drain the inbox; while paused, wait for the next command;
// with a pace, wait out the rest of the month's wall time (woken early by any command).
void LiveRun::at_boundary(const Model* model, int months_done) {
  months_done_ = months_done;
  if (model != nullptr) {
    frames_->publish(text_message(month_frame(model->record_so_far(), months_done, months_total_, levers_.size())), true);
    // Large maps go out at most ten times a second; a client that lags gets only the newest.
    const auto now = std::chrono::steady_clock::now();
    const bool small = model->farmers().size() * model->farmers().practice.size() <= 64 * 1024;
    if (small || now - last_map_ >= std::chrono::milliseconds(100) || months_done == months_total_) {
      frames_->publish({std::make_shared<const std::string>(map_frame(*model, months_done)), true, true}, false);
      last_map_ = now;
    }
  }
  if (months_done >= months_total_) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(pace_ms_);
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!inbox_.empty()) {
      Command command = std::move(inbox_.front());
      inbox_.pop_front();
      switch (command.kind) {
        case CommandKind::pause: paused_ = true; steps_ = 0; break;
        case CommandKind::resume: paused_ = false; steps_ = 0; break;
        case CommandKind::step: paused_ = true; steps_ = 1; break;
        case CommandKind::cancel: throw Cancelled{};
        case CommandKind::lever:
          command.lever.month = months_done;
          live_.apply(command.lever);
          levers_.push_back(command.lever);
          break;
      }
    }
    if (paused_ && steps_ == 0) {
      state_ = RunState::paused;
      wake_.wait(lock, [&] { return !inbox_.empty(); });
      continue;
    }
    if (paused_) --steps_;  // this month runs; the next boundary pauses again
    state_ = RunState::running;
    if (model == nullptr || pace_ms_ <= 0) return;
    if (!wake_.wait_until(lock, deadline, [&] { return !inbox_.empty(); })) return;
  }
}

sim::cli::Json LiveRun::status() const {
  sim::cli::Json status;
  status["type"] = "status";
  status["id"] = id_;
  status["scenario"] = options_.scenario_label;
  status["seed"] = live_.scenario().run.seed;
  status["farmers"] = live_.scenario().population.farmers;
  status["state"] = run_state_name(state_);
  status["month"] = months_done_.load();
  status["months"] = months_total_;
  std::lock_guard lock(mutex_);
  status["pace_ms"] = pace_ms_;
  sim::cli::Json changes = sim::cli::Json::array();
  for (const auto& change : levers_) changes.push_back({{"month", change.month}, {"key", change.key}, {"value", change.value}});
  status["lever_changes"] = std::move(changes);
  if (!error_.empty()) status["error"] = error_;
  return status;
}

std::string LiveRun::summary_json() const {
  std::lock_guard lock(mutex_);
  return summary_;
}

std::string LiveRun::equivalent_command() const {
  // Appended word by word (GCC 12 warns falsely, -Wrestrict, on `" " + word` chains here).
  std::string command = "kringloop run";
  const auto word = [&](const std::string& text) {
    command.push_back(' ');
    command.append(text);
  };
  if (options_.request.scenario_file) word(shell_word(*options_.request.scenario_file));
  for (const auto& [key, value] : options_.request.overrides) {
    word("--" + key);
    word(shell_word(value));
  }
  if (options_.request.seed) {
    word("--seed");
    word(std::to_string(*options_.request.seed));
  }
  std::lock_guard lock(mutex_);
  for (const auto& change : levers_) {
    word("--lever");
    word(shell_word(std::to_string(change.month) + ":" + change.key + "=" + change.value));
  }
  return command;
}

}  // namespace kringloop::agents::serve
