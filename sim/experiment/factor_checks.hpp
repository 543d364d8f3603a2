// Argument checks shared by the design builders. Each failure throws std::invalid_argument with one
// line naming the design, the factor and the problem, e.g.
//   "lhs design: factor 'subsidy.rate': empty or inverted range [0.5, 0.2] (lower must be below upper)"
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/design.hpp"

namespace kringloop::sim::experiment::detail {

// At least one factor; names non-empty and unique; list values finite; ranges finite with lower < upper.
void check_factors(const std::vector<Factor>& factors, std::string_view design);

// Designs that sample a continuum (lhs, sobol, morris) cannot use a list of levels.
void require_ranges(const std::vector<Factor>& factors, std::string_view design);

// `count` at least `minimum`, for the argument called `what`.
void require_at_least(std::size_t count, std::size_t minimum, std::string_view what, std::string_view design);

// a × b, throwing when the design would exceed max_design_points (or overflow on the way).
std::size_t checked_point_count(std::size_t a, std::size_t b, std::string_view design);

std::vector<std::string> names_of(const std::vector<Factor>& factors);

// The value at fraction `unit` ∈ [0, 1] of a factor's range; exact at both ends (unit 0 gives lower,
// unit 1 gives upper, which lower + unit (upper − lower) does not guarantee).
inline double at_fraction(const Factor& factor, double unit) {
  return (1.0 - unit) * factor.lower + unit * factor.upper;
}

}  // namespace kringloop::sim::experiment::detail
