#include <catch2/catch.hpp>

#include <cmath>

#include "ishigami.hpp"
#include "sim/experiment/design.hpp"
#include "sim/experiment/sensitivity.hpp"

using namespace kringloop::sim::experiment;
using kringloop::sim::experiment::testing::Ishigami;
using Catch::Matchers::Contains;

TEST_CASE("sobol indices recover the analytic Ishigami indices", "[sim][experiment]") {
  const Ishigami ishigami;
  const auto first = ishigami.first(), total = ishigami.total();
  // The analytic values of the literature (Saltelli et al. 2010, table 3), as a check of the formulas.
  CHECK(first[0] == Approx(0.3139).margin(5e-5));
  CHECK(first[1] == Approx(0.4424).margin(5e-5));
  CHECK(total[0] == Approx(0.5576).margin(5e-5));
  CHECK(total[2] == Approx(0.2437).margin(5e-5));

  // N = 8192 base rows (40 960 runs, well under a second with 1000 bootstrap resamples). The plain
  // Monte-Carlo standard error of these estimators on Ishigami is ≈ 0.015 at this N (the bootstrap
  // 95 % half-widths, which resample rows as if they were independent, come out at 0.03); the
  // digitally shifted Sobol' points do far better: over seeds 1–8 and 2024 the largest error of any
  // index was 0.002 (0.021 at N = 1024). A 0.01 tolerance is five times that observed error and
  // still a third of the bootstrap half-width, so a biased estimator or a mixed-up run layout fails.
  const Design design = make_sobol(Ishigami::factors(), 8192, 2024);
  const SobolIndices indices = sobol_indices(design, evaluate(design, ishigami), 1000, 0.95, 7);
  REQUIRE(indices.names == std::vector<std::string>{"x1", "x2", "x3"});
  int inside = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor x" << i + 1);
    CHECK(std::abs(indices.first[i] - first[i]) < 0.01);
    CHECK(std::abs(indices.total[i] - total[i]) < 0.01);
    CHECK(indices.first_low[i] <= indices.first[i]);
    CHECK(indices.first[i] <= indices.first_high[i]);
    CHECK(indices.total_low[i] <= indices.total[i]);
    CHECK(indices.total[i] <= indices.total_high[i]);
    CHECK(indices.first_high[i] - indices.first_low[i] < 0.1);
    inside += indices.first_low[i] <= first[i] && first[i] <= indices.first_high[i];
    inside += indices.total_low[i] <= total[i] && total[i] <= indices.total_high[i];
  }
  // A 95 % interval misses about 1 time in 20: require 5 of the 6 to cover the truth.
  CHECK(inside >= 5);
  CHECK(indices.variance == Approx(ishigami.variance()).epsilon(0.02));
  CHECK(indices.bootstrap == 1000);
  CHECK(indices.confidence == 0.95);
}

TEST_CASE("sobol indices of an additive model: S = ST = c² / Σ c²", "[sim][experiment]") {
  // y = Σ c_i x_i with x_i ~ U(0, 1): no interactions, V_i = c_i² / 12. The total-order (Jansen)
  // estimator is then exact up to the sample variance of the x's; 0.02 covers N = 1024.
  const std::vector<Factor> factors{{"a", 0.0, 1.0, {}}, {"b", 0.0, 1.0, {}}, {"c", 0.0, 1.0, {}}};
  const std::vector<double> c{1.0, 2.0, 0.5};
  const double sum_squares = 1.0 + 4.0 + 0.25;
  const Design design = make_sobol(factors, 1024, 5);
  std::vector<double> y;
  for (const auto& x : design.points) y.push_back(c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + 1000.0);
  const SobolIndices indices = sobol_indices(design, y, 200);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(indices.first[i] == Approx(c[i] * c[i] / sum_squares).margin(0.02));
    CHECK(indices.total[i] == Approx(c[i] * c[i] / sum_squares).margin(0.02));
  }
}

TEST_CASE("sobol indices: bootstrap intervals are reproducible for a seed", "[sim][experiment]") {
  const Ishigami ishigami;
  const Design design = make_sobol(Ishigami::factors(), 256, 1);
  const auto y = evaluate(design, ishigami);
  const SobolIndices one = sobol_indices(design, y, 100, 0.9, 3), again = sobol_indices(design, y, 100, 0.9, 3),
                     other = sobol_indices(design, y, 100, 0.9, 4);
  CHECK(one.first_low == again.first_low);
  CHECK(one.total_high == again.total_high);
  CHECK(one.first == other.first);  // the estimates themselves do not depend on the bootstrap seed
  CHECK(one.first_low != other.first_low);
}

TEST_CASE("sobol indices: a constant output gives NaN, no bootstrap gives NaN intervals", "[sim][experiment]") {
  const Design design = make_sobol(Ishigami::factors(), 16, 1);
  const SobolIndices flat = sobol_indices(design, std::vector<double>(design.points.size(), 4.2), 10);
  CHECK(std::isnan(flat.first[0]));
  CHECK(std::isnan(flat.total[2]));
  CHECK(std::isnan(flat.first_low[1]));
  const SobolIndices bare = sobol_indices(design, evaluate(design, Ishigami{}), 0);
  CHECK(std::isfinite(bare.first[0]));
  CHECK(std::isnan(bare.first_low[0]));
  CHECK(std::isnan(bare.total_high[0]));
}

TEST_CASE("sobol indices: bad inputs throw with the reason", "[sim][experiment]") {
  const Design design = make_sobol(Ishigami::factors(), 16, 1);
  std::vector<double> y = evaluate(design, Ishigami{});
  CHECK_THROWS_WITH(sobol_indices(design, std::vector<double>(y.begin(), y.end() - 1)),
                    Contains("79 outputs") && Contains("80 points"));
  CHECK_THROWS_WITH(sobol_indices(design, y, 10, 1.0), Contains("confidence"));
  CHECK_THROWS_WITH(sobol_indices(design, y, 10, 0.0), Contains("confidence"));
  const Design grid = make_grid(Ishigami::factors(), 2);
  CHECK_THROWS_WITH(sobol_indices(grid, std::vector<double>(grid.points.size(), 0.0)),
                    Contains("grid design") && Contains("sobol design"));
  y[7] = INFINITY;
  CHECK_THROWS_WITH(sobol_indices(design, y), Contains("point 7") && Contains("finite"));
}
