#include <catch2/catch.hpp>

#include "sim/experiment/design.hpp"

using namespace kringloop::sim::experiment;
using Catch::Matchers::Contains;

TEST_CASE("grid: every combination, first factor slowest", "[sim][experiment]") {
  const std::vector<Factor> factors{{"rate", 0.0, 1.0, {}}, {"mode", 0, 0, {7.0, 9.0}}, {"days", 10.0, 30.0, {}}};
  const Design design = make_grid(factors, 3);

  CHECK(design.kind == DesignKind::grid);
  CHECK(design.names == std::vector<std::string>{"rate", "mode", "days"});
  REQUIRE(design.points.size() == 3 * 2 * 3);  // product of the level counts
  // Ranges get evenly spaced levels with both ends exact; the list is used as given.
  CHECK(design.points[0] == std::vector<double>{0.0, 7.0, 10.0});
  CHECK(design.points[1] == std::vector<double>{0.0, 7.0, 20.0});
  CHECK(design.points[2] == std::vector<double>{0.0, 7.0, 30.0});
  CHECK(design.points[3] == std::vector<double>{0.0, 9.0, 10.0});
  CHECK(design.points[6] == std::vector<double>{0.5, 7.0, 10.0});
  CHECK(design.points[17] == std::vector<double>{1.0, 9.0, 30.0});
  // Row-major: point d is the mixed-radix number (rate, mode, days).
  for (std::size_t d = 0; d < design.points.size(); ++d) {
    CHECK(design.points[d][0] == std::vector<double>{0.0, 0.5, 1.0}[d / 6]);
    CHECK(design.points[d][1] == factors[1].levels[(d / 3) % 2]);
  }
}

TEST_CASE("grid of lists only needs no level count", "[sim][experiment]") {
  const Design design = make_grid({{"a", 0, 0, {1.0, 2.0, 3.0}}, {"b", 0, 0, {5.0}}}, 0);
  CHECK(design.points.size() == 3);
  CHECK(design.points[2] == std::vector<double>{3.0, 5.0});
}

TEST_CASE("grid: bad inputs name the factor", "[sim][experiment]") {
  CHECK_THROWS_WITH(make_grid({{"rate", 0.0, 1.0, {}}}, 0), Contains("'rate'") && Contains("at least 2"));
  CHECK_THROWS_WITH(make_grid({{"rate", 0.0, 1.0, {}}}, 1), Contains("'rate'"));
  CHECK_THROWS_WITH(make_grid({{"rate", 1.0, 1.0, {}}}, 3), Contains("'rate'") && Contains("range"));
  CHECK_THROWS_WITH(make_grid({{"rate", 2.0, 1.0, {}}}, 3), Contains("'rate'") && Contains("inverted"));
  CHECK_THROWS_WITH(make_grid({{"x", 0, 0, {1.0, NAN}}}, 3), Contains("'x'") && Contains("finite"));
  CHECK_THROWS_WITH(make_grid({{"x", 0, 1, {}}, {"x", 0, 1, {}}}, 3), Contains("'x'") && Contains("twice"));
  CHECK_THROWS_WITH(make_grid({}, 3), Contains("no factors"));
  // 8 factors × 10 levels = 10^8 points: refused before anything is allocated.
  std::vector<Factor> many;
  for (int i = 0; i < 8; ++i) many.push_back({"f" + std::to_string(i), 0.0, 1.0, {}});
  CHECK_THROWS_WITH(make_grid(many, 10), Contains("more than"));
}
