// Sensitivity indices from the outputs of a sobol or morris design (design.hpp), one output per
// design point, in run order. Several outputs (metrics) are analysed by calling these once each.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment/design.hpp"
#include "sim/experiment/noise_share.hpp"

namespace kringloop::sim::experiment {

// Variance-based indices per factor, with bootstrap percentile intervals [low, high] at `confidence`.
// first: S_i, the share of output variance due to factor i alone; total: ST_i, the share due to
// factor i including all its interactions. All NaN when the output does not vary (V = 0); the
// intervals are NaN when bootstrap = 0.
struct SobolIndices {
  std::vector<std::string> names;
  std::vector<double> first, first_low, first_high;
  std::vector<double> total, total_low, total_high;
  double confidence = 0.95;
  std::size_t bootstrap = 0;
  double variance = 0;  // V: variance of the outputs at A and B (less mean_noise), the denominator of every index
  double mean_noise = 0;  // σ² mean(1/R): noise left in a point mean, removed from V and ST (0 without replications)
};

// Estimators as recommended by Saltelli et al. (2010, "Variance based sensitivity analysis of model
// output", Comput. Phys. Commun. 181, 259–270), with V the variance of f_A ∪ f_B:
//   S_i  = (1/N)  Σ_j f_B,j (f_ABi,j − f_A,j) / V      (Saltelli et al. 2010)
//   ST_i = (1/2N) Σ_j (f_A,j − f_ABi,j)²      / V      (Jansen 1999)
// f_B and f_ABi share only x_i, so the first sum estimates V_i; f_A and f_ABi share all but x_i, so
// the second estimates E[Var(y | x_~i)]. These are SALib's sobol.analyze estimators.
// Intervals: `bootstrap` resamples of the N base rows with replacement (Efron's percentile interval),
// drawn from a generator seeded with `seed`, so they are reproducible. Resampling treats the rows as
// independent draws, so on Sobol' points (which are better spread than random ones) the intervals
// are conservative: wider than the estimate's actual error. Throws std::invalid_argument
// for a design that is not sobol, a y of the wrong length or with a non-finite value, or a confidence
// outside (0, 1).
SobolIndices sobol_indices(const Design& design, const std::vector<double>& y, std::size_t bootstrap = 1000,
                           double confidence = 0.95, std::uint64_t seed = 1);

// Replicated outputs (noise_share.hpp): the indices of the mean response E[y | x], computed on the
// point means. The noise left in a mean, σ² mean(1/R_d), inflates V and the Jansen sum (each of its
// two terms carries it) but not S_i's sum (its noise terms have mean 0), so it is subtracted from
// both: V_f = V − σ²/R, ST_i = ((1/2N) Σ (f_A − f_ABi)² − σ²/R) / V_f, S_i = (…) / V_f. Bootstrap
// draws resample base rows, each point with all its replications; σ² is re-estimated from the rows
// drawn. Each point mean carries its own noise, so the intervals reflect both the design's sampling
// and the noise (noise_share.hpp says why replications are not resampled a second time). With one
// value per point this is exactly the function above.
// Throws std::invalid_argument as above, or when a point has no value.
SobolIndices sobol_indices(const Design& design, const PointOutputs& outputs, std::size_t bootstrap = 1000,
                           double confidence = 0.95, std::uint64_t seed = 1);

// Elementary-effects statistics per factor over the r trajectories (Morris 1991; mu_star from
// Campolongo, Cariboni & Saltelli 2007). An elementary effect is the output change per unit-cube step,
// EE = (y(x + Δ e_i) − y(x)) / Δ with the step taken as a fraction of the factor's range: the output
// change per full range of the factor, so factors of different units compare. (For EE per unit of
// the factor itself, divide by upper − lower.)
//   mu      mean EE: the overall effect and its sign (effects of opposite sign can cancel)
//   mu_star mean |EE|: the overall importance (no cancellation)
//   sigma   sample standard deviation of EE (n − 1): non-linearity or interactions
struct MorrisIndices {
  std::vector<std::string> names;
  std::vector<double> mu, mu_star, sigma;
};

// Throws std::invalid_argument for a design that is not morris (or whose trajectories do not move each
// factor exactly once, one at a time), or a y of the wrong length or with a non-finite value.
MorrisIndices morris_indices(const Design& design, const std::vector<double>& y);

}  // namespace kringloop::sim::experiment
