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

namespace kringloop::test {

// Mean of a summary value over seeds.
inline double summary_mean(const std::optional<std::string>& file, const sim::config::KeyValues& overrides,
                           const std::vector<int>& seeds, const std::string& key) {
  double sum = 0;
  for (const int seed : seeds) {
    auto o = overrides;
    o.emplace_back("run.seed", std::to_string(seed));
    sum += run_scenario(file, o).summary_value(key, NAN);
  }
  return sum / static_cast<double>(seeds.size());
}

// What the shipped-scenario tests compare: the run-mean of the nature-inclusive adoption share (the
// area under the adoption curve: adoption-years per farm, which a late or interrupted scheme lowers
// even when it catches up at the end), the run-mean of trust in the province, drop-outs and money.
struct NatureOutcome {
  double adoption_mean = 0, adoption_final = 0, trust_mean = 0, dropouts = 0, paid_eur = 0;
};

inline NatureOutcome nature_outcome(const std::optional<std::string>& file, sim::config::KeyValues overrides,
                                    const std::vector<int>& seeds) {
  NatureOutcome out;
  for (const int seed : seeds) {
    auto o = overrides;
    o.emplace_back("run.seed", std::to_string(seed));
    const auto record = run_scenario(file, o);
    out.adoption_mean += mean_of(series(record, "practice/nature_inclusive/adopted_share"));
    out.adoption_final += record.summary_value("adoption.nature_inclusive.final_share", NAN);
    out.trust_mean += mean_of(series(record, "trust/province/mean"));
    out.dropouts += record.summary_value("dropouts.nature_inclusive", NAN);
    out.paid_eur += record.summary_value("subsidy.total_paid_eur", NAN);
  }
  const auto n = static_cast<double>(seeds.size());
  out.adoption_mean /= n, out.adoption_final /= n, out.trust_mean /= n, out.dropouts /= n, out.paid_eur /= n;
  return out;
}

}  // namespace kringloop::test
