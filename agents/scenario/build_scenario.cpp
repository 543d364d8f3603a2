#include <cmath>

#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

void require_sum_one(double sum, const std::string& what) {
  if (std::fabs(sum - 1.0) > 1e-6)
    throw sim::ConfigError("scenario: " + what + " sum to " + std::to_string(sum) + " (allowed: exactly 1)");
}

DecisionRule decision_rule(const std::string& text) {
  if (text == "utility") return DecisionRule::utility;
  if (text == "external") return DecisionRule::external;
  return DecisionRule::immediate;
}

void build_population(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  auto& population = scenario.population;
  population.farmers = config.integer("population.farmers");
  double type_sum = 0;
  for (std::size_t t = 0; t < farm_type_count; ++t) {
    population.type_share[t] = config.real(std::string("population.share_") + farm_type_names[t]);
    population.median_farm_ha[t] = config.real(std::string("population.median_ha_") + farm_type_names[t]);
    population.stocking_lu_per_ha[t] = config.real(std::string("population.stocking_lu_per_ha_") + farm_type_names[t]);
    type_sum += population.type_share[t];
  }
  require_sum_one(type_sum, "population.share_arable/dairy/mixed/intensive_livestock");
  population.farm_size_sigma = config.real("population.farm_size_sigma");
  population.region_width_km = config.real("population.region_width_km");
  population.region_height_km = config.real("population.region_height_km");
  const char* categories[] = {"innovators", "early_adopters", "early_majority", "late_majority"};
  double category_sum = 0;
  for (std::size_t c = 0; c < 4; ++c) {
    population.innovativeness_share[c] = config.real(std::string("population.share_") + categories[c]);
    category_sum += population.innovativeness_share[c];
  }
  if (category_sum > 1.0 + 1e-9)
    throw sim::ConfigError("scenario: population.share_innovators/early_adopters/early_majority/late_majority sum to " +
                           std::to_string(category_sum) + " (allowed: at most 1; laggards are the rest)");
  population.innovativeness_share[4] = std::max(0.0, 1.0 - category_sum);
  population.age_mean = config.real("population.age_mean");
  population.age_sd = config.real("population.age_sd");
  population.retirement_age = config.real("population.retirement_age");
  population.successor_age = config.real("population.successor_age");
  population.retirement_age_spread = config.real("population.retirement_age_spread");
  population.entrant_share = config.real("population.entrant_share");
  population.entrant_age = config.real("population.entrant_age");
  if (population.entrant_age >= population.retirement_age - population.retirement_age_spread)
    throw sim::ConfigError("scenario: population.entrant_age = " + std::to_string(population.entrant_age) +
                           " (allowed: below population.retirement_age − population.retirement_age_spread)");
  if (population.successor_age >= population.retirement_age - population.retirement_age_spread)
    throw sim::ConfigError("scenario: population.successor_age = " + std::to_string(population.successor_age) +
                           " (allowed: below population.retirement_age − population.retirement_age_spread)");
  population.region_from_farmland = config.text("population.region_area") == "from_farmland";
  population.farmland_share = config.real("population.farmland_share");
  if (population.region_from_farmland)
    population.region_width_km = population.region_height_km =
        square_side_from_farmland_km(population, population.type_share, population.farmers);
  population.successor_share = config.real("population.successor_share");
  population.liquidity_median_eur = config.real("population.liquidity_median_eur");
  population.liquidity_sigma = config.real("population.liquidity_sigma");
  population.risk_aversion_mean = config.real("population.risk_aversion_mean");
  population.risk_aversion_spread = config.real("population.risk_aversion_spread");
}

void build_decision(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  auto& d = scenario.decision;
  d.discount_rate = config.real("decision.discount_rate");
  d.utility_scale_eur = config.real("decision.utility_scale_eur");
  d.social_weight = config.real("decision.social_weight");
  const char* thresholds[] = {"innovator", "early_adopter", "early_majority", "late_majority", "laggard"};
  for (std::size_t c = 0; c < innovativeness_count; ++c)
    d.interest_threshold[c] = config.real(std::string("decision.threshold_") + thresholds[c]);
  d.patience_months = config.real("decision.patience_months");
  d.dropout_per_month = config.real("decision.dropout_per_month");
  d.rejection_dropout_probability = config.real("decision.rejection_dropout_probability");
  d.abandon_per_year = config.real("decision.abandon_per_year");
  d.abandon_tolerance_eur_per_ha = config.real("decision.abandon_tolerance_eur_per_ha");
  d.learning_sd = config.real("decision.learning_sd");
  d.interest_loss_per_year = config.real("decision.interest_loss_per_year");
  d.credit_multiplier = config.real("decision.credit_multiplier");
  d.savings_eur_per_ha_year = config.real("decision.savings_eur_per_ha_year");
  d.max_horizon_years = config.real("decision.max_horizon_years");

  auto& t = scenario.trust;
  t.kept_gain = config.real("trust.kept_gain");
  t.broken_loss = t.kept_gain * config.real("trust.loss_ratio");
  if (t.broken_loss > 1.0)
    throw sim::ConfigError("scenario: trust.kept_gain × trust.loss_ratio = " + std::to_string(t.broken_loss) +
                           " (allowed: at most 1, or trust could become negative)");
  t.gossip_per_month = config.real("trust.gossip_per_month");
  t.drift_per_year = config.real("trust.drift_per_year");
  t.messenger_weight = config.real("trust.messenger_weight");
  t.reference_trust = config.real("trust.reference");
  t.news_share = config.real("trust.news_share");
  t.contact_memory_months = config.real("trust.contact_memory_months");
}

}  // namespace

