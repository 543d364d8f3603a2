// Percentiles of bootstrap draws, shared by the Sobol intervals and the noise-share interval.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace kringloop::sim::experiment {

// Percentile `level` ∈ [0, 1] of the finite values, interpolated linearly between order statistics
// (Hyndman & Fan 1996 type 7, numpy's default); NaN when there are none.
inline double percentile(std::vector<double> values, double level) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double position = level * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double weight = position - static_cast<double>(below);
  return values[below] + weight * (values[above] - values[below]);
}

}  // namespace kringloop::sim::experiment
