// V1 (MODEL §8, pattern P11): with only external influence p and imitation q on a complete graph
// (`network.mode = well_mixed`) and immediate adoption, the adopted fraction follows the Bass
// model. The model steps monthly from the start-of-month fraction, so the exact expectation is the
// discrete recursion F_{m+1} = F_m + (1 − F_m)(1 − e^{−(p + q F_m) d_m / 365}) over the calendar's
// month lengths d_m; the continuous curve F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p) e^{−(p+q)t}) is its
// limit for short steps and is checked with the step's lag bound.
#include <catch2/catch.hpp>

#include <cmath>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"
#include "agents/parameters/registry.hpp"

using namespace kringloop;

namespace {

double bass_fraction(double p, double q, double years) {
  const double decay = std::exp(-(p + q) * years);
  return (1 - decay) / (1 + (q / p) * decay);
}

// The exact expected adopted fraction at the end of each month (the model's own time step).
std::vector<double> bass_recursion(double p, double q, int months) {
  std::vector<double> fraction;
  double f = 0;
  for (int m = 0; m < months; ++m) {
    const double days = sim::days_in_month[static_cast<std::size_t>(m % sim::months_per_year)];
    f += (1 - f) * (1 - std::exp(-(p + q * f) * days / sim::days_per_year));
    fraction.push_back(f);
  }
  return fraction;
}

// The default scenario reduced to one diffusion-only practice on a complete graph, with a fixed
// population (no farm exits: the Bass model has none).
agents::Scenario bass_scenario(double p, double q, std::int64_t farmers, std::uint64_t seed) {
  sim::config::KeyValues overrides{{"network.mode", "well_mixed"},
                                   {"population.farmers", std::to_string(farmers)},
                                   {"run.years", "25"},
                                   {"run.seed", std::to_string(seed)},
                                   {"land.farm_exits", "false"},
                                   {"practice.nature_inclusive.decision", "immediate"},
                                   {"practice.nature_inclusive.awareness_external_per_year", std::to_string(p)},
                                   {"practice.nature_inclusive.awareness_imitation_per_year", std::to_string(q)}};
  auto config = agents::resolve_scenario_config(std::nullopt, overrides);
  for (const auto& name : config.instances("practice"))
    if (name != "nature_inclusive") config.set(agents::parameter_registry(), "practice." + name + ".enabled", "false", "test");
  return agents::build_scenario(config);
}

}  // namespace

TEST_CASE("V1: diffusion on a complete graph follows the discrete Bass recursion", "[validation][bass]") {
  // The textbook means (imitation-dominated, S-shaped), a slow external one, and two points no
  // other test uses: almost pure imitation, and strong external influence.
  const auto [p, q] = GENERATE(std::pair{0.03, 0.38}, std::pair{0.1, 0.1}, std::pair{0.01, 0.6}, std::pair{0.2, 0.05});
  // Tolerance from replications, not tuned: R runs with different seeds give at each month a mean
  // and a standard deviation s_m; the mean of R runs has standard error s_m / √R. Six or eight runs
  // estimate s_m roughly (5–7 degrees of freedom), so s_m is floored at the binomial spread
  // √(F(1−F)/N) it cannot be below, and we allow 5 standard errors plus 1e-4 (float rounding).
  // A wrong hazard — q applied to the aware instead of the adopted share, a month counted as a
  // year, the end-of-month instead of the start-of-month fraction — moves the curve by far more.
  const int replications = 8;
  const std::int64_t farmers = 20000;
  std::vector<std::vector<double>> runs;
  for (int r = 0; r < replications; ++r) {
    const auto record = agents::run_model(bass_scenario(p, q, farmers, 101 + static_cast<std::uint64_t>(r)));
    const auto* share = record.find_series("practice/nature_inclusive/adopted_share");
    REQUIRE(share != nullptr);
    REQUIRE(share->months() == 300);
    runs.push_back(share->values);
  }
  const std::vector<double> expected = bass_recursion(p, q, 300);
  double worst_z = 0, worst_gap = 0;
  for (std::size_t m = 0; m < 300; ++m) {
    double mean = 0, squares = 0;
    for (const auto& run : runs) mean += run[m];
    mean /= replications;
    for (const auto& run : runs) squares += (run[m] - mean) * (run[m] - mean);
    const double binomial = std::sqrt(expected[m] * (1 - expected[m]) / double(farmers));
    const double spread = std::max(std::sqrt(squares / (replications - 1)), binomial);
    const double standard_error = spread / std::sqrt(double(replications));
    const double gap = std::fabs(mean - expected[m]);
    worst_gap = std::max(worst_gap, gap);
    worst_z = std::max(worst_z, gap / (5 * standard_error + 1e-4));
  }
  INFO("p = " << p << ", q = " << q << ": largest gap to the recursion " << worst_gap << " (" << worst_z
              << " of the allowed 5 standard errors + 1e-4)");
  CHECK(worst_z < 1.0);
  // The recursion approaches the continuous curve: it lags by one step Δ plus the time its
  // explicit monthly step loses until the inflection (a relative rate error of about (p+q)Δ/2 over
  // t* = ln(q/p)/(p+q) years), times the curve's largest slope max(p, (p+q)²/(4q)).
  const double step = 1.0 / 12;
  const double inflection = q > p ? std::log(q / p) / (p + q) : 0.0;
  const double shift = step + (p + q) * step / 2 * inflection;
  double lag = 0;
  for (int m = 0; m < 300; ++m)
    lag = std::max(lag, std::fabs(expected[static_cast<std::size_t>(m)] - bass_fraction(p, q, (m + 1) / 12.0)));
  INFO("recursion vs continuous curve: " << lag);
  CHECK(lag <= shift * std::max(p, (p + q) * (p + q) / (4 * q)) + 1e-3);
}

TEST_CASE("V1: the Bass test can fail — a network slows imitation", "[validation][bass]") {
  // Guard against a test that passes trivially: on a local k = 8 network without rewiring,
  // imitation is confined to clusters and the curve is clearly slower than the mean field.
  auto config = agents::resolve_scenario_config(
      std::nullopt, {{"network.mode", "knn"}, {"network.rewiring", "0"}, {"population.farmers", "20000"},
                     {"run.years", "25"}, {"land.farm_exits", "false"}, {"practice.nature_inclusive.decision", "immediate"}});
  for (const auto& name : config.instances("practice"))
    if (name != "nature_inclusive") config.set(agents::parameter_registry(), "practice." + name + ".enabled", "false", "test");
  const auto record = agents::run_model(agents::build_scenario(config));
  const auto* share = record.find_series("practice/nature_inclusive/adopted_share");
  REQUIRE(share != nullptr);
  const double at_eight_years = share->values[8 * 12 - 1];
  CHECK(bass_recursion(0.03, 0.38, 96).back() - at_eight_years > 0.03);
}
