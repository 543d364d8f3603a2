// V12 (MODEL §8): the same seed gives bitwise-identical datasets on 1, 2 and 4 threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "agents/app/scenario_loading.hpp"
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

TEST_CASE("V12: meetings whose member passes are split over the threads give the records of whole passes",
          "[validation][determinism]") {
  // A meeting splits its passes over the members into tasks of run.coalition_member_grain members
  // (4,096: at a million farms only the province's programme and a few large cooperations). At 64
  // the programme (about 1,100 members at 20,000 farms), the larger cooperations and the networks
  // are split too, and a handover in year 3 turns the programme into a cooperation (drift and
  // defection, knowledge given and taken). Split on 1, 2 and 4 threads, the records must be those
  // of every pass whole on one thread: no sum may be regrouped by the split.
  const auto overrides = GENERATE(sim::config::KeyValues{{"population.farmers", "20000"}, {"run.years", "10"}},
                                  sim::config::KeyValues{{"population.farmers", "20000"},
                                                         {"run.years", "10"},
                                                         {"coalition.nature_programme.handover_after_years", "3"}});
  auto loaded = agents::load_scenario(std::nullopt, overrides);
  loaded.scenario.run.coalition_member_grain = std::numeric_limits<std::size_t>::max();
  const auto whole = run_on(1, loaded.scenario);
  const sim::output::Series* programme = whole.find_series("coalitions/declared/nature_programme/members");
  REQUIRE(programme != nullptr);
  CHECK(*std::max_element(programme->values.begin(), programme->values.end()) > 16 * 64);
  loaded.scenario.run.coalition_member_grain = 64;
  require_identical(whole, run_on(1, loaded.scenario));
  require_identical(whole, run_on(2, loaded.scenario));
  require_identical(whole, run_on(4, loaded.scenario));
}

TEST_CASE("V12: a day's meetings opened side by side give the records of one meeting at a time",
          "[validation][determinism]") {
  // The meetings of a day that touch only their own members until they recruit are opened side by
  // side, their recruitment lists made side by side, and recruitment taken in event order, a farmer
  // freed by a later meeting of the day not yet free for those before it (coalition_meeting_day.cpp).
  // The default at 50,000 farms over 15 years (some 500 networks and cooperations emerge, most of
  // them end), at 20,000 farms over 30 years with networks twice as open, and a crowd of networks
  // (ten times as many front-runners, networks that stay in formation until twelve come and lose
  // members to drift ten times as fast, the province's staff short of its programme and roles):
  // one meeting at a time on one thread, and side by side on 1, 2 and 4 threads, the records must
  // be the same.
  const auto overrides = GENERATE(sim::config::KeyValues{{"population.farmers", "50000"}, {"run.years", "15"}},
                                  sim::config::KeyValues{{"population.farmers", "20000"},
                                                         {"run.years", "30"},
                                                         {"coalition.network_join_probability", "0.5"}},
                                  sim::config::KeyValues{{"population.farmers", "20000"},
                                                         {"run.years", "15"},
                                                         {"coalition.network_initiative_per_year", "1"},
                                                         {"coalition.network_min_attendance", "12"},
                                                         {"coalition.fade_after_missed_meetings", "6"},
                                                         {"coalition.uninterested_leave_per_year", "0.3"},
                                                         {"coalition.network_join_probability", "0.5"},
                                                         {"government.province.staff_capacity", "1.3"}});
  auto loaded = agents::load_scenario(std::nullopt, overrides);
  loaded.scenario.run.meetings_side_by_side = false;
  const auto alone = run_on(1, loaded.scenario);
  // Guard: coalitions formed, met and lost members (the comparison is about something).
  double formed = 0, dissolved = 0;
  for (const double v : alone.find_series("coalitions/formed")->values) formed += v;
  for (const double v : alone.find_series("coalitions/dissolved")->values) dissolved += v;
  CHECK(formed >= 150);
  CHECK(dissolved >= 80);
  loaded.scenario.run.meetings_side_by_side = true;
  require_identical(alone, run_on(1, loaded.scenario));
  require_identical(alone, run_on(2, loaded.scenario));
  require_identical(alone, run_on(4, loaded.scenario));
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
