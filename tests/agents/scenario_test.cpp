// The typed scenario: the default ships the four practices of MODEL §2, and cross-key errors name
// the key, the value and what is allowed.
#include <catch2/catch.hpp>

#include "agents/app/scenario_loading.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

TEST_CASE("The default scenario ships the four practices, land exchange driven by exchange pairs", "[agents]") {
  const auto loaded = agents::load_scenario(std::nullopt, {});
  std::vector<std::string> names;
  for (const auto& p : loaded.scenario.practices) names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"land_exchange", "manure_valorisation", "nature_inclusive", "performance_monitor"});
  const auto& nature = loaded.scenario.practices[2];
  CHECK(nature.land_bound);
  CHECK(nature.decision == agents::DecisionRule::utility);
  CHECK(nature.margin_sd_per_ha_year > 0);  // farms differ: no knife edge
  CHECK(loaded.scenario.practices[0].decision == agents::DecisionRule::external);
  CHECK(loaded.scenario.exchange.practice_index == 0);
  const auto without_exchange = agents::load_scenario(std::nullopt, {{"practice.land_exchange.enabled", "false"}});
  CHECK(without_exchange.scenario.exchange.practice_index == agents::no_index);
  CHECK_FALSE(loaded.scenario.practices[3].eligible_types[0]);  // the monitor is for dairy farms only
  CHECK(loaded.scenario.schemes.size() == 4);
  CHECK(loaded.scenario.trust.broken_loss == Approx(3 * loaded.scenario.trust.kept_gain));
}

TEST_CASE("Bad cross-references and combinations are one clear error", "[agents]") {
  auto message = [](sim::config::KeyValues overrides) {
    try {
      agents::load_scenario(std::nullopt, overrides);
    } catch (const sim::ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message({{"scheme.monitor_reward.government", "ministry"}}),
             Catch::Contains("scheme.monitor_reward.government") && Catch::Contains("ministry") &&
                 Catch::Contains("national, province"));
  CHECK_THAT(message({{"government.province.messenger", "bank"}}), Catch::Contains("collective, union"));
  CHECK_THAT(message({{"land.share_owned", "0.9"}}), Catch::Contains("sum to"));
  CHECK_THAT(message({{"practice.land_exchange.decision", "utility"}}),
             Catch::Contains("practice.land_exchange.decision") && Catch::Contains("external"));
  CHECK_THAT(message({{"exchange.break_trust", "0.9"}}),
             Catch::Contains("exchange.break_trust") && Catch::Contains("exchange.trust_threshold"));
  CHECK_THAT(message({{"measure.coalition_practice", "buffers"}}),
             Catch::Contains("measure.coalition_practice") && Catch::Contains("buffers") && Catch::Contains("nature_inclusive"));
  CHECK_THAT(message({{"landlord.public.term_years", "12"}}), Catch::Contains("land.liberalised_max_years"));
  CHECK_THAT(message({{"trust.kept_gain", "0.5"}}), Catch::Contains("trust.loss_ratio"));
  CHECK_THAT(message({{"scheme.monitor_reward.kind", "loan"}}), Catch::Contains("scheme.monitor_reward.kind"));
  // A disabled practice takes its schemes and chain partners with it.
  const auto loaded = agents::load_scenario(std::nullopt, {{"practice.performance_monitor.enabled", "false"}});
  CHECK(loaded.scenario.schemes.size() == 3);
  CHECK(loaded.scenario.chains.size() == 2);
}
