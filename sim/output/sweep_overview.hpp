// What a program needs to know about a result file without reading its series: which kind it is,
// and for a sweep its design, its run table and the names of what it holds
// (`kringloop inspect SWEEP.h5 --json`, the Python module's sweep results).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/cli/json.hpp"
#include "sim/output/journal.hpp"

namespace kringloop::sim::output {

// The root `format` attribute ("kringloop-run", "kringloop-sweep"). Throws IoError naming the file
// when it is missing, not HDF5, or has no format attribute.
std::string read_file_format(const std::filesystem::path& path);

struct SweepOverview {
  SweepIdentity identity;                                          // checked against sweep_id
  std::vector<std::pair<std::string, std::string>> text_attributes;  // kringloop_version, git_describe, sweep_id
  std::vector<std::uint64_t> run_point, run_replication, run_seed;  // R rows, run order
  std::uint64_t months = 0;
  std::vector<std::string> metrics;      // /runs/summary keys, name order
  std::vector<std::string> series;       // /runs/series dataset paths, name order
  std::vector<std::string> sensitivity;  // /sensitivity metric groups, name order
};

// Throws IoError when the file is not a complete Kringloop sweep file.
SweepOverview read_sweep_overview(const std::filesystem::path& path);

// `kringloop inspect SWEEP.h5 --json`: format, version attributes, seed, replications, points, runs,
// months, design {kind, names, integer, base_samples, trajectories, levels, points (D × P)}, the run
// table (run_point, run_replication, run_seed), metrics, series and sensitivity names.
cli::Json sweep_overview_json(const SweepOverview& overview);

// Every /runs/summary metric with its R values, name order (one file open for all of them).
std::vector<std::pair<std::string, std::vector<double>>> read_sweep_metrics(const std::filesystem::path& path);

}  // namespace kringloop::sim::output
