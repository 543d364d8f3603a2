#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include <boost/program_options.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include "agents/app/commands.hpp"
#include "agents/app/memory_estimate.hpp"
#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/config/limits.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

namespace {

int resolve_threads(int requested) {
  if (requested < 0 || requested > sim::limits::max_threads)
    throw sim::ConfigError("command line: --threads = " + std::to_string(requested) + ": must be from 0 (all cores) to " +
                           std::to_string(sim::limits::max_threads));
  return requested == 0 ? oneapi::tbb::info::default_concurrency() : requested;
}

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
  std::optional<std::uint64_t> seed;
  int threads = 0;
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(&output)->value_name("FILE.h5"), "result file (default out/<run.name>.h5)")
      ("seed", po::value<sim::cli::Count>()->value_name("N"), "root seed (overrides run.seed)")
      ("threads", po::value<int>(&threads)->value_name("N"), "worker threads, 0 = all cores (results do not depend on it)")
      ("overwrite", "replace an existing result file")
      ("quiet,q", "print nothing on success")
      ("scenario", po::value<std::string>(), "scenario file (default: the embedded default scenario)");
  po::variables_map vm;
  if (!sim::cli::parse_command(split.others, options, vm, "scenario", 1,
                               "\nAny scenario option can be overridden: --population.farmers 10000 "
                               "(see `kringloop options`).\n"))
    return 0;
  auto overrides = split.overrides;
  if (vm.count("seed")) overrides.emplace_back("run.seed", std::to_string(vm["seed"].as<sim::cli::Count>().value));
  const std::optional<std::string> scenario_file =
      vm.count("scenario") ? std::optional(vm["scenario"].as<std::string>()) : std::nullopt;
  const LoadedScenario loaded = load_scenario(scenario_file, overrides);
  check_memory_fits(estimate_run_bytes(loaded.scenario), "the run",
                    "use fewer farmers or neighbours, or turn off output.snapshots");
  if (!vm.count("output")) output = "out/" + loaded.scenario.run.name + ".h5";
  const bool overwrite = vm.count("overwrite") > 0;
  if (!vm.count("output") && !std::filesystem::exists("out")) std::filesystem::create_directories("out");
  sim::output::check_output_path(output, overwrite);

  const int thread_count = resolve_threads(threads);
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(thread_count));
  const auto start = std::chrono::steady_clock::now();
  const sim::output::RunRecord record = run_model(loaded.scenario);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  sim::output::RunMetadata metadata;
  metadata.seed = loaded.scenario.run.seed;
  metadata.threads = thread_count;
  metadata.wall_seconds = seconds;
  metadata.scenario_name = loaded.scenario.run.name;
  metadata.scenario_text = loaded.scenario.resolved_text;
  metadata.years = loaded.scenario.run.years;
  metadata.farmers = loaded.scenario.population.farmers;
  metadata.command_line = command_line;
  sim::output::write_run_file(output, record, metadata, overwrite, loaded.scenario.run.snapshots);
  if (!vm.count("quiet")) print_summary(loaded.scenario, record, output, thread_count, seconds);
  return 0;
}

}  // namespace kringloop::agents
