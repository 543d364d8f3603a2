// Runs a scenario in process for validation tests: the embedded default, optionally a scenario
// file from configs/, plus `--key value` overrides, exactly as `kringloop run` would.
#pragma once
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"

namespace kringloop::test {

inline std::string config_path(const std::string& name) { return std::string(KRINGLOOP_SOURCE_DIR) + "/configs/" + name; }

inline sim::output::RunRecord run_scenario(const std::optional<std::string>& file, sim::config::KeyValues overrides) {
  const auto loaded = agents::load_scenario(file ? std::optional(config_path(*file)) : std::nullopt, overrides);
  return agents::run_model(loaded.scenario);
}

inline const std::vector<double>& series(const sim::output::RunRecord& record, const std::string& path) {
  const auto* s = record.find_series(path);
  if (!s) throw std::runtime_error("no series " + path);
  return s->values;
}

inline double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? NAN : sum / static_cast<double>(values.size());
}

// Only nature_inclusive, the land-bound practice most patterns are about.
inline sim::config::KeyValues nature_only(int farmers, int years) {
  return {{"population.farmers", std::to_string(farmers)}, {"run.years", std::to_string(years)},
          {"practice.manure_valorisation.enabled", "false"}, {"practice.performance_monitor.enabled", "false"},
          {"practice.land_exchange.enabled", "false"}};
}

}  // namespace kringloop::test
