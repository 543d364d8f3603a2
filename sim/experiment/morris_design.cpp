// make_morris: Morris (1991) one-at-a-time trajectories, with the optional spread selection of
// Campolongo, Cariboni & Saltelli (2007).
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/experiment/design.hpp"
#include "sim/experiment/factor_checks.hpp"
#include "sim/experiment/seeded_random.hpp"

namespace kringloop::sim::experiment {

namespace {

// A trajectory as grid level indices 0 … p−1: P + 1 points of P factors.
using Trajectory = std::vector<std::vector<std::size_t>>;

// Morris's construction: a random base point x* on the lower levels {0, …, p/2 − 1} (so x* + Δ stays
// on the grid), a random direction per factor (D*: start low and step up Δ, or start high and step
// down Δ) and a random order of the factors (P*); each point then moves one factor by Δ.
Trajectory draw_trajectory(std::size_t factor_count, std::size_t levels, SeededRandom& random) {
  const std::size_t step = levels / 2;  // Δ in grid steps: Δ = (p/2) / (p − 1)
  std::vector<std::size_t> start(factor_count);
  std::vector<bool> upward(factor_count);
  for (std::size_t i = 0; i < factor_count; ++i) start[i] = random.below(step);
  for (std::size_t i = 0; i < factor_count; ++i) {
    upward[i] = random.below(2) == 1;
    if (!upward[i]) start[i] += step;
  }
  const std::vector<std::size_t> order = random.permutation(factor_count);

  Trajectory trajectory;
  trajectory.reserve(factor_count + 1);
  trajectory.push_back(start);
  for (std::size_t factor : order) {
    std::vector<std::size_t> point = trajectory.back();
    point[factor] = upward[factor] ? point[factor] + step : point[factor] - step;
    trajectory.push_back(std::move(point));
  }
  return trajectory;
}

// Campolongo et al. (2007) distance between two trajectories: the sum over all pairs of their points
// of the Euclidean distance, in grid steps (a common scale factor does not change which are kept).
double trajectory_distance(const Trajectory& first, const Trajectory& second) {
  double total = 0;
  for (const auto& p : first) {
    for (const auto& q : second) {
      double squared = 0;
      for (std::size_t z = 0; z < p.size(); ++z) {
        const double difference = static_cast<double>(p[z]) - static_cast<double>(q[z]);
        squared += difference * difference;
      }
      total += std::sqrt(squared);
    }
  }
  return total;
}

// Keeps `keep` of the candidates, maximising the spread D² = Σ_{pairs kept} d². Greedy: drop, one at
// a time, the candidate whose own share Σ_l d_tl² of the remaining spread is smallest (ties: the
// later-drawn one). The kept ones stay in the order they were drawn.
std::vector<Trajectory> select_spread_out(std::vector<Trajectory> candidates, std::size_t keep) {
  const std::size_t count = candidates.size();
  std::vector<double> squared(count * count, 0.0);
  for (std::size_t m = 0; m < count; ++m) {
    for (std::size_t l = m + 1; l < count; ++l) {
      const double d = trajectory_distance(candidates[m], candidates[l]);
      squared[m * count + l] = squared[l * count + m] = d * d;
    }
  }
  std::vector<double> share(count, 0.0);
  for (std::size_t m = 0; m < count; ++m) {
    for (std::size_t l = 0; l < count; ++l) share[m] += squared[m * count + l];
  }
  std::vector<bool> kept(count, true);
  for (std::size_t remaining = count; remaining > keep; --remaining) {
    std::size_t weakest = count;
    for (std::size_t m = 0; m < count; ++m) {
      if (kept[m] && (weakest == count || share[m] <= share[weakest])) weakest = m;
    }
    kept[weakest] = false;
    for (std::size_t m = 0; m < count; ++m) share[m] -= squared[m * count + weakest];
  }
  std::vector<Trajectory> selected;
  selected.reserve(keep);
  for (std::size_t m = 0; m < count; ++m) {
    if (kept[m]) selected.push_back(std::move(candidates[m]));
  }
  return selected;
}

}  // namespace

Design make_morris(const std::vector<Factor>& factors, std::size_t trajectories, std::size_t levels,
                   std::uint64_t seed, std::size_t candidates) {
  constexpr std::string_view design_name = "morris";
  detail::check_factors(factors, design_name);
  detail::require_ranges(factors, design_name);
  detail::require_at_least(trajectories, 2, "the trajectory count r (sigma needs 2)", design_name);
  if (levels < 2 || levels % 2 != 0) {
    throw std::invalid_argument("morris design: " + std::to_string(levels) +
                                " grid levels; give an even number ≥ 2 (with Δ = p / (2 (p − 1)) only an even p "
                                "keeps every step on the grid)");
  }
  if (candidates != 0 && candidates < trajectories) {
    throw std::invalid_argument("morris design: " + std::to_string(candidates) +
                                " candidate trajectories to choose " + std::to_string(trajectories) +
                                " from; give at least as many candidates as trajectories, or 0 for none");
  }
  const std::size_t factor_count = factors.size();
  const std::size_t count = detail::checked_point_count(trajectories, factor_count + 1, design_name);
  detail::checked_point_count(std::max(candidates, trajectories), factor_count + 1, design_name);

  SeededRandom random(seed, RandomPurpose::morris);
  std::vector<Trajectory> drawn;
  const std::size_t draws = std::max(candidates, trajectories);
  drawn.reserve(draws);
  for (std::size_t t = 0; t < draws; ++t) drawn.push_back(draw_trajectory(factor_count, levels, random));
  if (draws > trajectories) drawn = select_spread_out(std::move(drawn), trajectories);

  Design design;
  design.kind = DesignKind::morris;
  design.names = detail::names_of(factors);
  design.trajectories = trajectories;
  design.levels = levels;
  design.points.reserve(count);
  const double last_level = static_cast<double>(levels - 1);
  for (const Trajectory& trajectory : drawn) {
    for (const auto& point_levels : trajectory) {
      std::vector<double> point(factor_count);
      for (std::size_t i = 0; i < factor_count; ++i) {
        point[i] = detail::at_fraction(factors[i], static_cast<double>(point_levels[i]) / last_level);
      }
      design.points.push_back(std::move(point));
    }
  }
  return design;
}

}  // namespace kringloop::sim::experiment
