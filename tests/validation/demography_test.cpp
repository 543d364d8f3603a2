// Demography and land (issue 8, MODEL §7.4, docs/MODEL.md "plausibility bands"): nobody starts past
// retirement, hand-overs are spread over time, land of stopping farms goes to neighbours or through
// the lease market, and over 30 years the farm count and tenure mix stay within the bands derived
// from Dutch figures (CBS: −2.8% farms a year 2000–2023; 2019 tenure: ~69% of owned + leased land
// owned, ~31% leased).
#include <catch2/catch.hpp>

#include "model_run.hpp"

using namespace kringloop;

SCENARIO("Initial ages never start above retirement", "[agents]") {
  const auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "20000"}});
  const agents::Farmers farmers = agents::generate_farmers(loaded.scenario);
  const auto& population = loaded.scenario.population;
  std::size_t past = 0;
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    const double age = -sim::days_to_years(farmers.birth_day[i]);
    past += age >= population.retirement_age + population.retirement_age_spread || farmers.retire_day[i] <= 0;
  }
  CHECK(past == 0);
}

SCENARIO("Farm numbers and tenure stay plausible over 30 years", "[validation]") {
  GIVEN("the default scenario, seeds 1–3") {
    for (const int seed : {1, 2, 3}) {
      const auto record = test::run_scenario(std::nullopt, {{"run.seed", std::to_string(seed)}});
      const auto& active = test::series(record, "population/active_farms");
      const auto& land = test::series(record, "land/area_by_tenure_ha");  // owned, regular, liberalised, one-year, pool
      const auto& mean_area = test::series(record, "population/mean_farm_ha");
      const std::size_t last = active.size() - 1;
      auto land_share = [&](std::size_t month, std::size_t column) {
        double total = 0;
        for (std::size_t c = 0; c < 5; ++c) total += land[month * 5 + c];
        return land[month * 5 + column] / total;
      };
      INFO("seed " << seed << ": active " << active[0] << " → " << active[last] << ", owned land " << land_share(0, 0)
                   << " → " << land_share(last, 0) << ", regular " << land_share(0, 1) << " → " << land_share(last, 1));
      {  // then: hand-overs are spread: under 1% of farms exit in the first month, under 5% in any year
        CHECK(active[0] > 0.99 * 3000);
        for (std::size_t m = 12; m <= last; m += 12) CHECK(active[m - 12] - active[m] < 0.05 * active[m - 12]);
      }
      {  // then: 0.40–0.70 of the farms are still farming after 30 years, and they are larger
        CHECK(active[last] / active[0] >= 0.40);
        CHECK(active[last] / active[0] <= 0.70);
        CHECK(mean_area[last] > 1.3 * mean_area[0]);
      }
      {  // then: owned land stays 0.50–0.75 of farmland, regular leases do not vanish, little land lies idle
        CHECK(land_share(0, 0) == Approx(0.69).margin(0.03));  // CBS 2019, derived in configs/default.ini
        CHECK(land_share(last, 0) >= 0.50);
        CHECK(land_share(last, 0) <= 0.75);
        CHECK(land_share(last, 1) >= 0.02);
        for (std::size_t m = 0; m <= last; ++m) CHECK(land_share(m, 4) < 0.02);
      }
    }
  }
}
