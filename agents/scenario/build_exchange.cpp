#include "agents/scenario/name_index.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

void build_exchange_and_measures(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  ExchangeSettings& x = scenario.exchange;
  x.practice = config.text("exchange.practice");
  x.practice_index = no_index;
  for (std::size_t p = 0; p < scenario.practices.size(); ++p)
    if (scenario.practices[p].name == x.practice) x.practice_index = static_cast<std::uint8_t>(p);
  if (x.practice_index != no_index && scenario.practices[x.practice_index].decision != DecisionRule::external)
    throw sim::ConfigError("scenario: practice." + x.practice +
                           ".decision must be external (exchange pairs drive its stages; allowed: external)");
  x.max_distance_km = config.real("exchange.max_distance_km");
  x.candidates = static_cast<int>(config.integer("exchange.candidates"));
  x.max_partners = static_cast<int>(config.integer("exchange.max_partners"));
  x.trust_threshold = config.real("exchange.trust_threshold");
  x.break_trust = config.real("exchange.break_trust");
  if (x.break_trust > x.trust_threshold)
    throw sim::ConfigError("scenario: exchange.break_trust = " + std::to_string(x.break_trust) +
                           " (allowed: at most exchange.trust_threshold = " + std::to_string(x.trust_threshold) + ")");
  x.trust_gain_per_year = config.real("exchange.trust_gain_per_year");
  x.conflict_per_year = config.real("exchange.conflict_per_year");
  x.conflict_loss = config.real("exchange.conflict_loss");
  x.meet_per_year = config.real("exchange.meet_per_year");
  x.land_share = config.real("exchange.land_share");
  x.cost_eur_per_year = config.real("exchange.cost_eur_per_year");
  x.regulation = config.text("exchange.regulation") == "cluster" ? ExchangeRegulation::cluster : ExchangeRegulation::farm;
  x.farm_level_gain_factor = config.real("exchange.farm_level_gain_factor");
  x.initial_aware_share = config.real("exchange.initial_aware_share");
  x.season_day = static_cast<sim::Day>(config.integer("exchange.season_day"));
  x.history_years = static_cast<int>(config.integer("exchange.history_years"));

  MeasureSettings& m = scenario.measure;
  m.enabled = config.boolean("measure.enabled");
  m.kind = config.text("measure.kind");
  m.proposals_per_year_per_1000_farms = config.real("measure.proposals_per_year_per_1000_farms");
  m.first_year = config.real("measure.first_year");
  m.cluster_farms = static_cast<int>(config.integer("measure.cluster_farms"));
  m.affected_ha_per_farm = config.real("measure.affected_ha_per_farm");
  m.margin_eur_per_ha_year = config.real("measure.margin_eur_per_ha_year");
  m.margin_sd_eur_per_ha_year = config.real("measure.margin_sd_eur_per_ha_year");
  m.payment_eur_per_ha_year = config.real("measure.payment_eur_per_ha_year");
  m.compensation_eur_per_ha_year = config.real("measure.compensation_eur_per_ha_year");
  const std::string practice = config.text("measure.coalition_practice");
  // A practice the scenario declares but switches off means no coalition support (as a declared
  // coalition of a disabled practice is dropped); an unknown name is an error.
  const bool switched_off = practice != "none" && config.has("practice." + practice + ".enabled") &&
                            !config.boolean("practice." + practice + ".enabled");
  m.coalition_practice = practice == "none" || switched_off ? no_index
                                                            : index_of(scenario.practices, practice, "measure.coalition_practice");
  m.coalition_support_eur_per_ha_year = config.real("measure.coalition_support_eur_per_ha_year");
}

}  // namespace kringloop::agents
