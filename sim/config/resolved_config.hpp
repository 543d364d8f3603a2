// A scenario after reading and validation: every registered key has a value (defaults filled in),
// each value has passed its type and range check, and each remembers where it came from. Layers,
// later ones winning: the base scenario (the embedded default), the scenario file, command-line
// overrides. `to_ini()` writes it all back out, so an output file can reproduce its own run.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/config/parameter_registry.hpp"

namespace kringloop::sim::config {

struct Setting {
  std::string value;
  std::string origin;  // "default.ini", "my.ini", "command line", "built-in default"
};

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// Reads INI text with Boost.Program_options. Sections become key prefixes ("[scheme.a] amount" ->
// "scheme.a.amount"). Throws ConfigError on a duplicate section or key, or a line that is not INI.
KeyValues read_ini(std::string_view text, std::string_view origin);

// Reads a scenario file; throws ConfigError when it is missing or unreadable.
std::string read_scenario_file(const std::filesystem::path& path);

class ResolvedConfig {
 public:
  struct Layer {
    KeyValues values;
    std::string origin;
  };

  // Throws ConfigError for an unknown key (with the nearest valid name) or a bad value.
  static ResolvedConfig resolve(const ParameterRegistry& registry, const std::vector<Layer>& layers);

  // Replaces one value after resolution (sweeps); validated like any other.
  void set(const ParameterRegistry& registry, const std::string& key, const std::string& value, const std::string& origin);

  bool has(std::string_view key) const { return settings_.find(std::string(key)) != settings_.end(); }
  const std::string& text(std::string_view key) const;
  double real(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::vector<std::string> list(std::string_view key) const;

  // Names of the sections of one kind, sorted: instances("scheme") -> {"continuous", "investment"}.
  std::vector<std::string> instances(std::string_view kind) const;

  // Canonical INI text of every setting, sections in registry order, instances by name.
  std::string to_ini() const;

  const std::map<std::string, Setting>& settings() const { return settings_; }

 private:
  void fill_defaults(const ParameterRegistry& registry);
  std::map<std::string, Setting> settings_;
  std::vector<std::string> key_order_;  // registry order of plain keys and templates, for to_ini
};

}  // namespace kringloop::sim::config
