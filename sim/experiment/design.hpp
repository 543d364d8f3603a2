// Experiment designs for parameter sweeps: which parameter values to run, in which order.
//
//   grid    full factorial; the plain "try every combination" sweep
//   lhs     Latin hypercube (McKay, Beckman & Conover 1979): space-filling, any sample count
//   sobol   Saltelli (2002, 2010) scheme on a Sobol' sequence, for variance-based indices
//   morris  Morris (1991) one-at-a-time trajectories, optionally spread out as in Campolongo,
//           Cariboni & Saltelli (2007), for elementary-effects screening
//
// A design is plain data (names and a D × P table of values in run order) so that the sweep
// command can run, store and resume it without knowing how it was made; sensitivity.hpp reads the
// sobol and morris layouts back. Every random choice is a pure function of the seed (std::mt19937_64,
// whose output the C++ standard fixes), so a design is identical on every platform for one seed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kringloop::sim::experiment {

// One varied parameter. A non-empty `levels` makes it a discrete list of values (grid designs only);
// otherwise it is the continuous range [lower, upper], lower < upper.
struct Factor {
  std::string name;
  double lower = 0, upper = 0;
  std::vector<double> levels;

  bool is_list() const { return !levels.empty(); }
};

enum class DesignKind { grid, lhs, sobol, morris };

// "grid", "lhs", "sobol" or "morris"; anything else throws std::invalid_argument listing these.
DesignKind parse_design_kind(std::string_view text);
std::string_view to_string(DesignKind kind);

struct Design {
  DesignKind kind = DesignKind::grid;
  std::vector<std::string> names;            // P factor names, in the order of the values in a point
  std::vector<std::vector<double>> points;   // D points × P values, in run order
  std::size_t base_samples = 0;              // sobol: N (points = N (P + 2)); lhs: the sample count
  std::size_t trajectories = 0, levels = 0;  // morris: r trajectories on a p-level grid; points = r (P + 1)
};

// No design may hold more points than this: beyond it a typo (a grid of 10 factors × 10 levels) would
// otherwise exhaust memory before anything is run.
inline constexpr std::size_t max_design_points = 10'000'000;

// Full factorial. Ranges get `levels_for_ranges` (≥ 2) evenly spaced levels, ends included; lists are
// used as given. The first factor varies slowest (row-major, like nested loops in factor order).
Design make_grid(const std::vector<Factor>& factors, std::size_t levels_for_ranges);

// Latin hypercube of `samples` (≥ 2) points: each factor's range is cut into `samples` equal strata,
// each stratum holds exactly one point, at a uniform random position inside it; strata are matched
// across factors by an independent random permutation per factor.
Design make_lhs(const std::vector<Factor>& factors, std::size_t samples, std::uint64_t seed);

// How the Sobol' points behind a Saltelli design are randomised.
enum class SobolScramble {
  none,           // the plain Joe-Kuo sequence, as SALib's saltelli/sobol sampler (the seed is unused)
  digital_shift,  // XOR with a seeded random 32-bit word per dimension (a random digital shift; Owen
                  // 2003, Dick & Pillichshammer 2010): keeps every net property of the sequence, makes
                  // each point uniform on the cube, and gives each seed its own design
};

// Saltelli design with N = `base_samples` (≥ 2; a power of two keeps the Sobol' points balanced)
// and P ≤ 32 factors (the sequence carries 64 dimensions). Base matrices: A = dimensions 1 … P,
// B = dimensions P+1 … 2P of Sobol' points 1 … N; point 0, the origin, is skipped (it would put
// every factor at its lower bound at once, and A_0 = B_0 there, a row that carries no information).
// AB^i is A with column i taken from B.
//
// Run order, per base row j = 0 … N−1 (the order of SALib's saltelli.sample without second order):
//   A_j, AB_j^1, …, AB_j^P, B_j
// so point j (P + 2) + k holds: k = 0 → A_j, k = 1 … P → AB_j^k, k = P + 1 → B_j (see SaltelliRows).
// Keeping a base row's P + 2 runs together means a sweep stopped early still leaves whole rows.
Design make_sobol(const std::vector<Factor>& factors, std::size_t base_samples, std::uint64_t seed,
                  SobolScramble scramble = SobolScramble::digital_shift);

// Indices of the runs of base row j in a Saltelli design with P factors (layout of make_sobol).
struct SaltelliRows {
  std::size_t factors;  // P
  std::size_t block() const { return factors + 2; }
  std::size_t a(std::size_t row) const { return row * block(); }
  std::size_t ab(std::size_t row, std::size_t factor) const { return row * block() + 1 + factor; }
  std::size_t b(std::size_t row) const { return row * block() + factors + 1; }
};

// Morris design: `trajectories` (r ≥ 2) one-at-a-time trajectories of P + 1 points each, on the grid
// of `levels` (p, even, ≥ 2) levels {0, 1/(p−1), …, 1} scaled to each factor's range, with the step
// Δ = p / (2 (p − 1)) that Morris (1991) recommends (every level is then equally likely to be
// visited). Each trajectory starts at a random base point, then moves each factor once by ±Δ in a
// random order (Morris's B* = (J x* + (Δ/2)[(2B − J) D* + J]) P* construction). Points of trajectory
// t are t (P + 1) … t (P + 1) + P, in order.
//
// `candidates` > r turns on the spread selection of Campolongo et al. (2007): that many random
// trajectories are drawn and the r that lie furthest apart (sum of point-to-point distances) are
// kept, which covers the input space better than r random ones. Choosing the best r exactly is
// combinatorial; this keeps it greedy, dropping one at a time the trajectory that adds least to the
// total spread (cost ∝ candidates² (P + 1)² P). 0 (the default) draws r trajectories directly.
Design make_morris(const std::vector<Factor>& factors, std::size_t trajectories, std::size_t levels,
                   std::uint64_t seed, std::size_t candidates = 0);

}  // namespace kringloop::sim::experiment