TypeMask type_mask(const sim::config::ResolvedConfig& config, const std::string& key) {
  TypeMask mask{};
  for (const auto& item : config.list(key))
    for (std::size_t t = 0; t < farm_type_count; ++t)
      if (item == farm_type_names[t]) mask[t] = true;
  return mask;
}

Scenario build_scenario(const sim::config::ResolvedConfig& config, ResolvedText text) {
  Scenario scenario;
  scenario.run.name = config.text("run.name");
  scenario.run.seed = static_cast<std::uint64_t>(config.integer("run.seed"));
  scenario.run.years = static_cast<int>(config.integer("run.years"));
  scenario.run.snapshots = config.boolean("output.snapshots");
  build_population(config, scenario);
  build_regions(config, scenario);  // may set population.farmers (region counts) and the bounding box

  scenario.network.mode = config.text("network.mode") == "well_mixed" ? NetworkMode::well_mixed : NetworkMode::knn;
  scenario.network.neighbours = static_cast<int>(config.integer("network.neighbours"));
  scenario.network.rewiring = config.real("network.rewiring");
  if (scenario.network.mode == NetworkMode::knn && scenario.network.neighbours >= scenario.population.farmers)
    throw sim::ConfigError("scenario: network.neighbours = " + std::to_string(scenario.network.neighbours) +
                           " needs more farmers than population.farmers = " + std::to_string(scenario.population.farmers));
  build_decision(config, scenario);

  for (const auto& name : config.instances("practice")) {
    const std::string prefix = "practice." + name + ".";
    if (!config.boolean(prefix + "enabled")) continue;
    PracticeSettings practice;
    practice.name = name;
    practice.external_per_year = config.real(prefix + "awareness_external_per_year");
    practice.imitation_per_year = config.real(prefix + "awareness_imitation_per_year");
    practice.decision = decision_rule(config.text(prefix + "decision"));
    practice.investment_per_ha = config.real(prefix + "investment_eur_per_ha");
    practice.investment_per_farm = config.real(prefix + "investment_eur_per_farm");
    practice.margin_per_ha_year = config.real(prefix + "margin_eur_per_ha_year");
    practice.margin_per_farm_year = config.real(prefix + "margin_eur_per_farm_year");
    practice.margin_sd_per_ha_year = config.real(prefix + "margin_sd_eur_per_ha_year");
    practice.margin_sd_per_farm_year = config.real(prefix + "margin_sd_eur_per_farm_year");
    for (std::size_t t = 0; t < farm_type_count; ++t)
      practice.margin_type_offset_per_ha_year[t] =
          config.real(prefix + "margin_offset_" + farm_type_names[t] + "_eur_per_ha_year");
    practice.investment_sd = config.real(prefix + "investment_sd");
    practice.knowledge_threshold = config.real(prefix + "knowledge_threshold");
    practice.uncertainty = config.real(prefix + "uncertainty");
    practice.eligible_types = type_mask(config, prefix + "eligible_types");
    practice.land_bound = config.boolean(prefix + "land_bound");
    practice.reversible = config.boolean(prefix + "reversible");
    practice.herd_change = config.real(prefix + "herd_change");
    scenario.practices.push_back(std::move(practice));
  }
  if (scenario.practices.empty()) throw sim::ConfigError("scenario: no enabled [practice.NAME] section");
  if (scenario.practices.size() > 250) throw sim::ConfigError("scenario: more than 250 practices");
  build_institutions(config, scenario);
  build_land_and_chain(config, scenario);
  build_coalitions(config, scenario);
  build_knowledge(config, scenario);
  build_exchange_and_measures(config, scenario);
  if (text == ResolvedText::written) scenario.resolved_text = config.to_ini();
  return scenario;
}

}  // namespace kringloop::agents
