#include <cmath>
#include <cstdio>
#include <iostream>
#include <algorithm>
#include <optional>

#include <boost/program_options.hpp>
#include <oneapi/tbb/global_control.h>

#include "agents/app/commands.hpp"
#include "agents/app/levers.hpp"
#include "agents/app/memory_estimate.hpp"
#include "agents/app/run_progress.hpp"
#include "agents/app/run_request.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/config/limits.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

namespace {

void print_summary(const Scenario& scenario, const sim::output::RunRecord& record, const std::string& output,
                   int threads, double seconds) {
  std::printf("kringloop %s: scenario '%s', %lld farmers, %d years, seed %llu, %d thread%s, %.3f s\n", KRINGLOOP_VERSION,
              scenario.run.name.c_str(), static_cast<long long>(scenario.population.farmers), scenario.run.years,
              static_cast<unsigned long long>(scenario.run.seed), threads, threads == 1 ? "" : "s", seconds);
  std::printf("  %-24s %12s %14s %10s\n", "practice", "final share", "t_half (years)", "drop-outs");
  for (const auto& practice : scenario.practices) {
    const double share = record.summary_value("adoption." + practice.name + ".final_share", NAN);
    const double half = record.summary_value("adoption." + practice.name + ".t_half_years", NAN);
    const double dropouts = record.summary_value("dropouts." + practice.name, NAN);
    std::printf("  %-24s %12.3f %14.2f %10.0f\n", practice.name.c_str(), share, half, dropouts);
  }
  std::printf("  written: %s\n", output.c_str());
}

}  // namespace

int command_run(const Arguments& arguments, const std::string& command_line) {
  const auto split = sim::cli::split_overrides(arguments);
  po::options_description options("kringloop run [SCENARIO.ini] [--section.key VALUE ...] [options]");
  std::string output = "out/default.h5";
  int threads = 0;
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(&output)->value_name("FILE.h5"), "result file (default out/<run.name>.h5)")
      ("seed", po::value<sim::cli::Count>()->value_name("N"), "root seed (overrides run.seed)")
      ("threads", po::value<int>(&threads)->value_name("N"), "worker threads, 0 = all cores (results do not depend on it)")
      ("lever", po::value<std::vector<std::string>>()->value_name("MONTH:KEY=VALUE"),
       "change a lever before month MONTH's review, as the dashboard does (docs/API.md); repeatable")
      ("overwrite", "replace an existing result file")
      ("quiet,q", "print nothing on success, and no progress line")
      ("scenario", po::value<std::string>(), "scenario file (default: the embedded default scenario)");
  po::variables_map vm;
  if (!sim::cli::parse_command(split.others, options, vm, "scenario", 1,
                               "\nAny scenario option can be overridden: --population.farmers 10000 "
                               "(see `kringloop options`).\n"))
    return 0;
  RunRequest request;
  request.overrides = split.overrides;
  if (vm.count("seed")) request.seed = vm["seed"].as<sim::cli::Count>().value;
  if (vm.count("scenario")) request.scenario_file = vm["scenario"].as<std::string>();
  request.threads = threads;
  LiveScenario live(request);
  const LoadedScenario& loaded = live.loaded();
  std::vector<LeverChange> levers;
  if (vm.count("lever"))
    for (const auto& text : vm["lever"].as<std::vector<std::string>>()) levers.push_back(parse_lever_option(text));
  for (const auto& change : levers) live.check(change);  // every change checked before the run
  std::stable_sort(levers.begin(), levers.end(), [](const LeverChange& a, const LeverChange& b) { return a.month < b.month; });
  const auto apply_due = [&](int months_done) {
    for (const auto& change : levers)
      if (change.month == months_done) live.apply(change);
  };
  apply_due(0);
  check_memory_fits(estimate_run_bytes(loaded.scenario), "the run",
                    "use fewer farmers or neighbours, or turn off output.snapshots");
  if (!vm.count("output")) output = "out/" + loaded.scenario.run.name + ".h5";
  const bool overwrite = vm.count("overwrite") > 0;
  if (!vm.count("output") && !std::filesystem::exists("out")) std::filesystem::create_directories("out");
  sim::output::check_output_path(output, overwrite);

  const int thread_count = resolve_threads(request.threads);
  // The process is ours: cap the whole of TBB too (simulate() itself only sizes its arena).
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(thread_count));
  RunProgress progress(loaded.scenario.run.months(), vm.count("quiet") > 0);
  const CompletedRun run = simulate(
      loaded.scenario, thread_count,
      levers.empty() ? BetweenBatches{} : month_boundary_hook([&](const Model&, int months_done) {
        if (months_done > 0) apply_due(months_done);
      }),
      [&](sim::Day day, std::uint64_t reviews) { progress.day_done(day, reviews); });
  progress.finish();
  auto metadata = run_metadata(loaded, run, command_line);
  metadata.lever_changes = live.applied_text();
  sim::output::write_run_file(output, run.record, metadata, overwrite, loaded.scenario.run.snapshots);
  if (!vm.count("quiet")) print_summary(loaded.scenario, run.record, output, thread_count, run.wall_seconds);
  return 0;
}

}  // namespace kringloop::agents
