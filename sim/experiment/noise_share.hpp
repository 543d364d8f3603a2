// Run-to-run noise in a replicated design: how much of a metric's variance is the seed rather than
// the factors. A stochastic model gives y = f(x) + ε at each design point x, with ε of variance σ²
// independent of x (the usual homoscedastic assumption, Marrel et al. 2012 "Global sensitivity
// analysis of stochastic computer models with joint metamodels"). With R replications per point:
//   σ²   pooled within-point sample variance  Σ_d Σ_r (y_dr − ȳ_d)² / Σ_d (R_d − 1)
//   V_f  variance of f over the design         Var_d(ȳ_d) − σ² · mean_d(1/R_d)
//   noise share of a single run                σ² / (σ² + V_f)
//   noise share of a point mean                (σ² mean(1/R_d)) / Var_d(ȳ_d)
// The second share is what is left in the indices computed on point means; the first is what a
// reader of one run should expect. The share comes with a percentile bootstrap interval that
// resamples design points, each with all its replications: each point's mean carries its own
// noise, so resampling points propagates both the sampling of the design and the noise (Davison &
// Hinkley 1997 §3.8 recommend resampling the first stage only; resampling replications as well
// would add their noise a second time and bias the design variance up by σ²/R).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/experiment/design.hpp"

namespace kringloop::sim::experiment {

// Per design point, the finite outputs of its replications, in replication order.
using PointOutputs = std::vector<std::vector<double>>;

struct NoiseShare {
  std::size_t replications = 0;  // the largest number of values at a point
  double noise_variance;         // σ²; NaN when no point has two values
  double design_variance;        // V_f (never below 0)
  double share, share_low, share_high;  // of a single run; NaN when σ² is unknown
  double mean_share;                    // of a point mean
};

// Throws std::invalid_argument when a point has no value, or confidence is outside (0, 1).
NoiseShare noise_share(const PointOutputs& outputs, std::size_t bootstrap = 1000, double confidence = 0.95,
                       std::uint64_t seed = 1);

// Pooled within-point variance σ² (NaN when no point has two values) and the mean of 1/R_d.
struct PooledNoise {
  double variance;
  double mean_inverse_count;
};
PooledNoise pooled_noise(const PointOutputs& outputs);

// Runs with a non-finite output are dropped; a point left with no value cannot be used, nor can
// the block it belongs to (a sobol base row of P + 2 points, a morris trajectory of P + 1), since
// the estimators need whole blocks. Returns the design and outputs without those blocks.
struct CompleteBlocks {
  Design design;
  PointOutputs outputs;
  std::size_t dropped_runs = 0, dropped_blocks = 0;
};
// `runs` holds R values per point in run order (point-major). Throws std::invalid_argument for a
// design that is not sobol or morris, or a `runs` of the wrong length.
CompleteBlocks complete_blocks(const Design& design, const std::vector<double>& runs, std::size_t replications);

}  // namespace kringloop::sim::experiment
