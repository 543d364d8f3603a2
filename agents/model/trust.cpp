#include "agents/model/trust.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

namespace {

// Mean of last month's trust over farmer i's neighbours for `lanes` institutions from `first`,
// each in its own register: every sum adds the same neighbours in the same order as one
// institution at a time, but the lanes are independent chains of additions that the processor
// overlaps, where one institution at a time waits for each addition in turn (issue 16).
template <std::size_t lanes>
void neighbour_means_of(const float* seen, std::size_t institutions, const std::uint32_t* neighbours, int k_neighbours,
                        std::size_t first, std::vector<double>& mean) {
  std::array<double, lanes> sum{};
  for (int m = 0; m < k_neighbours; ++m) {
    const float* row = seen + std::size_t{neighbours[m]} * institutions + first;
    for (std::size_t j = 0; j < lanes; ++j) sum[j] += row[j];
  }
  for (std::size_t j = 0; j < lanes; ++j) mean[first + j] = sum[j] / k_neighbours;
}

// Mean of last month's trust over farmer i's neighbours, for every institution at once: one pass
// over the neighbours per four institutions (a neighbour's institutions are adjacent in
// trust_seen). Each institution's sum still adds the neighbours in the same order, so the means
// are unchanged.
void neighbour_means(const Farmers& farmers, std::size_t i, std::vector<double>& mean) {
  const std::size_t institutions = farmers.institution_count();
  const int k_neighbours = farmers.neighbours_per_farmer;
  const std::uint32_t* neighbours = farmers.neighbours_of(i);
  const float* seen = farmers.trust_seen.data();
  std::size_t k = 0;
  for (; k + 4 <= institutions; k += 4) neighbour_means_of<4>(seen, institutions, neighbours, k_neighbours, k, mean);
  switch (institutions - k) {
    case 3: neighbour_means_of<3>(seen, institutions, neighbours, k_neighbours, k, mean); break;
    case 2: neighbour_means_of<2>(seen, institutions, neighbours, k_neighbours, k, mean); break;
    case 1: neighbour_means_of<1>(seen, institutions, neighbours, k_neighbours, k, mean); break;
    default: break;
  }
}

// The neighbours' rows are scattered over memory, and the trust update between two farmers is
// long enough that the processor does not run ahead to the next farmer's reads by itself: asking
// now for the rows of the farmer `prefetch_distance` places ahead overlaps those cache misses
// with this farmer's work. A prefetch is only a hint and changes no result.
constexpr std::size_t prefetch_distance = 8;

// Farmers whose enforcement draws are computed together (a few kilobytes of numbers, in cache).
constexpr std::size_t draw_chunk = 256;

void prefetch_neighbours(const Farmers& farmers, std::size_t i) {
  const std::uint32_t* neighbours = farmers.neighbours_of(i);
  for (int m = 0; m < farmers.neighbours_per_farmer; ++m) __builtin_prefetch(farmers.trust_seen_of(neighbours[m]));
}

}  // namespace

void snapshot_trust(Farmers& farmers) {
  const std::size_t institutions = farmers.institution_count();
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t k = 0; k < institutions; ++k) farmers.trust_seen[i * institutions + k] = farmers.trust[k][i];
  });
}

bool trust_pass_changes_anything(const Scenario& scenario) {
  if (scenario.trust.gossip_per_month != 0 || scenario.trust.drift_per_year != 0) return true;
  for (const auto& institution : scenario.institutions)
    if (institution.enforcement_per_farmer_per_year != 0) return true;
  return false;
}

