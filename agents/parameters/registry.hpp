// The registry of every scenario parameter of the model. Each area registers its own keys in its
// own file (parameters/*.cpp), with unit, range, meaning and source or "assumption".
#pragma once
#include "sim/config/parameter_registry.hpp"

namespace kringloop::agents {

const sim::config::ParameterRegistry& parameter_registry();

void register_run_parameters(sim::config::ParameterRegistry&);
void register_population_parameters(sim::config::ParameterRegistry&);
void register_region_parameters(sim::config::ParameterRegistry&);
void register_network_parameters(sim::config::ParameterRegistry&);
void register_practice_parameters(sim::config::ParameterRegistry&);
void register_institution_parameters(sim::config::ParameterRegistry&);
void register_scheme_parameters(sim::config::ParameterRegistry&);
void register_trust_parameters(sim::config::ParameterRegistry&);
void register_land_parameters(sim::config::ParameterRegistry&);
void register_chain_parameters(sim::config::ParameterRegistry&);
void register_coalition_parameters(sim::config::ParameterRegistry&);
void register_knowledge_parameters(sim::config::ParameterRegistry&);
void register_exchange_parameters(sim::config::ParameterRegistry&);

}  // namespace kringloop::agents
