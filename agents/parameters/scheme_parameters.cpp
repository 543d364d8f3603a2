#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Schemes: a government's instruments (MODEL §2, §7.1). Amounts: payment = amount_eur_per_ha × area
// + amount_eur_per_farm, once at award for grants, every year for `duration_years` for area payments
// and performance rewards.
void register_scheme_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(boolean("scheme.*.enabled", "true", "run this scheme", ""));
  r.add(text("scheme.*.practice", "", "practice the scheme supports (a [practice.NAME])"));
  r.add(text("scheme.*.government", "", "paying government (a [government.NAME])"));
  r.add(choice("scheme.*.kind", "investment_grant",
               {"investment_grant", "area_payment", "performance_reward", "experiment_fund", "rollout"},
               "investment_grant: once at award; area_payment: €/ha/yr; performance_reward: €/farm/yr × performance; "
               "experiment_fund: small early money in planning that resets the wait (003 L620–622); rollout: grant "
               "for innovators and early adopters only (000 L55)",
               "MODEL §2"));
  r.add(real("scheme.*.open_year", "0", "years", 0, 200, "years from the start until the window opens", "assumption"));
  r.add(real("scheme.*.window_years", "30", "years", 0, 200, "how long applications are accepted", "assumption"));
  r.add(real("scheme.*.announced_lead_time_days", "90", "days", 0, 3650,
             "promised time from application to decision; a later decision is a broken promise",
             "assumption; 000 L49–51"));
  r.add(real("scheme.*.lead_time_mean_days", "90", "days", 0, 3650, "mean actual time from application to decision",
             "assumption; 000 L49–51, 003 L615–620"));
  r.add(real("scheme.*.lead_time_sd_days", "30", "days", 0, 3650, "spread of the actual lead time (normal, ≥ 0)", "assumption"));
  r.add(real("scheme.*.amount_eur_per_ha", "0", "€/ha", 0, 1e6, "payment per hectare (per year for area payments)", "assumption"));
  r.add(real("scheme.*.amount_eur_per_farm", "0", "€/farm", 0, 1e8, "payment per farm (per year for performance rewards)",
             "assumption"));
  r.add(real("scheme.*.performance_share", "0.6", "0–1", 0, 1,
             "share of the maximum performance reward a participant earns on average", "assumption; 003 L948–951"));
  r.add(integer("scheme.*.duration_years", "1", "years", 1, 60, "years of payments (annual kinds)", "assumption"));
  r.add(real("scheme.*.budget_eur", "1e6", "€", 0, 1e12, "total budget; awards first come, first served", "assumption"));
  r.add(real("scheme.*.budget_eur_per_eligible_farm", "0", "€/farm", 0, 1e9,
             "added budget per eligible farm at the start (scale-free; budget = budget_eur + this × eligible farms "
             "+ budget_eur_per_eligible_ha × their hectares)", "assumption; issue 8: scale invariance"));
  r.add(real("scheme.*.budget_eur_per_eligible_ha", "0", "€/ha", 0, 1e7,
             "added budget per hectare of the eligible farms at the start", "assumption; issue 8: scale invariance"));
  r.add(choice("scheme.*.stopped_money", "treasury", {"treasury", "scheme"},
               "where promised money goes when a reversal stops running payments: treasury (the budget shrinks) or "
               "scheme (a later 'go' may award it again)", "003 L539–545; assumption"));
  r.add(real("scheme.*.admin_cost_eur", "500", "€", 0, 1e7, "administrative cost of one application to the farmer",
             "assumption; 003 L791–793"));
  r.add(choice_list("scheme.*.eligible_types", "arable, dairy, mixed, intensive_livestock", farm_types,
                    "eligible farm types", "MODEL §2"));
  r.add(real("scheme.*.min_lease_years", "0", "years", 0, 100,
             "every lease of an eligible farm must run at least this long (owned land always qualifies)", "MODEL §2"));
  r.add(boolean("scheme.*.requires_business_plan", "false",
                "only farmers with a business plan for the practice (coalition.*.business_plans_per_year) may apply; others may hope for one (it counts for interest) and wait",
                "003 L539–549"));
  r.add(text("scheme.*.region", "",
             "the [region.NAME]s whose farms are eligible, comma-separated (empty: the government's regions; each must "
             "be one the government covers)"));
}

}  // namespace kringloop::agents
