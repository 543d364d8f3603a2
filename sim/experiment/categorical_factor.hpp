// Categorical factors: options whose values are words (`--vary network.mode=knn,well_mixed`),
// booleans, or the base scenario itself (`--scenarios A.ini B.ini`). A design sees a factor of L
// levels as a number: a grid lists the indices 0 … L−1; lhs, sobol and morris sample the range
// [0, L] and a run takes level floor(x) (L−1 at x = L), so every level owns an equal share of the
// range and variance-based indices apportion variance to the factor as a whole.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "sim/config/parameter_registry.hpp"
#include "sim/experiment/design.hpp"

namespace kringloop::sim::experiment {

// Option types varied by naming their levels rather than by number.
bool is_categorical(config::ValueType type);

// The design factor of a categorical option with `level_count` levels (≥ 2 for sampled designs).
Factor categorical_factor(const std::string& name, std::size_t level_count, DesignKind kind);

// The level a design value stands for: floor(raw), clamped to [0, L − 1].
std::size_t categorical_level(double raw, std::size_t level_count);

// Levels of `--vary KEY=A,B,...` for a categorical option: each checked against the registry, no
// level twice, no range syntax. Throws ConfigError naming the --vary argument.
std::vector<std::string> parse_categorical_levels(const std::string& text, const std::string& key,
                                                  const std::string& values, const config::ParameterSpec& spec,
                                                  const config::ParameterRegistry& registry);

}  // namespace kringloop::sim::experiment
