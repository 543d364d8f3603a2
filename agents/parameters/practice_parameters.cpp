#include <string>

#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

void register_practice_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(boolean("practice.*.enabled", "true", "simulate this practice (false removes it from the scenario)", ""));
  // Awareness hazard h = p + q·f_nbr + ... per year (MODEL §7.1); Bass-model magnitudes.
  r.add(real("practice.*.awareness_external_per_year", "0.03", "1/year", 0, 50,
             "p: external influence (media, advisors) on becoming aware",
             "assumption: Bass (1969); mean p in Sultan, Farley & Lehmann (1990)"));
  r.add(real("practice.*.awareness_imitation_per_year", "0.38", "1/year", 0, 50,
             "q: imitation, multiplied by the fraction of neighbours that adopted",
             "assumption: Bass (1969); mean q in Sultan, Farley & Lehmann (1990)"));
  r.add(choice("practice.*.decision", "immediate", {"immediate", "utility", "external"},
               "immediate: an aware farmer adopts at once (pure diffusion, the Bass limit); utility: the full pipeline "
               "of MODEL §7.1 (interest, planning, application, decision); external: no farm-level rule (driven by the "
               "coalition submodel, not yet implemented)",
               "MODEL §7.1"));
  r.add(real("practice.*.investment_eur_per_ha", "0", "€/ha", 0, 1e6, "one-off investment per adopted hectare", "assumption"));
  r.add(real("practice.*.investment_eur_per_farm", "0", "€/farm", 0, 1e8, "one-off investment per farm", "assumption"));
  r.add(real("practice.*.margin_eur_per_ha_year", "0", "€/ha/yr", -1e5, 1e5,
             "change in annual margin per adopted hectare, before payments and premiums", "assumption"));
  r.add(real("practice.*.margin_eur_per_farm_year", "0", "€/farm/yr", -1e7, 1e7,
             "change in annual margin per farm (effort, fees), before payments", "assumption"));
  r.add(real("practice.*.margin_sd_eur_per_ha_year", "0", "€/ha/yr", 0, 1e5,
             "spread (normal σ) of the margin change between farms", "assumption"));
  r.add(real("practice.*.margin_sd_eur_per_farm_year", "0", "€/farm/yr", 0, 1e7,
             "spread (normal σ) of the per-farm margin change between farms", "assumption"));
  for (const char* type : {"arable", "dairy", "mixed", "intensive_livestock"})
    r.add(real(std::string("practice.*.margin_offset_") + type + "_eur_per_ha_year", "0", "€/ha/yr", -1e5, 1e5,
               std::string("margin change of ") + type + " farms relative to the mean", "assumption"));
  r.add(real("practice.*.investment_sd", "0", "log", 0, 5,
             "σ of each farm's lognormal investment factor (median 1)", "assumption"));
  r.add(real("practice.*.knowledge_threshold", "0.3", "0–1", 0, 1,
             "knowledge needed to move from interested to planning (MODEL §7.1)", "assumption"));
  r.add(real("practice.*.uncertainty", "0.2", "utility", 0, 10,
             "perceived uncertainty; the utility penalty is risk_aversion × uncertainty", "assumption"));
  r.add(choice_list("practice.*.eligible_types", "arable, dairy, mixed, intensive_livestock", farm_types,
                    "farm types for which the practice exists", "MODEL §2"));
  r.add(boolean("practice.*.land_bound", "false",
                "adopted per hectare of land, so the tenure horizon of that land bounds its payback (MODEL §7.2)", "MODEL §2"));
  r.add(boolean("practice.*.reversible", "true", "an adopter may abandon the practice when it stops paying", "MODEL §2"));
  r.add(real("practice.*.herd_change", "0", "fraction", -1, 1,
             "relative change of an adopter's herd while it practises (a deal's term; 0: none); the herd series "
             "population/herd_lu is written when a practice sets it", "003 L388–392 (Schiermonnikoog: almost −40%)"));

  // Farm-level decision rules shared by all practices (MODEL §7.1–7.2).
  r.add(real("decision.discount_rate", "0.04", "1/yr", 0, 0.5, "r: discount rate of the NPV", "assumption"));
  r.add(real("decision.utility_scale_eur", "25000", "€", 1, 1e9, "NPV that counts as one unit of utility", "assumption"));
  r.add(real("decision.social_weight", "0.5", "utility", 0, 10, "w_soc: weight of the adopting-neighbour fraction",
             "assumption"));
  r.add(real("decision.threshold_innovator", "-0.4", "utility", -10, 10, "θ: interest threshold of innovators",
             "assumption: Rogers 2003 ordering"));
  r.add(real("decision.threshold_early_adopter", "-0.2", "utility", -10, 10, "θ of early adopters", "assumption"));
  r.add(real("decision.threshold_early_majority", "0", "utility", -10, 10, "θ of the early majority", "assumption"));
  r.add(real("decision.threshold_late_majority", "0.2", "utility", -10, 10, "θ of the late majority", "assumption"));
  r.add(real("decision.threshold_laggard", "0.4", "utility", -10, 10, "θ of laggards", "assumption"));
  r.add(real("decision.patience_months", "6", "months", 0, 600,
             "w: months in planning or applied before drop-out can start", "assumption: MODEL §7.1"));
  r.add(real("decision.dropout_per_month", "0.08", "1/month", 0, 1,
             "d: monthly drop-out probability after the patience is used up (003 L615–620, L2680–2682)",
             "assumption: MODEL §7.1"));
  r.add(real("decision.rejection_dropout_probability", "0.3", "probability", 0, 1,
             "chance that a rejected applicant drops out instead of returning to planning", "assumption"));
  r.add(real("decision.abandon_per_year", "0.2", "1/yr", 0, 50,
             "hazard of abandoning a practice whose margin (after payments end) is below the tolerance", "assumption"));
  r.add(real("decision.abandon_tolerance_eur_per_ha", "0", "€/ha/yr", 0, 1e5,
             "annual loss per hectare an adopter tolerates before abandoning", "assumption"));
  r.add(real("decision.learning_sd", "0", "log", 0, 5,
             "σ of each farmer's lognormal learning-rate factor (median 1): some learn fast, some never get there",
             "assumption"));
  r.add(real("decision.interest_loss_per_year", "0", "1/yr", 0, 50,
             "hazard of losing interest before the knowledge is there (back to aware): the funnel's loss between "
             "interested and planning (003 L513–556)", "assumption"));
  r.add(real("decision.credit_multiplier", "2", "×", 0, 100,
             "own investment allowed as a multiple of liquidity (bank credit)", "assumption"));
  r.add(real("decision.savings_eur_per_ha_year", "30", "€/ha/yr", 0, 1e5, "liquidity added per hectare per year",
             "assumption"));
  r.add(real("decision.max_horizon_years", "40", "years", 1, 100,
             "horizon of a farmer with a successor (and cap of every horizon)", "assumption"));
}

}  // namespace kringloop::agents
