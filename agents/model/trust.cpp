#include "agents/model/trust.hpp"

#include <algorithm>
#include <cmath>

#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

void snapshot_trust(Farmers& farmers) {
  for (std::size_t k = 0; k < farmers.trust.size(); ++k) {
    const auto& trust = farmers.trust[k];
    auto& seen = farmers.trust_seen[k];
    sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
      std::copy(trust.begin() + static_cast<std::ptrdiff_t>(begin), trust.begin() + static_cast<std::ptrdiff_t>(end),
                seen.begin() + static_cast<std::ptrdiff_t>(begin));
    });
  }
}

void update_trust_month(const Scenario& scenario, Farmers& farmers, sim::Day day, sim::Day month_days) {
  const std::size_t n = farmers.size();
  const std::size_t institutions = scenario.institutions.size();
  if (institutions == 0) return;
  snapshot_trust(farmers);
  // Well mixed: every farmer's neighbourhood is the population; its mean is one deterministic sum.
  std::vector<double> population_mean(institutions, 0.0);
  if (farmers.neighbours.empty())
    for (std::size_t k = 0; k < institutions; ++k)
      population_mean[k] = sim::deterministic_sum(n, [&](std::size_t i) { return double(farmers.trust_seen[k][i]); }) / double(n);
  const auto& t = scenario.trust;
  const double dt_years = static_cast<double>(month_days) / sim::days_per_year;
  const double drift = 1 - std::exp(-t.drift_per_year * dt_years);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    const int k_neighbours = farmers.neighbours_per_farmer;
    for (std::size_t i = begin; i < end; ++i) {
      if (!farmers.active[i]) continue;
      sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::trust);
      for (std::size_t k = 0; k < institutions; ++k) {
        const auto& institution = scenario.institutions[k];
        const auto& seen = farmers.trust_seen[k];
        double mean = population_mean[k];
        if (k_neighbours > 0) {
          const std::uint32_t* neighbours = farmers.neighbours_of(i);
          double sum = 0;
          for (int m = 0; m < k_neighbours; ++m) sum += seen[neighbours[m]];
          mean = sum / k_neighbours;
        }
        double trust = seen[i];
        trust += t.gossip_per_month * (mean - trust);
        trust += drift * (institution.initial_trust_mean - trust);
        // The regulator role: an enforcement event costs trust (003 L819–826). One draw per
        // institution, always taken, so the stream does not depend on which events happened.
        const double hit = 1 - std::exp(-institution.enforcement_per_farmer_per_year * dt_years);
        if (random.uniform() < hit) trust -= institution.regulator_penalty;
        farmers.trust[k][i] = static_cast<float>(std::clamp(trust, 0.0, 1.0));
      }
    }
  });
}

}  // namespace kringloop::agents
