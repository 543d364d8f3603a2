#include "agents/app/memory_estimate.hpp"

#include <algorithm>

#include "sim/errors.hpp"
#include "sim/resources.hpp"

namespace kringloop::agents {

namespace {

// Peak resident memory of `kringloop run` measured with GNU time on x86-64 (docs/RELIABILITY.md,
// "Memory"; re-measured when issue 16 added the in-neighbour lists): 72.7 MB at 100,000 farmers
// and 239 MB at 400,000 with k = 8 neighbours and 30 years; 118.5 MB and 421 MB with k = 64;
// 216 MB at 400,000 over 10 years, 485 MB with yearly snapshots. That is about 16 MB fixed, 377
// bytes per farmer (default model: 4 practices, 4 institutions), 8.1 bytes per farmer and
// neighbour slot (its id, and its entry in the network read backwards), 2.9 bytes per farmer and
// simulated year (series, coalitions, exchange pairs) and 5.2 bytes per farmer, year and snapshot
// value. The coefficients below are those figures rounded up by 20-40 %, split so that more
// practices or institutions raise the estimate. The documented maximum (50 million farmers,
// k = 64, 30 years) then estimates at 64 GB, against about 49 GB by extrapolation.
constexpr double fixed_bytes = 32.0 * 1024 * 1024;
constexpr double bytes_per_farmer = 310;
constexpr double bytes_per_neighbour = 10;
constexpr double bytes_per_farmer_and_practice = 40;
constexpr double bytes_per_farmer_and_institution = 12;
constexpr double bytes_per_farmer_and_year = 4;
// Snapshots: kept until written (a float per farmer, year and snapshot, with the HDF5 chunk buffers).
constexpr double bytes_per_snapshot_value = 6.5;

}  // namespace

std::uint64_t estimate_run_bytes(const Scenario& scenario) {
  const double farmers = static_cast<double>(std::max<std::int64_t>(scenario.population.farmers, 0));
  const double practices = static_cast<double>(scenario.practices.size());
  const double institutions = static_cast<double>(scenario.institutions.size());
  const double neighbours = scenario.network.mode == NetworkMode::knn ? scenario.network.neighbours : 0;
  double bytes = fixed_bytes + farmers * (bytes_per_farmer + neighbours * bytes_per_neighbour +
                                          practices * bytes_per_farmer_and_practice +
                                          institutions * bytes_per_farmer_and_institution +
                                          scenario.run.years * bytes_per_farmer_and_year);
  // Yearly snapshots are kept until the file is written: a float per farmer, year and snapshot.
  // Five of them are the map: x, y, farm type, area, active (agents/model/recorder.cpp).
  constexpr double map_snapshots = 5;
  if (scenario.run.snapshots)
    bytes += farmers * scenario.run.years * (practices + institutions + map_snapshots) * bytes_per_snapshot_value;
  return static_cast<std::uint64_t>(bytes);
}

void check_memory_fits(std::uint64_t bytes, const std::string& what, const std::string& advice) {
  const std::uint64_t usable = sim::usable_memory_bytes();
  if (bytes > usable)
    throw sim::ConfigError(what + " needs about " + sim::format_bytes(bytes) + " of memory, more than this machine has (" +
                           sim::format_bytes(usable) + "); " + advice);
}

}  // namespace kringloop::agents
