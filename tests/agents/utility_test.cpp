// Utility parts (MODEL §7.2) and trust updates (§7.3) on hand-made farmers.
#include <catch2/catch.hpp>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/schemes.hpp"
#include "agents/model/trust.hpp"
#include "agents/model/utility.hpp"

using namespace kringloop;

TEST_CASE("Annuity factors match the closed form and interpolate between years", "[agents]") {
  const agents::AnnuityTable table(0.04, 40);
  CHECK(table(10) == Approx((1 - std::pow(1.04, -10)) / 0.04));
  CHECK(table(0) == 0);
  CHECK(table(2.5) == Approx((table(2) + table(3)) / 2));
  CHECK(table(1000) == Approx(table(41)));
}

SCENARIO("Tenure bounds the horizon of a land-bound practice (P4)", "[agents]") {
  GIVEN("one farm with owned land and one lease slot of each kind") {
    const auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "20"}});
    const auto& scenario = loaded.scenario;
    agents::Farmers farmers = agents::generate_farmers(scenario);
    farmers.lease_kind[0] = agents::Tenure::regular;
    farmers.lease_kind[1] = agents::Tenure::liberalised;
    farmers.lease_kind[2] = agents::Tenure::one_year;
    for (std::size_t l = 0; l < scenario.landlords.size(); ++l)
      if (scenario.landlords[l].name == "public") farmers.lease_landlord[1] = static_cast<std::uint8_t>(l);  // renewal 0.5, term 6
    farmers.lease_end[1] = 2 * 365;
    THEN("regular → its continuation, liberalised → remaining + renewal × term, one-year → 1") {
      CHECK(agents::lease_horizon_years(scenario, farmers, 0, 0, 0, false) == Approx(12));
      CHECK(agents::lease_horizon_years(scenario, farmers, 0, 1, 0, false) == Approx(2 + 0.5 * 6));
      CHECK(agents::lease_horizon_years(scenario, farmers, 0, 2, 0, false) == Approx(1));
    }
    THEN("the policy horizon grows with trust") {
      farmers.trust[0][0] = 0.25f;
      const double low = agents::policy_horizon_years(scenario, farmers, 0, 0);
      farmers.trust[0][0] = 0.5f;
      CHECK(agents::policy_horizon_years(scenario, farmers, 0, 0) == Approx(2 * low));
    }
  }
}

SCENARIO("Trust: broken promises cost three times what kept ones earn, and stay in [0, 1]", "[agents]") {
  const auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "20"}});
  agents::Farmers farmers = agents::generate_farmers(loaded.scenario);
  farmers.trust[0][0] = 0.5f;
  agents::kept_promise(loaded.scenario, farmers, 0, 0, 10);
  CHECK(farmers.trust[0][0] == Approx(0.5 + 0.05 * 0.5));
  farmers.trust[0][0] = 0.5f;
  agents::broken_promise(loaded.scenario, farmers, 0, 0, 10);
  CHECK(farmers.trust[0][0] == Approx(0.5 - 0.15 * 0.5));
  for (int k = 0; k < 200; ++k) agents::broken_promise(loaded.scenario, farmers, 0, 0, 10);
  CHECK(farmers.trust[0][0] >= 0.0f);
  for (int k = 0; k < 500; ++k) agents::kept_promise(loaded.scenario, farmers, 0, 0, 10);
  CHECK(farmers.trust[0][0] <= 1.0f);
}
