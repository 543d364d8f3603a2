#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "ishigami.hpp"
#include "sim/experiment/design.hpp"
#include "sim/experiment/noise_share.hpp"
#include "sim/experiment/sensitivity.hpp"

using namespace kringloop::sim::experiment;
using kringloop::sim::experiment::testing::evaluate;
using kringloop::sim::experiment::testing::Ishigami;

namespace {

// Gaussian noise by Box–Muller on std::mt19937_64 (whose output the standard fixes, unlike
// std::normal_distribution's), so the test sees the same numbers everywhere.
class Noise {
 public:
  Noise(double variance, std::uint64_t seed) : sd_(std::sqrt(variance)), engine_(seed) {}
  double operator()() {
    const double u = (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
    const double v = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    return sd_ * std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }

 private:
  double sd_;
  std::mt19937_64 engine_;
};

PointOutputs with_noise(const std::vector<double>& f, std::size_t replications, Noise& noise) {
  PointOutputs outputs(f.size());
  for (std::size_t d = 0; d < f.size(); ++d)
    for (std::size_t r = 0; r < replications; ++r) outputs[d].push_back(f[d] + noise());
  return outputs;
}

}  // namespace

TEST_CASE("noisy Ishigami: the noise share and the indices of the mean response", "[sim][experiment]") {
  // y = Ishigami(x) + ε, ε ~ N(0, 3.5): the noise is a fifth of a single run's variance
  // (3.5 / (3.5 + 13.84) = 0.2018) and, with R = 8, 2.5 % of the variance of a point mean.
  const Ishigami ishigami;
  const double noise_variance = 3.5;
  const std::size_t replications = 8;
  const double true_share = noise_variance / (noise_variance + ishigami.variance());
  const Design design = make_sobol(Ishigami::factors(), 4096, 2024);
  Noise noise(noise_variance, 99);
  const PointOutputs outputs = with_noise(evaluate(design, ishigami), replications, noise);

  const NoiseShare share = noise_share(outputs, 500, 0.95, 3);
  CHECK(share.replications == replications);
  CHECK(share.noise_variance == Approx(noise_variance).epsilon(0.02));
  CHECK(share.design_variance == Approx(ishigami.variance()).epsilon(0.03));
  CHECK(share.share == Approx(true_share).margin(0.01));
  CHECK(share.share_low <= true_share);
  CHECK(true_share <= share.share_high);
  CHECK(share.share_high - share.share_low < 0.05);
  CHECK(share.mean_share == Approx(noise_variance / replications / (ishigami.variance() + noise_variance / replications))
                                .margin(0.005));

  // The indices of E[y | x], the Ishigami function itself. Without removing the noise left in the
  // means (0.44), ST of x3 would come out at (3.37 + 0.44) / (13.84 + 0.44) = 0.267 instead of
  // 0.244, and every S would be 3 % low: the 0.012 tolerance tells the two apart.
  const SobolIndices indices = sobol_indices(design, outputs, 300, 0.95, 7);
  CHECK(indices.mean_noise == Approx(noise_variance / replications).epsilon(0.03));
  CHECK(indices.variance == Approx(ishigami.variance()).epsilon(0.03));
  const auto first = ishigami.first(), total = ishigami.total();
  int inside = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor x" << i + 1);
    CHECK(std::abs(indices.first[i] - first[i]) < 0.012);
    CHECK(std::abs(indices.total[i] - total[i]) < 0.012);
    inside += indices.first_low[i] <= first[i] && first[i] <= indices.first_high[i];
    inside += indices.total_low[i] <= total[i] && total[i] <= indices.total_high[i];
  }
  CHECK(inside >= 5);
}

TEST_CASE("the noise share interval covers the truth about as often as it claims", "[sim][experiment]") {
  // f(x) = 3x on 100 points, R = 4, σ² = 0.75 = V_f: the true share is 1/2. Twenty independent
  // experiments: a 90 % interval should miss about two; more than five misses (p ≈ 0.01 under
  // correct coverage) means the interval is too narrow, e.g. one that ignores the sampling of points.
  const double truth = 0.5;
  int covered = 0;
  for (std::uint64_t experiment = 0; experiment < 20; ++experiment) {
    std::mt19937_64 engine(1000 + experiment);
    std::vector<double> f(100);
    for (double& value : f) value = 3 * static_cast<double>(engine() >> 11) * 0x1.0p-53;
    Noise noise(0.75, 2000 + experiment);
    const NoiseShare share = noise_share(with_noise(f, 4, noise), 400, 0.90, experiment);
    covered += share.share_low <= truth && truth <= share.share_high;
  }
  CHECK(covered >= 15);
}

