#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

void register_population_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(integer("population.farmers", "3000", "farmers", 1, 50e6, "number of farms in the region", "assumption"));
  r.add(real("population.share_arable", "0.25", "fraction", 0, 1, "share of arable farms", "assumption"));
  r.add(real("population.share_dairy", "0.45", "fraction", 0, 1, "share of dairy farms", "assumption"));
  r.add(real("population.share_mixed", "0.15", "fraction", 0, 1, "share of mixed farms", "assumption"));
  r.add(real("population.share_intensive_livestock", "0.15", "fraction", 0, 1,
             "share of intensive livestock farms (the four shares must sum to 1)", "assumption"));
  r.add(real("population.region_width_km", "40", "km", 0.1, 10000, "width of the rectangular region",
             "MODEL §2: default 40 × 40 km"));
  r.add(real("population.region_height_km", "40", "km", 0.1, 10000, "height of the rectangular region",
             "MODEL §2: default 40 × 40 km"));
  // Rogers (2003) adopter categories; thresholds of interest depend on them (MODEL §2).
  r.add(real("population.share_innovators", "0.025", "fraction", 0, 1, "Rogers innovators", "assumption: Rogers 2003"));
  r.add(real("population.share_early_adopters", "0.135", "fraction", 0, 1, "Rogers early adopters", "assumption: Rogers 2003"));
  r.add(real("population.share_early_majority", "0.34", "fraction", 0, 1, "Rogers early majority", "assumption: Rogers 2003"));
  r.add(real("population.share_late_majority", "0.34", "fraction", 0, 1,
             "Rogers late majority (laggards are the rest)", "assumption: Rogers 2003"));
}

}  // namespace kringloop::agents
