#include "agents/app/memory_estimate.hpp"

#include <algorithm>

#include "sim/errors.hpp"
#include "sim/resources.hpp"

namespace kringloop::agents {

namespace {

// Peak resident memory of `kringloop run` measured with GNU time on x86-64 (docs/RELIABILITY.md,
// "Memory"): 35.8 MB at 100,000 farmers and 101 MB at 400,000 with k = 8 neighbours; 57.6 MB and
// 189 MB with k = 64. That is about 13 MB fixed, 190 bytes per farmer (default model: 4 practices,
// 4 institutions) and 4 bytes per farmer and neighbour slot; the horizon adds nothing without
// snapshots. The coefficients below are those figures rounded up by 20-50 %, split so that more
// practices or institutions raise the estimate. The documented maximum (50 million farmers,
// k = 64) then estimates at 27 GB, against about 22 GB measured by extrapolation.
constexpr double fixed_bytes = 32.0 * 1024 * 1024;
constexpr double bytes_per_farmer = 100;
constexpr double bytes_per_neighbour = 5;
constexpr double bytes_per_farmer_and_practice = 24;
constexpr double bytes_per_farmer_and_institution = 8;
// Snapshots: 4 bytes per farmer, year and snapshot, kept until written (measured 4.2 with the
// HDF5 chunk buffers).
constexpr double bytes_per_snapshot_value = 4.5;

}  // namespace

std::uint64_t estimate_run_bytes(const Scenario& scenario) {
  const double farmers = static_cast<double>(std::max<std::int64_t>(scenario.population.farmers, 0));
  const double practices = static_cast<double>(scenario.practices.size());
  const double institutions = static_cast<double>(scenario.institutions.size());
  const double neighbours = scenario.network.mode == NetworkMode::knn ? scenario.network.neighbours : 0;
  double bytes = fixed_bytes + farmers * (bytes_per_farmer + neighbours * bytes_per_neighbour +
                                          practices * bytes_per_farmer_and_practice +
                                          institutions * bytes_per_farmer_and_institution);
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
