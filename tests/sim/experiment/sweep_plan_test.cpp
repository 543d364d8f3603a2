// plan_sweep beyond numeric keys: categorical options, the scenario factor, plain replications and
// share groups, each checked before any run (sim/experiment/categorical_factor, share_groups).
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/config/parameter_registry.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"
#include "sim/experiment/categorical_factor.hpp"
#include "sim/experiment/share_groups.hpp"
#include "sim/experiment/sweep_plan.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::config;
using namespace kringloop::sim::experiment;
using Catch::Matchers::Contains;

namespace {

ParameterRegistry registry() {
  ParameterRegistry r;
  r.add({"run.seed", ValueType::integer, "1", "", 0, 1e18, {}, "seed", ""});
  r.add({"network.mode", ValueType::choice, "knn", "", -1e300, 1e300, {"knn", "well_mixed", "ring"}, "kind", ""});
  r.add({"network.rewiring", ValueType::real, "0.1", "", 0, 1, {}, "rewiring", ""});
  r.add({"output.snapshots", ValueType::boolean, "false", "", -1e300, 1e300, {}, "snapshots", ""});
  r.add({"scheme.*.eligible", ValueType::choice_list, "dairy", "", -1e300, 1e300, {"dairy", "arable"}, "types", ""});
  for (const char* key : {"share.a", "share.b", "share.c"})
    r.add({key, ValueType::real, "0.2", "", 0, 1, {}, "a share", ""});
  return r;
}

ResolvedConfig base(const ParameterRegistry& r, KeyValues values = {}) {
  values.insert(values.begin(), {{"share.a", "0.5"}, {"share.b", "0.3"}, {"share.c", "0.2"}});
  return ResolvedConfig::resolve(r, {{values, "test"}});
}

}  // namespace

TEST_CASE("categorical levels map to equal shares of a sampled range", "[sim][experiment]") {
  CHECK(categorical_level(0.0, 3) == 0);
  CHECK(categorical_level(0.999, 3) == 0);
  CHECK(categorical_level(1.0, 3) == 1);
  CHECK(categorical_level(2.5, 3) == 2);
  CHECK(categorical_level(3.0, 3) == 2);  // the upper end belongs to the last level
  CHECK(categorical_level(-0.0, 3) == 0);
  const Factor grid = categorical_factor("k", 3, DesignKind::grid), sampled = categorical_factor("k", 3, DesignKind::lhs);
  CHECK(grid.levels == std::vector<double>{0, 1, 2});
  CHECK(!sampled.is_list());
  CHECK(sampled.upper == 3.0);
}

TEST_CASE("plan_sweep: categorical options are design factors", "[sim][experiment]") {
  const auto r = registry();
  const auto config = base(r);
  SweepRequest request;
  request.vary = {"network.mode=knn,well_mixed", "network.rewiring=0.1,0.2"};
  auto identity = plan_sweep(request, r, config);
  CHECK(identity.integer_keys == std::vector<std::uint8_t>{2, 0});
  CHECK(identity.labels[0] == std::vector<std::string>{"knn", "well_mixed"});
  CHECK(identity.labels[1].empty());
  REQUIRE(identity.points.size() == 4);
  CHECK(identity.value_text(2, 0) == "well_mixed");
  CHECK(identity.run_arguments(3).find("--network.mode well_mixed --network.rewiring 0.2") != std::string::npos);

  SECTION("booleans are normalised; sampled designs spread the levels evenly") {
    request.vary = {"output.snapshots=yes,0", "network.mode=knn,well_mixed,ring"};
    request.design = "lhs";
    request.samples = 300;
    request.vary[0] = "network.rewiring=0.1:0.2";
    identity = plan_sweep(request, r, config);
    std::array<int, 3> counts{};
    for (const auto& point : identity.points) ++counts.at(static_cast<std::size_t>(point[1]));
    CHECK(counts == std::array<int, 3>{100, 100, 100});  // a Latin hypercube: one point per stratum
    request.vary = {"output.snapshots=yes,0"};
    request.design = "grid";
    identity = plan_sweep(request, r, config);
    CHECK(identity.labels[0] == std::vector<std::string>{"true", "false"});
  }
  SECTION("bad levels are refused with the key named") {
    request.vary = {"network.mode=knn,star"};
    CHECK_THROWS_WITH(plan_sweep(request, r, config), Contains("network.mode") && Contains("star"));
    request.vary = {"network.mode=knn:ring"};
    CHECK_THROWS_WITH(plan_sweep(request, r, config), Contains("takes words, not a range"));
    request.vary = {"network.mode=ring,ring"};
    CHECK_THROWS_WITH(plan_sweep(request, r, config), Contains("given twice"));
    request.vary = {"scheme.a.eligible=dairy"};
    CHECK_THROWS_AS(plan_sweep(request, r, config), ConfigError);
  }
}

