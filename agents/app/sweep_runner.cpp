#include "agents/app/sweep_runner.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include <oneapi/tbb/parallel_pipeline.h>

#include "agents/app/memory_estimate.hpp"
#include "agents/model/model.hpp"
#include "agents/parameters/registry.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

sim::config::ResolvedConfig point_config(const sim::output::SweepIdentity& identity,
                                         const sim::config::ResolvedConfig& base, std::uint64_t point) {
  sim::config::ResolvedConfig config = base;
  const auto& values = identity.points.at(point);
  for (std::size_t i = 0; i < identity.names.size(); ++i)
    config.set(parameter_registry(), identity.names[i],
               sim::output::factor_value_text(values[i], identity.integer_keys[i] != 0),
               "--vary " + identity.names[i] + " (design point " + std::to_string(point) + ")");
  return config;
}

// What every run of one sweep must share: months, series paths and shapes, summary keys.
std::uint64_t structure_of(const sim::output::RunRecord& record) {
  std::string text;
  for (auto day : record.month_end_days()) text += std::to_string(day) + ",";
  for (const auto& series : record.series()) {
    text += "|" + series.path + ":" + std::to_string(series.values.size());
    for (const auto& column : series.columns) text += "," + column;
  }
  for (const auto& [key, value] : record.summary()) text += "|" + key;
  return sim::output::checksum(text.data(), text.size());
}

struct Finished {
  std::uint64_t run = 0;
  std::uint64_t structure = 0;
  std::string payload;
};

}  // namespace

Scenario run_scenario(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base,
                      std::uint64_t run) {
  sim::config::ResolvedConfig config = point_config(identity, base, identity.point_of(run));
  const std::uint64_t seed = identity.seed_of(run);
  try {
    config.set(parameter_registry(), "run.seed", std::to_string(seed), "sweep seed");
  } catch (const sim::ConfigError&) {
    // derive_seed spans [0, 2^63); a registry whose run.seed range is narrower cannot hold every
    // derived seed as text. The run still uses its derived seed (set below); only the recorded
    // scenario text keeps the base seed.
  }
  Scenario scenario = build_scenario(config);
  scenario.run.seed = seed;
  return scenario;
}

std::uint64_t check_every_point(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base) {
  int first_years = 0;
  std::uint64_t largest = 0;
  for (std::uint64_t point = 0; point < identity.points.size(); ++point) {
    Scenario scenario;
    try {
      scenario = build_scenario(point_config(identity, base, point));
    } catch (const sim::ConfigError& error) {
      throw sim::ConfigError("design point " + std::to_string(point) + ": " + error.what());
    }
    // Every run of a sweep is stacked into one table per series: the horizon must not vary, or the
    // sweep fails after running and leaves a journal no --resume can finish.
    if (point == 0) first_years = scenario.run.years;
    if (scenario.run.years != first_years)
      throw sim::ConfigError("design point " + std::to_string(point) + ": run.years = " +
                             std::to_string(scenario.run.years) + " but design point 0 has " +
                             std::to_string(first_years) +
                             "; every run of a sweep must simulate the same horizon (sweep one horizon at a time)");
    largest = std::max(largest, estimate_run_bytes(scenario));
  }
  return largest;
}

void run_sweep_runs(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base,
                    const std::vector<std::uint64_t>& pending, sim::output::JournalWriter& journal,
                    SweepProgress& progress, const RunOptions& options) {
  std::size_t next = 0;
  std::uint64_t appended = 0;
  std::optional<std::uint64_t> structure;
  // Two runs in flight per thread keep every worker busy while the writer appends; the bound keeps
  // memory flat however many runs the sweep has.
  const auto tokens = static_cast<std::size_t>(2 * std::max(options.threads, 1));
  oneapi::tbb::parallel_pipeline(
      tokens,
      oneapi::tbb::make_filter<void, std::uint64_t>(oneapi::tbb::filter_mode::serial_in_order,
                                                    [&](oneapi::tbb::flow_control& control) -> std::uint64_t {
                                                      if (next == pending.size()) {
                                                        control.stop();
                                                        return 0;
                                                      }
                                                      return pending[next++];
                                                    }) &
          oneapi::tbb::make_filter<std::uint64_t, Finished>(
              oneapi::tbb::filter_mode::parallel,
              [&](std::uint64_t run) {
                const Scenario scenario = run_scenario(identity, base, run);
                const sim::output::RunRecord record = run_model(scenario);
                return Finished{run, structure_of(record), sim::output::serialize_run(record)};
              }) &
          oneapi::tbb::make_filter<Finished, void>(
              oneapi::tbb::filter_mode::serial_in_order, [&](const Finished& finished) {
                if (!structure) structure = finished.structure;
                if (*structure != finished.structure)
                  throw sim::ConfigError("sweep: run " + std::to_string(finished.run) +
                                         " records different series or summary keys than the sweep's first run "
                                         "(a sweep cannot vary the horizon or which sections exist)");
                if (options.crash_after && appended == *options.crash_after) {
                  journal.append_torn(finished.run, finished.payload, finished.payload.size() / 2);
                  std::_Exit(137);  // a simulated kill -9: no destructors, no flushing
                }
                journal.append(finished.run, finished.payload);
                ++appended;
                progress.run_finished();
              }));
}

}  // namespace kringloop::agents
