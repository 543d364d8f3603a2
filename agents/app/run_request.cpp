#include "agents/app/run_request.hpp"

#include <chrono>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>

#include "agents/model/model.hpp"
#include "sim/config/limits.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

int resolve_threads(int requested) {
  if (requested < 0 || requested > sim::limits::max_threads)
    throw sim::ConfigError("command line: --threads = " + std::to_string(requested) + ": must be from 0 (all cores) to " +
                           std::to_string(sim::limits::max_threads));
  return requested == 0 ? oneapi::tbb::info::default_concurrency() : requested;
}

LoadedScenario load_run_scenario(const RunRequest& request) {
  auto overrides = request.overrides;
  if (request.seed) overrides.emplace_back("run.seed", std::to_string(*request.seed));
  return load_scenario(request.scenario_file, overrides);
}

CompletedRun simulate(const Scenario& scenario, int threads, const BetweenBatches& between_batches,
                      const DayObserver& after_day) {
  CompletedRun run;
  run.threads = threads;
  // An arena rather than a global_control: the limit then belongs to this run alone, so runs on
  // several caller threads (a Python thread pool) do not cap each other.
  oneapi::tbb::task_arena arena(threads);
  const auto start = std::chrono::steady_clock::now();
  arena.execute([&] { run.record = run_model(scenario, between_batches, after_day); });
  run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

sim::output::RunMetadata run_metadata(const LoadedScenario& loaded, const CompletedRun& run,
                                      const std::string& command_line) {
  sim::output::RunMetadata metadata;
  metadata.seed = loaded.scenario.run.seed;
  metadata.threads = run.threads;
  metadata.wall_seconds = run.wall_seconds;
  metadata.scenario_name = loaded.scenario.run.name;
  metadata.scenario_text = loaded.scenario.resolved_text;
  metadata.years = loaded.scenario.run.years;
  metadata.farmers = loaded.scenario.population.farmers;
  metadata.command_line = command_line;
  return metadata;
}

}  // namespace kringloop::agents
