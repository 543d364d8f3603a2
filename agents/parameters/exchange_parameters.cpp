#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Land exchange pairs ([exchange]) and spatial measures ([measure]), MODEL §7.4 (P7, P10).
void register_exchange_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(text("exchange.practice", "land_exchange",
             "practice whose stages follow exchange-pair membership (decision = external); no such enabled practice: "
             "no exchange"));
  r.add(real("exchange.max_distance_km", "5", "km", 0, 1000,
             "an arable and a dairy farm farther apart than this do not exchange land", "assumption; 001 L137–140 (a region's farms)"));
  r.add(integer("exchange.candidates", "8", "farms", 1, 64,
                "nearest arable/dairy farms a farm considers as partners (grid kNN, no all-pairs search)", "assumption"));
  r.add(integer("exchange.max_partners", "3", "pairs", 1, 8,
                "pairs one farm may be in: several farms share one rotation (001 L137–140); connected pairs form a cluster",
                "001 L137–140; 3 an assumption"));
  r.add(real("exchange.trust_threshold", "0.45", "0–1", 0, 1,
             "θ_x: both farmers' peer trust needed to form a pair", "MODEL §7.4; assumption"));
  r.add(real("exchange.break_trust", "0.3", "0–1", 0, 1, "a pair whose trust falls below this breaks", "assumption"));
  r.add(real("exchange.trust_gain_per_year", "0.05", "per season", 0, 1,
             "share of the gap to full trust a season of exchange without conflict closes (pair and both farmers)",
             "001 L31–33 (exchange lasting decades); assumption"));
  r.add(real("exchange.conflict_per_year", "0.05", "probability", 0, 1,
             "chance a pair has a conflict in a season (a late harvest, a disappointing crop)", "assumption"));
  r.add(real("exchange.conflict_loss", "0.2", "0–1", 0, 1, "pair trust lost in a conflict", "assumption"));
  r.add(real("exchange.meet_per_year", "0.5", "probability", 0, 1,
             "chance per season that an aware farm with a free place approaches its candidates", "assumption"));
  r.add(real("exchange.land_share", "0.3", "fraction", 0, 1,
             "share of the smaller farm's land exchanged each season (grass on arable land, crops on dairy land)",
             "001 L170–172; share an assumption"));
  r.add(real("exchange.cost_eur_per_year", "300", "€/yr", 0, 1e6,
             "coordination and transport cost per farm and pair per season", "assumption"));
  r.add(choice("exchange.regulation", "farm", {"farm", "cluster"},
               "level at which rules count compliance: farm (today's rules, 001 L181–182) or the exchange cluster (lever)",
               "001 L181–182"));
  r.add(real("exchange.farm_level_gain_factor", "0.7", "fraction", 0, 1,
             "share of the rotation gain left under farm-level regulation (cluster level keeps all of it)",
             "001 L181–182 ('makes it harder'); 0.7 an assumption"));
  r.add(real("exchange.initial_aware_share", "0", "fraction", 0, 1,
             "share of the arable and dairy farms aware of exchange at the start (an established system)", "assumption"));
  r.add(integer("exchange.history_years", "0", "years", 0, 200,
                "seasons of exchange run before day 0 by the same rules (no exits, no payments), so a run starts from "
                "an established system's pairs, pair ages and peer trust", "001 L31–33 (decades of exchange); assumption"));
  r.add(integer("exchange.season_day", "59", "day of year", 0, 364,
                "day of the year the season's exchange is agreed (59: 1 March)", "assumption"));

  r.add(boolean("measure.enabled", "false", "propose spatial measures over clusters of neighbouring farms", "003 L258–263"));
  r.add(choice("measure.kind", "buffer_strip", {"buffer_strip", "water_level"},
               "the measure: a water buffer strip or a raised water level (the name is recorded; rules are the same)",
               "003 L258–263; MODEL §7.4"));
  r.add(real("measure.proposals_per_year_per_1000_farms", "1", "1/yr", 0, 1000,
             "measures proposed per year per 1,000 farms (sites at random farms)", "assumption"));
  r.add(real("measure.first_year", "1", "years", 0, 200, "year of the first proposal round", "assumption"));
  r.add(integer("measure.cluster_farms", "4", "farms", 1, 64,
                "farms whose consent a measure needs: the site's farm and its nearest neighbours", "003 L258–263; assumption"));
  r.add(real("measure.affected_ha_per_farm", "3", "ha", 0, 1e4, "land each farm of the cluster gives to the measure",
             "assumption"));
  r.add(real("measure.margin_eur_per_ha_year", "-100", "€/ha/yr", -1e5, 1e5,
             "mean margin change on the affected land (negative: a cost)", "assumption; 003 L365–367"));
  r.add(real("measure.margin_sd_eur_per_ha_year", "100", "€/ha/yr", 0, 1e5,
             "spread between farms (soil, water, what lies on the strip)", "assumption"));
  r.add(real("measure.payment_eur_per_ha_year", "120", "€/ha/yr", 0, 1e5,
             "regular payment for the affected land", "assumption"));
  r.add(real("measure.compensation_eur_per_ha_year", "0", "€/ha/yr", 0, 1e5,
             "extra compensation offered to win holdouts over (lever)", "003 L258–263; MODEL §7.4"));
  r.add(text("measure.coalition_practice", "none",
             "practice ([practice.NAME]) whose coalitions' members support the measure, or none"));
  r.add(real("measure.coalition_support_eur_per_ha_year", "200", "€/ha/yr", 0, 1e5,
             "what a member of a coalition pursuing measure.coalition_practice accepts per affected ha (the "
             "coalition wins a holdout over)", "003 L258–263; assumption"));
}

}  // namespace kringloop::agents
