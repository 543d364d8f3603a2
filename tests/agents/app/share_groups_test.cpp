// The share groups the sweep renormalises must be the ones the scenario builder checks: real keys
// of the registry that sum to the group's total in the default scenario, and a scenario whose
// group does not sum to it must be refused by the builder (else the group is not a constraint).
#include <catch2/catch.hpp>

#include "agents/app/scenario_loading.hpp"
#include "agents/app/share_groups.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

TEST_CASE("share groups are real keys that the scenario requires to keep their sum", "[agents]") {
  const auto loaded = agents::load_scenario(std::nullopt, {});
  for (const auto& group : agents::model_share_groups()) {
    double sum = 0;
    for (const auto& key : group.keys) {
      INFO(key);
      const auto* spec = agents::parameter_registry().find(key);
      REQUIRE(spec != nullptr);
      CHECK(spec->type == sim::config::ValueType::real);
      sum += loaded.config.real(key);
    }
    CHECK(sum == Approx(group.total));
    INFO("group of " << group.keys.front());
    CHECK_THROWS_AS(agents::load_scenario(std::nullopt, {{group.keys.front(), "0.99"}}), sim::ConfigError);
  }
}
