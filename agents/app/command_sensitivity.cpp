// kringloop sensitivity SWEEP.h5 --metric NAME: Sobol indices (sobol sweeps) or Morris statistics
// (morris sweeps) of one summary metric, replications averaged per design point first. Printed as
// a table and stored at /sensitivity/<NAME>/ (layout in docs/EXPERIMENTS.md; the Python toolkit
// reads it).
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "agents/app/sweep_commands.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/parse_command.hpp"
#include "sim/config/limits.hpp"
#include "sim/errors.hpp"
#include "sim/experiment/sensitivity.hpp"
#include "sim/output/sweep_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;

namespace {

std::vector<double> mean_per_point(const std::vector<double>& values, const sim::output::SweepIdentity& identity,
                                   const std::string& file) {
  if (values.size() != identity.runs()) throw sim::IoError(file + ": summary has " + std::to_string(values.size()) + " rows, not one per run");
  std::vector<double> means(identity.points.size(), 0.0);
  for (std::size_t d = 0; d < means.size(); ++d) {
    double sum = 0;
    for (std::uint64_t r = 0; r < identity.replications; ++r) sum += values[d * identity.replications + r];
    means[d] = sum / static_cast<double>(identity.replications);
  }
  return means;
}

}  // namespace

int command_sensitivity(const Arguments& arguments) {
  po::options_description options("kringloop sensitivity SWEEP.h5 --metric NAME [--bootstrap B] [--confidence C]");
  std::string file, metric;
  sim::cli::Count bootstrap = 1000;
  double confidence = 0.95;
  options.add_options()
      ("help,h", "show this help")
      ("metric", po::value<std::string>(&metric)->value_name("NAME"), "a summary key (/runs/summary/<NAME>)")
      ("bootstrap", po::value<sim::cli::Count>(&bootstrap)->value_name("B"), "sobol: bootstrap resamples for the intervals (default 1000)")
      ("confidence", po::value<double>(&confidence)->value_name("C"), "sobol: interval level (default 0.95)")
      ("quiet,q", "do not print the table")
      ("file", po::value<std::string>(&file), "sweep file");
  po::variables_map vm;
  if (!sim::cli::parse_command(arguments, options, vm, "file")) return 0;
  if (file.empty()) throw sim::ConfigError("sensitivity: give the sweep file");
  if (metric.empty()) throw sim::ConfigError("sensitivity: give --metric NAME (a summary key of the sweep)");
  if (bootstrap > sim::limits::max_bootstrap)
    throw sim::ConfigError("--bootstrap " + std::to_string(bootstrap.value) + ": at most " +
                           std::to_string(sim::limits::max_bootstrap) + " resamples");
  if (!(confidence > 0 && confidence < 1)) throw sim::ConfigError("--confidence " + std::to_string(confidence) + ": must be between 0 and 1");

  const sim::output::SweepIdentity identity = sim::output::read_sweep_identity(file);
  if (identity.design != "sobol" && identity.design != "morris")
    throw sim::ConfigError(file + ": is a " + identity.design + " sweep; sensitivity indices need --design sobol or --design morris");
  const std::vector<double> y = mean_per_point(sim::output::read_sweep_summary(file, metric), identity, file);

  sim::experiment::Design design;
  design.kind = sim::experiment::parse_design_kind(identity.design);
  design.names = identity.names;
  design.points = identity.raw_points;
  design.base_samples = identity.base_samples;
  design.trajectories = identity.trajectories;
  design.levels = identity.levels;

  sim::output::SensitivityGroup group;
  group.metric = metric;
  group.method = identity.design;
  group.names = identity.names;
  const bool quiet = vm.count("quiet") > 0;
  try {
    if (design.kind == sim::experiment::DesignKind::sobol) {
      const auto indices = sim::experiment::sobol_indices(design, y, bootstrap, confidence, identity.seed);
      group.datasets = {{"S1", indices.first},      {"S1_low", indices.first_low}, {"S1_high", indices.first_high},
                        {"ST", indices.total},      {"ST_low", indices.total_low}, {"ST_high", indices.total_high}};
      group.attributes = {{"confidence", confidence}, {"bootstrap", static_cast<double>(bootstrap)}};
      if (!quiet) {
        std::printf("Sobol indices of %s (%zu base samples, %zu bootstrap, %.0f%% intervals)\n", metric.c_str(),
                    static_cast<std::size_t>(identity.base_samples), static_cast<std::size_t>(bootstrap.value),
                    100 * confidence);
        std::printf("  %-40s %9s %21s %9s %21s\n", "key", "S1", "interval", "ST", "interval");
        for (std::size_t i = 0; i < indices.names.size(); ++i)
          std::printf("  %-40s %9.4f [%9.4f, %9.4f] %9.4f [%9.4f, %9.4f]\n", indices.names[i].c_str(), indices.first[i],
                      indices.first_low[i], indices.first_high[i], indices.total[i], indices.total_low[i],
                      indices.total_high[i]);
      }
    } else {
      const auto indices = sim::experiment::morris_indices(design, y);
      group.datasets = {{"mu", indices.mu}, {"mu_star", indices.mu_star}, {"sigma", indices.sigma}};
      if (!quiet) {
        std::printf("Morris elementary effects of %s (%zu trajectories, %zu levels; per full range of each key)\n",
                    metric.c_str(), static_cast<std::size_t>(identity.trajectories), static_cast<std::size_t>(identity.levels));
        std::printf("  %-40s %12s %12s %12s\n", "key", "mu", "mu_star", "sigma");
        for (std::size_t i = 0; i < indices.names.size(); ++i)
          std::printf("  %-40s %12.6g %12.6g %12.6g\n", indices.names[i].c_str(), indices.mu[i], indices.mu_star[i],
                      indices.sigma[i]);
      }
    }
  } catch (const std::invalid_argument& error) {
    throw sim::ConfigError(file + ": metric " + metric + ": " + error.what());
  }
  sim::output::write_sensitivity_group(file, group);
  if (!quiet) std::printf("  stored: %s /sensitivity/%s\n", file.c_str(), metric.c_str());
  return 0;
}

}  // namespace kringloop::agents
