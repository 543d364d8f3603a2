// The subcommands that do not simulate: validate, options, inspect.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include <boost/program_options.hpp>

#include "agents/app/commands.hpp"
#include "agents/app/scenario_loading.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/json.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/config/options_reference.hpp"
#include "sim/config/parameter_schema.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_overview.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

int command_validate(const Arguments& arguments) {
  const auto split = sim::cli::split_overrides(arguments);
  po::options_description options("kringloop validate SCENARIO.ini [--section.key VALUE ...]");
  options.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario file");
  po::variables_map vm;
  if (!sim::cli::parse_command(split.others, options, vm, "scenario")) return 0;
  if (!vm.count("scenario")) throw sim::ConfigError("validate: name a scenario file (kringloop validate SCENARIO.ini)");
  const std::string file = vm["scenario"].as<std::string>();
  const LoadedScenario loaded = load_scenario(file, split.overrides);
  std::printf("%s: valid (scenario '%s', %lld farmers, %zu practices, %d years)\n", file.c_str(),
              loaded.scenario.run.name.c_str(), static_cast<long long>(loaded.scenario.population.farmers),
              loaded.scenario.practices.size(), loaded.scenario.run.years);
  return 0;
}

int command_options(const Arguments& arguments) {
  const auto split = sim::cli::split_overrides(arguments);
  po::options_description options(
      "kringloop options [--scenario FILE.ini] [--section.key VALUE ...] [--markdown | --json | --man | --names]");
  options.add_options()("help,h", "show this help")(
      "scenario", po::value<std::string>(), "show the values of this scenario (default: the embedded default)")(
      "markdown", "print docs/OPTIONS.md")("json", "print the schema as one JSON object (for programs)")(
      "man", "print the man page kringloop(1) (roff)")("names", "print every option name of the scenario, one per line");
  po::variables_map vm;
  if (!sim::cli::parse_command(split.others, options, vm)) return 0;
  const int formats = static_cast<int>(vm.count("markdown") + vm.count("json") + vm.count("man") + vm.count("names"));
  if (formats > 1) throw sim::ConfigError("options: --markdown, --json, --man and --names exclude each other");
  if (vm.count("json")) {
    std::cout << sim::cli::dump_json(sim::config::parameter_schema(parameter_registry())) << "\n";
    return 0;
  }
  std::optional<std::string> file;
  if (vm.count("scenario")) file = vm["scenario"].as<std::string>();
  const auto config = resolve_scenario_config(file, split.overrides);
  std::string scenario = file ? "scenario " + *file : "the default scenario";
  if (!split.overrides.empty()) scenario += " with command-line overrides";
  const sim::config::OptionsReference reference{parameter_registry(), config, scenario};
  if (vm.count("markdown")) std::cout << sim::config::options_markdown(reference);
  else if (vm.count("man"))
    std::cout << sim::config::options_man_page(reference, "kringloop", KRINGLOOP_VERSION,
                                               "agent-based simulator of regional transition coalitions", program_usage);
  else if (vm.count("names")) std::cout << sim::config::option_names(config);
  else std::cout << sim::config::options_text(reference);
  return 0;
}

namespace {

void inspect_run(const std::string& file, bool json) {
  const auto summary = sim::output::read_run_summary(file);
  if (json) {
    sim::cli::Json object = sim::cli::Json::object();
    for (const auto& [key, value] : summary.text_attributes)
      if (key != "scenario_text") object[key] = value;
    for (const auto& [key, value] : summary.number_attributes) object[key] = sim::cli::json_number(value);
    for (const auto& [key, value] : summary.summary) object[key] = sim::cli::json_number(value);
    std::cout << sim::cli::dump_json(object) << "\n";
    return;
  }
  for (const auto& [key, value] : summary.text_attributes)
    if (key != "scenario_text") std::printf("%-28s %s\n", key.c_str(), value.c_str());
  for (const auto& [key, value] : summary.number_attributes) std::printf("%-28s %.10g\n", key.c_str(), value);
  std::printf("summary:\n");
  for (const auto& [key, value] : summary.summary) std::printf("  %-46s %.6g\n", key.c_str(), value);
}

void inspect_sweep(const std::string& file, bool json) {
  const auto overview = sim::output::read_sweep_overview(file);
  if (json) {
    std::cout << sim::cli::dump_json(sim::output::sweep_overview_json(overview)) << "\n";
    return;
  }
  const auto& identity = overview.identity;
  for (const auto& [key, value] : overview.text_attributes) std::printf("%-28s %s\n", key.c_str(), value.c_str());
  std::printf("%-28s %s\n", "design", identity.design.c_str());
  std::printf("%-28s %llu\n", "seed", static_cast<unsigned long long>(identity.seed));
  std::printf("%-28s %zu points x %llu replications = %llu runs\n", "runs", identity.points.size(),
              static_cast<unsigned long long>(identity.replications), static_cast<unsigned long long>(identity.runs()));
  std::printf("%-28s %llu\n", "months", static_cast<unsigned long long>(overview.months));
  std::printf("varied keys:\n");
  for (std::size_t k = 0; k < identity.names.size(); ++k) {
    double low = INFINITY, high = -INFINITY;
    for (const auto& point : identity.points) low = std::min(low, point[k]), high = std::max(high, point[k]);
    std::printf("  %-46s %.6g .. %.6g%s\n", identity.names[k].c_str(), low, high, identity.integer_keys[k] ? " (integer)" : "");
  }
  std::printf("metrics: %zu per run (/runs/summary), series: %zu\n", overview.metrics.size(), overview.series.size());
  for (const auto& metric : overview.metrics) std::printf("  %s\n", metric.c_str());
  if (!overview.sensitivity.empty()) {
    std::printf("sensitivity:");
    for (const auto& metric : overview.sensitivity) std::printf(" %s", metric.c_str());
    std::printf("\n");
  }
}

}  // namespace

int command_inspect(const Arguments& arguments) {
  po::options_description options("kringloop inspect FILE.h5 [--json]");
  options.add_options()("help,h", "show this help")("json", "print one JSON object")("file", po::value<std::string>(),
                                                                                    "run or sweep file");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm, "file")) return 0;
  if (!vm.count("file")) throw sim::ConfigError("inspect: name a result file (kringloop inspect FILE.h5)");
  const std::string file = vm["file"].as<std::string>();
  const std::string format = sim::output::read_file_format(file);
  const bool json = vm.count("json") > 0;
  if (format == "kringloop-run") inspect_run(file, json);
  else if (format == "kringloop-sweep") inspect_sweep(file, json);
  else throw sim::IoError(file + ": is a '" + format + "' file, not a Kringloop run or sweep file");
  return 0;
}

}  // namespace kringloop::agents
