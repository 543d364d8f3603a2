// Checks of the outputs handed to the sensitivity estimators (shared by sobol and morris).
#pragma once
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/design.hpp"

namespace kringloop::sim::experiment::detail {

inline void check_outputs(const Design& design, DesignKind expected, const std::vector<double>& y,
                          std::string_view analysis) {
  const std::string prefix = std::string(analysis) + ": ";
  if (design.kind != expected) {
    throw std::invalid_argument(prefix + "the design is a " + std::string(to_string(design.kind)) +
                                " design; these indices need a " + std::string(to_string(expected)) + " design");
  }
  if (y.size() != design.points.size()) {
    throw std::invalid_argument(prefix + std::to_string(y.size()) + " outputs for a design of " +
                                std::to_string(design.points.size()) + " points; give one output per point");
  }
  for (std::size_t run = 0; run < y.size(); ++run) {
    if (!std::isfinite(y[run])) {
      throw std::invalid_argument(prefix + "the output of design point " + std::to_string(run) +
                                  " is not a finite number");
    }
  }
}

}  // namespace kringloop::sim::experiment::detail
