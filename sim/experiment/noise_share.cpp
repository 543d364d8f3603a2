#include "sim/experiment/noise_share.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/experiment/percentile.hpp"
#include "sim/experiment/seeded_random.hpp"

namespace kringloop::sim::experiment {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// The point estimates from one (possibly resampled) set of outputs.
struct Shares {
  double noise_variance, design_variance, share, mean_share;
};

Shares shares_of(const PointOutputs& outputs) {
  const PooledNoise pooled = pooled_noise(outputs);
  std::vector<double> means;
  means.reserve(outputs.size());
  for (const auto& values : outputs) means.push_back(mean_of(values));
  const double centre = mean_of(means);
  double spread = 0;
  for (double m : means) spread += (m - centre) * (m - centre);
  const double means_variance = spread / static_cast<double>(means.size());
  if (!std::isfinite(pooled.variance)) return {not_a_number, means_variance, not_a_number, not_a_number};
  const double mean_noise = pooled.variance * pooled.mean_inverse_count;
  const double design_variance = std::max(0.0, means_variance - mean_noise);
  const double total = pooled.variance + design_variance;
  return {pooled.variance, design_variance, total > 0 ? pooled.variance / total : not_a_number,
          means_variance > 0 ? std::min(1.0, mean_noise / means_variance) : not_a_number};
}

}  // namespace

PooledNoise pooled_noise(const PointOutputs& outputs) {
  double squares = 0, degrees = 0, inverse = 0;
  for (const auto& values : outputs) {
    inverse += 1.0 / static_cast<double>(values.size());
    if (values.size() < 2) continue;
    const double centre = mean_of(values);
    for (double v : values) squares += (v - centre) * (v - centre);
    degrees += static_cast<double>(values.size() - 1);
  }
  return {degrees > 0 ? squares / degrees : not_a_number, inverse / static_cast<double>(outputs.size())};
}

NoiseShare noise_share(const PointOutputs& outputs, std::size_t bootstrap, double confidence, std::uint64_t seed) {
  if (outputs.empty()) throw std::invalid_argument("noise share: no design points");
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("noise share: confidence " + std::to_string(confidence) + " is not between 0 and 1");
  NoiseShare result{};
  for (std::size_t d = 0; d < outputs.size(); ++d) {
    if (outputs[d].empty()) throw std::invalid_argument("noise share: design point " + std::to_string(d) + " has no value");
    result.replications = std::max(result.replications, outputs[d].size());
  }
  const Shares point = shares_of(outputs);
  result.noise_variance = point.noise_variance;
  result.design_variance = point.design_variance;
  result.share = point.share;
  result.mean_share = point.mean_share;
  result.share_low = result.share_high = not_a_number;
  if (bootstrap == 0 || !std::isfinite(point.noise_variance)) return result;

  SeededRandom random(seed, RandomPurpose::noise_bootstrap);
  std::vector<double> draws(bootstrap);
  PointOutputs sample(outputs.size());
  for (std::size_t draw = 0; draw < bootstrap; ++draw) {
    for (auto& values : sample) values = outputs[random.below(outputs.size())];
    draws[draw] = shares_of(sample).share;
  }
  result.share_low = percentile(draws, (1 - confidence) / 2);
  result.share_high = percentile(draws, (1 + confidence) / 2);
  return result;
}

CompleteBlocks complete_blocks(const Design& design, const std::vector<double>& runs, std::size_t replications) {
  std::size_t block = 0;
  if (design.kind == DesignKind::sobol) block = design.names.size() + 2;
  else if (design.kind == DesignKind::morris) block = design.names.size() + 1;
  else throw std::invalid_argument("sensitivity needs a sobol or morris design");
  if (replications == 0 || runs.size() != design.points.size() * replications)
    throw std::invalid_argument(std::to_string(runs.size()) + " outputs for " + std::to_string(design.points.size()) +
                                " points × " + std::to_string(replications) + " replications");
  CompleteBlocks result;
  result.design = design;
  result.design.points.clear();
  for (std::size_t first = 0; first + block <= design.points.size(); first += block) {
    PointOutputs outputs(block);
    bool whole = true;
    for (std::size_t k = 0; k < block; ++k) {
      for (std::size_t r = 0; r < replications; ++r) {
        const double value = runs[(first + k) * replications + r];
        if (std::isfinite(value)) outputs[k].push_back(value);
        else ++result.dropped_runs;
      }
      whole = whole && !outputs[k].empty();
    }
    if (!whole) {
      ++result.dropped_blocks;
      continue;
    }
    for (std::size_t k = 0; k < block; ++k) {
      result.design.points.push_back(design.points[first + k]);
      result.outputs.push_back(std::move(outputs[k]));
    }
  }
  const std::size_t kept = result.design.points.size() / block;
  if (design.kind == DesignKind::sobol) result.design.base_samples = kept;
  else result.design.trajectories = kept;
  return result;
}

}  // namespace kringloop::sim::experiment
