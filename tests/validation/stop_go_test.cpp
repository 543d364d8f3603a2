// V3 (P3): with the same budget, a stop-go policy (reversed at every election) ends with lower
// trust and lower adoption than continuous funding (003 L539–545, L806–808, L2771–2774) — in the
// shipped configs/stop_go.ini against its continuous twin, with and without stopped payments. And
// broken promises never buy adoption: stopped money goes back to the treasury unless the scenario
// says otherwise, and a reversal costs trust by the amount docs/MODEL.md states.
#include <catch2/catch.hpp>

#include "model_run.hpp"

using namespace kringloop;

namespace {

const std::vector<int> seeds{1, 2, 3};
const sim::config::KeyValues continuous{{"government.province.reversal_probability", "0"}};
const sim::config::KeyValues stop_payments{{"government.province.stop_payments_on_reversal", "true"}};

}  // namespace

SCENARIO("Stop-go funding erodes trust and adoption (V3)", "[validation]") {
  GIVEN("configs/stop_go.ini and its continuous twin (reversal probability 0), same budget per farm") {
    // Three paired seeds. Measured with coalitions (issue 9): run-mean adoption 0.264 (continuous)
    // vs 0.245 (stop-go) and 0.237 (stop-go with stopped payments); run-mean trust in the province
    // 0.50 vs 0.48 and 0.46. (Before coalitions: 0.27 vs 0.22 and 0.21: networks and cooperations
    // that do not depend on the province carry adoption through its stops, so the gap shrank.) The
    // stated margins — adoption at least 5% lower, trust at least 0.01 lower — are about two thirds
    // and half of the measured gaps, and several times the seed-to-seed spread of the pooled means
    // (≈ 0.005, 0.002).
    const auto go = test::nature_outcome("stop_go.ini", continuous, seeds);
    const auto stop = test::nature_outcome("stop_go.ini", {}, seeds);
    const auto stop_paying = test::nature_outcome("stop_go.ini", stop_payments, seeds);
    INFO("adoption " << go.adoption_mean << " / " << stop.adoption_mean << " / " << stop_paying.adoption_mean << "; trust "
                     << go.trust_mean << " / " << stop.trust_mean << " / " << stop_paying.trust_mean << "; paid "
                     << go.paid_eur << " / " << stop.paid_eur << " / " << stop_paying.paid_eur);
    THEN("stop-go lowers adoption by at least 5% and trust by at least 0.01") {
      CHECK(stop.adoption_mean < 0.95 * go.adoption_mean);
      CHECK(stop.trust_mean < go.trust_mean - 0.01);
    }
    THEN("stopping running payments lowers trust further and buys no adoption") {
      CHECK(stop_paying.adoption_mean < 0.95 * go.adoption_mean);
      CHECK(stop_paying.adoption_mean <= stop.adoption_mean + 0.003);
      CHECK(stop_paying.trust_mean < stop.trust_mean - 0.005);
      CHECK(stop_paying.paid_eur < stop.paid_eur);
    }
  }
}

SCENARIO("Stopped money is not silently re-awarded", "[validation]") {
  GIVEN("stop-go with stopped payments and a binding budget, stopped money to the treasury or the scheme") {
    // The difference between the two is only where the stopped money goes, so the scheme pays
    // more when it may award the money again (with a budget that binds: €4,000 per farm).
    // A mechanism test of the money's accounting: without coalitions, whose fast-tracked largest
    // farms would exhaust this small budget before the first stop (a closed scheme awards nothing).
    auto treasury = stop_payments;
    treasury.emplace_back("scheme.nature_area_payment.budget_eur_per_eligible_farm", "4000");
    treasury.emplace_back("coalition.emergence", "false");
    treasury.emplace_back("coalition.nature_programme.enabled", "false");
    auto to_scheme = treasury;
    to_scheme.emplace_back("scheme.nature_area_payment.stopped_money", "scheme");
    const double paid_treasury =
        test::summary_mean("stop_go.ini", treasury, {1, 2}, "subsidy.nature_area_payment.paid_eur");
    const double paid_scheme = test::summary_mean("stop_go.ini", to_scheme, {1, 2}, "subsidy.nature_area_payment.paid_eur");
    THEN("returning it to the treasury pays out less") {
      INFO("paid: treasury " << paid_treasury << ", scheme " << paid_scheme);
      CHECK(paid_treasury < paid_scheme);
    }
  }
}

SCENARIO("A reversal costs trust by the stated amount", "[validation]") {
  GIVEN("configs/stop_go.ini: the province's policy stops at the election of year 4") {
    // docs/MODEL.md §7.3: the shock is a− · T · (share interested or planning + news_share · share of
    // the other aware farms) ≈ 0.15 · 0.49 · (0.05 + 0.3 · 0.8) ≈ 0.02 of mean trust.
    const auto record = test::run_scenario("stop_go.ini", {{"run.seed", "1"}});
    const auto& trust = test::series(record, "trust/province/mean");
    const std::size_t election_month = 4 * 12;  // day 1460 lies in month 48
    const double before = trust[election_month - 1], after = trust[election_month];
    THEN("mean trust in the province drops by 0.01–0.04 in the month of the reversal") {
      INFO("trust " << before << " → " << after);
      CHECK(before - after > 0.01);
      CHECK(before - after < 0.04);
    }
  }
}
