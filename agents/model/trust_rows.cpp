#include "agents/model/trust_rows.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/parallel.hpp"

namespace kringloop::agents {

namespace {

std::size_t padded(std::size_t institutions) { return (institutions + 3) / 4 * 4; }

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
// trust_seen). Each institution's sum still adds the neighbours in the same order.
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

}  // namespace

TrustMonthRule make_trust_month_rule(const Scenario& scenario, const Farmers& farmers, sim::Day day, sim::Day month_days) {
  const std::size_t institutions = scenario.institutions.size();
  const auto& t = scenario.trust;
  const double dt_years = static_cast<double>(month_days) / sim::days_per_year;
  TrustMonthRule rule;
  rule.day = day;
  rule.gossip = t.gossip_per_month;
  rule.drift = 1 - std::exp(-t.drift_per_year * dt_years);
  // Drift acts only without interaction (MODEL §7.3): after contact_memory months of silence.
  rule.memory_days = static_cast<sim::Day>(t.contact_memory_months * sim::days_per_year / 12.0 + 0.5);
  rule.institutions = institutions;
  rule.initial.assign(padded(institutions), 0.0);
  rule.hit.assign(padded(institutions), 0.0);
  rule.penalty.assign(padded(institutions), 0.0);
  rule.regions.assign(padded(institutions), RegionMask{0});
  rule.population_mean.assign(padded(institutions), 0.0);
  // Monthly probability of an enforcement event, per institution. Draws are taken in institution
  // order up to the last institution that enforces at all: a draw compared with probability 0
  // never fires, and when no later draw follows it skipping it changes no other number.
  for (std::size_t k = 0; k < institutions; ++k) {
    const InstitutionSettings& institution = scenario.institutions[k];
    rule.initial[k] = institution.initial_trust_mean;
    rule.hit[k] = 1 - std::exp(-institution.enforcement_per_farmer_per_year * dt_years);
    rule.penalty[k] = institution.regulator_penalty;
    rule.regions[k] = institution.regions;
    if (rule.hit[k] > 0) rule.draws = k + 1;
  }
  // Well mixed: every farmer's neighbourhood is the population; its mean is one deterministic sum.
  const std::size_t n = farmers.size();
  if (farmers.neighbours.empty())
    for (std::size_t k = 0; k < institutions; ++k)
      rule.population_mean[k] =
          sim::deterministic_sum(n, [&](std::size_t i) { return double(farmers.trust_seen_of(i)[k]); }) / double(n);
  return rule;
}

void update_trust_rows_scalar(const TrustMonthRule& rule, Farmers& farmers, const std::uint32_t* active,
                              std::size_t first, std::size_t last, std::size_t count, const double* uniforms) {
  std::vector<double> mean = rule.population_mean;
  for (std::size_t row = first; row < last; ++row) {
    const std::size_t i = active[row];
    const double* uniform = uniforms + (row - first) * rule.draws;
    if (farmers.neighbours_per_farmer > 0 && row + trust_prefetch_distance < count)
      prefetch_trust_neighbours(farmers, active[row + trust_prefetch_distance]);
    if (farmers.neighbours_per_farmer > 0) neighbour_means(farmers, i, mean);
    const float* seen = farmers.trust_seen_of(i);
    for (std::size_t k = 0; k < rule.institutions; ++k) {
      double trust = seen[k];
      trust += rule.gossip * (mean[k] - trust);
      sim::Day& contact = farmers.last_contact[i * rule.institutions + k];
      if (rule.day - contact >= rule.memory_days) trust += rule.drift * (rule.initial[k] - trust);
      // The regulator role: an enforcement event costs trust (003 L819–826). One draw per
      // institution, always taken, so the stream does not depend on which events happened; only
      // in the regions the institution governs.
      if (k < rule.draws && uniform[k] < rule.hit[k] && covers(rule.regions[k], farmers.region[i])) {
        trust -= rule.penalty[k];
        contact = rule.day;
      }
      farmers.trust[k][i] = static_cast<float>(std::clamp(trust, 0.0, 1.0));
    }
  }
}

}  // namespace kringloop::agents
