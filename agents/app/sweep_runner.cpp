#include "agents/app/sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <limits>
#include <string>
#include <utility>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include "agents/app/memory_estimate.hpp"
#include "agents/model/model.hpp"
#include "agents/parameters/registry.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"
#include "sim/output/sweep_file.hpp"

namespace kringloop::agents {

namespace {

// With --scenarios, the base scenario of a level, read back from the text the sweep stores (the
// same bytes a replay from the sweep file starts from).
sim::config::ResolvedConfig level_base(const sim::output::SweepIdentity& identity, std::size_t level) {
  const std::string origin = "scenario " + identity.labels.at(identity.scenario_factor()).at(level);
  return sim::config::ResolvedConfig::resolve(
      parameter_registry(), {{sim::config::read_ini(identity.scenario_texts.at(level), origin), origin}});
}

// Every level's base scenario, or none when the sweep has one base scenario.
std::vector<sim::config::ResolvedConfig> level_bases(const sim::output::SweepIdentity& identity) {
  std::vector<sim::config::ResolvedConfig> bases;
  if (identity.scenario_factor() == identity.names.size()) return bases;
  for (std::size_t level = 0; level < identity.scenario_texts.size(); ++level) bases.push_back(level_base(identity, level));
  return bases;
}

// The scenario of one design point: `base` (with --scenarios: the point's level base) plus the
// point's values and derived keys.
sim::config::ResolvedConfig point_config(const sim::output::SweepIdentity& identity,
                                         sim::config::ResolvedConfig config, std::uint64_t point) {
  const std::size_t scenario = identity.scenario_factor();
  for (std::size_t i = 0; i < identity.names.size(); ++i)
    if (i != scenario)
      config.set(parameter_registry(), identity.names[i], identity.value_text(point, i),
                 "--vary " + identity.names[i] + " (design point " + std::to_string(point) + ")");
  for (std::size_t q = 0; q < identity.derived_names.size(); ++q)
    config.set(parameter_registry(), identity.derived_names[q],
               sim::output::factor_value_text(identity.derived_points.at(point).at(q), false),
               "share group (design point " + std::to_string(point) + ")");
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
                      std::uint64_t run, ResolvedText text) {
  const std::uint64_t point = identity.point_of(run);
  const std::size_t factor = identity.scenario_factor();
  // Resolving the level's scenario text once per run costs little next to the run itself.
  sim::config::ResolvedConfig config = point_config(
      identity, factor == identity.names.size() ? base : level_base(identity, static_cast<std::size_t>(identity.points[point][factor])),
      point);
  const std::uint64_t seed = identity.seed_of(run);
  try {
    config.set(parameter_registry(), "run.seed", std::to_string(seed), "sweep seed");
  } catch (const sim::ConfigError&) {
    // derive_seed spans [0, 2^63); a registry whose run.seed range is narrower cannot hold every
    // derived seed as text. The run still uses its derived seed (set below); only the recorded
    // scenario text keeps the base seed.
  }
  Scenario scenario = build_scenario(config, text);
  scenario.run.seed = seed;
  return scenario;
}

std::uint64_t check_every_point(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base) {
  const std::vector<sim::config::ResolvedConfig> bases = level_bases(identity);
  // Built side by side (about 0.7 ms a point: at 32 points a sixtieth of a default sweep spent on
  // one thread before any run, issue 16); the first failing point in point order is reported, as
  // when they were built one after the other.
  struct Checked {
    std::exception_ptr error;
    int years = 0;
    std::uint64_t bytes = 0;
  };
  std::vector<Checked> checked(identity.points.size());
  oneapi::tbb::parallel_for(std::size_t{0}, checked.size(), [&](std::size_t point) {
    try {
      const Scenario scenario = build_scenario(
          point_config(identity,
                       bases.empty() ? base : bases.at(static_cast<std::size_t>(identity.points[point][identity.scenario_factor()])),
                       point),
          ResolvedText::omitted);
      checked[point].years = scenario.run.years;
      checked[point].bytes = estimate_run_bytes(scenario);
    } catch (...) {
      checked[point].error = std::current_exception();
    }
  });
  std::uint64_t largest = 0;
  for (std::uint64_t point = 0; point < checked.size(); ++point) {
    if (checked[point].error) {
      try {
        std::rethrow_exception(checked[point].error);
      } catch (const sim::ConfigError& error) {
        throw sim::ConfigError("design point " + std::to_string(point) + ": " + error.what());
      }
    }
    // Every run of a sweep is stacked into one table per series: the horizon must not vary, or the
    // sweep fails after running and leaves a journal no --resume can finish.
    const int first_years = checked.front().years, years = checked[point].years;
    if (years != first_years)
      throw sim::ConfigError("design point " + std::to_string(point) + ": run.years = " + std::to_string(years) +
                             " but design point 0 has " + std::to_string(first_years) +
                             "; every run of a sweep must simulate the same horizon (sweep one horizon at a time)");
    largest = std::max(largest, checked[point].bytes);
  }
  return largest;
}

void run_sweep_runs(const sim::output::SweepIdentity& identity, const sim::config::ResolvedConfig& base,
                    const std::vector<std::uint64_t>& pending, sim::output::JournalWriter& journal,
                    SweepProgress& progress, const RunOptions& options) {
  std::size_t next = 0;
  std::uint64_t appended = 0;
  std::optional<std::uint64_t> structure;
  // Runs handed out and not yet in the journal.
  std::atomic<std::size_t> in_flight{0};
  // When every run is handed out, one more item: the assembly's share of the tail. The thread that
  // takes it has no run left; while others still run it writes the runs already in the journal
  // to the sweep file (sim/output/sweep_file.hpp), and stops when they end or it catches up
  // (then it is free again to help a run's parallel blocks). One thread: nothing runs beside it.
  constexpr std::uint64_t tail = std::numeric_limits<std::uint64_t>::max();
  bool tail_handed_out = options.assembly == nullptr || options.threads < 2;
  // Two runs in flight per thread keep every worker busy while the writer appends; the bound keeps
  // memory flat however many runs the sweep has.
  const auto tokens = static_cast<std::size_t>(2 * std::max(options.threads, 1));
  oneapi::tbb::parallel_pipeline(
      tokens,
      oneapi::tbb::make_filter<void, std::uint64_t>(oneapi::tbb::filter_mode::serial_in_order,
                                                    [&](oneapi::tbb::flow_control& control) -> std::uint64_t {
                                                      if (next == pending.size()) {
                                                        if (!std::exchange(tail_handed_out, true)) return tail;
                                                        control.stop();
                                                        return 0;
                                                      }
                                                      in_flight.fetch_add(1);
                                                      return pending[next++];
                                                    }) &
          oneapi::tbb::make_filter<std::uint64_t, Finished>(
              oneapi::tbb::filter_mode::parallel,
              [&](std::uint64_t run) {
                if (run == tail) {
                  options.assembly->write_ready_runs([&] { return in_flight.load() > 0; });
                  return Finished{tail, 0, {}};
                }
                // The sweep file keeps the scenario texts of its identity: no resolved text per run.
                const Scenario scenario = run_scenario(identity, base, run, ResolvedText::omitted);
                const sim::output::RunRecord record = run_model(scenario);
                return Finished{run, structure_of(record), sim::output::serialize_run(record)};
              }) &
          oneapi::tbb::make_filter<Finished, void>(
              oneapi::tbb::filter_mode::serial_in_order, [&](const Finished& finished) {
                if (finished.run == tail) return;
                if (!structure) structure = finished.structure;
                if (*structure != finished.structure)
                  throw sim::ConfigError("sweep: run " + std::to_string(finished.run) +
                                         " records different series or summary keys than the sweep's first run "
                                         "(a sweep cannot vary the horizon or which sections exist)");
                if (options.crash_after && appended == *options.crash_after) {
                  journal.append_torn(finished.run, finished.payload, finished.payload.size() / 2);
                  std::_Exit(137);  // a simulated kill -9: no destructors, no flushing
                }
                const std::uint64_t offset = journal.append(finished.run, finished.payload);
                if (options.assembly != nullptr) options.assembly->appended(finished.run, offset);
                in_flight.fetch_sub(1);
                ++appended;
                progress.run_finished();
              }));
}

}  // namespace kringloop::agents
