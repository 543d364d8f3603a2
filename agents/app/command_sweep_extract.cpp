// kringloop extract SWEEP.h5 --run I -o RUN.h5: repeats run I of a sweep alone and writes it as a
// single-run file. The sweep file holds everything needed (base scenario, the run's values and
// seed); the run is simulated again, which is cheap and bitwise identical on any thread count.
#include <cstdio>
#include <iostream>

#include <boost/program_options.hpp>

#include "agents/app/sweep_commands.hpp"
#include "agents/app/sweep_runner.hpp"
#include "agents/model/model.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

int command_extract(const Arguments& arguments) {
  po::options_description options("kringloop extract SWEEP.h5 --run I -o RUN.h5 [--overwrite]");
  std::string file, output;
  sim::cli::Count run = 0;
  options.add_options()
      ("help,h", "show this help")
      ("run", po::value<sim::cli::Count>(&run)->value_name("I"), "run index (row of /runs)")
      ("output,o", po::value<std::string>(&output)->value_name("RUN.h5"), "single-run result file")
      ("overwrite", "replace an existing result file")
      ("quiet,q", "print nothing on success")
      ("file", po::value<std::string>(&file), "sweep file");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm, "file")) return 0;
  if (file.empty() || !vm.count("run") || output.empty())
    throw sim::ConfigError("extract: usage: kringloop extract SWEEP.h5 --run I -o RUN.h5");
  const bool overwrite = vm.count("overwrite") > 0;
  sim::output::check_output_path(output, overwrite);
  const sim::output::SweepIdentity identity = sim::output::read_sweep_identity(file);
  if (run >= identity.runs())
    throw sim::ConfigError("--run " + std::to_string(run) + ": the sweep has runs 0 to " + std::to_string(identity.runs() - 1));
  const auto base = sim::config::ResolvedConfig::resolve(
      parameter_registry(), {{sim::config::read_ini(identity.scenario_text, file + " scenario_text"), file + " scenario_text"}});
  const Scenario scenario = run_scenario(identity, base, run);
  const sim::output::RunRecord record = run_model(scenario);
  sim::output::RunMetadata metadata;
  metadata.seed = scenario.run.seed;
  metadata.scenario_name = scenario.run.name;
  metadata.scenario_text = scenario.resolved_text;
  metadata.years = scenario.run.years;
  metadata.farmers = scenario.population.farmers;
  metadata.command_line = "kringloop run BASE.ini " + identity.run_arguments(run);
  const std::size_t scenario_factor = identity.scenario_factor();
  if (scenario_factor != identity.names.size())  // a sweep over --scenarios: each level has its own BASE.ini
    metadata.command_line += "  (BASE.ini: /design/scenario_texts[" +
                             std::to_string(static_cast<std::size_t>(identity.points[identity.point_of(run)][scenario_factor])) +
                             "], resolved from " + identity.value_text(identity.point_of(run), scenario_factor) + ")";
  sim::output::write_run_file(output, record, metadata, overwrite, false);
  if (!vm.count("quiet")) std::printf("extract: run %llu of %s -> %s\n", static_cast<unsigned long long>(run), file.c_str(), output.c_str());
  return 0;
}

}  // namespace kringloop::agents
