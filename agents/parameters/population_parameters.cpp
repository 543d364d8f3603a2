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
  for (const char* type : {"arable", "dairy", "mixed", "intensive_livestock"}) {
    const std::string name = type;
    const char* median = name == "arable" ? "60" : name == "dairy" ? "55" : name == "mixed" ? "45" : "20";
    r.add(real("population.median_ha_" + name, median, "ha", 0.1, 1e5, "median farm size (lognormal) of " + name + " farms",
               "assumption"));
  }
  for (const char* type : {"arable", "dairy", "mixed", "intensive_livestock"}) {
    const std::string name = type;
    const char* lu = name == "arable" ? "0" : name == "dairy" ? "2" : name == "mixed" ? "1" : "8";
    r.add(real("population.stocking_lu_per_ha_" + name, lu, "LU/ha", 0, 1000,
               "livestock units per ha of " + name + " farms: the herd (population/herd_lu) is area × this, changed by "
               "practices' herd_change", "assumption"));
  }
  r.add(real("population.farm_size_sigma", "0.5", "log", 0, 5, "σ of the lognormal farm size", "assumption"));
  r.add(real("population.age_mean", "52", "years", 18, 100, "mean age of farmers (normal)", "assumption"));
  r.add(real("population.age_sd", "10", "years", 0, 50, "spread of age", "assumption"));
  r.add(real("population.retirement_age", "65", "years", 30, 100, "age at which a farmer hands over or exits",
             "assumption"));
  r.add(real("population.retirement_age_spread", "3", "years", 0, 20,
             "each farmer retires at retirement_age ± this (uniform): hand-overs spread over time", "assumption"));
  r.add(real("population.successor_age", "30", "years", 18, 80, "age of a successor taking over", "assumption"));
  r.add(real("population.entrant_share", "0.1", "fraction", 0, 1,
             "share of farms without a successor taken over whole by a new entrant (the rest exit)", "assumption"));
  r.add(real("population.entrant_age", "35", "years", 18, 80, "age of a new entrant", "assumption"));
  r.add(choice("population.region_area", "fixed", {"fixed", "from_farmland"},
               "fixed: region_width_km × region_height_km; from_farmland: a square whose area is the expected "
               "farmland of the farms divided by farmland_share, so density stays the same at any farm count",
               "issue 8: scale invariance"));
  r.add(real("population.farmland_share", "0.53", "fraction", 0.01, 1,
             "share of the region that is farmland (region_area = from_farmland)",
             "ext: CBS, 1.8 M ha farmland of 3.37 M ha land in the Netherlands"));
  r.add(real("population.successor_share", "0.25", "fraction", 0, 1, "farmers with a successor",
             "003 L584–585 (~75% of Brummen farmers have none)"));
  r.add(real("population.liquidity_median_eur", "40000", "€", 0, 1e9, "median liquidity buffer (lognormal)", "assumption"));
  r.add(real("population.liquidity_sigma", "0.8", "log", 0, 5, "σ of the lognormal liquidity", "assumption"));
  r.add(real("population.risk_aversion_mean", "1", "×", 0, 10, "mean risk aversion (scales the uncertainty penalty)",
             "assumption"));
  r.add(real("population.risk_aversion_spread", "0.5", "×", 0, 10, "risk aversion is uniform in mean ± spread (≥ 0)",
             "assumption"));
}

}  // namespace kringloop::agents
