#include "sim/experiment/factor_checks.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

namespace kringloop::sim::experiment::detail {

namespace {

[[noreturn]] void fail(std::string_view design, const std::string& problem) {
  throw std::invalid_argument(std::string(design) + " design: " + problem);
}

[[noreturn]] void fail_factor(std::string_view design, const Factor& factor, const std::string& problem) {
  fail(design, "factor '" + factor.name + "': " + problem);
}

std::string number(double value) {
  std::ostringstream text;
  text.precision(std::numeric_limits<double>::max_digits10);
  text << value;
  return text.str();
}

}  // namespace

void check_factors(const std::vector<Factor>& factors, std::string_view design) {
  if (factors.empty()) fail(design, "no factors to vary");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const Factor& factor = factors[i];
    if (factor.name.empty()) fail(design, "factor " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(factor.name).second) fail_factor(design, factor, "named twice");
    if (factor.is_list()) {
      for (double value : factor.levels) {
        if (!std::isfinite(value)) fail_factor(design, factor, "level " + number(value) + " is not a finite number");
      }
      continue;
    }
    if (!std::isfinite(factor.lower) || !std::isfinite(factor.upper)) {
      fail_factor(design, factor, "range [" + number(factor.lower) + ", " + number(factor.upper) + "] is not finite");
    }
    if (!(factor.lower < factor.upper)) {
      fail_factor(design, factor,
                  "empty or inverted range [" + number(factor.lower) + ", " + number(factor.upper) +
                      "] (lower must be below upper)");
    }
  }
}

void require_ranges(const std::vector<Factor>& factors, std::string_view design) {
  for (const Factor& factor : factors) {
    if (factor.is_list()) {
      fail_factor(design, factor,
                  "is a list of " + std::to_string(factor.levels.size()) +
                      " levels; a " + std::string(design) +
                      " design samples a continuous range, so give lower and upper instead (lists fit grid only)");
    }
  }
}

void require_at_least(std::size_t count, std::size_t minimum, std::string_view what, std::string_view design) {
  if (count < minimum) {
    fail(design, std::string(what) + " is " + std::to_string(count) + "; at least " + std::to_string(minimum) +
                     " needed");
  }
}

std::size_t checked_point_count(std::size_t a, std::size_t b, std::string_view design) {
  if (a != 0 && b > max_design_points / a) {
    fail(design, "would have more than " + std::to_string(max_design_points) + " points (" + std::to_string(a) +
                     " × " + std::to_string(b) + ")");
  }
  return a * b;
}

std::vector<std::string> names_of(const std::vector<Factor>& factors) {
  std::vector<std::string> names;
  names.reserve(factors.size());
  for (const Factor& factor : factors) names.push_back(factor.name);
  return names;
}

}  // namespace kringloop::sim::experiment::detail
