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
  int all_seven_in_deal = 0;  // runs in which every farm was a member of the deal at some time
  double max_invited = 0;
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
    island.all_seven_in_deal += record.summary_value("coalition.biodivers_schiermonnikoog.members_peak", 0.0) == 7;
    island.max_invited =
        std::max(island.max_invited, record.summary_value("coalition.biodivers_schiermonnikoog.invited", 0.0));
  }
  return island;
}

}  // namespace

SCENARIO("Schiermonnikoog: the seven farms join the deal and the herd falls by almost 40%", "[validation]") {
  // Bands: the source reports all seven and "bijna 40%". The farmers are a party to the deal
  // (farmers_at_table): all seven join it in every run measured (seeds 1–20 and 21–40). Joining
  // is not adopting in full: a farmer may still drop out while his application waits or, with a
  // high threshold of his own, never find the deal worth it — measured 6.55 adopters on average
  // (seeds 1–20: all seven in 13 runs; seeds 21–40: 12), never fewer than 5, herd change −0.373
  // and −0.383. Required: all seven in the deal in at least 18 runs, a mean of at least 6.2
  // adopters, all seven adopting in at least 10 runs, never fewer than 5, the mean herd change in
  // −0.40 … −0.34 ("almost 40%"), and nobody invited twice.
  GIVEN("the shipped scenario, seeds 1–20") {
    const Island island = replicate({});
    INFO("in the deal: all seven in " << island.all_seven_in_deal << " runs; mean adopters " << island.mean_adopters
                                      << ", all seven in " << island.all_seven << " runs, fewest " << island.fewest
                                      << ", mean herd change " << island.mean_herd_change);
    THEN("every farm joins the deal, nearly every run has all seven adopting, and the herd falls by almost 40%") {
      CHECK(island.all_seven_in_deal >= 18);
      CHECK(island.max_invited == 7);
      CHECK(island.mean_adopters >= 6.2);
      CHECK(island.all_seven >= 10);
      CHECK(island.fewest >= 5);
      CHECK(island.mean_herd_change <= -0.34);
      CHECK(island.mean_herd_change >= -0.40);
    }
  }
  GIVEN("the deal as the province's invitation only: farmers not at the table (measured: all seven in 9 runs)") {
    const Island island = replicate({{"coalition.biodivers_schiermonnikoog.farmers_at_table", "false"}});
    INFO("in the deal: all seven in " << island.all_seven_in_deal << " runs");
    THEN("in many runs a farm stays out of the deal") { CHECK(island.all_seven_in_deal <= 14); }
  }
  GIVEN("no earning model: the cheese cooperative left out (003 L365–367)") {
    const Island island = replicate({{"chain.van_schier.enabled", "false"}});
    INFO("mean adopters " << island.mean_adopters << ", mean herd change " << island.mean_herd_change);
    THEN("the farms sit at the table but hardly anyone adopts, and the herd stays") {
      CHECK(island.all_seven_in_deal >= 18);
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

// The rule behind farmers_at_table (MODEL §7.5), in brummen.ini's cooperation of 80 farms, where
// the province's invitation alone brings about half of them in.
SCENARIO("Farmers at the table: their trust in each other persuades, and who said no is asked again", "[agents]") {
  struct Membership {
    double first = 0, peak = 0, invited = 0;
  };
  const auto membership = [](const std::string& at_table, const std::string& peer_trust) {
    Membership m;
    for (int seed = 1; seed <= 2; ++seed) {
      const auto record = test::run_scenario("brummen.ini", {{"run.seed", std::to_string(seed)},
                                                             {"coalition.brummen_area.farmers_at_table", at_table},
                                                             {"coalition.peer_trust_mean", peer_trust}});
      const auto members = test::series(record, "coalitions/declared/brummen_area/members");
      m.first += members.front() / 2;
      m.peak += *std::max_element(members.begin(), members.begin() + 24) / 2;
      m.invited = std::max(m.invited, record.summary_value("coalition.brummen_area.invited", 0.0));
    }
    return m;
  };
  GIVEN("the province's invitation only") {
    const Membership low = membership("false", "0.1"), high = membership("false", "0.9");
    THEN("trust among farmers does not change who joins, and nobody is asked twice") {
      CHECK(low.first == high.first);
      CHECK(low.peak == low.first);
      CHECK(low.invited == 80);
    }
  }
  GIVEN("the farmers at the table") {
    const Membership alone = membership("false", "0.1"), low = membership("true", "0.1"), high = membership("true", "0.9");
    INFO("first month: " << alone.first << " without, " << low.first << " at peer trust 0.1, " << high.first
                         << " at 0.9; peak in two years at 0.1: " << low.peak);
    THEN("more join where farmers trust each other, and those who said no come in later") {
      CHECK(high.first >= low.first + 8);
      CHECK(low.first > alone.first);
      CHECK(low.peak >= low.first + 8);
      CHECK(low.invited == 80);
    }
  }
}
