// Land exchange rules (MODEL §7.4, P7): a pair needs both farmers aware, peer trust ≥ θ_x and a
// gain for both; pairs break on farm exit; trust builds season by season; the cluster-level
// regulation lever raises the gain. Spatial measures: consent of every farm, compensation and
// coalition support win holdouts over. Each rule is checked on the submodel itself (a population
// from the default scenario, seasons called directly) against a twin where the condition fails.
#include <catch2/catch.hpp>

#include <cmath>

#include "../validation/model_run.hpp"
#include "agents/app/scenario_loading.hpp"
#include "agents/model/land_exchange.hpp"
#include "agents/model/spatial_measures.hpp"

using namespace kringloop;
using agents::Farmers;
using agents::LandExchange;
using agents::Stage;

namespace {

// 400 farms, every available farm approaches its candidates, no conflicts; `overrides` win.
agents::Scenario small_scenario(const sim::config::KeyValues& overrides = {}) {
  sim::config::KeyValues all{{"population.farmers", "400"}, {"exchange.meet_per_year", "1"}, {"exchange.conflict_per_year", "0"}};
  all.insert(all.end(), overrides.begin(), overrides.end());
  return agents::load_scenario(std::nullopt, all).scenario;
}

std::size_t exchange_practice(const agents::Scenario& scenario) { return scenario.exchange.practice_index; }

bool eligible(const agents::Scenario& scenario, const Farmers& farmers, std::size_t i) {
  return scenario.practices[exchange_practice(scenario)].eligible_types[static_cast<std::size_t>(farmers.type[i])];
}

// Every eligible farm aware, with the given peer trust.
void prepare(const agents::Scenario& scenario, Farmers& farmers, float peer_trust) {
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    farmers.peer_trust[i] = peer_trust;
    if (eligible(scenario, farmers, i)) farmers.practice[exchange_practice(scenario)].stage[i] = Stage::aware;
  }
}

}  // namespace

SCENARIO("An exchange pair needs both farmers aware, trusting and gaining", "[agents]") {
  GIVEN("400 farms of the default scenario, every eligible farm aware and trusting (0.8)") {
    const auto scenario = small_scenario();
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    prepare(scenario, farmers, 0.8f);
    exchange.season(59, farmers);
    const auto& pairs = exchange.pairs();
    THEN("pairs form, each between an arable and a dairy farm within reach that both gain") {
      REQUIRE(pairs.size() > 20);
      for (std::size_t r = 0; r < pairs.size(); ++r) {
        const auto a = pairs.arable[r], b = pairs.dairy[r];
        CHECK(farmers.type[a] == agents::FarmType::arable);
        CHECK(farmers.type[b] == agents::FarmType::dairy);
        CHECK(std::hypot(farmers.x_km[a] - farmers.x_km[b], farmers.y_km[a] - farmers.y_km[b]) <=
              scenario.exchange.max_distance_km + 1e-4);
        const auto& practice = scenario.practices[exchange_practice(scenario)];
        CHECK(agents::exchange_gain_eur(scenario.exchange, practice, farmers, a, b) > 0);
        CHECK(agents::exchange_gain_eur(scenario.exchange, practice, farmers, b, a) > 0);
        CHECK(farmers.practice[exchange_practice(scenario)].stage[a] == Stage::adopted);
        CHECK(exchange.pairs().partners[a] <= scenario.exchange.max_partners);
      }
    }
  }
  GIVEN("the same farms with peer trust below θ_x (0.3 < 0.45)") {
    const auto scenario = small_scenario();
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    prepare(scenario, farmers, 0.3f);
    exchange.season(59, farmers);
    THEN("no pair forms") { CHECK(exchange.pairs().size() == 0); }
  }
  GIVEN("the same farms, none aware (initial awareness 0, no awareness hazard)") {
    const auto scenario = small_scenario({{"exchange.initial_aware_share", "0"},
                                          {"practice.land_exchange.awareness_external_per_year", "0"}});
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    for (std::size_t i = 0; i < farmers.size(); ++i) farmers.peer_trust[i] = 0.8f;
    exchange.season(59, farmers);
    THEN("no pair forms") { CHECK(exchange.pairs().size() == 0); }
  }
  GIVEN("the same farms when exchange costs more than the rotation earns") {
    const auto scenario = small_scenario({{"exchange.cost_eur_per_year", "1000000"}});
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    prepare(scenario, farmers, 0.8f);
    exchange.season(59, farmers);
    THEN("no pair forms") { CHECK(exchange.pairs().size() == 0); }
  }
}

