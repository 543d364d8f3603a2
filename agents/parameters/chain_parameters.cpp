#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Chain partners (MODEL §7.7).
void register_chain_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(boolean("chain.*.enabled", "true", "include this chain partner", ""));
  r.add(choice("chain.*.kind", "processor", {"processor", "bank", "manure_processor"},
               "processor: premium up to capacity; bank: interest discount; manure_processor: price once enough "
               "farms commit",
               "MODEL §2, §7.7"));
  r.add(text("chain.*.practice", "", "practice whose adopters the partner serves"));
  r.add(real("chain.*.premium_eur_per_ha_year", "0", "€/ha/yr", 0, 1e5, "premium per adopted hectare", "assumption"));
  r.add(real("chain.*.premium_eur_per_farm_year", "0", "€/farm/yr", 0, 1e7, "premium or manure price per farm",
             "assumption"));
  r.add(real("chain.*.capacity_farms", "1e9", "farms", 0, 1e9, "farms served at the premium in year 0",
             "assumption; demand-limited, 003 L1573–1581"));
  r.add(real("chain.*.capacity_share", "0", "fraction", 0, 1,
             "added capacity as a share of the practice's eligible farms (scale-free; capacity = capacity_farms + "
             "capacity_share × eligible farms)", "assumption; issue 8: scale invariance"));
  r.add(real("chain.*.capacity_growth_per_year", "0", "1/yr", 0, 10, "relative capacity growth per year (slow)",
             "assumption; 003 L1573–1581"));
  r.add(real("chain.*.interest_discount", "0", "1/yr", 0, 0.5, "bank: discount on r for adopters", "003 L953"));
  r.add(real("chain.*.min_commitments", "0", "farms", 0, 1e9,
             "manure processor: farms in planning, applied or adopted needed for viability (critical mass)",
             "assumption; 000 L31–38, 002 L2536–2538"));
  r.add(real("chain.*.min_commitments_share", "0", "fraction", 0, 1,
             "added critical mass as a share of the practice's eligible farms (min_commitments + this × eligible)",
             "assumption; issue 8: scale invariance"));
}

}  // namespace kringloop::agents
