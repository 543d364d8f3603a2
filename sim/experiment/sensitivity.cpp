// sobol_indices: Saltelli (2010) first-order and Jansen (1999) total-order estimators with bootstrap
// percentile intervals.
#include "sim/experiment/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/experiment/output_checks.hpp"
#include "sim/experiment/percentile.hpp"
#include "sim/experiment/seeded_random.hpp"

namespace kringloop::sim::experiment {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

// The outputs regrouped by role: f_A and f_B per base row, f_ABi per factor and row. Centred on the
// mean of f_A ∪ f_B first, as SALib does: the indices are shift-invariant in expectation, but in
// S_i's f_B (f_ABi − f_A) an output mean m adds the pure-noise term m (f_ABi − f_A).
struct SaltelliOutputs {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;  // [factor][row]
};

SaltelliOutputs regroup(const Design& design, const std::vector<double>& y) {
  const std::size_t factor_count = design.names.size();
  const std::size_t rows_count = design.base_samples;
  const SaltelliRows rows{factor_count};
  double mean = 0;
  for (std::size_t j = 0; j < rows_count; ++j) mean += y[rows.a(j)] + y[rows.b(j)];
  mean /= static_cast<double>(2 * rows_count);

  SaltelliOutputs outputs;
  outputs.a.resize(rows_count);
  outputs.b.resize(rows_count);
  outputs.ab.assign(factor_count, std::vector<double>(rows_count));
  for (std::size_t j = 0; j < rows_count; ++j) {
    outputs.a[j] = y[rows.a(j)] - mean;
    outputs.b[j] = y[rows.b(j)] - mean;
    for (std::size_t i = 0; i < factor_count; ++i) outputs.ab[i][j] = y[rows.ab(j, i)] - mean;
  }
  return outputs;
}

struct Estimate {
  std::vector<double> first, total;
  double variance;
};

// The indices from the base rows `sample` (all rows, or a bootstrap resample with repeats), with
// `mean_noise` (the noise variance left in each output) removed from V and from the Jansen sum.
Estimate estimate(const SaltelliOutputs& outputs, const std::vector<std::size_t>& sample, double mean_noise) {
  const std::size_t factor_count = outputs.ab.size();
  const auto n = static_cast<double>(sample.size());
  double sum = 0, sum_squares = 0;
  for (std::size_t j : sample) {
    sum += outputs.a[j] + outputs.b[j];
    sum_squares += outputs.a[j] * outputs.a[j] + outputs.b[j] * outputs.b[j];
  }
  const double mean = sum / (2 * n);
  const double variance = sum_squares / (2 * n) - mean * mean - mean_noise;  // population variance, as SALib

  Estimate result{std::vector<double>(factor_count, not_a_number), std::vector<double>(factor_count, not_a_number),
                  variance};
  if (!(variance > 0)) return result;  // a constant output has no variance to apportion
  for (std::size_t i = 0; i < factor_count; ++i) {
    const std::vector<double>& ab = outputs.ab[i];
    double first = 0, total = 0;
    for (std::size_t j : sample) {
      const double change = ab[j] - outputs.a[j];
      first += outputs.b[j] * change;
      total += change * change;
    }
    result.first[i] = first / n / variance;
    result.total[i] = (total / (2 * n) - mean_noise) / variance;
  }
  return result;
}

}  // namespace

SobolIndices sobol_indices(const Design& design, const std::vector<double>& y, std::size_t bootstrap,
                           double confidence, std::uint64_t seed) {
  detail::check_outputs(design, DesignKind::sobol, y, "sobol indices");
  PointOutputs outputs(y.size());
  for (std::size_t d = 0; d < y.size(); ++d) outputs[d] = {y[d]};
  return sobol_indices(design, outputs, bootstrap, confidence, seed);
}

