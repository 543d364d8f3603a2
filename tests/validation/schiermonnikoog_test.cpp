// Schiermonnikoog (MODEL §9; 003 L329–398) in the shipped configs/schiermonnikoog.ini: seven dairy
// farms, a collective deal with province and ministry, the cheese cooperative Van Schier as the
// earning model. The source: all seven farmers joined and cut their herds by almost 40%
// (003 L388–390); an extra earning model is what farmers' support hinges on (003 L365–367).
// The deal's term (an adopter keeps 60% of its herd) is an input; what the model decides is who
// joins and stays, so the herd's fall tests that. 20 replications; each run takes milliseconds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "model_run.hpp"

using namespace kringloop;

namespace {

struct Island {
  double mean_adopters = 0, mean_herd_change = 0;
  int all_seven = 0, fewest = 7;
};

Island replicate(const sim::config::KeyValues& extra) {
  Island island;
  constexpr int seeds = 20;
  for (int seed = 1; seed <= seeds; ++seed) {
    auto overrides = extra;
    overrides.emplace_back("run.seed", std::to_string(seed));
    const auto record = test::run_scenario("schiermonnikoog.ini", overrides);
    const double active = test::series(record, "population/active_farms").back();
    const int adopters = static_cast<int>(
        std::lround(record.summary_value("adoption.biodivers_boeren.final_share", 0.0) * active));
    island.mean_adopters += adopters / double(seeds);
    island.mean_herd_change += record.summary_value("herd.change", 0.0) / seeds;
    island.all_seven += adopters == 7;
    island.fewest = std::min(island.fewest, adopters);
  }
  return island;
}

}  // namespace

SCENARIO("Schiermonnikoog: the seven farms join the deal and the herd falls by almost 40%", "[validation]") {
  // Bands: the source reports all seven and "bijna 40%". In the model an older farmer without a
  // successor may stay out (a short horizon) or drop an application, so not every run has all
  // seven: measured 11 of 20 runs with seven, 6 with six, 3 with five; mean 6.4 adopters and a herd
  // change of −0.37. Required: a mean of at least 6 adopters, all seven in at least 8 runs, never
  // fewer than 5, and the mean herd change in −0.40 … −0.32 ("almost 40%").
  GIVEN("the shipped scenario, seeds 1–20") {
    const Island island = replicate({});
    INFO("mean adopters " << island.mean_adopters << ", all seven in " << island.all_seven << " runs, fewest "
                          << island.fewest << ", mean herd change " << island.mean_herd_change);
    THEN("nearly every run has all seven, and the herd falls by almost 40%") {
      CHECK(island.mean_adopters >= 6.0);
      CHECK(island.all_seven >= 8);
      CHECK(island.fewest >= 5);
      CHECK(island.mean_herd_change <= -0.32);
      CHECK(island.mean_herd_change >= -0.40);
    }
  }
  GIVEN("no earning model: the cheese cooperative left out (003 L365–367)") {
    const Island island = replicate({{"chain.van_schier.enabled", "false"}});
    INFO("mean adopters " << island.mean_adopters << ", mean herd change " << island.mean_herd_change);
    THEN("hardly anyone joins and the herd stays") {
      CHECK(island.mean_adopters <= 1.0);
      CHECK(island.mean_herd_change >= -0.06);
    }
  }
}

SCENARIO("The herd is area times stocking rate, cut by the practices a farm has adopted", "[agents]") {
  GIVEN("schiermonnikoog.ini's seven farms at the start") {
    const auto loaded = agents::load_scenario(test::config_path("schiermonnikoog.ini"), {});
    const agents::Scenario& scenario = loaded.scenario;
    agents::Farmers farmers = agents::generate_farmers(scenario);
    double area = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) area += farmers.area_ha(i);
    const double dairy_lu = scenario.population.stocking_lu_per_ha[static_cast<std::size_t>(agents::FarmType::dairy)];
    THEN("nobody has adopted: the herd is the dairy stocking rate times the land") {
      CHECK(agents::herd_lu(scenario, farmers) == Approx(area * dairy_lu));
    }
    WHEN("three farms adopt the deal (herd_change −0.4) and one stops farming") {
      std::size_t practice = 0;
      while (scenario.practices[practice].name != "biodivers_boeren") ++practice;
      for (std::size_t i : {0, 1, 2}) farmers.practice[practice].stage[i] = agents::Stage::adopted;
      farmers.active[6] = 0;
      double expected = 0;
      for (std::size_t i = 0; i < 6; ++i) expected += farmers.area_ha(i) * dairy_lu * (i < 3 ? 0.6 : 1.0);
      THEN("their herds are 60% of what they were, and the stopped farm counts nothing") {
        CHECK(agents::herd_lu(scenario, farmers) == Approx(expected));
      }
    }
  }
}
