#include "agents/model/spatial_measures.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

// Indices of the exchange stream used here (land_exchange.cpp uses 0–3).
enum : std::uint16_t { draw_margin = 100, draw_sites = 101 };

bool supported_by_coalition(const Scenario& scenario, const Coalitions& coalitions, std::uint32_t coalition) {
  const std::uint8_t practice = scenario.measure.coalition_practice;
  return practice != no_index && coalition != no_coalition && coalition < coalitions.size() &&
         coalitions.active(coalition) && coalitions.goal_practice[coalition] == practice;
}

}  // namespace

double measure_margin_eur_per_ha(const Scenario& scenario, std::size_t farmer) {
  sim::RandomStream draw(scenario.run.seed, static_cast<std::uint32_t>(farmer), 0, sim::Stream::exchange, draw_margin);
  return draw.normal(scenario.measure.margin_eur_per_ha_year, scenario.measure.margin_sd_eur_per_ha_year);
}

double measure_utility_eur(const MeasureSettings& measure, double margin_eur_per_ha, bool supported) {
  const double per_ha = margin_eur_per_ha + measure.payment_eur_per_ha_year + measure.compensation_eur_per_ha_year +
                        (supported ? measure.coalition_support_eur_per_ha_year : 0.0);
  return measure.affected_ha_per_farm * per_ha;
}

// Pro rata since the last settlement. Rounds are yearly and a measure is realised at a round, just
// after that round's settlement, so every realised farm is owed the whole time since then.
void SpatialMeasures::settle(sim::Day day, Farmers& farmers) {
  const MeasureSettings& m = scenario_.measure;
  const double years = sim::days_to_years(day - settled_day_);
  settled_day_ = day;
  if (years <= 0) return;
  const double paid_per_farm_year = m.affected_ha_per_farm * (m.payment_eur_per_ha_year + m.compensation_eur_per_ha_year);
  for (std::size_t k = 0; k < realised_farm_.size(); ++k) {
    const std::uint32_t i = realised_farm_[k];
    if (!farmers.active[i]) continue;  // a farm that stopped: its successor on the land is not modelled
    farmers.liquidity_eur[i] += static_cast<float>(realised_net_eur_[k] * years);
    farms_net_eur_ += realised_net_eur_[k] * years;
    paid_eur_ += paid_per_farm_year * years;
  }
}

void SpatialMeasures::finish(sim::Day day, Farmers& farmers) {
  if (!enabled()) return;
  settle(day, farmers);
  std::size_t farming = 0;
  for (const std::uint32_t i : realised_farm_) farming += farmers.active[i] != 0;
  area_ha_ = static_cast<double>(farming) * scenario_.measure.affected_ha_per_farm;
}

void SpatialMeasures::round(sim::Day day, Farmers& farmers, const Coalitions& coalitions) {
  if (!enabled() || farmers.size() == 0) return;
  settle(day, farmers);
  under_measure_.resize(farmers.size(), 0);
  const MeasureSettings& m = scenario_.measure;
  const auto n = static_cast<std::uint32_t>(farmers.size());
  sim::RandomStream draw(scenario_.run.seed, 0, day, sim::Stream::exchange, draw_sites);
  const double expected = m.proposals_per_year_per_1000_farms * static_cast<double>(n) / 1000.0;
  const auto proposals = static_cast<int>(std::floor(expected)) + (draw.bernoulli(expected - std::floor(expected)) ? 1 : 0);
  MeasureSettings without_help = m;
  without_help.compensation_eur_per_ha_year = 0;
  for (int proposal = 0; proposal < proposals; ++proposal) {
    // A site: a farm still farming and not yet under a measure (the next one in id order).
    const auto free = [&](std::uint32_t i) { return farmers.active[i] && !under_measure_[i]; };
    std::uint32_t site = draw.below(n);
    for (std::uint32_t tries = 0; !free(site) && tries < n; ++tries) site = (site + 1) % n;
    if (!free(site)) return;
    std::vector<std::uint32_t> cluster{site};
    for (int k = 0; k < farmers.neighbours_per_farmer && static_cast<int>(cluster.size()) < m.cluster_farms; ++k) {
      const std::uint32_t j = farmers.neighbours_of(site)[k];
      if (free(j) && std::find(cluster.begin(), cluster.end(), j) == cluster.end()) cluster.push_back(j);
    }
    MeasureRecord record{day, site, static_cast<std::uint32_t>(cluster.size()), 0, 0};
    for (const std::uint32_t i : cluster) {
      const double margin = measure_margin_eur_per_ha(scenario_, i);
      const bool supported = supported_by_coalition(scenario_, coalitions, farmers.coalition[i]);
      if (measure_utility_eur(m, margin, supported) < 0) ++record.holdouts;
      else if (measure_utility_eur(without_help, margin, false) < 0) ++record.won_over;
    }
    if (record.holdouts == 0)
      for (const std::uint32_t i : cluster) {
        under_measure_[i] = 1;
        realised_farm_.push_back(i);
        realised_net_eur_.push_back(m.affected_ha_per_farm * (measure_margin_eur_per_ha(scenario_, i) +
                                                              m.payment_eur_per_ha_year + m.compensation_eur_per_ha_year));
      }
    measures_.push_back(record);
  }
}

}  // namespace kringloop::agents
