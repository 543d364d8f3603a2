#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

void register_run_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(text("run.name", "default", "scenario name, shown in outputs and figures"));
  // Up to 2^63 − 1: every seed a sweep derives (sim::derive_seed) must be runnable alone.
  r.add(integer("run.seed", "1", "", 0, 9223372036854775807.0, "root seed; every random draw derives from it", ""));
  r.add(integer("run.years", "30", "years", 1, 200, "simulated horizon", "MODEL §2: default horizon 30 years"));
  r.add(boolean("output.snapshots", "false", "write yearly agent snapshots to /snapshots (deflate)", ""));
}

}  // namespace kringloop::agents
