#include "sim/experiment/design.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/experiment/factor_checks.hpp"
#include "sim/experiment/seeded_random.hpp"

namespace kringloop::sim::experiment {

namespace {

constexpr std::array<std::pair<std::string_view, DesignKind>, 4> kind_names{{
    {"grid", DesignKind::grid},
    {"lhs", DesignKind::lhs},
    {"sobol", DesignKind::sobol},
    {"morris", DesignKind::morris},
}};

}  // namespace

DesignKind parse_design_kind(std::string_view text) {
  for (const auto& [name, kind] : kind_names) {
    if (text == name) return kind;
  }
  throw std::invalid_argument("unknown design '" + std::string(text) + "'; expected grid, lhs, sobol or morris");
}

std::string_view to_string(DesignKind kind) {
  for (const auto& [name, known] : kind_names) {
    if (known == kind) return name;
  }
  return "unknown";
}

Design make_grid(const std::vector<Factor>& factors, std::size_t levels_for_ranges) {
  constexpr std::string_view design_name = "grid";
  detail::check_factors(factors, design_name);

  // Each factor's levels first, so the point count is known (and checked) before anything is built.
  std::vector<std::vector<double>> values(factors.size());
  std::size_t count = 1;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const Factor& factor = factors[i];
    if (factor.is_list()) {
      values[i] = factor.levels;
    } else {
      if (levels_for_ranges < 2) {
        throw std::invalid_argument("grid design: factor '" + factor.name + "' is a range and the grid has " +
                                    std::to_string(levels_for_ranges) +
                                    " levels for ranges; give at least 2 (or list the factor's levels)");
      }
      // Counted before allocating: a huge level count fails here, not in resize.
      detail::checked_point_count(count, levels_for_ranges, design_name);
      values[i].resize(levels_for_ranges);
      for (std::size_t k = 0; k < levels_for_ranges; ++k) {
        values[i][k] = detail::at_fraction(factor, static_cast<double>(k) / static_cast<double>(levels_for_ranges - 1));
      }
    }
    count = detail::checked_point_count(count, values[i].size(), design_name);
  }

  Design design;
  design.kind = DesignKind::grid;
  design.names = detail::names_of(factors);
  design.points.reserve(count);
  // Point d's level indices are the mixed-radix digits of d, the last factor's digit least significant:
  // the first factor varies slowest.
  for (std::size_t d = 0; d < count; ++d) {
    std::vector<double> point(factors.size());
    std::size_t rest = d;
    for (std::size_t i = factors.size(); i-- > 0;) {
      point[i] = values[i][rest % values[i].size()];
      rest /= values[i].size();
    }
    design.points.push_back(std::move(point));
  }
  return design;
}

Design make_lhs(const std::vector<Factor>& factors, std::size_t samples, std::uint64_t seed) {
  constexpr std::string_view design_name = "lhs";
  detail::check_factors(factors, design_name);
  detail::require_ranges(factors, design_name);
  detail::require_at_least(samples, 2, "the sample count", design_name);
  detail::checked_point_count(samples, 1, design_name);

  Design design;
  design.kind = DesignKind::lhs;
  design.names = detail::names_of(factors);
  design.base_samples = samples;
  design.points.assign(samples, std::vector<double>(factors.size()));

  // McKay, Beckman & Conover (1979): point j of factor i lies in stratum order[j] of N, at a uniform
  // position inside it. Factors are drawn one after the other, so adding a factor at the end leaves
  // the earlier columns unchanged for the same seed.
  SeededRandom random(seed, RandomPurpose::latin_hypercube);
  const double strata = static_cast<double>(samples);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const std::vector<std::size_t> order = random.permutation(samples);
    for (std::size_t j = 0; j < samples; ++j) {
      const double stratum = static_cast<double>(order[j]);
      // stratum + u < stratum + 1 exactly, except that rounding can reach it when u is within an ulp
      // of 1: keep the point inside its own stratum.
      const double position = std::min(stratum + random.uniform(), std::nextafter(stratum + 1.0, 0.0));
      design.points[j][i] = detail::at_fraction(factors[i], position / strata);
    }
  }
  return design;
}

}  // namespace kringloop::sim::experiment
