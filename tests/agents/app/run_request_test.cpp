// The run path shared by `kringloop run` and the Python module: the seed is the last override,
// thread counts are checked, and a run in an arena of 1 or 2 threads gives the same record.
#include <catch2/catch.hpp>

#include <cstring>

#include "agents/app/run_request.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

namespace {
agents::RunRequest small_request() {
  agents::RunRequest request;
  request.overrides = {{"population.farmers", "300"}, {"run.years", "3"}, {"run.seed", "5"}};
  return request;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST_CASE("a run request resolves its seed after the overrides and checks its thread count", "[agents][app]") {
  auto request = small_request();
  CHECK(agents::load_run_scenario(request).scenario.run.seed == 5);
  request.seed = 42;
  const auto loaded = agents::load_run_scenario(request);
  CHECK(loaded.scenario.run.seed == 42);
  CHECK(loaded.scenario.resolved_text.find("seed = 42") != std::string::npos);
  CHECK(agents::resolve_threads(3) == 3);
  CHECK(agents::resolve_threads(0) >= 1);
  CHECK_THROWS_AS(agents::resolve_threads(-1), sim::ConfigError);
  request.overrides.emplace_back("run.yeers", "3");
  CHECK_THROWS_WITH(agents::load_run_scenario(request), Catch::Contains("run.years"));
}

TEST_CASE("simulate gives the same record in an arena of 1 or 2 threads", "[agents][app][determinism]") {
  const auto loaded = agents::load_run_scenario(small_request());
  const auto one = agents::simulate(loaded.scenario, 1);
  const auto two = agents::simulate(loaded.scenario, 2);
  CHECK(one.threads == 1);
  CHECK(two.threads == 2);
  REQUIRE(one.record.series().size() == two.record.series().size());
  REQUIRE_FALSE(one.record.series().empty());
  for (std::size_t i = 0; i < one.record.series().size(); ++i) {
    INFO(one.record.series()[i].path);
    CHECK(same_bits(one.record.series()[i].values, two.record.series()[i].values));
  }
  CHECK(one.record.summary().size() == two.record.summary().size());
  const auto metadata = agents::run_metadata(loaded, one, "kringloop run");
  CHECK(metadata.seed == 5);
  CHECK(metadata.years == 3);
  CHECK(metadata.farmers == 300);
  CHECK(metadata.scenario_text == loaded.scenario.resolved_text);
}
