// Levers that change during a run (issue 12): parsing `--lever`, what may change, and that a
// change reaches exactly the fields the model reads, leaving everything else as it was.
#include <catch2/catch.hpp>

#include "agents/app/levers.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

TEST_CASE("run --lever takes MONTH:KEY=VALUE", "[agents][app]") {
  const auto change = agents::parse_lever_option("24:scheme.monitor_reward.announced_lead_time_days=30");
  CHECK(change.month == 24);
  CHECK(change.key == "scheme.monitor_reward.announced_lead_time_days");
  CHECK(change.value == "30");
  for (const char* bad : {"scheme.x.y=1", "24:scheme.x.y", "-1:a.b.c=1", "x:a.b.c=1", ":a=1", "24=a:b"})
    CHECK_THROWS_AS(agents::parse_lever_option(bad), sim::ConfigError);
}

SCENARIO("a lever change reaches the scenario the model reads", "[agents][app]") {
  GIVEN("the default scenario") {
    agents::RunRequest request;
    request.overrides = {{"run.years", "5"}};
    agents::LiveScenario live(request);
    const auto before = live.scenario();
    const auto index = [&](const std::string& name) {
      for (std::size_t s = 0; s < before.schemes.size(); ++s)
        if (before.schemes[s].name == name) return s;
      FAIL("no scheme " << name);
      return std::size_t{0};
    };
    const std::size_t monitor = index("monitor_reward");
    WHEN("a scheme's promised lead time and a landlord's term change") {
      live.apply({12, "scheme.monitor_reward.announced_lead_time_days", "7"});
      live.apply({20, "landlord.public.term_years", "4"});
      THEN("exactly those fields change, and both changes are recorded") {
        CHECK(live.scenario().schemes[monitor].announced_lead_days == 7);
        CHECK(before.schemes[monitor].announced_lead_days != 7);
        for (std::size_t s = 0; s < before.schemes.size(); ++s) {
          CHECK(live.scenario().schemes[s].budget_eur == before.schemes[s].budget_eur);
          if (s != monitor) CHECK(live.scenario().schemes[s].announced_lead_days == before.schemes[s].announced_lead_days);
        }
        bool found = false;
        for (const auto& landlord : live.scenario().landlords)
          if (landlord.name == "public") found = landlord.term_years == 4;
        CHECK(found);
        CHECK(live.scenario().resolved_text == before.resolved_text);  // the start scenario stays on record
        CHECK(live.applied_text() ==
              "month 12: scheme.monitor_reward.announced_lead_time_days = 7; month 20: landlord.public.term_years = 4");
      }
    }
    WHEN("a change is not allowed") {
      THEN("it is refused with the reason and nothing changes") {
        CHECK_THROWS_WITH(live.apply({3, "population.farmers", "10"}), Catch::Contains("not a lever that can change during a run"));
        CHECK_THROWS_WITH(live.apply({3, "scheme.monitor_reward.announced_lead_time_days", "99999"}), Catch::Contains("3650"));
        CHECK_THROWS_WITH(live.apply({3, "scheme.nope.announced_lead_time_days", "5"}), Catch::Contains("no such scheme"));
        CHECK_THROWS_WITH(live.apply({60, "scheme.monitor_reward.announced_lead_time_days", "5"}), Catch::Contains("outside the run"));
        CHECK(live.applied().empty());
        CHECK(live.scenario().schemes[monitor].announced_lead_days == before.schemes[monitor].announced_lead_days);
      }
    }
  }
}
