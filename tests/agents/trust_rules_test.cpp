// Trust rules (MODEL §7.3): gossip pulls toward the neighbours' trust, drift acts only without
// interaction, and decisions later than announced cost trust (a broken promise).
#include <catch2/catch.hpp>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/trust.hpp"
#include "../validation/model_run.hpp"

using namespace kringloop;

namespace {

agents::LoadedScenario small_population(const std::string& gossip, const std::string& drift) {
  return agents::load_scenario(std::nullopt, {{"population.farmers", "200"},
                                              {"trust.gossip_per_month", gossip},
                                              {"trust.drift_per_year", drift},
                                              {"government.province.enforcement_per_farmer_per_year", "0"},
                                              {"government.national.enforcement_per_farmer_per_year", "0"}});
}

}  // namespace

SCENARIO("Gossip pulls a farmer's trust toward the neighbours' mean", "[agents]") {
  const auto loaded = small_population("0.1", "0");
  agents::Farmers farmers = agents::generate_farmers(loaded.scenario);
  for (auto& t : farmers.trust[0]) t = 1.0f;
  farmers.trust[0][0] = 0.0f;
  agents::update_trust_month(loaded.scenario, farmers, 30, 31);
  // All neighbours trust 1, farmer 0 trusts 0: one month moves it by g · (1 − 0) = 0.1.
  CHECK(farmers.trust[0][0] == Approx(0.1).margin(1e-6));
}

SCENARIO("Drift toward the baseline acts only without interaction", "[agents]") {
  const auto loaded = small_population("0", "1");
  agents::Farmers farmers = agents::generate_farmers(loaded.scenario);
  const sim::Day day = 3 * 365;
  farmers.trust[0][0] = farmers.trust[0][1] = 0.9f;
  agents::record_contact(farmers, 0, 0, day - 30);  // a promise kept last month
  agents::record_contact(farmers, 1, 0, 0);        // nothing for three years
  agents::update_trust_month(loaded.scenario, farmers, day, 31);
  CHECK(farmers.trust[0][0] == Approx(0.9f));
  CHECK(farmers.trust[0][1] < 0.89f);
  CHECK(farmers.trust[0][1] > 0.5f);
}

SCENARIO("Late decisions cost trust", "[validation]") {
  GIVEN("the area payment deciding after 180 days on average, announced as 180 or as 90 days") {
    // Measured run-mean trust in the province: lower when the same decisions come later than
    // announced (a broken promise each) than when they come on time (a kept one).
    sim::config::KeyValues on_time{{"scheme.nature_area_payment.lead_time_mean_days", "180"},
                                   {"scheme.nature_area_payment.lead_time_sd_days", "20"},
                                   {"scheme.nature_area_payment.announced_lead_time_days", "240"}};
    auto late = on_time;
    late.back().second = "90";
    const auto kept = test::nature_outcome(std::nullopt, on_time, {1, 2});
    const auto broken = test::nature_outcome(std::nullopt, late, {1, 2});
    THEN("mean trust in the province is lower when decisions are late") {
      INFO("trust " << kept.trust_mean << " on time, " << broken.trust_mean << " late");
      CHECK(broken.trust_mean < kept.trust_mean - 0.005);
    }
  }
}
