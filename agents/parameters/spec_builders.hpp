// Short constructors for parameter specs, so each registration reads as one line of a table.
#pragma once
#include <limits>
#include <string>
#include <vector>

#include "sim/config/parameter_registry.hpp"

namespace kringloop::agents::spec {

using sim::config::ParameterSpec;
using sim::config::ValueType;
inline constexpr double unbounded = std::numeric_limits<double>::infinity();

inline ParameterSpec real(std::string key, std::string default_value, std::string unit, double min, double max,
                          std::string meaning, std::string source) {
  return {std::move(key), ValueType::real, std::move(default_value), std::move(unit), min, max, {}, std::move(meaning),
          std::move(source)};
}
inline ParameterSpec integer(std::string key, std::string default_value, std::string unit, double min, double max,
                             std::string meaning, std::string source) {
  return {std::move(key), ValueType::integer, std::move(default_value), std::move(unit), min, max, {}, std::move(meaning),
          std::move(source)};
}
inline ParameterSpec boolean(std::string key, std::string default_value, std::string meaning, std::string source) {
  return {std::move(key), ValueType::boolean, std::move(default_value), "", -unbounded, unbounded, {}, std::move(meaning),
          std::move(source)};
}
inline ParameterSpec text(std::string key, std::string default_value, std::string meaning) {
  return {std::move(key), ValueType::text, std::move(default_value), "", -unbounded, unbounded, {}, std::move(meaning), ""};
}
inline ParameterSpec choice(std::string key, std::string default_value, std::vector<std::string> choices,
                            std::string meaning, std::string source) {
  return {std::move(key), ValueType::choice, std::move(default_value), "", -unbounded, unbounded, std::move(choices),
          std::move(meaning), std::move(source)};
}
inline ParameterSpec choice_list(std::string key, std::string default_value, std::vector<std::string> choices,
                                 std::string meaning, std::string source) {
  return {std::move(key), ValueType::choice_list, std::move(default_value), "", -unbounded, unbounded,
          std::move(choices), std::move(meaning), std::move(source)};
}

inline const std::vector<std::string> farm_types{"arable", "dairy", "mixed", "intensive_livestock"};

}  // namespace kringloop::agents::spec
