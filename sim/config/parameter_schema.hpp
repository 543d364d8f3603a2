// The parameter registry as data for programs: `kringloop options --json` and the Python module's
// `kringloop.options()` print and return this one schema.
#pragma once
#include "sim/cli/json.hpp"
#include "sim/config/parameter_registry.hpp"

namespace kringloop::sim::config {

// {"options": [{"key", "type", "default", "default_text", "unit", "min", "max", "choices", "meaning",
// "source"}, ...]} in registry order. `default` is typed (number, bool, string or list of strings);
// `min`/`max` are null when unbounded; `choices` lists the allowed words of choice types.
cli::Json parameter_schema(const ParameterRegistry& registry);

}  // namespace kringloop::sim::config
