// V12 (MODEL §8): the same seed gives bitwise-identical datasets on 1, 2 and 4 threads.
#include <catch2/catch.hpp>

#include <cstring>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/coalitions.hpp"
#include "agents/model/model.hpp"

using namespace kringloop;

namespace {

sim::output::RunRecord run_on(int threads, const agents::Scenario& scenario) {
  // Allow more workers than cores, so "4 threads" means four even on a 2-core machine.
  oneapi::tbb::global_control allow(oneapi::tbb::global_control::max_allowed_parallelism, 8);
  oneapi::tbb::task_arena arena(threads);
  return arena.execute([&] { return agents::run_model(scenario); });
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

void require_identical(const sim::output::RunRecord& a, const sim::output::RunRecord& b) {
  REQUIRE(a.series().size() == b.series().size());
  for (std::size_t s = 0; s < a.series().size(); ++s) {
    INFO("series " << a.series()[s].path);
    REQUIRE(a.series()[s].path == b.series()[s].path);
    CHECK(same_bits(a.series()[s].values, b.series()[s].values));
  }
  REQUIRE(a.summary().size() == b.summary().size());
  for (std::size_t k = 0; k < a.summary().size(); ++k) {
    INFO("summary " << a.summary()[k].first);
    CHECK(a.summary()[k].first == b.summary()[k].first);
    CHECK(std::memcmp(&a.summary()[k].second, &b.summary()[k].second, sizeof(double)) == 0);
  }
}

}  // namespace

TEST_CASE("V12: identical results on 1, 2 and 4 threads", "[validation][determinism]") {
  // 20,000 farmers span ten parallel blocks, so threads really interleave; 10 years keep it quick.
  const auto overrides = GENERATE(sim::config::KeyValues{{"population.farmers", "20000"}, {"run.years", "10"}},
                                  sim::config::KeyValues{{"population.farmers", "20000"}, {"run.years", "10"},
                                                         {"network.mode", "well_mixed"}},
                                  // Two regions with their own type mix (region series, region byte per farm).
                                  sim::config::KeyValues{{"population.farmers", "20000"}, {"run.years", "10"},
                                                         {"region.west.farmer_share", "0.3"},
                                                         {"region.west.share_arable", "1"},
                                                         {"region.east.farmer_share", "0.7"}},
                                  // Bands of one type (bipartite exchange candidates) and exchange history
                                  // before day 0 (drents_plateau.ini's mechanisms).
                                  sim::config::KeyValues{{"population.farmers", "20000"}, {"run.years", "10"},
                                                         {"region.west.farmer_share", "0.5"},
                                                         {"region.west.livestock_only_share", "0.3"},
                                                         {"region.west.arable_only_share", "0.2"},
                                                         {"region.east.farmer_share", "0.5"},
                                                         {"exchange.history_years", "10"}});
  const auto loaded = agents::load_scenario(std::nullopt, overrides);
  const auto one = run_on(1, loaded.scenario);
  REQUIRE_FALSE(one.series().empty());
  const auto two = run_on(2, loaded.scenario);
  const auto four = run_on(4, loaded.scenario);
  require_identical(one, two);
  require_identical(one, four);
}

TEST_CASE("V12: a coalition too large for one thread's member passes gives identical results on 1, 2 and 4 threads",
          "[validation][determinism]") {
  // The default's province programme invites 6% of the farms: at 100,000 farms it has more members
  // than one task of a meeting's member passes (agents::coalition_member_grain), so its meetings
  // split those passes over the threads — as a decision coalition, and, after the director hands
  // over in year 3, as a cooperation (drift and defection, knowledge exchange, give and take).
  const auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "100000"},
                                                           {"run.years", "8"},
                                                           {"coalition.nature_programme.handover_after_years", "3"}});
  const auto one = run_on(1, loaded.scenario);
  const sim::output::Series* programme = one.find_series("coalitions/declared/nature_programme/members");
  const sim::output::Series* by_form = one.find_series("coalitions/members");
  REQUIRE(programme != nullptr);
  REQUIRE(by_form != nullptr);
  // The case must reach the split passes in both forms: the programme large while a decision
  // coalition (its first months), and the cooperations' members above one task at the end.
  CHECK(programme->values[12] > static_cast<double>(agents::coalition_member_grain));
  CHECK(by_form->values[by_form->values.size() - 2] > static_cast<double>(agents::coalition_member_grain));
  require_identical(one, run_on(2, loaded.scenario));
  require_identical(one, run_on(4, loaded.scenario));
}

TEST_CASE("V12: a different seed gives different results", "[validation][determinism]") {
  // Guard: the comparison above must be able to fail.
  const auto a = agents::load_scenario(std::nullopt, {{"population.farmers", "5000"}, {"run.years", "5"}});
  const auto b = agents::load_scenario(std::nullopt, {{"population.farmers", "5000"}, {"run.years", "5"}, {"run.seed", "2"}});
  const auto ra = run_on(2, a.scenario), rb = run_on(2, b.scenario);
  bool any_difference = false;
  for (std::size_t s = 0; s < ra.series().size(); ++s) any_difference |= !same_bits(ra.series()[s].values, rb.series()[s].values);
  CHECK(any_difference);
}