TEST_CASE("plan_sweep: no factors is one point of replications", "[sim][experiment]") {
  const auto r = registry();
  SweepRequest request;
  request.replications = 5;
  const auto identity = plan_sweep(request, r, base(r));
  CHECK(identity.points.size() == 1);
  CHECK(identity.points[0].empty());
  CHECK(identity.runs() == 5);
  CHECK_FALSE(identity.extended());
  request.design = "sobol";
  request.samples = 4;
  CHECK_THROWS_WITH(plan_sweep(request, r, base(r)), Contains("needs factors"));
}

TEST_CASE("plan_sweep: scenarios are a factor of their own", "[sim][experiment]") {
  const auto r = registry();
  SweepRequest request;
  request.scenario_labels = {"a.ini", "b.ini"};
  request.scenario_configs = {base(r, {{"network.mode", "ring"}}), base(r, {{"network.rewiring", "0.4"}})};
  request.vary = {"network.rewiring=0.1,0.2"};
  const auto identity = plan_sweep(request, r, request.scenario_configs[0]);
  CHECK(identity.names == std::vector<std::string>{"scenario", "network.rewiring"});
  CHECK(identity.scenario_factor() == 0);
  REQUIRE(identity.scenario_texts.size() == 2);
  CHECK(identity.base_text(3) == request.scenario_configs[1].to_ini());
  CHECK(identity.run_arguments(0).find("scenario") == std::string::npos);  // it chooses BASE.ini instead
}

TEST_CASE("share groups: the keys not varied absorb the difference in proportion", "[sim][experiment]") {
  const auto r = registry();
  const auto config = base(r);
  SweepRequest request;
  request.share_groups = {{{"share.a", "share.b", "share.c"}, 1.0}};
  request.vary = {"share.a=0.2,0.8"};
  const auto identity = plan_sweep(request, r, config);
  CHECK(identity.derived_names == std::vector<std::string>{"share.b", "share.c"});
  REQUIRE(identity.derived_points.size() == 2);
  // base b : c = 0.3 : 0.2; the rest is 0.8 at a = 0.2 and 0.2 at a = 0.8
  CHECK(identity.derived_points[0][0] == Approx(0.48));
  CHECK(identity.derived_points[0][1] == Approx(0.32));
  CHECK(identity.derived_points[1][0] == Approx(0.12));
  // 1 − 0.8 is 0.19999999999999996 in binary: the text is the exact value the run sets
  CHECK_THAT(identity.run_arguments(1), Contains("--share.a 0.8 --share.b 0.11999999999999997 --share.c 0.07999999999999999"));

  SECTION("a point whose varied shares exceed the total is refused before any run") {
    request.vary = {"share.a=0.5,0.9", "share.b=0.05,0.2"};
    CHECK_THROWS_WITH(plan_sweep(request, r, config), Contains("design point 3") && Contains("sum to 1.1"));
  }
  SECTION("varying every key of a group leaves nothing to absorb the rest") {
    request.vary = {"share.a=0.5", "share.b=0.3", "share.c=0.2"};
    CHECK_THROWS_WITH(plan_sweep(request, r, config), Contains("leave one out"));
  }
  SECTION("others at zero cannot make up a rest") {
    const auto zero = base(r, {{"share.b", "0"}, {"share.c", "0"}, {"share.a", "1"}});
    request.vary = {"share.a=0.5"};
    CHECK_THROWS_WITH(plan_sweep(request, r, zero), Contains("are all 0"));
  }
}
