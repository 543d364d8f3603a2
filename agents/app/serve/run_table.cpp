#include "agents/app/serve/run_table.hpp"

#include "sim/errors.hpp"

namespace kringloop::agents::serve {

RunTable::RunTable(ServeSettings settings) : settings_(std::move(settings)) {
  std::error_code error;
  std::filesystem::create_directories(settings_.output_dir, error);
  if (error) throw sim::IoError("serve: output folder " + settings_.output_dir.string() + ": " + error.message());
}

std::shared_ptr<LiveRun> RunTable::start(LiveRunOptions options) {
  std::lock_guard lock(mutex_);
  if (closed_) throw CapacityError("the server is shutting down");
  std::size_t active = 0;
  for (const auto& [id, run] : runs_) active += run->active() ? 1 : 0;
  if (active >= static_cast<std::size_t>(settings_.max_runs))
    throw CapacityError(std::to_string(active) + " runs are under way, the most this server allows (--max-runs " +
                        std::to_string(settings_.max_runs) + "); cancel one or wait");
  const int id = next_id_;
  options.threads = settings_.threads_per_run;
  options.output_file = settings_.output_dir / ("run-" + std::to_string(id) + ".h5");
  auto run = std::make_shared<LiveRun>(id, std::move(options));  // validates the scenario
  if (run->status()["farmers"].get<std::int64_t>() > settings_.max_farmers)
    throw sim::ConfigError("population.farmers = " + std::to_string(run->status()["farmers"].get<std::int64_t>()) +
                           ": this server runs at most " + std::to_string(settings_.max_farmers) +
                           " farmers per run (--max-farmers)");
  ++next_id_;
  run->start();
  runs_[id] = run;
  // Forget the oldest ended runs beyond the limit (their files stay in the output folder).
  std::size_t ended = 0;
  for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) ended += it->second->active() ? 0 : 1;
  for (auto it = runs_.begin(); it != runs_.end() && ended > settings_.max_kept;) {
    if (!it->second->active()) {
      it = runs_.erase(it);
      --ended;
    } else {
      ++it;
    }
  }
  return run;
}

std::shared_ptr<LiveRun> RunTable::find(int id) const {
  std::lock_guard lock(mutex_);
  const auto it = runs_.find(id);
  return it == runs_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<LiveRun>> RunTable::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<LiveRun>> runs;
  for (const auto& [id, run] : runs_) runs.push_back(run);
  return runs;
}

std::size_t RunTable::active_runs() const {
  std::size_t active = 0;
  for (const auto& run : all()) active += run->active() ? 1 : 0;
  return active;
}

void RunTable::cancel_all_and_wait() {
  std::vector<std::shared_ptr<LiveRun>> runs;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (const auto& [id, run] : runs_) runs.push_back(run);
  }
  for (const auto& run : runs) run->cancel();
  for (const auto& run : runs) run->wait();
}

}  // namespace kringloop::agents::serve
