// Running the runs of a sweep: each one is the base scenario with the design point's values and
// the run's own seed set, simulated, serialized and appended to the journal. Runs execute in a
// oneTBB pipeline (a bounded number in flight, so memory does not grow with the sweep); each run's
// own parallel loops nest inside it.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "agents/app/sweep_progress.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/output/journal.hpp"

namespace kringloop::sim::output {
class SweepAssembly;
}

namespace kringloop::agents {

// The scenario of run `run`: the base with exactly the overrides SweepIdentity::run_arguments lists.
Scenario run_scenario(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base,
                      std::uint64_t run, ResolvedText text = ResolvedText::written);

// Builds the scenario of every design point once (cross-key checks, one horizon for all), before any
// run. Returns the largest estimated memory of one run. Throws ConfigError.
std::uint64_t check_every_point(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base);

struct RunOptions {
  int threads = 1;
  std::optional<std::uint64_t> crash_after;  // tests: append this many runs, tear the next, _Exit
  // The sweep file's assembly from this journal, when this process makes it: told of every run
  // appended, and given the time of a thread that has no run left while others still run.
  sim::output::SweepAssembly* assembly = nullptr;
};

void run_sweep_runs(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base,
                    const std::vector<std::uint64_t>& pending, sim::output::JournalWriter& journal,
                    SweepProgress& progress, const RunOptions& options);

}  // namespace kringloop::agents
