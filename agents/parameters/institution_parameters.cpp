#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Governments and intermediaries (MODEL §2 Institutions). Trust is kept per institution (§7.3).
void register_institution_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(choice("government.*.level", "province", {"national", "province", "municipality", "water_board"},
               "administrative level", "MODEL §2"));
  r.add(real("government.*.initial_trust_mean", "0.5", "0–1", 0, 1, "mean initial trust of farmers in this government",
             "assumption; us-versus-them gap, 003 L369–371"));
  r.add(real("government.*.initial_trust_sd", "0.15", "0–1", 0, 1, "spread of initial trust (clipped to [0,1])", "assumption"));
  r.add(real("government.*.election_cycle_years", "4", "years", 0.5, 100, "years between elections",
             "MODEL §2 (4-year cycle); 002 L2704–2709"));
  r.add(real("government.*.reversal_probability", "0", "probability", 0, 1,
             "chance that an election reverses policy: open schemes close (stop) or reopen (go)",
             "assumption; 002 L2704–2709, 003 L806–808"));
  r.add(boolean("government.*.stop_payments_on_reversal", "false",
                "a reversal also stops running payments (a broken promise to every contract holder)", "003 L539–545"));
  r.add(real("government.*.vision_years", "10", "years", 0, 100,
             "declared long-term vision: believed policy horizon at reference trust", "000 L73–75 (10+ years)"));
  r.add(real("government.*.enforcement_per_farmer_per_year", "0", "1/yr", 0, 12,
             "rate at which a farmer meets this government as regulator (enforcement)", "assumption; 003 L819–826"));
  r.add(real("government.*.regulator_penalty", "0.1", "trust", 0, 1, "ε: trust lost per enforcement event",
             "assumption; 003 L825–826"));
  r.add(text("government.*.regions", "",
             "the [region.NAME]s this government covers, comma-separated (empty: all): its schemes' default area, "
             "where it enforces and directs coalitions"));
  r.add(text("government.*.messenger", "none",
             "intermediary that announces this government's schemes (messenger effect), or none; 003 L992–994"));
  r.add(real("government.*.announcement_awareness_per_year", "0.2", "1/yr", 0, 50,
             "extra awareness hazard of an open scheme's practice × trust in the sender", "assumption"));
  r.add(real("government.*.staff_capacity", "2", "roles", 0, 1000,
             "boundary-worker capacity in coalition roles: directing costs 1, partnering 0.5, facilitating 0.1; "
             "over capacity every coalition the government serves slows down",
             "002 L2332–2334 (one organisation directs 2, partners in 4, facilitates 10), L2917–2938, L2968–2970"));
  r.add(real("government.*.staff_turnover_per_year", "0", "1/yr", 0, 12,
             "rate at which the boundary worker in a coalition changes; each change costs the coalition internal trust",
             "003 L430–432 (many staff changes in Fryslân's LIFE programme); rate an assumption"));
  r.add(choice("intermediary.*.level", "collective", {"collective", "union"},
               "agrarian collective or farmers' union (messenger; coalition member later)", "003 L655, L1661–1663"));
  r.add(real("intermediary.*.initial_trust_mean", "0.7", "0–1", 0, 1, "mean initial trust in this intermediary",
             "assumption; farmers trust non-government senders more, 003 L992–994, L1252–1255"));
  r.add(real("intermediary.*.initial_trust_sd", "0.1", "0–1", 0, 1, "spread of initial trust", "assumption"));
}

}  // namespace kringloop::agents
