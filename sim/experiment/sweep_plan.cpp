#include "sim/experiment/sweep_plan.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/config/limits.hpp"
#include "sim/config/value_parse.hpp"
#include "sim/experiment/categorical_factor.hpp"
#include "sim/errors.hpp"

namespace kringloop::sim::experiment {

namespace {

[[noreturn]] void bad_vary(const std::string& text, const std::string& problem) {
  throw ConfigError("--vary " + text + ": " + problem);
}

double parse_number(const std::string& text, const std::string& value, bool integer) {
  const auto number = config::parse_real(value);
  if (!number || !std::isfinite(*number)) bad_vary(text, "'" + value + "' is not a number");
  if (integer && std::round(*number) != *number) bad_vary(text, "'" + value + "' is not an integer (the key takes integers)");
  return *number;
}

}  // namespace

VariedKey parse_vary(const std::string& text, const config::ParameterRegistry& registry,
                     const config::ResolvedConfig& base) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
    bad_vary(text, "expected KEY=V1,V2,... (a list of values) or KEY=LO:HI (a range)");
  const std::string key = config::trim(text.substr(0, equals));
  const std::string values = config::trim(text.substr(equals + 1));
  config::check_key_length(key, "--vary");
  const config::ParameterSpec* spec = registry.find(key);
  if (spec == nullptr) bad_vary(text, "unknown key '" + key + "'" + registry.suggestion(key));
  if (!base.has(key))
    bad_vary(text, "the scenario has no '" + key + "' (its section does not exist in the scenario)");
  if (key == "run.seed") bad_vary(text, "the seed is not a design factor; use --seed and --replications");
  VariedKey varied;
  if (is_categorical(spec->type)) {
    varied.labels = parse_categorical_levels(text, key, values, *spec, registry);
    varied.factor.name = key;
    return varied;
  }
  if (spec->type != config::ValueType::integer && spec->type != config::ValueType::real)
    bad_vary(text, "'" + key + "' is a " + config::type_name(spec->type) +
                       " option; vary numbers, words or booleans (for lists, vary scenario files with --scenarios)");
  varied.integer = spec->type == config::ValueType::integer;
  varied.factor.name = key;
  const std::string origin = "--vary " + key;
  if (values.find(':') != std::string::npos) {
    const auto colon = values.find(':');
    const std::string low = config::trim(values.substr(0, colon)), high = config::trim(values.substr(colon + 1));
    if (low.empty() || high.empty() || high.find(':') != std::string::npos) bad_vary(text, "a range is LO:HI, e.g. 0.1:0.5");
    varied.factor.lower = parse_number(text, low, varied.integer);
    varied.factor.upper = parse_number(text, high, varied.integer);
    registry.check_value(*spec, key, low, origin);
    registry.check_value(*spec, key, high, origin);
    if (!(varied.factor.lower < varied.factor.upper))
      bad_vary(text, "empty or inverted range (LO must be below HI)");
  } else {
    const auto items = config::split_list(values);
    if (items.empty()) bad_vary(text, "no values");
    std::set<double> seen;
    for (const auto& item : items) {
      registry.check_value(*spec, key, item, origin);
      const double value = parse_number(text, item, varied.integer);
      if (!seen.insert(value).second) bad_vary(text, "value " + item + " is given twice");
      varied.factor.levels.push_back(value);
    }
  }
  return varied;
}

namespace {

// One design point without factors: the replications of a single scenario.
Design single_point() {
  Design design;
  design.kind = DesignKind::grid;
  design.points.assign(1, {});
  return design;
}

}  // namespace

