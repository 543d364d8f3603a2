// Fuzzes the scenario reader: INI text → keys and values → validated configuration → scenario. Every
// input must either be refused with a typed error (ConfigError, one line) or give a scenario whose
// INI text reads back to the same configuration (what extract and --resume rely on). Anything else
// (a crash, another exception, a round trip that changes a value) is a finding.
#include <cstdlib>
#include <string>

#include "agents/embedded_default.hpp"
#include "agents/parameters/registry.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace config = kringloop::sim::config;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto& registry = kringloop::agents::parameter_registry();
  try {
    const auto defaults = config::read_ini(kringloop::agents::embedded_default_scenario, "default.ini");
    const auto config = config::ResolvedConfig::resolve(registry, {{defaults, "default.ini"}, {config::read_ini(text, "fuzz"), "fuzz"}});
    const auto scenario = kringloop::agents::build_scenario(config);
    const std::string ini = config.to_ini();
    const auto again = config::ResolvedConfig::resolve(registry, {{config::read_ini(ini, "round trip"), "round trip"}});
    if (again.to_ini() != ini) std::abort();  // a value did not survive the INI round trip
  } catch (const kringloop::sim::ConfigError&) {
  }
  return 0;
}
