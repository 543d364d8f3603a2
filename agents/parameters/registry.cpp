#include "agents/parameters/registry.hpp"

namespace kringloop::agents {

const sim::config::ParameterRegistry& parameter_registry() {
  static const sim::config::ParameterRegistry registry = [] {
    sim::config::ParameterRegistry r;
    register_run_parameters(r);
    register_population_parameters(r);
    register_region_parameters(r);
    register_network_parameters(r);
    register_practice_parameters(r);
    register_institution_parameters(r);
    register_scheme_parameters(r);
    register_trust_parameters(r);
    register_land_parameters(r);
    register_chain_parameters(r);
    register_coalition_parameters(r);
    register_knowledge_parameters(r);
    register_exchange_parameters(r);
    return r;
  }();
  return registry;
}

}  // namespace kringloop::agents
