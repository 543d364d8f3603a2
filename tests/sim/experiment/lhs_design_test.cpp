#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "sim/experiment/design.hpp"

using namespace kringloop::sim::experiment;
using Catch::Matchers::Contains;

TEST_CASE("lhs: each factor has exactly one point per stratum", "[sim][experiment]") {
  const std::vector<Factor> factors{{"a", 0.0, 1.0, {}}, {"b", -5.0, 15.0, {}}, {"c", 1e3, 2e3, {}}};
  const std::size_t samples = 97;
  const Design design = make_lhs(factors, samples, 42);

  CHECK(design.kind == DesignKind::lhs);
  CHECK(design.base_samples == samples);
  REQUIRE(design.points.size() == samples);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    std::set<long> strata;
    for (const auto& point : design.points) {
      const double unit = (point[i] - factors[i].lower) / (factors[i].upper - factors[i].lower);
      REQUIRE(unit >= 0.0);
      REQUIRE(unit < 1.0);
      strata.insert(static_cast<long>(std::floor(unit * static_cast<double>(samples))));
    }
    CHECK(strata.size() == samples);  // 97 distinct strata among 97 points: one in each
  }
}

TEST_CASE("lhs: same seed, same design - other seed, other design", "[sim][experiment]") {
  const std::vector<Factor> factors{{"a", 0.0, 1.0, {}}, {"b", 0.0, 1.0, {}}};
  CHECK(make_lhs(factors, 20, 7).points == make_lhs(factors, 20, 7).points);
  CHECK(make_lhs(factors, 20, 7).points != make_lhs(factors, 20, 8).points);
}

TEST_CASE("lhs: bad inputs name the factor", "[sim][experiment]") {
  CHECK_THROWS_WITH(make_lhs({{"a", 0.0, 1.0, {}}}, 1, 1), Contains("sample count") && Contains("at least 2"));
  CHECK_THROWS_WITH(make_lhs({{"a", 0.0, 1.0, {}}, {"mode", 0, 0, {1.0, 2.0}}}, 10, 1),
                    Contains("'mode'") && Contains("list"));
  CHECK_THROWS_WITH(make_lhs({{"a", 0.0, INFINITY, {}}}, 10, 1), Contains("'a'") && Contains("not finite"));
}
