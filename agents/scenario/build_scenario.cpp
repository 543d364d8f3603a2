#include <cmath>

#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

void require_sum_one(double sum, const std::string& what) {
  if (std::fabs(sum - 1.0) > 1e-6)
    throw sim::ConfigError("scenario: " + what + " sum to " + std::to_string(sum) + " (allowed: exactly 1)");
}

}  // namespace

Scenario build_scenario(const sim::config::ResolvedConfig& config) {
  Scenario scenario;
  scenario.run.name = config.text("run.name");
  scenario.run.seed = static_cast<std::uint64_t>(config.integer("run.seed"));
  scenario.run.years = static_cast<int>(config.integer("run.years"));
  scenario.run.snapshots = config.boolean("output.snapshots");

  auto& population = scenario.population;
  population.farmers = config.integer("population.farmers");
  double type_sum = 0;
  for (std::size_t t = 0; t < farm_type_count; ++t) {
    population.type_share[t] = config.real(std::string("population.share_") + farm_type_names[t]);
    type_sum += population.type_share[t];
  }
  require_sum_one(type_sum, "population.share_arable/dairy/mixed/intensive_livestock");
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

  scenario.network.mode = config.text("network.mode") == "well_mixed" ? NetworkMode::well_mixed : NetworkMode::knn;
  scenario.network.neighbours = static_cast<int>(config.integer("network.neighbours"));
  scenario.network.rewiring = config.real("network.rewiring");
  if (scenario.network.mode == NetworkMode::knn && scenario.network.neighbours >= population.farmers)
    throw sim::ConfigError("scenario: network.neighbours = " + std::to_string(scenario.network.neighbours) +
                           " needs more farmers than population.farmers = " + std::to_string(population.farmers));

  for (const auto& name : config.instances("practice")) {
    const std::string prefix = "practice." + name + ".";
    if (!config.boolean(prefix + "enabled")) continue;
    PracticeSettings practice;
    practice.name = name;
    practice.external_per_year = config.real(prefix + "awareness_external_per_year");
    practice.imitation_per_year = config.real(prefix + "awareness_imitation_per_year");
    practice.decision = config.text(prefix + "decision") == "utility" ? DecisionRule::utility : DecisionRule::immediate;
    scenario.practices.push_back(std::move(practice));
  }
  if (scenario.practices.empty()) throw sim::ConfigError("scenario: no enabled [practice.NAME] section");
  if (scenario.practices.size() > 250) throw sim::ConfigError("scenario: more than 250 practices");
  scenario.resolved_text = config.to_ini();
  return scenario;
}

}  // namespace kringloop::agents
