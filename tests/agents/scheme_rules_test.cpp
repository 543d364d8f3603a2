// Scheme rules (MODEL §7.1, issue 8): a scheme closes for good when what is left cannot fund a
// typical award, says so (exhausted_year, the open series), and takes no applications after; the
// adopters of a practice that stops paying abandon it.
#include <catch2/catch.hpp>

#include <cmath>

#include "../validation/model_run.hpp"
#include "agents/model/review.hpp"

using namespace kringloop;

SCENARIO("An exhausted scheme closes, says so and takes no applications", "[agents]") {
  GIVEN("a small area-payment budget, and farms that all stop at retirement (their contracts free money)") {
    // Without successors or entrants many contract holders stop, and the money they were owed goes
    // back to the scheme: after closing, the budget left grows past a typical award again, so only
    // the closing rule keeps the scheme shut (the test can fail). How much comes back varies from
    // run to run (in about one run in three it stays below a typical award), so three seeds are
    // run: the rules must hold in each, and money must come back in at least one. The scheme rule
    // alone: no coalition fast-tracking the largest farms (their awards would set the typical award).
    double most_returned = 0;  // the largest (most left after closing) / (typical award) of the runs
    for (const std::string seed : {"1", "2", "3"}) {
      const auto record = test::run_scenario(std::nullopt, {{"scheme.nature_area_payment.budget_eur_per_eligible_farm", "3000"},
                                                            {"population.successor_share", "0"},
                                                            {"population.entrant_share", "0"},
                                                            {"coalition.emergence", "false"},
                                                            {"coalition.nature_programme.enabled", "false"},
                                                            {"run.seed", seed}});
      INFO("seed " << seed);
      const double exhausted = record.summary_value("subsidy.nature_area_payment.exhausted_year", NAN);
      const auto& open = test::series(record, "scheme/nature_area_payment/open");
      const auto& applications = test::series(record, "scheme/nature_area_payment/applications");
      const auto& budget_left = test::series(record, "scheme/nature_area_payment/budget_left_eur");
      REQUIRE(std::isfinite(exhausted));
      const auto closing_month = static_cast<std::size_t>(std::floor(exhausted * 12 + 1e-9));
      // From the month after closing it is never open and nobody applies (nobody pays to apply).
      INFO("exhausted in year " << exhausted);
      for (std::size_t m = closing_month + 1; m < open.size(); ++m) {
        CHECK(open[m] == 0.0);
        CHECK(applications[m] == 0.0);
      }
      // A typical award, from the outputs: the mean promise awarded up to the closing month
      // (committed + paid, over the awards).
      const auto& committed = test::series(record, "scheme/nature_area_payment/committed_eur");
      const auto& paid = test::series(record, "scheme/nature_area_payment/paid_eur");
      const auto& awards = test::series(record, "scheme/nature_area_payment/awards");
      double paid_so_far = 0, awards_so_far = 0;
      for (std::size_t m = 0; m <= closing_month; ++m) paid_so_far += paid[m], awards_so_far += awards[m];
      REQUIRE(awards_so_far > 0);
      const double typical = (committed[closing_month] + paid_so_far) / awards_so_far;
      double most = 0;
      for (std::size_t m = closing_month; m < budget_left.size(); ++m) most = std::max(most, budget_left[m]);
      most_returned = std::max(most_returned, most / typical);
      // What was left at closing could not fund a typical award. The rule compares with the mean
      // promise of all applications, rejected ones included; the mean awarded promise is within
      // 20% of it.
      INFO("left " << budget_left[closing_month] << ", typical award " << typical);
      CHECK(budget_left[closing_month] < 1.2 * typical);
      CHECK(budget_left[closing_month] >= 0);
    }
    THEN("money came back after closing, more than a typical award, in at least one run") {
      INFO("most left after closing, in typical awards: " << most_returned);
      CHECK(most_returned > 1.0);
    }
  }
}

SCENARIO("Adopters abandon a practice once its payments end and it loses money", "[agents]") {
  GIVEN("the default scenario: the performance reward pays five years, the monitor costs €300 a year") {
    // Against the same runs with abandonment switched off: the participants who lose money once
    // the rewards end leave (measured final share ≈ 0.06 vs ≈ 0.10 without abandonment).
    const double with = test::summary_mean(std::nullopt, {}, {1, 2}, "adoption.performance_monitor.final_share");
    const double without = test::summary_mean(std::nullopt, {{"decision.abandon_per_year", "0"}}, {1, 2},
                                              "adoption.performance_monitor.final_share");
    THEN("the final participation is well below what it would be if nobody abandoned (003 L997–999)") {
      INFO("final share " << with << ", without abandonment " << without);
      CHECK(with < 0.8 * without);
    }
  }
}

SCENARIO("Exited farms are neither counted nor seen as adopters", "[agents]") {
  GIVEN("a population where every fourth farm has adopted and every third has exited") {
    const auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "600"}});
    agents::Farmers farmers = agents::generate_farmers(loaded.scenario);
    // A practice a review reads (the view leaves out land exchange, an external practice).
    std::size_t p = 0;
    while (loaded.scenario.practices[p].decision == agents::DecisionRule::external) ++p;
    std::int64_t active = 0, active_adopters = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      if (i % 4 == 0) farmers.practice[p].stage[i] = agents::Stage::adopted;
      if (i % 3 == 0) farmers.active[i] = 0;
      active += farmers.active[i];
      active_adopters += farmers.active[i] && i % 4 == 0;
    }
    agents::AdoptionView view = agents::make_adoption_view(loaded.scenario, farmers);
    agents::snapshot_adoption(farmers, view);
    THEN("the stage counts sum to the active farms and count only active adopters") {
      std::int64_t sum = 0;
      for (const auto count : view.stages[p]) sum += count;
      CHECK(sum == active);
      CHECK(view.stages[p][static_cast<std::size_t>(agents::Stage::adopted)] == active_adopters);
    }
    THEN("no exited farm is marked as adopting for its neighbours") {
      std::size_t marked_exited = 0;
      for (std::size_t i = 0; i < farmers.size(); ++i)
        marked_exited += !farmers.active[i] && ((view.adopted[i * view.bytes_per_farmer + p / 8] >> (p % 8)) & 1u);
      CHECK(marked_exited == 0);
    }
  }
}
