// Fuzzes command-line overrides: the input is split at NUL bytes into arguments (as argv would be),
// `--section.key VALUE` pairs are taken out and resolved over the default scenario. Typed errors are
// expected; a crash, another exception or a value that does not survive the INI round trip is not.
#include <cstdlib>
#include <string>
#include <vector>

#include "agents/embedded_default.hpp"
#include "agents/parameters/registry.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace config = kringloop::sim::config;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> arguments(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) arguments.emplace_back();
    else arguments.back() += static_cast<char>(data[i]);
  }
  const auto& registry = kringloop::agents::parameter_registry();
  try {
    const auto split = kringloop::sim::cli::split_overrides(arguments);
    const auto defaults = config::read_ini(kringloop::agents::embedded_default_scenario, "default.ini");
    const auto config = config::ResolvedConfig::resolve(registry, {{defaults, "default.ini"}, {split.overrides, "command line"}});
    const auto scenario = kringloop::agents::build_scenario(config);
    const std::string ini = config.to_ini();
    const auto again = config::ResolvedConfig::resolve(registry, {{config::read_ini(ini, "round trip"), "round trip"}});
    if (again.to_ini() != ini) std::abort();
  } catch (const kringloop::sim::ConfigError&) {
  }
  return 0;
}
