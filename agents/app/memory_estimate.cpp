#include "agents/app/memory_estimate.hpp"

#include <algorithm>

#include "sim/errors.hpp"
#include "sim/resources.hpp"

namespace kringloop::agents {

namespace {

// Measured peak resident memory of `kringloop run` (docs/RELIABILITY.md, "Memory"), rounded up:
// a fixed part (program, libraries, thread stacks), a part per farmer with the default model (state
// of farmers.hpp plus the network builder's and recorder's working memory) and a part per
// neighbour slot (ids, and the builder's candidate lists). Practices and institutions add a little
// per farmer each.
constexpr double fixed_bytes = 64.0 * 1024 * 1024;
constexpr double bytes_per_farmer = 400;
constexpr double bytes_per_neighbour = 24;
constexpr double bytes_per_farmer_and_practice = 48;
constexpr double bytes_per_farmer_and_institution = 16;

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
  if (scenario.run.snapshots) bytes += farmers * scenario.run.years * (practices + institutions) * sizeof(float);
  return static_cast<std::uint64_t>(bytes);
}

void check_memory_fits(std::uint64_t bytes, const std::string& what, const std::string& advice) {
  const std::uint64_t usable = sim::usable_memory_bytes();
  if (bytes > usable)
    throw sim::ConfigError(what + " needs about " + sim::format_bytes(bytes) + " of memory, more than this machine has (" +
                           sim::format_bytes(usable) + "); " + advice);
}

}  // namespace kringloop::agents
