// The scenarios a server offers: the embedded default and every configs/*.ini, each with the
// description its file opens with (the leading comment block), and the levers a dashboard shows.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "sim/cli/json.hpp"

namespace kringloop::agents::serve {

// [{"name", "file", "description"}], "default" first, then by name.
sim::cli::Json scenario_list(const std::filesystem::path& configs_dir);

// The scenario file of a listed name: nullopt for "default"; throws ConfigError for another name.
std::optional<std::string> scenario_file(const std::filesystem::path& configs_dir, const std::string& name);

// The levers of one scenario with their schema (unit, range, meaning, source) and current value:
// [{"key", "value", "unit", "min", "max", "choices", "meaning", "source", "mid_run"}].
sim::cli::Json scenario_levers(const std::optional<std::string>& scenario_file);

}  // namespace kringloop::agents::serve
