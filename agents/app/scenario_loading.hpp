// From command line to a validated scenario: the embedded default is the base layer, a scenario
// file (if any) overlays it, then `--section.key VALUE` overrides. Shared by run, validate and sweep.
#pragma once
#include <optional>
#include <string>

#include "agents/scenario/scenario.hpp"
#include "sim/config/resolved_config.hpp"

namespace kringloop::agents {

struct LoadedScenario {
  sim::config::ResolvedConfig config;
  Scenario scenario;
};

sim::config::ResolvedConfig resolve_scenario_config(const std::optional<std::string>& scenario_file,
                                                    const sim::config::KeyValues& overrides);

LoadedScenario load_scenario(const std::optional<std::string>& scenario_file, const sim::config::KeyValues& overrides);

}  // namespace kringloop::agents