SobolIndices sobol_indices(const Design& design, const PointOutputs& outputs, std::size_t bootstrap,
                           double confidence, std::uint64_t seed) {
  const std::size_t factor_count = design.names.size();
  if (design.kind != DesignKind::sobol)
    throw std::invalid_argument("sobol indices: the design is a " + std::string(to_string(design.kind)) +
                                " design; these indices need a sobol design");
  if (outputs.size() != design.points.size())
    throw std::invalid_argument("sobol indices: " + std::to_string(outputs.size()) + " outputs for a design of " +
                                std::to_string(design.points.size()) + " points; give one output per point");
  if (design.base_samples < 2 || design.points.size() != design.base_samples * SaltelliRows{factor_count}.block()) {
    throw std::invalid_argument("sobol indices: the design's " + std::to_string(design.points.size()) +
                                " points do not make N = " + std::to_string(design.base_samples) +
                                " (≥ 2) Saltelli rows of P + 2 = " + std::to_string(factor_count + 2) + " runs");
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument("sobol indices: confidence " + std::to_string(confidence) +
                                " is not between 0 and 1 (exclusive)");
  }
  // Per point: the mean, the squared deviations from it and the degrees of freedom, so that a
  // bootstrap draw re-estimates σ² from the rows it holds without revisiting the replications.
  std::vector<double> y(outputs.size()), squares(outputs.size()), degrees(outputs.size()), inverse(outputs.size());
  for (std::size_t d = 0; d < outputs.size(); ++d) {
    if (outputs[d].empty()) throw std::invalid_argument("sobol indices: design point " + std::to_string(d) + " has no output");
    double sum = 0;
    for (double v : outputs[d]) {
      if (!std::isfinite(v))
        throw std::invalid_argument("sobol indices: the output of design point " + std::to_string(d) + " is not a finite number");
      sum += v;
    }
    y[d] = sum / static_cast<double>(outputs[d].size());
    for (double v : outputs[d]) squares[d] += (v - y[d]) * (v - y[d]);
    degrees[d] = static_cast<double>(outputs[d].size() - 1);
    inverse[d] = 1.0 / static_cast<double>(outputs[d].size());
  }
  const SaltelliRows layout{factor_count};
  // σ² mean(1/R_d) over the points of the rows in `sample`: the noise left in a point mean.
  const auto noise_in_means = [&](const std::vector<std::size_t>& sample) {
    double sum_squares = 0, sum_degrees = 0, sum_inverse = 0;
    for (std::size_t row : sample)
      for (std::size_t d = layout.a(row); d <= layout.b(row); ++d)
        sum_squares += squares[d], sum_degrees += degrees[d], sum_inverse += inverse[d];
    if (!(sum_degrees > 0)) return 0.0;
    return sum_squares / sum_degrees * sum_inverse / static_cast<double>(sample.size() * layout.block());
  };

  const SaltelliOutputs regrouped = regroup(design, y);
  std::vector<std::size_t> all_rows(design.base_samples);
  std::iota(all_rows.begin(), all_rows.end(), std::size_t{0});
  const double mean_noise = noise_in_means(all_rows);
  Estimate point = estimate(regrouped, all_rows, mean_noise);

  SobolIndices indices;
  indices.names = design.names;
  indices.confidence = confidence;
  indices.bootstrap = bootstrap;
  indices.variance = point.variance;
  indices.mean_noise = mean_noise;
  indices.first = std::move(point.first);
  indices.total = std::move(point.total);
  indices.first_low.assign(factor_count, not_a_number);
  indices.first_high.assign(factor_count, not_a_number);
  indices.total_low.assign(factor_count, not_a_number);
  indices.total_high.assign(factor_count, not_a_number);
  if (bootstrap == 0) return indices;

  // Efron's percentile bootstrap over base rows: a row's P + 2 runs share their A and B points, so
  // they are resampled together, each point with its replications.
  std::vector<std::vector<double>> first_draws(factor_count, std::vector<double>(bootstrap));
  std::vector<std::vector<double>> total_draws(factor_count, std::vector<double>(bootstrap));
  SeededRandom random(seed, RandomPurpose::bootstrap);
  std::vector<std::size_t> sample(design.base_samples);
  for (std::size_t draw = 0; draw < bootstrap; ++draw) {
    for (std::size_t& row : sample) row = random.below(design.base_samples);
    const Estimate resampled = estimate(regrouped, sample, mean_noise > 0 ? noise_in_means(sample) : 0.0);
    for (std::size_t i = 0; i < factor_count; ++i) {
      first_draws[i][draw] = resampled.first[i];
      total_draws[i][draw] = resampled.total[i];
    }
  }
  const double low = (1 - confidence) / 2, high = (1 + confidence) / 2;
  for (std::size_t i = 0; i < factor_count; ++i) {
    indices.first_low[i] = percentile(first_draws[i], low);
    indices.first_high[i] = percentile(first_draws[i], high);
    indices.total_low[i] = percentile(total_draws[i], low);
    indices.total_high[i] = percentile(total_draws[i], high);
  }
  return indices;
}

}  // namespace kringloop::sim::experiment