SCENARIO("Exchange pairs break when a farm exits, and trust builds year by year", "[agents]") {
  GIVEN("pairs formed in the first season") {
    const auto scenario = small_scenario();
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    prepare(scenario, farmers, 0.6f);
    exchange.season(59, farmers);
    REQUIRE(exchange.pairs().size() > 0);
    const std::uint32_t leaving = exchange.pairs().arable[0], partner = exchange.pairs().dairy[0];
    const int partner_pairs = exchange.pairs().partners[partner];
    const float trust_before = exchange.pairs().trust[1], peer_before = farmers.peer_trust[exchange.pairs().dairy[1]];
    WHEN("the arable farm of the first pair exits before the next season") {
      farmers.active[leaving] = 0;
      exchange.season(59 + 365, farmers);
      THEN("that pair ends for the exit, and its partner has one pair fewer") {
        CHECK(exchange.pairs().end[0] == agents::PairEnd::farm_exit);
        CHECK(exchange.pairs().ended_day[0] == 59 + 365);
        CHECK(exchange.pairs().partners[partner] <= partner_pairs);  // it may have found a new partner
        CHECK(exchange.pairs().partners[leaving] == 0);
      }
      THEN("a pair without conflict has more trust, and so has its dairy farmer") {
        if (exchange.pairs().end[1] == agents::PairEnd::running) {
          CHECK(exchange.pairs().trust[1] > trust_before);
          CHECK(farmers.peer_trust[exchange.pairs().dairy[1]] > peer_before);
        }
      }
    }
  }
  GIVEN("pairs whose every season has a conflict that costs more than the margin above break_trust") {
    const auto scenario = small_scenario({{"exchange.conflict_per_year", "1"}, {"exchange.conflict_loss", "0.5"}});
    Farmers farmers = agents::generate_farmers(scenario);
    LandExchange exchange(scenario, farmers);
    prepare(scenario, farmers, 0.6f);
    exchange.season(59, farmers);
    const std::size_t formed = exchange.pairs().size();
    REQUIRE(formed > 0);
    exchange.season(59 + 365, farmers);
    THEN("every first-season pair breaks for trust loss") {
      for (std::size_t r = 0; r < formed; ++r) CHECK(exchange.pairs().end[r] == agents::PairEnd::trust_loss);
    }
  }
}

SCENARIO("Cluster-level regulation raises the exchange gain", "[agents]") {
  GIVEN("the same farms under farm-level and cluster-level rules (001 L181–182)") {
    const auto farm_level = small_scenario({{"exchange.regulation", "farm"}});
    const auto cluster_level = small_scenario({{"exchange.regulation", "cluster"}});
    Farmers farmers = agents::generate_farmers(farm_level);
    const auto& practice = farm_level.practices[exchange_practice(farm_level)];
    THEN("every farm with a positive rotation margin gains more at cluster level") {
      int compared = 0;
      for (std::size_t i = 0; i + 1 < farmers.size(); ++i) {
        if (!eligible(farm_level, farmers, i)) continue;
        const double margin = practice.margin_per_ha_year + farmers.practice[exchange_practice(farm_level)].margin_offset_ha[i];
        if (margin <= 0) continue;
        CHECK(agents::exchange_gain_eur(cluster_level.exchange, practice, farmers, i, i + 1) >
              agents::exchange_gain_eur(farm_level.exchange, practice, farmers, i, i + 1));
        ++compared;
      }
      CHECK(compared > 50);
    }
    AND_THEN("over a run, more land is in exchange (seeds 1–2, 12 years)") {
      double farm = 0, cluster = 0;
      for (const char* seed : {"1", "2"}) {
        farm += test::run_scenario(std::nullopt, {{"run.seed", seed}, {"run.years", "12"}}).summary_value("exchange_share", NAN);
        cluster += test::run_scenario(std::nullopt, {{"run.seed", seed}, {"run.years", "12"}, {"exchange.regulation", "cluster"}})
                       .summary_value("exchange_share", NAN);
      }
      INFO("exchange share after 12 years: farm level " << farm / 2 << ", cluster level " << cluster / 2);
      CHECK(cluster > farm + 0.01);
    }
  }
}

SCENARIO("A spatial measure needs every farm's consent", "[agents]") {
  agents::MeasureSettings measure;
  measure.affected_ha_per_farm = 2;
  measure.payment_eur_per_ha_year = 100;
  measure.compensation_eur_per_ha_year = 0;
  measure.coalition_support_eur_per_ha_year = 200;
  GIVEN("a farm whose own margin of the measure is −180 €/ha") {
    THEN("it is a holdout without help") { CHECK(agents::measure_utility_eur(measure, -180, false) < 0); }
    THEN("its coalition's support wins it over") { CHECK(agents::measure_utility_eur(measure, -180, true) >= 0); }
    THEN("compensation of 100 €/ha wins it over") {
      auto compensated = measure;
      compensated.compensation_eur_per_ha_year = 100;
      CHECK(agents::measure_utility_eur(compensated, -180, false) >= 0);
    }
  }
  GIVEN("the default scenario's measures over 12 years") {
    const auto record = test::run_scenario(std::nullopt, {{"run.years", "12"}});
    const auto* table = record.find_table("measures");
    REQUIRE(table != nullptr);
    THEN("a measure is realised exactly when it has no holdout, and the counts add up") {
      const std::size_t columns = table->columns.size(), rows = table->values.size() / columns;
      double blocked = 0;
      for (std::size_t r = 0; r < rows; ++r) blocked += table->values[r * columns + 3] > 0;
      CHECK(rows > 10);
      CHECK(record.summary_value("measures.blocked", NAN) == blocked);
      CHECK(record.summary_value("measures.realised", NAN) == static_cast<double>(rows) - blocked);
      CHECK(blocked > 0);
    }
  }
}
