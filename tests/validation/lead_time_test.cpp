// V2 (P2): the longer the time from application to decision, the lower the final adoption and the
// more drop-outs (003 L615–620, L2680–2682; 000 L49–51).
#include <catch2/catch.hpp>

#include "model_run.hpp"

using namespace kringloop;

SCENARIO("Late implementation money lowers adoption and raises drop-out (V2)", "[validation]") {
  GIVEN("the nature-inclusive scheme with an unlimited budget and lead times of 0, 6, 12, 24 months") {
    // Three seeds pooled (common random numbers across lead times). Expected gaps between steps are
    // 10–60 farmers of 2,000 per seed (measured), well above the seed-to-seed noise of the pooled sum.
    std::vector<double> adoption, dropouts;
    for (const int days : {0, 182, 365, 730}) {
      double adopted = 0, dropped = 0;
      for (const int seed : {1, 2, 3}) {
        auto overrides = test::nature_only(2000, 20);
        overrides.insert(overrides.end(), {{"run.seed", std::to_string(seed)},
                                           {"scheme.nature_area_payment.budget_eur", "1e9"},
                                           {"scheme.nature_experiment_fund.enabled", "false"},
                                           {"scheme.nature_area_payment.lead_time_mean_days", std::to_string(days)},
                                           {"scheme.nature_area_payment.announced_lead_time_days", std::to_string(days)},
                                           {"scheme.nature_area_payment.lead_time_sd_days", "10"}});
        const auto record = test::run_scenario(std::nullopt, overrides);
        adopted += record.summary_value("adoption.nature_inclusive.final_share", NAN);
        dropped += record.summary_value("dropouts.nature_inclusive", NAN);
      }
      adoption.push_back(adopted / 3);
      dropouts.push_back(dropped / 3);
    }
    THEN("adoption falls and drop-outs rise strictly with every step") {
      for (std::size_t k = 1; k < adoption.size(); ++k) {
        INFO("step " << k << ": adoption " << adoption[k - 1] << " → " << adoption[k] << ", drop-outs "
                     << dropouts[k - 1] << " → " << dropouts[k]);
        CHECK(adoption[k] < adoption[k - 1]);
        CHECK(dropouts[k] > dropouts[k - 1]);
      }
    }
  }
}