output::SweepIdentity plan_sweep(const SweepRequest& request, const config::ParameterRegistry& registry,
                                 const config::ResolvedConfig& base) {
  if (request.replications == 0) throw ConfigError("sweep: --replications must be at least 1");
  // Counts are bounded before anything is allocated (a grid of 10^9 levels would allocate first).
  if (request.replications > max_design_points)
    throw ConfigError("sweep: --replications " + std::to_string(request.replications) + ": at most " +
                      std::to_string(max_design_points) + " runs in a sweep");
  if (request.samples && *request.samples > max_design_points)
    throw ConfigError("sweep: --samples " + std::to_string(*request.samples) + ": at most " +
                      std::to_string(max_design_points) + " (the limit on design points)");
  if (request.morris_levels > limits::max_morris_levels)
    throw ConfigError("sweep: --levels " + std::to_string(request.morris_levels) + ": at most " +
                      std::to_string(limits::max_morris_levels));
  DesignKind kind;
  try {
    kind = parse_design_kind(request.design);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(std::string("--design: ") + error.what());
  }
  const std::string design_name(to_string(kind));
  const bool scenarios = !request.scenario_labels.empty();
  if (scenarios && request.scenario_labels.size() != request.scenario_configs.size())
    throw ConfigError("sweep: --scenarios: internal error (labels and scenarios differ in number)");
  if (request.vary.empty() && !scenarios && kind != DesignKind::grid)
    throw ConfigError("--design " + design_name + " needs factors: give --vary KEY=LO:HI (without --vary a sweep "
                      "runs --replications R of one scenario)");

  std::vector<VariedKey> varied;
  if (scenarios) {
    VariedKey scenario;
    scenario.factor.name = output::scenario_factor_name;
    scenario.labels = request.scenario_labels;
    varied.push_back(scenario);
  }
  for (const auto& text : request.vary) {
    varied.push_back(parse_vary(text, registry, base));
    for (const auto& other : request.scenario_configs)
      if (!other.has(varied.back().factor.name))
        bad_vary(text, "a scenario of --scenarios has no '" + varied.back().factor.name + "'");
    for (std::size_t k = 0; k + 1 < varied.size(); ++k)
      if (varied[k].factor.name == varied.back().factor.name) bad_vary(text, "the key is varied twice");
  }
  std::vector<Factor> factors;
  for (auto& v : varied)
    factors.push_back(v.labels.empty() ? v.factor : categorical_factor(v.factor.name, v.labels.size(), kind));
  bool has_range = false;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const Factor& factor = factors[i];
    has_range = has_range || !factor.is_list();
    if (kind != DesignKind::grid && factor.is_list())
      throw ConfigError("--design " + design_name + " samples ranges: give '" + factor.name +
                        "' as KEY=LO:HI (lists of values work with --design grid only)");
  }
  if (kind == DesignKind::grid && has_range && !request.samples)
    throw ConfigError("--design grid with a range (KEY=LO:HI) needs --samples N: the number of levels per range "
                      "(or give a list of values KEY=V1,V2,...)");
  if (kind != DesignKind::grid && !request.samples)
    throw ConfigError("--design " + design_name + " needs --samples N (" +
                      (kind == DesignKind::lhs     ? "number of points"
                       : kind == DesignKind::sobol ? "base samples N; runs = N (P + 2) points"
                                                   : "number of trajectories; runs = r (P + 1) points") +
                      ")");
  Design design;
  try {
    const std::size_t samples = request.samples.value_or(2);
    if (factors.empty()) {
      design = single_point();
    } else {
      switch (kind) {
        case DesignKind::grid: design = make_grid(factors, samples); break;
        case DesignKind::lhs: design = make_lhs(factors, samples, request.seed); break;
        case DesignKind::sobol: design = make_sobol(factors, samples, request.seed); break;
        case DesignKind::morris: design = make_morris(factors, samples, request.morris_levels, request.seed); break;
      }
    }
  } catch (const std::invalid_argument& error) {
    throw ConfigError(std::string("sweep: ") + error.what());
  } catch (const std::length_error& error) {
    throw ConfigError(std::string("sweep: ") + error.what());
  }

  output::SweepIdentity identity;
  identity.scenario_text = scenarios ? request.scenario_configs.front().to_ini() : base.to_ini();
  identity.design = design_name;
  identity.names = design.names;
  bool categorical = false;
  for (const auto& v : varied) {
    categorical = categorical || !v.labels.empty();
    identity.integer_keys.push_back(!v.labels.empty() ? output::factor_categorical
                                    : v.integer       ? output::factor_integer
                                                      : output::factor_real);
  }
  if (categorical)
    for (const auto& v : varied) identity.labels.push_back(v.labels);
  if (scenarios)
    for (const auto& config : request.scenario_configs) identity.scenario_texts.push_back(config.to_ini());
  identity.raw_points = design.points;
  identity.points = design.points;
  // Integer keys take the nearest integer, categorical ones their level; each value the runs will
  // use passes the registry check.
  for (std::size_t d = 0; d < identity.points.size(); ++d) {
    for (std::size_t i = 0; i < factors.size(); ++i) {
      double& value = identity.points[d][i];
      if (!varied[i].labels.empty()) {
        value = static_cast<double>(categorical_level(value, varied[i].labels.size()));
        continue;  // levels were checked when parsed
      }
      if (varied[i].integer) value = std::round(value);
      registry.check_value(*registry.find(factors[i].name), factors[i].name,
                           output::factor_value_text(value, varied[i].integer),
                           "--vary " + factors[i].name + " (design point " + std::to_string(d) + ")");
    }
  }
  const auto base_of = [&](std::size_t point) -> const config::ResolvedConfig& {
    return scenarios ? request.scenario_configs.at(static_cast<std::size_t>(identity.points[point][0])) : base;
  };
  DerivedKeys derived = renormalise_shares(request.share_groups, identity.names, identity.points,
                                           [&](std::size_t point, const std::string& key) { return base_of(point).real(key); });
  identity.derived_names = std::move(derived.names);
  identity.derived_points = std::move(derived.values);
  identity.base_samples = design.base_samples;
  identity.trajectories = design.trajectories;
  identity.levels = design.levels;
  identity.seed = request.seed;
  identity.replications = request.replications;
  if (identity.points.size() > max_design_points / identity.replications)
    throw ConfigError("sweep: " + std::to_string(identity.points.size()) + " points × " +
                      std::to_string(identity.replications) + " replications is too many runs");
  return identity;
}

std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto index = slash == std::string::npos ? std::nullopt : config::parse_integer(text.substr(0, slash));
  const auto count = slash == std::string::npos ? std::nullopt : config::parse_integer(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *index < 0 || *index >= *count)
    throw ConfigError("--shard " + text + ": expected I/N with 0 <= I < N, e.g. --shard 0/4");
  return {static_cast<std::uint64_t>(*index), static_cast<std::uint64_t>(*count)};
}

}  // namespace kringloop::sim::experiment
