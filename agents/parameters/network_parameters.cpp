#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

void register_network_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(choice("network.mode", "knn", {"knn", "well_mixed"},
               "knn: k nearest farms with small-world rewiring; well_mixed: every farmer sees the whole population "
               "(complete graph, the Bass mean-field limit, MODEL P11)",
               "MODEL §5"));
  r.add(integer("network.neighbours", "8", "farms", 1, 64, "k of the k-nearest-neighbour network", "assumption: MODEL §5"));
  r.add(real("network.rewiring", "0.05", "probability", 0, 1, "chance that a tie is rewired to a random farm (small world)",
             "assumption: MODEL §5"));
}

}  // namespace kringloop::agents
