// V4 (P4): a land-bound practice is applied to owned land more than to regular leases, to those
// more than to liberalised leases, and to those more than to one-year leases (003 L627–632,
// L1643–1647) — in the shipped configs/lease_security.ini in at least 9 of 10 seeds, and
// (mechanism) in the default scenario without a budget. V9 (P6): the same schemes announced
// through the agrarian collective reach higher uptake than announced by the province (003 L992–994).
#include <catch2/catch.hpp>

#include "model_run.hpp"

using namespace kringloop;

namespace {

std::array<double, 4> tenure_shares(const sim::output::RunRecord& record) {
  std::array<double, 4> share{};
  for (std::size_t t = 0; t < 4; ++t)
    share[t] = record.summary_value(std::string("adoption_by_tenure.nature_inclusive.") + agents::tenure_names[t], NAN);
  return share;
}

}  // namespace

SCENARIO("Adoption follows tenure security in the lease-security scenario (V4)", "[validation]") {
  GIVEN("configs/lease_security.ini with its real budget, seeds 1–10") {
    // The order is decided per seed (no pooling). Measured shares of each class's land ≈ 0.35 /
    // 0.29 / 0.16 / 0; owned vs regular is the close pair (in seed 5 a reversal at the first
    // election leaves owned land behind regular leases), so the 9 of 10 is the criterion.
    int ordered = 0;
    for (int seed = 1; seed <= 10; ++seed) {
      const auto share = tenure_shares(test::run_scenario("lease_security.ini", {{"run.seed", std::to_string(seed)}}));
      const bool in_order = share[0] > share[1] && share[1] > share[2] && share[2] > share[3];
      UNSCOPED_INFO("seed " << seed << ": " << share[0] << " / " << share[1] << " / " << share[2] << " / " << share[3]);
      ordered += in_order;
    }
    THEN("owned > regular > liberalised > one-year in at least 9 of 10 seeds") { CHECK(ordered >= 9); }
  }
}

SCENARIO("Adoption follows tenure security when money is no object (V4, mechanism)", "[validation]") {
  GIVEN("the default scenario with an unlimited area-payment budget and no elections") {
    std::array<double, 4> share{};
    for (const int seed : {1, 2}) {
      const auto s = tenure_shares(test::run_scenario(
          std::nullopt, {{"run.seed", std::to_string(seed)},
                         {"scheme.nature_area_payment.budget_eur_per_eligible_farm", "1e6"},
                         {"government.province.reversal_probability", "0"}}));
      for (std::size_t t = 0; t < 4; ++t) share[t] += s[t] / 2;
    }
    THEN("owned > regular > liberalised > one-year") {
      INFO("owned " << share[0] << ", regular " << share[1] << ", liberalised " << share[2] << ", one-year " << share[3]);
      CHECK(share[0] > share[1]);
      CHECK(share[1] > share[2]);
      CHECK(share[2] > share[3]);
    }
  }
}

SCENARIO("A non-government messenger raises uptake (V9)", "[validation]") {
  GIVEN("configs/messenger.ini with its real budget against the same scenario with messenger = none") {
    // Three paired seeds pooled. Measured run-mean adoption ≈ 0.30 with the collective vs 0.25
    // with the province as sender; the margin asked (5% more) is about half of that.
    const auto with = test::nature_outcome("messenger.ini", {}, {1, 2, 3});
    const auto without = test::nature_outcome("messenger.ini", {{"government.province.messenger", "none"}}, {1, 2, 3});
    THEN("more farmers adopt, sooner, when the collective announces") {
      INFO("run-mean adoption: " << with.adoption_mean << " with the collective, " << without.adoption_mean
                                 << " with the province");
      CHECK(with.adoption_mean > 1.05 * without.adoption_mean);
    }
  }
}
