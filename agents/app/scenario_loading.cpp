#include "agents/app/scenario_loading.hpp"

#include "agents/embedded_default.hpp"
#include "agents/parameters/registry.hpp"

namespace kringloop::agents {

sim::config::ResolvedConfig resolve_scenario_config(const std::optional<std::string>& scenario_file,
                                                    const sim::config::KeyValues& overrides) {
  std::vector<sim::config::ResolvedConfig::Layer> layers;
  layers.push_back({sim::config::read_ini(embedded_default_scenario, "default.ini (embedded)"), "default.ini (embedded)"});
  if (scenario_file) {
    const std::string text = sim::config::read_scenario_file(*scenario_file);
    layers.push_back({sim::config::read_ini(text, *scenario_file), *scenario_file});
  }
  layers.push_back({overrides, "command line"});
  return sim::config::ResolvedConfig::resolve(parameter_registry(), layers);
}

LoadedScenario load_scenario(const std::optional<std::string>& scenario_file, const sim::config::KeyValues& overrides) {
  auto config = resolve_scenario_config(scenario_file, overrides);
  Scenario scenario = build_scenario(config);
  return {std::move(config), std::move(scenario)};
}

}  // namespace kringloop::agents
