// morris_indices: elementary-effects statistics (Morris 1991; Campolongo et al. 2007).
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/experiment/output_checks.hpp"
#include "sim/experiment/sensitivity.hpp"

namespace kringloop::sim::experiment {

namespace {

[[noreturn]] void not_a_trajectory(std::size_t point, const std::string& problem) {
  throw std::invalid_argument("morris indices: design points " + std::to_string(point - 1) + " and " +
                              std::to_string(point) + " " + problem + "; not a Morris trajectory");
}

}  // namespace

MorrisIndices morris_indices(const Design& design, const std::vector<double>& y) {
  detail::check_outputs(design, DesignKind::morris, y, "morris indices");
  const std::size_t factor_count = design.names.size();
  const std::size_t per_trajectory = factor_count + 1;
  if (design.trajectories < 2 || design.levels < 2 || design.points.size() != design.trajectories * per_trajectory) {
    throw std::invalid_argument("morris indices: the design's " + std::to_string(design.points.size()) +
                                " points do not make r = " + std::to_string(design.trajectories) +
                                " (≥ 2) trajectories of P + 1 = " + std::to_string(per_trajectory) + " points");
  }
  // Δ as a fraction of each factor's range; the design moves every factor by exactly ±Δ.
  const double delta = static_cast<double>(design.levels) / (2.0 * static_cast<double>(design.levels - 1));

  // effects[i][t]: the elementary effect of factor i in trajectory t.
  std::vector<std::vector<double>> effects(factor_count, std::vector<double>(design.trajectories));
  for (std::size_t t = 0; t < design.trajectories; ++t) {
    std::vector<bool> moved(factor_count, false);
    for (std::size_t k = 1; k < per_trajectory; ++k) {
      const std::size_t point = t * per_trajectory + k;
      const std::vector<double>& before = design.points[point - 1];
      const std::vector<double>& after = design.points[point];
      std::size_t changed = factor_count, changes = 0;
      for (std::size_t i = 0; i < factor_count; ++i) {
        if (after[i] != before[i]) {
          changed = i;
          ++changes;
        }
      }
      if (changes != 1) not_a_trajectory(point, "differ in " + std::to_string(changes) + " factors, not 1");
      if (moved[changed]) not_a_trajectory(point, "move factor '" + design.names[changed] + "' a second time");
      moved[changed] = true;
      const double step = after[changed] > before[changed] ? delta : -delta;
      effects[changed][t] = (y[point] - y[point - 1]) / step;
    }
  }

  MorrisIndices indices;
  indices.names = design.names;
  const auto r = static_cast<double>(design.trajectories);
  for (const std::vector<double>& factor_effects : effects) {
    double sum = 0, sum_absolute = 0;
    for (double effect : factor_effects) {
      sum += effect;
      sum_absolute += std::abs(effect);
    }
    const double mean = sum / r;
    double squares = 0;
    for (double effect : factor_effects) squares += (effect - mean) * (effect - mean);
    indices.mu.push_back(mean);
    indices.mu_star.push_back(sum_absolute / r);
    indices.sigma.push_back(std::sqrt(squares / (r - 1)));
  }
  return indices;
}

}  // namespace kringloop::sim::experiment
