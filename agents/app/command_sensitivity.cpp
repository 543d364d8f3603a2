// kringloop sensitivity SWEEP.h5 --metric NAME: Sobol indices (sobol sweeps) or Morris statistics
// (morris sweeps) of one summary metric, on the replication mean per design point, with the share
// of run-to-run noise (noise_share.hpp). Printed as
// a table and stored at /sensitivity/<NAME>/ (layout in docs/EXPERIMENTS.md; the Python toolkit
// reads it).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
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

// Noise lines of the table: the measured share, or why it is not known; one warning line when the
// noise dominates single runs.
void print_noise(const sim::experiment::NoiseShare& noise, const std::string& metric, double confidence, bool quiet) {
  if (!quiet && !std::isfinite(noise.noise_variance)) {
    std::printf("  run-to-run noise: not measured (one run per design point; --replications R >= 2 in the sweep "
                "measures it and averages it out)\n");
  } else if (!quiet) {
    std::printf("  run-to-run noise: %.1f%% [%.1f%%, %.1f%%] of the variance of a single run (%.0f%% interval); "
              "%.1f%% of the variance of the means of %zu replications the indices use\n",
              100 * noise.share, 100 * noise.share_low, 100 * noise.share_high, 100 * confidence,
              100 * noise.mean_share, noise.replications);
  }
  if (noise.share >= 0.5)
    std::fprintf(stderr,
                 "warning: run-to-run noise dominates %s (%.0f%% of a single run's variance)%s\n", metric.c_str(),
                 100 * noise.share,
                 noise.mean_share >= 0.5 ? "; it dominates the replication means too: the indices say little, add "
                                           "replications or widen the ranges"
                                         : "; the indices describe the mean over replications, not single runs");
}

// Every finite value equal: there is no variance to apportion, and indices would be 0/0.
void require_variation(const sim::experiment::PointOutputs& outputs, const std::string& file, const std::string& metric) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& values : outputs)
    for (double v : values) low = std::min(low, v), high = std::max(high, v);
  if (!(low < high))
    throw sim::ConfigError(file + ": metric " + metric + " is constant (every run gives " + std::to_string(low) +
                           "); sensitivity needs a metric that varies");
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
      ("bootstrap", po::value<sim::cli::Count>(&bootstrap)->value_name("B"), "bootstrap resamples for the intervals (default 1000)")
      ("confidence", po::value<double>(&confidence)->value_name("C"), "interval level (default 0.95)")
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
  const std::vector<double> runs = sim::output::read_sweep_summary(file, metric);
  if (runs.size() != identity.runs())
    throw sim::IoError(file + ": summary has " + std::to_string(runs.size()) + " rows, not one per run");

  sim::experiment::Design design;
  design.kind = sim::experiment::parse_design_kind(identity.design);
  design.names = identity.names;
  design.points = identity.raw_points;
  design.base_samples = identity.base_samples;
  design.trajectories = identity.trajectories;
  design.levels = identity.levels;

  // NaN rule (docs/EXPERIMENTS.md): runs without a finite value are dropped; a base row or
  // trajectory with a point left without any value is dropped whole.
  const sim::experiment::CompleteBlocks complete =
      sim::experiment::complete_blocks(design, runs, static_cast<std::size_t>(identity.replications));
  const bool sobol = design.kind == sim::experiment::DesignKind::sobol;
  const char* block_name = sobol ? "base rows" : "trajectories";
  if (complete.design.points.empty())
    throw sim::ConfigError(file + ": metric " + metric + " has no finite value in " +
                           (complete.dropped_runs == runs.size() ? "any run" : std::string("any whole ") + block_name));
  require_variation(complete.outputs, file, metric);
  const sim::experiment::NoiseShare noise =
      sim::experiment::noise_share(complete.outputs, bootstrap, confidence, identity.seed);

  sim::output::SensitivityGroup group;
  group.metric = metric;
  group.method = identity.design;
  group.names = identity.names;
  group.attributes = {{"replications", static_cast<double>(identity.replications)},
                      {"noise_variance", noise.noise_variance},
                      {"noise_share", noise.share},
                      {"noise_share_low", noise.share_low},
                      {"noise_share_high", noise.share_high},
                      {"mean_noise_share", noise.mean_share},
                      {"dropped_runs", static_cast<double>(complete.dropped_runs)},
                      {"dropped_blocks", static_cast<double>(complete.dropped_blocks)}};
  const bool quiet = vm.count("quiet") > 0;
  if (!quiet && complete.dropped_runs > 0)
    std::printf("%s: %zu of %zu runs have no finite value and were dropped; %zu %s dropped as incomplete\n",
                metric.c_str(), complete.dropped_runs, runs.size(), complete.dropped_blocks, block_name);
  try {
    if (sobol) {
      const auto indices =
          sim::experiment::sobol_indices(complete.design, complete.outputs, bootstrap, confidence, identity.seed);
      group.datasets = {{"S1", indices.first},      {"S1_low", indices.first_low}, {"S1_high", indices.first_high},
                        {"ST", indices.total},      {"ST_low", indices.total_low}, {"ST_high", indices.total_high}};
      group.attributes.insert(group.attributes.end(), {{"confidence", confidence}, {"bootstrap", static_cast<double>(bootstrap)},
                                                       {"variance", indices.variance}});
      if (!quiet) {
        std::printf("Sobol indices of %s (%zu base samples x %llu replications, %zu bootstrap, %.0f%% intervals)\n",
                    metric.c_str(), static_cast<std::size_t>(complete.design.base_samples),
                    static_cast<unsigned long long>(identity.replications), static_cast<std::size_t>(bootstrap.value),
                    100 * confidence);
        std::printf("  %-40s %9s %21s %9s %21s\n", "key", "S1", "interval", "ST", "interval");
        for (std::size_t i = 0; i < indices.names.size(); ++i)
          std::printf("  %-40s %9.4f [%9.4f, %9.4f] %9.4f [%9.4f, %9.4f]\n", indices.names[i].c_str(), indices.first[i],
                      indices.first_low[i], indices.first_high[i], indices.total[i], indices.total_low[i],
                      indices.total_high[i]);
      }
    } else {
      std::vector<double> means;
      for (const auto& values : complete.outputs) {
        double sum = 0;
        for (double v : values) sum += v;
        means.push_back(sum / static_cast<double>(values.size()));
      }
      const auto indices = sim::experiment::morris_indices(complete.design, means);
      group.datasets = {{"mu", indices.mu}, {"mu_star", indices.mu_star}, {"sigma", indices.sigma}};
      if (!quiet) {
        std::printf("Morris elementary effects of %s (%zu trajectories x %llu replications, %zu levels; per full range of each key)\n",
                    metric.c_str(), static_cast<std::size_t>(complete.design.trajectories),
                    static_cast<unsigned long long>(identity.replications), static_cast<std::size_t>(identity.levels));
        std::printf("  %-40s %12s %12s %12s\n", "key", "mu", "mu_star", "sigma");
        for (std::size_t i = 0; i < indices.names.size(); ++i)
          std::printf("  %-40s %12.6g %12.6g %12.6g\n", indices.names[i].c_str(), indices.mu[i], indices.mu_star[i],
                      indices.sigma[i]);
      }
    }
  } catch (const std::invalid_argument& error) {
    throw sim::ConfigError(file + ": metric " + metric + ": " + error.what());
  }
  print_noise(noise, metric, confidence, quiet);
  sim::output::write_sensitivity_group(file, group);
  if (!quiet) std::printf("  stored: %s /sensitivity/%s\n", file.c_str(), metric.c_str());
  return 0;
}

}  // namespace kringloop::agents
