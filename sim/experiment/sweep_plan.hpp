// From `--vary KEY=...` arguments to a validated sweep: which keys, which design, which values.
// Every value of every design point is checked against the parameter registry (type and range)
// before any run starts, so a long sweep never fails half-way on a value it could have refused.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/parameter_registry.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/experiment/design.hpp"
#include "sim/experiment/share_groups.hpp"
#include "sim/output/journal.hpp"

namespace kringloop::sim::experiment {

struct SweepRequest {
  std::vector<std::string> vary;          // "KEY=V1,V2,..." (a list) or "KEY=LO:HI" (a range)
  std::string design = "grid";
  std::optional<std::uint64_t> samples;   // grid: levels per range; lhs: points; sobol: N; morris: trajectories
  std::uint64_t morris_levels = 4;
  std::uint64_t replications = 1;
  std::uint64_t seed = 0;                 // root seed
  // --scenarios A.ini B.ini: the base scenario is a categorical design factor of its own (named
  // "scenario", first in the design); labels are the files as given, configs their resolved scenarios.
  std::vector<std::string> scenario_labels;
  std::vector<config::ResolvedConfig> scenario_configs;
  std::vector<ShareGroup> share_groups;   // keys that keep their sum (share_groups.hpp)
};

struct VariedKey {
  Factor factor;
  bool integer = false;
  std::vector<std::string> labels;  // a categorical option's levels (categorical_factor.hpp)
};

// Parses one --vary argument; checks the key (unknown → nearest name), its type (numbers, words or
// booleans; not lists) and every given value. Throws ConfigError.
VariedKey parse_vary(const std::string& text, const config::ParameterRegistry& registry,
                     const config::ResolvedConfig& base);

// Builds the design and the sweep's identity (base scenario = base.to_ini()). Without --vary and
// --scenarios the design is one point without factors: plain replications of the base scenario.
// Throws ConfigError.
output::SweepIdentity plan_sweep(const SweepRequest& request, const config::ParameterRegistry& registry,
                                 const config::ResolvedConfig& base);

// "I/N" → (I, N) with 0 ≤ I < N. Throws ConfigError.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text);

}  // namespace kringloop::sim::experiment
