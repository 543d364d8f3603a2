// The Ishigami & Homma (1990) test function and its analytic Sobol' indices, for x_i ~ U(−π, π):
// f = sin x1 + a sin² x2 + b x3⁴ sin x1. The usual benchmark for variance-based estimators because
// it has a pure main effect (x2), an interaction without main effect (x3, only through x1) and both (x1).
#pragma once
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "sim/experiment/design.hpp"

namespace kringloop::sim::experiment::testing {

struct Ishigami {
  double a = 7.0, b = 0.1;

  double operator()(const std::vector<double>& x) const {
    return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) + b * std::pow(x[2], 4) * std::sin(x[0]);
  }

  // Partial variances (Sobol' & Levitan 1999; Saltelli et al. 2008, §2.8, "Global Sensitivity Analysis: The Primer").
  double variance() const {
    const double pi = std::numbers::pi;
    return a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5;
  }
  double v1() const { return 0.5 * std::pow(1 + b * std::pow(std::numbers::pi, 4) / 5, 2); }
  double v2() const { return a * a / 8; }
  double v13() const { return b * b * std::pow(std::numbers::pi, 8) * (1.0 / 18 - 1.0 / 50); }

  std::array<double, 3> first() const { return {v1() / variance(), v2() / variance(), 0.0}; }
  std::array<double, 3> total() const { return {(v1() + v13()) / variance(), v2() / variance(), v13() / variance()}; }

  static std::vector<Factor> factors() {
    const double pi = std::numbers::pi;
    return {{"x1", -pi, pi, {}}, {"x2", -pi, pi, {}}, {"x3", -pi, pi, {}}};
  }
};

inline std::vector<double> evaluate(const Design& design, const Ishigami& f) {
  std::vector<double> y;
  y.reserve(design.points.size());
  for (const auto& point : design.points) y.push_back(f(point));
  return y;
}

}  // namespace kringloop::sim::experiment::testing
