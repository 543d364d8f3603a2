// The subcommands that do not simulate: validate, options, inspect.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include <boost/program_options.hpp>

#include "agents/app/commands.hpp"
#include "agents/app/scenario_loading.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/json_writer.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"

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
  po::options_description options("kringloop options [--markdown]");
  options.add_options()("help,h", "show this help")("markdown", "print docs/OPTIONS.md");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm)) return 0;
  std::cout << parameter_registry().describe(vm.count("markdown") > 0);
  return 0;
}

int command_inspect(const Arguments& arguments) {
  po::options_description options("kringloop inspect FILE.h5 [--json]");
  options.add_options()("help,h", "show this help")("json", "print one JSON object")("file", po::value<std::string>(), "run file");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm, "file")) return 0;
  if (!vm.count("file")) throw sim::ConfigError("inspect: name a result file (kringloop inspect FILE.h5)");
  const auto summary = sim::output::read_run_summary(vm["file"].as<std::string>());
  if (vm.count("json")) {
    sim::cli::JsonObject json;
    for (const auto& [key, value] : summary.text_attributes)
      if (key != "scenario_text") json.add(key, value);
    for (const auto& [key, value] : summary.number_attributes) json.add(key, value);
    for (const auto& [key, value] : summary.summary) json.add(key, value);
    std::cout << json.str() << "\n";
    return 0;
  }
  for (const auto& [key, value] : summary.text_attributes)
    if (key != "scenario_text") std::printf("%-28s %s\n", key.c_str(), value.c_str());
  for (const auto& [key, value] : summary.number_attributes) std::printf("%-28s %.10g\n", key.c_str(), value);
  std::printf("summary:\n");
  for (const auto& [key, value] : summary.summary) std::printf("  %-46s %.6g\n", key.c_str(), value);
  return 0;
}

}  // namespace kringloop::agents
