#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Filled by the farm-level model (issue 3).
void register_trust_parameters(sim::config::ParameterRegistry&) {}

}  // namespace kringloop::agents
