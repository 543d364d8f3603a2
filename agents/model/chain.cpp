#include "agents/model/chain.hpp"

#include <algorithm>
#include <cmath>

namespace kringloop::agents {

void set_chain_sizes(const Scenario& scenario, const Farmers& farmers, InstitutionState& institutions) {
  for (std::size_t c = 0; c < scenario.chains.size(); ++c) {
    const ChainSettings& settings = scenario.chains[c];
    const PracticeSettings& practice = scenario.practices[settings.practice];
    double eligible = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) eligible += practice.eligible_types[static_cast<std::size_t>(farmers.type[i])];
    ChainState& state = institutions.chains[c];
    state.base_capacity_farms = settings.capacity_farms + settings.capacity_share * eligible;
    state.critical_mass = settings.min_commitments + settings.min_commitments_share * eligible;
  }
}

void update_chains(const Scenario& scenario, sim::Day day, const std::vector<StageCounts>& counts,
                   InstitutionState& institutions, MonthContext& month) {
  for (auto& economics : month.practices) {
    economics.premium_per_ha_expected = economics.premium_per_farm_expected = 0;
    economics.premium_per_ha_paid = economics.premium_per_farm_paid = 0;
  }
  const double years = sim::days_to_years(day);
  for (std::size_t c = 0; c < scenario.chains.size(); ++c) {
    const ChainSettings& settings = scenario.chains[c];
    ChainState& state = institutions.chains[c];
    const StageCounts& stages = counts[settings.practice];
    const auto adopters = static_cast<double>(stages[static_cast<std::size_t>(Stage::adopted)]);
    PracticeEconomics& economics = month.practices[settings.practice];
    double expected = 1, paid = 1;
    switch (settings.kind) {
      case ChainKind::processor:
        state.capacity_farms = state.base_capacity_farms * std::pow(1 + settings.capacity_growth_per_year, years);
        state.used_farms = std::min(adopters, state.capacity_farms);
        paid = adopters > 0 ? std::min(1.0, state.capacity_farms / adopters) : 1.0;
        expected = std::min(1.0, state.capacity_farms / (adopters + 1));
        break;
      case ChainKind::manure_processor: {
        const auto committed = static_cast<double>(stages[static_cast<std::size_t>(Stage::planning)] +
                                                   stages[static_cast<std::size_t>(Stage::applied)] +
                                                   stages[static_cast<std::size_t>(Stage::adopted)]);
        state.capacity_farms = state.critical_mass;
        state.used_farms = committed;
        state.viable = committed >= state.critical_mass;
        paid = state.viable ? 1.0 : 0.0;
        // Farmers half believe the announced processor before it is viable (assumption).
        expected = state.critical_mass > 0 ? std::min(1.0, 0.5 + 0.5 * committed / state.critical_mass) : 1.0;
        break;
      }
      case ChainKind::bank:
        state.capacity_farms = state.used_farms = adopters;
        paid = expected = 0;  // its benefit is the lower discount rate, not a premium
        break;
    }
    state.premium_factor = paid;
    economics.premium_per_ha_expected += settings.premium_per_ha_year * expected;
    economics.premium_per_farm_expected += settings.premium_per_farm_year * expected;
    economics.premium_per_ha_paid += settings.premium_per_ha_year * paid;
    economics.premium_per_farm_paid += settings.premium_per_farm_year * paid;
  }
}

double chain_capacity_used(const ChainSettings& settings, const ChainState& state) {
  switch (settings.kind) {
    case ChainKind::processor: return state.capacity_farms > 0 ? state.used_farms / state.capacity_farms : 0.0;
    case ChainKind::manure_processor:
      return state.critical_mass > 0 ? std::min(1.0, state.used_farms / state.critical_mass) : 1.0;
    case ChainKind::bank: return state.used_farms > 0 ? 1.0 : 0.0;
  }
  return 0;
}

}  // namespace kringloop::agents
