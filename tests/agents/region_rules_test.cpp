// Regions (MODEL §2 Space; issue 10 item 4): farms are placed in their region's rectangle with the
// configured counts and type shares, region-restricted schemes and coalitions reach only their
// region's farms, per-region outputs add up to the totals, a scenario without [region.NAME] is the
// one-region model it always was, and bad region inputs fail with one clear error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "../validation/model_run.hpp"
#include "agents/model/utility.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

namespace {

std::size_t region_index(const agents::Scenario& scenario, const std::string& name) {
  for (std::size_t r = 0; r < scenario.regions.size(); ++r)
    if (scenario.regions[r].name == name) return r;
  throw std::runtime_error("no region " + name);
}

std::size_t scheme_index(const agents::Scenario& scenario, const std::string& name) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s)
    if (scenario.schemes[s].name == name) return s;
  throw std::runtime_error("no scheme " + name);
}

std::string config_error(const sim::config::KeyValues& overrides, const std::optional<std::string>& file = "two_regions.ini") {
  try {
    agents::load_scenario(file ? std::optional(test::config_path(*file)) : std::nullopt, overrides);
  } catch (const sim::ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

SCENARIO("Farms land in their region's rectangle with its count and type shares", "[agents]") {
  GIVEN("two_regions.ini with 20,000 farms: the Plateau 40% with its own type mix, the rest 60% with the population's") {
    const auto loaded = agents::load_scenario(test::config_path("two_regions.ini"), {{"population.farmers", "20000"}});
    const agents::Scenario& scenario = loaded.scenario;
    const agents::Farmers farmers = agents::generate_farmers(scenario);
    REQUIRE(scenario.regions.size() == 2);
    const std::size_t plateau = region_index(scenario, "plateau"), rest = region_index(scenario, "rest_of_drenthe");
    THEN("the counts are the shares of population.farmers and sum to it") {
      std::array<std::int64_t, 2> count{};
      for (const auto r : farmers.region) ++count.at(r);
      CHECK(count[plateau] == 8000);
      CHECK(count[rest] == 12000);
      CHECK(scenario.regions[plateau].farmers == 8000);
      CHECK(static_cast<std::int64_t>(farmers.size()) == scenario.population.farmers);
    }
    THEN("every farm lies in its region's rectangle, and the rectangles touch without overlapping") {
      const auto& west = scenario.regions[plateau];
      const auto& east = scenario.regions[rest];
      CHECK(west.x_min_km == 0.0);
      CHECK(east.x_min_km == Approx(west.x_max_km()));
      std::size_t outside = 0;
      for (std::size_t i = 0; i < farmers.size(); ++i) {
        const auto& region = scenario.regions[farmers.region[i]];
        outside += farmers.x_km[i] < region.x_min_km - 1e-3 || farmers.x_km[i] > region.x_max_km() + 1e-3 ||
                   farmers.y_km[i] < 0 || farmers.y_km[i] > region.height_km + 1e-3;
      }
      CHECK(outside == 0);
      // Density as the population's rule: each square's farmland share is population.farmland_share.
      CHECK(east.width_km * east.width_km > west.width_km * west.width_km);
    }
    THEN("each region's farm types follow its own shares (within 4 standard errors)") {
      for (const std::size_t r : {plateau, rest}) {
        std::array<double, agents::farm_type_count> count{};
        double total = 0;
        for (std::size_t i = 0; i < farmers.size(); ++i)
          if (farmers.region[i] == r) count[static_cast<std::size_t>(farmers.type[i])] += 1, total += 1;
        for (std::size_t t = 0; t < agents::farm_type_count; ++t) {
          const double expected = scenario.regions[r].type_share[t];
          INFO("region " << scenario.regions[r].name << ", type " << agents::farm_type_names[t]);
          CHECK(std::fabs(count[t] / total - expected) < 4 * std::sqrt(expected * (1 - expected) / total) + 1e-9);
        }
      }
      CHECK(scenario.regions[plateau].type_share[0] == 0.4);               // its own
      CHECK(scenario.regions[rest].type_share == scenario.population.type_share);  // the population's
    }
    THEN("the network ties farms across the border, but only a few") {
      std::size_t across = 0;
      for (std::size_t i = 0; i < farmers.size(); ++i)
        for (int m = 0; m < farmers.neighbours_per_farmer; ++m)
          across += farmers.region[i] != farmers.region[farmers.neighbours_of(i)[m]];
      const double share = static_cast<double>(across) / static_cast<double>(farmers.neighbours.size());
      INFO("share of ties across the border " << share);
      CHECK(share > 0.0);
      CHECK(share < 0.1);
    }
  }
}

SCENARIO("A scenario without regions is the one-region model, and one explicit region changes nothing", "[agents]") {
  GIVEN("the default scenario, and the same with one [region.only] holding every farm") {
    const sim::config::KeyValues base{{"population.farmers", "3000"}};
    auto with_region = base;
    with_region.emplace_back("region.only.farmer_share", "1");
    const auto implicit = agents::load_scenario(std::nullopt, base);
    const auto explicit_one = agents::load_scenario(std::nullopt, with_region);
    THEN("the implicit region is `all` with every farm and the population's rectangle") {
      REQUIRE(implicit.scenario.regions.size() == 1);
      CHECK(implicit.scenario.regions[0].name == "all");
      CHECK(implicit.scenario.regions[0].farmers == 3000);
      CHECK(implicit.scenario.regions[0].width_km == implicit.scenario.population.region_width_km);
    }
    THEN("both populations are the same farms, bit for bit") {
      const auto a = agents::generate_farmers(implicit.scenario);
      const auto b = agents::generate_farmers(explicit_one.scenario);
      CHECK(a.x_km == b.x_km);
      CHECK(a.y_km == b.y_km);
      CHECK(a.type == b.type);
      CHECK(a.neighbours == b.neighbours);
      CHECK(a.owned_ha == b.owned_ha);
    }
    THEN("the region's adoption summary equals the total") {
      const auto record = agents::run_model(agents::load_scenario(std::nullopt, {{"population.farmers", "1000"}, {"run.years", "5"}}).scenario);
      for (const char* practice : {"nature_inclusive", "manure_valorisation", "performance_monitor"})
        CHECK(record.summary_value(std::string("region.all.adoption.") + practice + ".final_share", NAN) ==
              record.summary_value(std::string("adoption.") + practice + ".final_share", NAN));
      CHECK(record.find_series("region/all/adopted_share") == nullptr);  // per-region series only with ≥ 2 regions
    }
  }
}

SCENARIO("A region-restricted scheme pays only farms of its region", "[agents]") {
  GIVEN("two_regions.ini: the Plateau's manure grant, the national one for both regions") {
    const auto loaded = agents::load_scenario(test::config_path("two_regions.ini"),
                                              {{"population.farmers", "3000"}, {"run.years", "12"}});
    const agents::Scenario& scenario = loaded.scenario;
    const std::size_t hub = scheme_index(scenario, "plateau_manure_hub");
    const std::size_t national = scheme_index(scenario, "manure_investment");
    const auto plateau = static_cast<std::uint8_t>(region_index(scenario, "plateau"));
    agents::Model model(scenario);
    const auto record = model.run();
    const agents::Farmers& farmers = model.farmers();
    THEN("only Plateau farms are eligible for the hub; the national grant takes both regions") {
      std::array<std::size_t, 2> hub_eligible{}, national_eligible{};
      for (std::size_t i = 0; i < farmers.size(); ++i) {
        hub_eligible[farmers.region[i]] += agents::eligible(scenario, farmers, i, hub, 0);
        national_eligible[farmers.region[i]] += agents::eligible(scenario, farmers, i, national, 0);
      }
      CHECK(hub_eligible[plateau] > 0);
      CHECK(hub_eligible[1 - plateau] == 0);
      CHECK(national_eligible[1 - plateau] > 0);
    }
    THEN("its budget counts the Plateau's eligible farms only") {
      // Eligible at the start: a livestock type of the Plateau (the counts do not change with exits).
      const agents::Farmers start = agents::generate_farmers(scenario);
      double eligible = 0;
      for (std::size_t i = 0; i < start.size(); ++i)
        eligible += start.region[i] == plateau && start.type[i] != agents::FarmType::arable;
      CHECK(record.summary_value("subsidy.plateau_manure_hub.budget_eur", NAN) == Approx(3000 * eligible));
    }
    THEN("it awarded grants, and every farm holding its grant is on the Plateau") {
      CHECK(record.summary_value("subsidy.plateau_manure_hub.awards", 0) > 0);
      std::size_t holders = 0, outside = 0;
      const auto& state = farmers.practice[scenario.schemes[hub].practice];
      for (std::size_t i = 0; i < farmers.size(); ++i)
        if (state.scheme[i] == hub) ++holders, outside += farmers.region[i] != plateau;
      CHECK(holders > 0);
      CHECK(outside == 0);
    }
    THEN("the per-region series add up to the totals") {
      const auto& total = test::series(record, "population/active_farms");
      const auto& a = test::series(record, "region/plateau/active_farms");
      const auto& b = test::series(record, "region/rest_of_drenthe/active_farms");
      const auto& total_share = test::series(record, "practice/manure_valorisation/adopted_share");
      const auto& share_a = test::series(record, "region/plateau/adopted_share");
      const auto& share_b = test::series(record, "region/rest_of_drenthe/adopted_share");
      const std::size_t practices = scenario.practices.size(), p = scenario.schemes[hub].practice;
      REQUIRE(a.size() == total.size());
      for (std::size_t m = 0; m < total.size(); ++m) {
        CHECK(a[m] + b[m] == total[m]);
        const double adopters = share_a[m * practices + p] * a[m] + share_b[m * practices + p] * b[m];
        CHECK(adopters == Approx(total_share[m] * total[m]).margin(1e-6));
      }
      // Knowledge: the farm-weighted mean of the regions' means is the population's mean.
      const auto& knowledge = test::series(record, "practice/manure_valorisation/knowledge_mean");
      const auto& knowledge_a = test::series(record, "region/plateau/knowledge_mean");
      const auto& knowledge_b = test::series(record, "region/rest_of_drenthe/knowledge_mean");
      for (std::size_t m = 0; m < total.size(); ++m)
        CHECK((knowledge_a[m * practices + p] * a[m] + knowledge_b[m * practices + p] * b[m]) / total[m] ==
              Approx(knowledge[m]).margin(1e-5));
      CHECK(record.summary_value("region.plateau.adoption.manure_valorisation.final_share", NAN) ==
            share_a[(a.size() - 1) * practices + p]);
    }
  }
}

SCENARIO("A coalition restricted to a region invites only that region's farms", "[agents]") {
  GIVEN("two_regions.ini with the default nature programme restricted to the rest of Drenthe") {
    const auto loaded = agents::load_scenario(test::config_path("two_regions.ini"),
                                              {{"population.farmers", "2000"}, {"run.years", "3"},
                                               {"coalition.emergence", "false"},
                                               {"coalition.nature_programme.region", "rest_of_drenthe"}});
    const auto rest = static_cast<std::uint8_t>(region_index(loaded.scenario, "rest_of_drenthe"));
    agents::Model model(loaded.scenario);
    const auto record = model.run();
    const auto& coalitions = model.coalitions().state();
    REQUIRE(coalitions.size() == 1);
    THEN("its region is recorded, and every member farms there") {
      CHECK(coalitions.region[0] == rest);
      REQUIRE_FALSE(coalitions.members[0].empty());
      for (const std::uint32_t farmer : coalitions.cohort[0]) CHECK(model.farmers().region[farmer] == rest);
      const auto* table = record.find_table("coalitions");
      REQUIRE(table != nullptr);
      CHECK(table->columns.back() == "region");
      CHECK(table->values.back() == rest);
    }
  }
}

SCENARIO("Bad region inputs fail with one clear error", "[agents]") {
  THEN("each names the key, the value and what is allowed") {
    using Catch::Contains;
    CHECK_THAT(config_error({{"scheme.plateau_manure_hub.region", "twente"}}),
               Contains("scheme.plateau_manure_hub.region = twente") && Contains("allowed: plateau"));
    CHECK_THAT(config_error({{"scheme.manure_investment.region", "nowhere"}}),
               Contains("'nowhere' is not a region of the scenario") && Contains("allowed: plateau, rest_of_drenthe"));
    CHECK_THAT(config_error({{"government.province.regions", "plateau, atlantis"}}), Contains("'atlantis'"));
    CHECK_THAT(config_error({{"region.plateau.farmer_share", "0.5"}}),
               Contains("region.*.farmer_share sum to 1.1") && Contains("allowed: exactly 1"));
    CHECK_THAT(config_error({{"region.plateau.share_dairy", "0.5"}}),
               Contains("region.plateau.share_arable/dairy/mixed/intensive_livestock sum to 1.1"));
    CHECK_THAT(config_error({{"region.plateau.share_dairy", "lots"}}),
               Contains("region.plateau.share_dairy = lots") && Contains("allowed: a number in [0, 1]"));
    CHECK_THAT(config_error({{"region.rest_of_drenthe.x_min_km", "5"}}),
               Contains("region.rest_of_drenthe.x_min_km = 5 (command line)") && Contains("overlaps region plateau"));
    CHECK_THAT(config_error({{"region.plateau.farmers", "100"}}), Contains("set exactly one of them"));
    CHECK_THAT(config_error({{"region.plateau.farmers", "100"}, {"region.plateau.farmer_share", "0"}}),
               Contains("all regions give farmers, or all give farmer_share"));
    CHECK_THAT(config_error({{"coalition.nature_programme.region", "nowhere"}}), Contains("coalition.nature_programme.region"));
    CHECK_THAT(config_error({{"region.plateau.livestock_only_share", "0.7"}, {"region.plateau.arable_only_share", "0.4"}}),
               Contains("region.plateau.livestock_only_share = 0.7") && Contains("allowed: together at most 1"));
    CHECK_THAT(config_error({{"region.plateau.arable_only_share", "0.2"}, {"region.plateau.share_arable", "0"},
                             {"region.plateau.share_dairy", "0.8"}}),
               Contains("region.plateau.arable_only_share = 0.2") && Contains("has no arable farms"));
    // The x-range keys of the schemes are gone: the usual unknown-key error.
    CHECK_THAT(config_error({{"scheme.nature_area_payment.region_x_min_km", "0"}}, std::nullopt),
               Contains("unknown key 'scheme.nature_area_payment.region_x_min_km'"));
  }
  THEN("region counts replace population.farmers by their sum") {
    const auto loaded = agents::load_scenario(test::config_path("two_regions.ini"),
                                              {{"region.plateau.farmer_share", "0"}, {"region.plateau.farmers", "700"},
                                               {"region.rest_of_drenthe.farmer_share", "0"},
                                               {"region.rest_of_drenthe.farmers", "300"}});
    CHECK(loaded.scenario.population.farmers == 1000);
  }
}

SCENARIO("A government enforces only in the regions it covers", "[agents]") {
  GIVEN("two_regions.ini where the Plateau's area body enforces twelve times a farmer-year (penalty 0.1)") {
    const auto loaded = agents::load_scenario(test::config_path("two_regions.ini"),
                                              {{"population.farmers", "2000"}, {"run.years", "2"},
                                               {"government.plateau_area.enforcement_per_farmer_per_year", "12"}});
    const agents::Scenario& scenario = loaded.scenario;
    const auto plateau = static_cast<std::uint8_t>(region_index(scenario, "plateau"));
    std::size_t body = 0;
    while (scenario.institutions[body].name != "plateau_area") ++body;
    agents::Model model(scenario);
    model.run();
    const agents::Farmers& farmers = model.farmers();
    std::array<double, 2> sum{}, count{};
    for (std::size_t i = 0; i < farmers.size(); ++i)
      if (farmers.active[i]) sum[farmers.region[i]] += farmers.trust[body][i], count[farmers.region[i]] += 1;
    const double inside = sum[plateau] / count[plateau], outside = sum[1 - plateau] / count[1 - plateau];
    THEN("trust in it collapses on the Plateau and stays near its initial 0.55 elsewhere") {
      INFO("mean trust on the Plateau " << inside << ", in the rest of Drenthe " << outside);
      CHECK(inside < 0.2);
      CHECK(outside > 0.4);
    }
  }
}

SCENARIO("Wholly arable and wholly livestock bands hold only their types (001 L151–159)", "[agents]") {
  GIVEN("drents_plateau.ini with 20,000 farms in the rest of Drenthe: 44.1% livestock band (south), 22.2% arable band (north)") {
    const auto loaded = agents::load_scenario(test::config_path("drents_plateau.ini"),
                                              {{"region.rest_of_drenthe.farmers", "20000"}});
    const agents::Scenario& scenario = loaded.scenario;
    const agents::Farmers farmers = agents::generate_farmers(scenario);
    const std::size_t rest = region_index(scenario, "rest_of_drenthe");
    const auto& region = scenario.regions[rest];
    std::array<double, 3> farms{};           // livestock band, mixed band, arable band
    std::array<double, 3> arable{}, livestock{};
    double in_region = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      if (farmers.region[i] != rest) continue;
      in_region += 1;
      const double y = farmers.y_km[i] / region.height_km;
      const std::size_t band = y < region.livestock_only_share ? 0 : y >= 1 - region.arable_only_share ? 2 : 1;
      farms[band] += 1;
      arable[band] += farmers.type[i] == agents::FarmType::arable;
      livestock[band] += farmers.type[i] == agents::FarmType::dairy || farmers.type[i] == agents::FarmType::intensive_livestock;
    }
    THEN("the livestock band has no arable or mixed farms, the arable band only arable farms") {
      CHECK(livestock[0] == farms[0]);
      CHECK(arable[2] == farms[2]);
    }
    THEN("the bands hold their share of the region's farms, and the band between follows the type shares") {
      CHECK(farms[0] / in_region == Approx(0.441).margin(0.02));
      CHECK(farms[2] / in_region == Approx(0.222).margin(0.02));
      CHECK(arable[1] / farms[1] == Approx(region.type_share[0]).margin(0.03));
    }
  }
}

SCENARIO("A bipartite nearest-neighbour search finds only farms of the other side", "[agents]") {
  GIVEN("1,000 farms on a 40 × 40 km square, alternately on side 0 and 1, and a lone farm of side 2") {
    std::vector<float> x, y;
    std::vector<std::uint8_t> side;
    for (int i = 0; i < 1000; ++i) {
      x.push_back(static_cast<float>((i * 37) % 400) / 10.0f);
      y.push_back(static_cast<float>((i * 91) % 400) / 10.0f);
      side.push_back(static_cast<std::uint8_t>(i % 2));
    }
    x.push_back(20), y.push_back(20), side.push_back(2);
    const int k = 5;
    const auto nearest = agents::build_knn_network(x, y, k, 0.0, 40.0, 40.0, 1, &side);
    THEN("every neighbour is on another side, and is among the k nearest of those by brute force") {
      for (std::size_t i = 0; i < x.size(); i += 97) {
        std::vector<std::pair<float, std::uint32_t>> other;
        for (std::size_t j = 0; j < x.size(); ++j)
          if (side[j] != side[i]) {
            const float dx = x[i] - x[j], dy = y[i] - y[j];
            other.push_back({dx * dx + dy * dy, static_cast<std::uint32_t>(j)});
          }
        std::sort(other.begin(), other.end());
        for (int m = 0; m < k; ++m) {
          const std::uint32_t j = nearest[i * k + static_cast<std::size_t>(m)];
          REQUIRE(j != agents::no_neighbour);
          CHECK(side[j] != side[i]);
          CHECK(j == other[static_cast<std::size_t>(m)].second);
        }
      }
    }
  }
  GIVEN("three farms, two on one side: the lone farm has two of the other side, fewer than k = 4") {
    const std::vector<float> x{0, 1, 2}, y{0, 0, 0};
    const std::vector<std::uint8_t> side{0, 1, 1};
    const auto nearest = agents::build_knn_network(x, y, 4, 0.0, 40.0, 40.0, 1, &side);
    THEN("its slots hold the two nearest first, then no_neighbour") {
      CHECK(nearest[0] == 1);
      CHECK(nearest[1] == 2);
      CHECK(nearest[2] == agents::no_neighbour);
      CHECK(nearest[3] == agents::no_neighbour);
      CHECK(nearest[4] == 0);  // farm 1's only candidate
      CHECK(nearest[5] == agents::no_neighbour);
    }
    THEN("with a reach of 1.5 km the farm 2 km away is left out as well") {
      const auto near = agents::build_knn_network(x, y, 4, 0.0, 40.0, 40.0, 1, &side, 1.5);
      CHECK(near[0] == 1);
      CHECK(near[1] == agents::no_neighbour);
      CHECK(near[8] == agents::no_neighbour);  // farm 2: farm 0 is 2 km away
    }
  }
  GIVEN("20,000 farms of one side and none of the other, reach 5 km") {
    std::vector<float> x, y;
    for (int i = 0; i < 20000; ++i) x.push_back(static_cast<float>(i % 200) * 0.2f), y.push_back(static_cast<float>(i / 200) * 0.4f);
    const std::vector<std::uint8_t> side(x.size(), 0);
    const auto nearest = agents::build_knn_network(x, y, 8, 0.0, 40.0, 40.0, 1, &side, 5.0);
    THEN("nobody has a neighbour (and the search stopped at 5 km instead of scanning the grid for each farm)") {
      CHECK(std::all_of(nearest.begin(), nearest.end(), [](std::uint32_t j) { return j == agents::no_neighbour; }));
    }
  }
}
