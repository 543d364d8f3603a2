// V8 (MODEL §8; 003 L505–556): the Brummen area process in the shipped configs/brummen.ini, 80
// farmers, the national extensification scheme that only takes applications resting on a business
// plan, and a cooperation with an external bureau drawing up the plans. The source's funnel:
// 80 farmers → 50 interested → 30–40 active in the end → 16 business plans → 15 applications
// (1,300 ha, almost €11 M: about €733,000 each). 8 replications; each run takes milliseconds.
//
// What is an input and what is not: the bureau's capacity (business_plans_per_year = 5.5) is an
// assumption sized to the 16 plans in Brummen (it binds: 15 plans in every run); the plan stage
// therefore shows the capacity, and the twin below checks the capacity against Veluwezoom-IJssel's
// 12 plans for 13 active farmers (003 L513–515, L537–539), where it must not bind. Interest,
// membership, who applies and the money applied for come from the mechanisms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "model_run.hpp"

using namespace kringloop;

namespace {

struct Funnel {
  double interested = 0, members_peak = 0, members_end = 0, plans = 0, applications = 0, applied_eur = 0;
};

Funnel replicate(const sim::config::KeyValues& extra, int first_seed = 1, int seeds = 8) {
  Funnel mean;
  for (int seed = first_seed; seed < first_seed + seeds; ++seed) {
    auto overrides = extra;
    overrides.emplace_back("run.seed", std::to_string(seed));
    const auto record = test::run_scenario("brummen.ini", overrides);
    // Funnel columns: aware, interested, planning, applied, adopted (ever reached, cumulative);
    // values are rows one after another, so the last month's "interested" is 4 from the end.
    const auto& funnel = test::series(record, "practice/nature_inclusive/funnel");
    mean.interested += funnel[funnel.size() - 4] / seeds;
    mean.members_peak += record.summary_value("coalition.brummen_area.members_peak", 0.0) / seeds;
    mean.members_end += record.summary_value("coalition.brummen_area.members_end", 0.0) / seeds;
    mean.plans += record.summary_value("coalition.brummen_area.business_plans", 0.0) / seeds;
    mean.applications += record.summary_value("subsidy.extensification.applications", 0.0) / seeds;
    mean.applied_eur += record.summary_value("subsidy.extensification.applied_eur", 0.0) / seeds;
  }
  return mean;
}

std::string describe(const Funnel& f) {
  return "interested " + std::to_string(f.interested) + ", members peak " + std::to_string(f.members_peak) +
         ", members end " + std::to_string(f.members_end) + ", plans " + std::to_string(f.plans) +
         ", applications " + std::to_string(f.applications) + ", applied € " + std::to_string(f.applied_eur);
}

}  // namespace

SCENARIO("V8: the Brummen funnel 80 → 50 interested → 30–40 active → 16 plans → 15 applications", "[validation]") {
  // Bands (means over 8 seeds; one run has 80 farmers, so a single run moves by several farmers):
  // interested 40–60 around the source's 50 (measured 50.8 and 49.1); active in the end 28–42
  // (source "between 30 and 40", ± 2 for the replication mean; measured 38.5 and 40.5); plans
  // 13–16 (the capacity: 15); applications at least 75% of the plans (source 15 of 16; measured
  // 13.4 and 13.5 of 15: a plan holder who cannot finance his share or whose utility is negative
  // does not apply); money per application €450,000–1,000,000 (source ≈ €733,000; the model's
  // farms are a little smaller, measured ≈ €650,000 and €615,000).
  const auto check = [](const Funnel& f) {
    INFO(describe(f));
    CHECK(f.interested >= 40);
    CHECK(f.interested <= 60);
    CHECK(f.members_end >= 28);
    CHECK(f.members_end <= 42);
    CHECK(f.plans >= 13);
    CHECK(f.plans <= 16);
    CHECK(f.applications >= 0.75 * f.plans);
    CHECK(f.applied_eur / f.applications >= 450e3);
    CHECK(f.applied_eur / f.applications <= 1.0e6);
  };
  GIVEN("the shipped scenario, seeds 1–8") { check(replicate({})); }
  GIVEN("the shipped scenario, seeds 9–16 (not the ones the bands were read from first)") {
    check(replicate({}, 9));
  }
}

SCENARIO("Business plans: the bureau's capacity, who gets a plan, and the scheme that needs one", "[validation]") {
  GIVEN("no bureau") {
    const Funnel f = replicate({{"coalition.brummen_area.business_plans_per_year", "0"}}, 1, 4);
    INFO(describe(f));
    THEN("no plans, so nobody can apply to the extensification scheme, although farmers are interested") {
      CHECK(f.plans == 0);
      CHECK(f.applications == 0);
      CHECK(f.interested >= 40);
    }
  }
  GIVEN("twice the capacity") {
    const Funnel base = replicate({}, 1, 4);
    const Funnel more = replicate({{"coalition.brummen_area.business_plans_per_year", "11"}}, 1, 4);
    INFO("base: " << describe(base) << "; more: " << describe(more));
    THEN("the capacity binds in Brummen: more plans and more applications") {
      CHECK(more.plans >= 1.4 * base.plans);
      CHECK(more.applications >= base.applications + 3);
    }
  }
  GIVEN("an area the size of Veluwezoom-IJssel: 30% of the farmers invited (13 active in the source)") {
    const Funnel f = replicate({{"coalition.brummen_area.invited_share", "0.3"}});
    INFO(describe(f));
    THEN("the same capacity does not bind: most members get a plan (source 12 of 13)") {
      CHECK(f.members_peak <= 22);
      CHECK(f.plans >= 0.75 * f.members_peak);
      CHECK(f.plans <= f.members_peak);
    }
  }
  GIVEN("a scheme that does not ask for a plan") {
    const Funnel f = replicate({{"scheme.extensification.requires_business_plan", "false"}}, 1, 4);
    INFO(describe(f));
    THEN("farmers without a plan apply too") { CHECK(f.applications >= f.plans + 5); }
  }
}

