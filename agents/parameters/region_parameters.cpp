#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Regions (MODEL §2 Space): several per scenario, so knowledge, coalitions and schemes can differ
// between them (000 L5–7, L45–46). Without any [region.NAME] the scenario has one region, `all`,
// built from [population]. Regions are laid side by side along x (west to east) without overlap.
void register_region_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(real("region.*.farmer_share", "0", "fraction", 0, 1,
             "share of population.farmers in this region (every region gives a share, the shares sum to 1; or "
             "every region gives `farmers`)", "assumption"));
  r.add(integer("region.*.farmers", "0", "farmers", 0, 50e6,
                "number of farms in this region (0: use farmer_share); with counts, population.farmers is their sum",
                "assumption"));
  for (const char* type : {"arable", "dairy", "mixed", "intensive_livestock"})
    r.add(text("region.*.share_" + std::string(type), "",
               "share of " + std::string(type) + " farms in this region (empty: the population's shares; a region that "
               "sets any type share sets the four, the unset ones count 0, and they must sum to 1)"));
  r.add(real("region.*.livestock_only_share", "0", "fraction", 0, 1,
             "southern band of the region (share of its height) where only livestock farms lie (dairy and intensive "
             "livestock in the region's ratio): no arable partner nearby", "001 L151–159 (Fig. 1: 100% livestock areas)"));
  r.add(real("region.*.arable_only_share", "0", "fraction", 0, 1,
             "northern band of the region (share of its height) where only arable farms lie: no dairy partner nearby",
             "001 L151–159 (Fig. 1: 100% arable areas)"));
  r.add(choice("region.*.area", "population", {"population", "fixed", "from_farmland"},
               "population: as population.region_area; fixed: width_km × height_km; from_farmland: a square of the "
               "region's expected farmland / population.farmland_share", "issue 8: scale invariance"));
  r.add(real("region.*.width_km", "40", "km", 0.1, 10000, "west–east size of the region (area = fixed)", "MODEL §2"));
  r.add(real("region.*.height_km", "40", "km", 0.1, 10000, "south–north size of the region (area = fixed)", "MODEL §2"));
  r.add(text("region.*.x_min_km", "next",
             "west edge in km, or `next`: right after the region before it (regions in name order); regions must "
             "not overlap"));
}

}  // namespace kringloop::agents