void update_trust_month(const Scenario& scenario, Farmers& farmers, sim::Day day, sim::Day month_days) {
  const std::size_t n = farmers.size();
  const std::size_t institutions = scenario.institutions.size();
  if (institutions == 0) return;
  // Without gossip, drift and enforcement every farmer's update is trust + 0 = trust (trust is
  // always in [0, 1], so the clamp changes nothing either), and trust_seen is read only here: the
  // pass is skipped, bitwise the same as running it (issue 16: switched-off rules cost nothing).
  if (!trust_pass_changes_anything(scenario)) return;
  snapshot_trust(farmers);
  // Well mixed: every farmer's neighbourhood is the population; its mean is one deterministic sum.
  std::vector<double> population_mean(institutions, 0.0);
  if (farmers.neighbours.empty())
    for (std::size_t k = 0; k < institutions; ++k)
      population_mean[k] =
          sim::deterministic_sum(n, [&](std::size_t i) { return double(farmers.trust_seen_of(i)[k]); }) / double(n);
  const auto& t = scenario.trust;
  const double dt_years = static_cast<double>(month_days) / sim::days_per_year;
  const double drift = 1 - std::exp(-t.drift_per_year * dt_years);
  // Drift acts only without interaction (MODEL §7.3): after contact_memory months of silence.
  const auto memory_days = static_cast<sim::Day>(t.contact_memory_months * sim::days_per_year / 12.0 + 0.5);
  // Monthly probability of an enforcement event, per institution. Draws are taken in institution
  // order up to the last institution that enforces at all: a draw compared with probability 0
  // never fires, and when no later draw follows it skipping it changes no other number.
  std::vector<double> hit(institutions);
  std::size_t draws = 0;
  for (std::size_t k = 0; k < institutions; ++k) {
    hit[k] = 1 - std::exp(-scenario.institutions[k].enforcement_per_farmer_per_year * dt_years);
    if (hit[k] > 0) draws = k + 1;
  }
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    std::vector<double> mean = population_mean;
    // The block's active farms, listed without a branch (exits are scattered at random, so a test
    // of `active` per farmer is mispredicted about every other farmer late in a run); they are
    // updated in the same order as before.
    std::array<std::uint32_t, sim::agents_per_block> active;
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      active[count] = static_cast<std::uint32_t>(i);
      count += farmers.active[i] != 0;
    }
    // The enforcement draws of a chunk of farmers at once: draw k of farmer i is the k-th uniform
    // of its trust stream for the day, as RandomStream(seed, i, day, trust) gives it (batched:
    // the same numbers, computed side by side).
    std::vector<double> uniforms(std::min(count, draw_chunk) * draws);
    for (std::size_t row = 0; row < count; ++row) {
      const std::size_t i = active[row];
      if (draws > 0 && row % draw_chunk == 0)
        sim::batch_uniforms(scenario.run.seed, day, sim::Stream::trust, 0, &active[row], std::min(draw_chunk, count - row),
                            draws, uniforms.data());
      const double* uniform = uniforms.data() + (row % draw_chunk) * draws;
      if (farmers.neighbours_per_farmer > 0 && row + prefetch_distance < count)
        prefetch_neighbours(farmers, active[row + prefetch_distance]);
      if (farmers.neighbours_per_farmer > 0) neighbour_means(farmers, i, mean);
      const float* seen = farmers.trust_seen_of(i);
      for (std::size_t k = 0; k < institutions; ++k) {
        double trust = seen[k];
        trust += t.gossip_per_month * (mean[k] - trust);
        sim::Day& contact = farmers.last_contact[i * institutions + k];
        if (day - contact >= memory_days) trust += drift * (scenario.institutions[k].initial_trust_mean - trust);
        // The regulator role: an enforcement event costs trust (003 L819–826). One draw per
        // institution, always taken, so the stream does not depend on which events happened; only
        // in the regions the institution governs.
        if (k < draws && uniform[k] < hit[k] && covers(scenario.institutions[k].regions, farmers.region[i])) {
          trust -= scenario.institutions[k].regulator_penalty;
          contact = day;
        }
        farmers.trust[k][i] = static_cast<float>(std::clamp(trust, 0.0, 1.0));
      }
    }
  });
}

}  // namespace kringloop::agents