TEST_CASE("noise share without replications, and when noise is all there is", "[sim][experiment]") {
  SECTION("one value per point: the noise is not known") {
    const NoiseShare share = noise_share(PointOutputs{{1.0}, {2.0}, {4.0}}, 100);
    CHECK(std::isnan(share.noise_variance));
    CHECK(std::isnan(share.share));
    CHECK(std::isnan(share.share_low));
    CHECK(share.replications == 1);
  }
  SECTION("every point has the same mean: all variance is noise") {
    const NoiseShare share = noise_share(PointOutputs{{0.0, 2.0}, {2.0, 0.0}, {1.0, 1.0}, {0.0, 2.0}}, 100);
    CHECK(share.noise_variance == Approx((2.0 + 2.0 + 0.0 + 2.0) / 4));
    CHECK(share.design_variance == 0.0);
    CHECK(share.share == 1.0);
    CHECK(std::isnan(share.mean_share));  // the means do not vary at all
  }
  SECTION("a point without values or a bad confidence is refused") {
    CHECK_THROWS_AS(noise_share(PointOutputs{{1.0}, {}}), std::invalid_argument);
    CHECK_THROWS_AS(noise_share(PointOutputs{{1.0}}, 10, 1.0), std::invalid_argument);
  }
}

TEST_CASE("one value per point gives exactly the unreplicated indices", "[sim][experiment]") {
  const Ishigami ishigami;
  const Design design = make_sobol(Ishigami::factors(), 256, 4);
  const std::vector<double> y = evaluate(design, ishigami);
  PointOutputs outputs;
  for (double value : y) outputs.push_back({value});
  const SobolIndices plain = sobol_indices(design, y, 200, 0.9, 5), replicated = sobol_indices(design, outputs, 200, 0.9, 5);
  CHECK(replicated.mean_noise == 0.0);
  CHECK(replicated.first == plain.first);
  CHECK(replicated.total_high == plain.total_high);
}

TEST_CASE("complete_blocks drops non-finite runs, and whole rows or trajectories left without a value", "[sim][experiment]") {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Factor> factors{{"a", 0.0, 1.0, {}}, {"b", 0.0, 1.0, {}}};
  SECTION("sobol: a row of P + 2 = 4 points") {
    const Design design = make_sobol(factors, 3, 1);
    std::vector<double> runs(design.points.size() * 2, 1.0);
    runs[1] = nan;            // row 0, point 0, replication 1: the point keeps one value
    runs[2 * 5] = nan;        // row 1, point 5 loses both values: the row goes
    runs[2 * 5 + 1] = nan;
    const CompleteBlocks complete = complete_blocks(design, runs, 2);
    CHECK(complete.dropped_runs == 3);
    CHECK(complete.dropped_blocks == 1);
    CHECK(complete.design.base_samples == 2);
    REQUIRE(complete.design.points.size() == 8);
    CHECK(complete.design.points[4] == design.points[8]);  // row 2 moved up to row 1
    CHECK(complete.outputs[0].size() == 1);
    CHECK(complete.outputs[1].size() == 2);
  }
  SECTION("morris: a trajectory of P + 1 = 3 points") {
    const Design design = make_morris(factors, 3, 4, 1);
    std::vector<double> runs(design.points.size(), 2.0);
    runs[3] = std::numeric_limits<double>::infinity();
    const CompleteBlocks complete = complete_blocks(design, runs, 1);
    CHECK(complete.dropped_blocks == 1);
    CHECK(complete.design.trajectories == 2);
    CHECK(complete.design.points.size() == 6);
  }
  SECTION("other designs and wrong lengths are refused") {
    CHECK_THROWS_AS(complete_blocks(make_lhs(factors, 4, 1), std::vector<double>(4), 1), std::invalid_argument);
    CHECK_THROWS_AS(complete_blocks(make_sobol(factors, 2, 1), std::vector<double>(3), 1), std::invalid_argument);
  }
}
