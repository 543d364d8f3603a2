// One run as `kringloop run` does it, shared by the command and the Python module so both produce
// the same numbers from the same request: scenario file (or the embedded default) + overrides,
// the seed as a `run.seed` override, then the model inside an arena of the requested threads.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

struct RunRequest {
  std::optional<std::string> scenario_file;  // nullopt: the embedded default scenario
  sim::config::KeyValues overrides;          // `--section.key VALUE`, in the order given
  std::optional<std::uint64_t> seed;         // overrides run.seed (as the last override)
  int threads = 0;                           // 0 = all cores
};

// 0 → every core; negative → ConfigError naming --threads.
int resolve_threads(int requested);

// The validated scenario of a request. Throws ConfigError naming the key, value and origin.
LoadedScenario load_run_scenario(const RunRequest& request);

struct CompletedRun {
  sim::output::RunRecord record;
  int threads = 1;
  double wall_seconds = 0;
};

// Runs the model in a task arena of `threads` workers (results do not depend on it) and times it.
// Holds no global state, so several runs may proceed at once on different threads.
// `between_batches` (optional) sees the model between event batches (levers, a live view);
// `after_day` (optional) is told each simulated day and the reviews done (terminal progress).
CompletedRun simulate(const Scenario& scenario, int threads, const BetweenBatches& between_batches = {},
                      const DayObserver& after_day = {});

// The identity a run file records (root attributes, docs/OUTPUT.md).
sim::output::RunMetadata run_metadata(const LoadedScenario& loaded, const CompletedRun& run,
                                      const std::string& command_line);

}  // namespace kringloop::agents
