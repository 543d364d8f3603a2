#include <catch2/catch.hpp>

#include <set>

#include "sim/experiment/design.hpp"

using namespace kringloop::sim::experiment;
using Catch::Matchers::Contains;

namespace {

std::vector<Factor> unit_factors(std::size_t count) {
  std::vector<Factor> factors;
  for (std::size_t i = 0; i < count; ++i) factors.push_back({"f" + std::to_string(i), 0.0, 1.0, {}});
  return factors;
}

}  // namespace

TEST_CASE("sobol design: N (P + 2) points in blocks A, AB^1 … AB^P, B", "[sim][experiment]") {
  const std::vector<Factor> factors{{"a", 0.0, 1.0, {}}, {"b", 10.0, 20.0, {}}, {"c", -1.0, 1.0, {}}};
  const std::size_t n = 64;
  const Design design = make_sobol(factors, n, 3);
  CHECK(design.kind == DesignKind::sobol);
  CHECK(design.base_samples == n);
  REQUIRE(design.points.size() == n * (factors.size() + 2));

  const SaltelliRows rows{factors.size()};
  for (std::size_t j = 0; j < n; ++j) {
    const auto& a = design.points[rows.a(j)];
    const auto& b = design.points[rows.b(j)];
    for (std::size_t i = 0; i < factors.size(); ++i) {
      auto expected = a;
      expected[i] = b[i];  // AB^i: A with column i from B
      CHECK(design.points[rows.ab(j, i)] == expected);
      CHECK(a[i] >= factors[i].lower);
      CHECK(a[i] < factors[i].upper);
    }
  }
  CHECK(rows.a(1) == 5);
  CHECK(rows.ab(1, 0) == 6);
  CHECK(rows.b(1) == 9);
}

TEST_CASE("sobol design without scrambling: A and B are Sobol' points 1 … N", "[sim][experiment]") {
  // One factor: A is dimension 1, B dimension 2 of the sequence (0.5, 0.5), (0.75, 0.25),
  // (0.25, 0.75), (0.375, 0.375), …, scaled to [10, 20]; the origin is skipped.
  const Design design = make_sobol({{"x", 10.0, 20.0, {}}}, 4, 99, SobolScramble::none);
  const std::vector<double> a{15.0, 17.5, 12.5, 13.75}, b{15.0, 12.5, 17.5, 13.75};
  for (std::size_t j = 0; j < 4; ++j) {
    CHECK(design.points[3 * j] == std::vector<double>{a[j]});      // A_j
    CHECK(design.points[3 * j + 1] == std::vector<double>{b[j]});  // AB_j^1 = B_j for one factor
    CHECK(design.points[3 * j + 2] == std::vector<double>{b[j]});  // B_j
  }
  // Unscrambled, the seed does not matter.
  CHECK(make_sobol({{"x", 10.0, 20.0, {}}}, 4, 1, SobolScramble::none).points == design.points);
}

TEST_CASE("sobol design: same seed, same design - other seed, other design", "[sim][experiment]") {
  const auto factors = unit_factors(4);
  const Design first = make_sobol(factors, 32, 11);
  CHECK(make_sobol(factors, 32, 11).points == first.points);
  CHECK(make_sobol(factors, 32, 12).points != first.points);
  CHECK(make_sobol(factors, 32, 11, SobolScramble::none).points != first.points);
}

TEST_CASE("sobol design: the digital shift keeps A's columns stratified", "[sim][experiment]") {
  // Points 1 … N of each coordinate are a shifted (0, m, 1)-net but for one point (the origin is
  // swapped for point N), so at least N − 1 of the N cells of width 1/N are hit.
  const std::size_t n = 256;
  const auto factors = unit_factors(5);
  const Design design = make_sobol(factors, n, 5);
  const SaltelliRows rows{factors.size()};
  for (std::size_t i = 0; i < factors.size(); ++i) {
    std::set<long> cells;
    for (std::size_t j = 0; j < n; ++j) cells.insert(static_cast<long>(design.points[rows.a(j)][i] * n));
    CHECK(cells.size() >= n - 1);
  }
}

TEST_CASE("sobol design: bad inputs throw with the reason", "[sim][experiment]") {
  CHECK_THROWS_WITH(make_sobol(unit_factors(2), 1, 1), Contains("base sample count") && Contains("at least 2"));
  CHECK_THROWS_WITH(make_sobol(unit_factors(33), 8, 1), Contains("33 factors") && Contains("at most 32"));
  CHECK_NOTHROW(make_sobol(unit_factors(32), 4, 1));
  CHECK_THROWS_WITH(make_sobol({{"levels", 0, 0, {1.0, 2.0}}}, 8, 1), Contains("'levels'") && Contains("list"));
  CHECK_THROWS_WITH(make_sobol({{"p", 0.3, -0.3, {}}}, 8, 1), Contains("'p'") && Contains("inverted"));
}