SCENARIO("Business plans: whom the bureau serves, when, how fast, and what a plan gives", "[agents]") {
  GIVEN("brummen.ini, seeds 1–3") {
    for (int seed = 1; seed <= 3; ++seed) {
      const auto record = test::run_scenario("brummen.ini", {{"run.seed", std::to_string(seed)}});
      const auto& plans = test::series(record, "coalitions/declared/brummen_area/business_plans");
      const auto& funnel = test::series(record, "practice/nature_inclusive/funnel");  // 5 columns a month
      const auto& open = test::series(record, "scheme/extensification/open");
      REQUIRE(funnel.size() == 5 * plans.size());
      REQUIRE(open.size() == plans.size());
      double largest_step = 0;
      bool plans_within_interest = true, plans_while_open = true;
      for (std::size_t m = 0; m < plans.size(); ++m) {
        const double step = m > 0 ? plans[m] - plans[m - 1] : plans[m];
        largest_step = std::max(largest_step, step);
        plans_within_interest = plans_within_interest && plans[m] <= funnel[5 * m + 1];
        plans_while_open = plans_while_open && (step == 0 || open[m] > 0);
      }
      INFO("seed " << seed << ": largest monthly step " << largest_step << ", plans " << plans.back());
      {  // then: plans go only to farmers who came to want one (never more plans than farmers ever interested)
        CHECK(plans_within_interest);
      }
      { CHECK(plans_while_open); }  // then: plans are drawn up only while the scheme that asks for them is open
      {  // then: the bureau keeps at most a year of unused capacity: never more than 5.5 plans in one month
        CHECK(largest_step <= 5.5);
        CHECK(plans.back() > 0);
      }
    }
  }
  GIVEN("the bureau starts two years before the money: the scheme opens in year 4") {
    const auto record = test::run_scenario("brummen.ini", {{"run.years", "6"}, {"scheme.extensification.open_year", "4"}});
    const auto& plans = test::series(record, "coalitions/declared/brummen_area/business_plans");
    double largest_step = 0;
    for (std::size_t m = 1; m < plans.size(); ++m) largest_step = std::max(largest_step, plans[m] - plans[m - 1]);
    THEN("the capacity not used in those years is not banked") {
      CHECK(largest_step <= 5.5);
      CHECK(plans.back() > 0);
    }
  }
  GIVEN("a scheme that pays nothing: few members find the practice worth a closer look") {
    const auto record = test::run_scenario("brummen.ini", {{"scheme.extensification.amount_eur_per_ha", "0"}});
    const auto& funnel = test::series(record, "practice/nature_inclusive/funnel");
    const double interested = funnel[funnel.size() - 4];
    const double plans = record.summary_value("coalition.brummen_area.business_plans", -1.0);
    INFO("members " << record.summary_value("coalition.brummen_area.members_peak", 0.0) << ", interested " << interested
                    << ", plans " << plans);
    THEN("the bureau writes plans only for the few who want one, not for every member") {
      REQUIRE(interested <= 10);
      CHECK(plans <= interested);
    }
  }
  GIVEN("a bureau slower than a plan a year, over ten years") {
    const auto record = test::run_scenario("brummen.ini", {{"run.years", "10"},
                                                           {"coalition.brummen_area.end_year", "9.99"},
                                                           {"scheme.extensification.window_years", "7"},
                                                           {"coalition.brummen_area.business_plans_per_year", "0.5"}});
    THEN("it still delivers a plan every other year") {
      CHECK(record.summary_value("coalition.brummen_area.business_plans", 0.0) >= 2);
    }
  }
  GIVEN("farmers who cannot learn by themselves (no reading, trying or watching)") {
    const auto record = test::run_scenario("brummen.ini", {{"knowledge.reading_per_year", "0"},
                                                           {"knowledge.trying_per_year", "0"},
                                                           {"knowledge.observing_per_year", "0"}});
    const double plans = record.summary_value("coalition.brummen_area.business_plans", 0.0);
    const double applications = record.summary_value("subsidy.extensification.applications", 0.0);
    INFO("plans " << plans << ", applications " << applications);
    THEN("the plan brings the farmer to planning: plan holders still apply") {
      REQUIRE(plans >= 10);
      CHECK(applications >= 0.5 * plans);
    }
  }
}
