// Scheme rules (MODEL §7.1, issue 8): a scheme closes for good when what is left cannot fund a
// typical award, says so (exhausted_year, the open series), and takes no applications after; the
// adopters of a practice that stops paying abandon it.
#include <catch2/catch.hpp>

#include <cmath>

#include "../validation/model_run.hpp"

using namespace kringloop;

SCENARIO("An exhausted scheme closes, says so and takes no applications", "[agents]") {
  GIVEN("a small area-payment budget, and farms that all stop at retirement (their contracts free money)") {
    // Without successors or entrants many contract holders stop, and the money they were owed goes
    // back to the scheme: after closing, the budget left grows past a typical award again, so only
    // the closing rule keeps the scheme shut (the test can fail).
    const auto record = test::run_scenario(std::nullopt, {{"scheme.nature_area_payment.budget_eur_per_eligible_farm", "3000"},
                                                          {"population.successor_share", "0"},
                                                          {"population.entrant_share", "0"}});
    const double exhausted = record.summary_value("subsidy.nature_area_payment.exhausted_year", NAN);
    const auto& open = test::series(record, "scheme/nature_area_payment/open");
    const auto& applications = test::series(record, "scheme/nature_area_payment/applications");
    const auto& budget_left = test::series(record, "scheme/nature_area_payment/budget_left_eur");
    REQUIRE(std::isfinite(exhausted));
    const auto closing_month = static_cast<std::size_t>(std::floor(exhausted * 12 + 1e-9));
    THEN("from the month after closing it is never open and nobody applies (nobody pays to apply)") {
      INFO("exhausted in year " << exhausted);
      for (std::size_t m = closing_month + 1; m < open.size(); ++m) {
        CHECK(open[m] == 0.0);
        CHECK(applications[m] == 0.0);
      }
    }
    THEN("money came back after closing, more than a typical award") {
      double most = 0;
      for (std::size_t m = closing_month; m < budget_left.size(); ++m) most = std::max(most, budget_left[m]);
      CHECK(most > 60000);
    }
    THEN("what was left at closing could not fund a typical award") {
      // A typical promise: 200 €/ha × ~40 ha × 6 years ≈ €48,000; the rest is below that.
      CHECK(budget_left[closing_month] < 60000);
      CHECK(budget_left[closing_month] >= 0);
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
