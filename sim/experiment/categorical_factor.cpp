#include "sim/experiment/categorical_factor.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/config/value_parse.hpp"
#include "sim/errors.hpp"

namespace kringloop::sim::experiment {

bool is_categorical(config::ValueType type) {
  return type == config::ValueType::choice || type == config::ValueType::boolean || type == config::ValueType::text;
}

Factor categorical_factor(const std::string& name, std::size_t level_count, DesignKind kind) {
  Factor factor;
  factor.name = name;
  if (kind == DesignKind::grid) {
    for (std::size_t k = 0; k < level_count; ++k) factor.levels.push_back(static_cast<double>(k));
  } else {
    factor.lower = 0;
    factor.upper = static_cast<double>(level_count);
  }
  return factor;
}

std::size_t categorical_level(double raw, std::size_t level_count) {
  if (!(raw > 0)) return 0;
  const double level = std::floor(raw);
  return level >= static_cast<double>(level_count) ? level_count - 1 : static_cast<std::size_t>(level);
}

std::vector<std::string> parse_categorical_levels(const std::string& text, const std::string& key,
                                                  const std::string& values, const config::ParameterSpec& spec,
                                                  const config::ParameterRegistry& registry) {
  const auto fail = [&](const std::string& problem) { throw ConfigError("--vary " + text + ": " + problem); };
  if (spec.type == config::ValueType::choice && values.find(':') != std::string::npos)
    fail("'" + key + "' takes words, not a range; list its values: " + key + "=A,B,...");
  const auto items = config::split_list(values);
  if (items.empty()) fail("no values");
  std::vector<std::string> levels;
  std::set<std::string> seen;
  for (const auto& item : items) {
    registry.check_value(spec, key, item, "--vary " + key);
    std::string level = item;
    if (spec.type == config::ValueType::boolean) {
      const auto truth = config::parse_boolean(item);
      level = truth && *truth ? "true" : "false";  // check_value has refused anything else
    }
    if (!seen.insert(level).second) fail("value " + item + " is given twice");
    levels.push_back(level);
  }
  return levels;
}

}  // namespace kringloop::sim::experiment
