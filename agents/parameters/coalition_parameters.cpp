#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Coalitions (MODEL §7.5): the rules of the three forms ([coalition]) and declared coalitions
// ([coalition.NAME]). Forms after Twynstra Gudde (2014) as summarised in 002 L2272–2408.
void register_coalition_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(boolean("coalition.emergence", "true",
                "coalitions also start from the agents' state: a government whose scheme lags, ≥ n farmers who trust "
                "each other, a front-runner farmer (MODEL §7.5)", "MODEL §7.5"));
  const char* forms[] = {"decision", "cooperation", "network"};
  const char* meeting[] = {"1", "1", "3"};
  const char* visioning[] = {"3", "12", "0"};
  const char* awareness[] = {"2", "2", "1"};
  const char* norm[] = {"0.3", "1", "0.2"};
  const char* exchange[] = {"0.1", "0.3", "0.2"};
  const char* cost[] = {"1", "0.5", "0.1"};
  for (int f = 0; f < 3; ++f) {
    const std::string p = std::string("coalition.") + forms[f] + "_";
    r.add(real(p + "meeting_months", meeting[f], "months", 0.25, 24, "months between meetings of this form",
               "assumption (MODEL §7.5: monthly for decision/cooperation, quarterly for network)"));
    r.add(real(p + "visioning_months", visioning[f], "months", 0, 240,
               f == 1 ? "months to a joint vision at full internal trust; longer in proportion as trust is lower"
                      : "months to a joint vision (network: none, no joint decision)",
               f == 1 ? "002 L2337 ('time is needed to build trust'); 12 an assumption" : "002 L2282–2297; assumption"));
    r.add(real(p + "awareness_per_year", awareness[f], "1/yr", 0, 50,
               "c: awareness hazard of the goal practice for members (MODEL §7.1, e_coal = 1)", "assumption"));
    r.add(real(p + "norm_strength", norm[f], "0–1", 0, 1,
               "how strongly members follow the members' adoption (× norm_weight in the utility; also shields "
               "adopters from abandoning)", "002 L2299–2306 (cooperation: strong), L2346–2360 (network: weak); assumption"));
    r.add(real(p + "knowledge_exchange", exchange[f], "0–1", 0, 1,
               "share of the gap to the best-informed member a meeting closes", "002 L1927–1938; assumption"));
    r.add(real(p + "role_cost", cost[f], "roles", 0, 10,
               "staff capacity the government's role takes (director, partner, facilitator)", "002 L2332–2334"));
  }
  r.add(real("coalition.execution_months", "24", "months", 1, 600,
             "months of executing (at full staff capacity) before a coalition scales up", "assumption"));
  r.add(real("coalition.norm_weight", "1", "utility", 0, 10, "w_norm: weight of the coalition norm in the utility",
             "MODEL §7.2; assumption"));
  r.add(real("coalition.fast_track_lead_factor", "0.5", "factor", 0, 1,
             "decision members' actual lead time for the director's schemes, relative to others", "MODEL §7.5; assumption"));
  r.add(boolean("coalition.budget_priority", "true", "decision members' due applications are decided first",
                "MODEL §7.5"));
  r.add(real("coalition.pooled_investment_share", "0.3", "0–1", 0, 1,
             "share of a member's investment the coalition's pool pays (cooperation, or a coalition with a budget)",
             "002 L1952–1955, L2493, L3108–3112; share an assumption"));
  r.add(real("coalition.member_contribution_eur_per_year", "500", "€/yr", 0, 1e6,
             "what each cooperation member pays into the pool", "002 L508–509 (€5,000/yr for organisations); farmers' "
             "share an assumption"));
  r.add(real("coalition.internal_trust_gain", "0.05", "per meeting", 0, 1,
             "internal trust gained at a meeting that makes progress", "002 L2337, L1766–1770; assumption"));
  r.add(real("coalition.internal_trust_loss", "0.1", "per leaver", 0, 1,
             "share of internal trust lost when a member leaves", "002 L2191–2196; assumption"));
  r.add(real("coalition.peer_trust_gain", "0.02", "per meeting", 0, 1,
             "a member's trust in fellow farmers gained at a meeting that makes progress", "MODEL §7.3; assumption"));
  r.add(real("coalition.peer_trust_loss", "0.05", "per leaver", 0, 1,
             "share of peer trust the remaining members lose when one defects", "MODEL §7.3; assumption"));
  r.add(real("coalition.peer_trust_mean", "0.5", "0–1", 0, 1, "mean initial trust of a farmer in fellow farmers",
             "assumption"));
  r.add(real("coalition.peer_trust_sd", "0.15", "0–1", 0, 1, "spread of the initial peer trust", "assumption"));
  r.add(real("coalition.cooperation_trust_threshold", "0.6", "0–1", 0, 1,
             "θ_coop: mutual trust needed to form a cooperation, or to switch to one", "MODEL §7.5; assumption"));
  r.add(integer("coalition.cooperation_min_members", "4", "actors", 2, 1000,
                "n_min: actors with mutual trust ≥ θ_coop that can start a cooperation", "MODEL §7.5; assumption"));
  r.add(real("coalition.cooperation_initiative_per_year", "0.1", "1/yr", 0, 12,
             "hazard that a farmer with n_min − 1 trusted, interested neighbours starts a cooperation", "assumption"));
  r.add(real("coalition.give_take_tolerance", "0.3", "knowledge", 0, 10,
             "a cooperation member leaves when what it gave exceeds what it got by more than this",
             "002 L2086–2099 (give and take, balance); assumption"));
  r.add(real("coalition.network_initiative_per_year", "0.1", "1/yr", 0, 12,
             "hazard that a front-runner (an innovator who has practised it for front_runner_years) starts a network",
             "002 L2346–2360; assumption"));
  r.add(real("coalition.front_runner_years", "1", "years", 0, 100,
             "years of practice that make an adopting innovator a front-runner (tacit knowledge from doing)",
             "002 L2346–2360 (front-runners); assumption"));
  r.add(real("coalition.network_join_probability", "0.3", "probability", 0, 1,
             "per meeting: chance that an aware network neighbour of an attendee joins (open membership)", "assumption"));
  r.add(integer("coalition.network_max_members", "150", "farmers", 2, 1000000, "largest network", "assumption"));
  r.add(integer("coalition.network_min_attendance", "3", "farmers", 1, 1000,
                "a network meeting with fewer attendees does not take place", "assumption"));
  r.add(integer("coalition.fade_after_missed_meetings", "2", "meetings", 1, 100,
                "a network fades after this many meetings in a row did not take place", "MODEL §7.5; assumption"));
  r.add(integer("coalition.professionalise_members", "15", "farmers", 2, 1000000,
                "a network with this many members, trust ≥ θ_coop and a chain partner or money becomes a cooperation",
                "002 L490–492, L2389–2397; assumption"));
  r.add(real("coalition.handover_trust", "0.85", "0–1", 0, 1,
             "a directing government hands over to its partners (decision → cooperation) once internal trust reaches this",
             "002 L490–492 (broadening ownership), L2389–2397; assumption"));
  r.add(real("coalition.reversal_collapse_probability", "0.8", "probability", 0, 1,
             "chance a decision coalition dissolves when its director's policy reverses (else it weakens)",
             "MODEL §7.5; 002 L2706–2708; assumption"));
  r.add(real("coalition.uninterested_leave_per_year", "0.03", "1/yr", 0, 12,
             "hazard that a member not (or no longer) interested in the goal practice leaves", "calibrated on Heuvelland: 180 approached → 130 active after ~5 years (003 L694–697), most of the loss being farm exits"));
  r.add(real("coalition.lag_check_years", "3", "years", 0.25, 100,
             "a government judges a scheme's uptake after it has been open this long", "assumption"));
  r.add(real("coalition.lag_share", "0.5", "0–1", 0, 1,
             "uptake lags when what was awarded is below this share of the linear path to the budget", "assumption"));
  r.add(real("coalition.invited_share", "0.1", "0–1", 0, 1,
             "share of the eligible farms (largest first) an emergent decision coalition invites", "003 L694–697; assumption"));
  r.add(real("coalition.turnover_trust_loss", "0.2", "0–1", 0, 1,
             "share of internal trust lost when a government's boundary worker changes", "003 L430–432; assumption"));

  // Declared coalitions.
  r.add(boolean("coalition.*.enabled", "true", "run this coalition", ""));
  r.add(choice("coalition.*.form", "decision", {"decision", "cooperation", "network"},
               "decision: a government directs, members by invitation without veto; cooperation: shared ownership, "
               "members by consent bring resources; network: open, facilitated", "002 L2282–2360"));
  r.add(text("coalition.*.practice", "", "goal practice (a [practice.NAME])"));
  r.add(text("coalition.*.director", "none",
             "government that directs (decision form) or partners/facilitates (other forms), or none"));
  r.add(text("coalition.*.core_partners", "",
             "other institutions with a say (governments, intermediaries), comma-separated; 003 L655–657"));
  r.add(text("coalition.*.chain_partners", "", "chain partners that join (a [chain.NAME] list)"));
  r.add(integer("coalition.*.sounding_board_members", "0", "organisations", 0, 1000,
                "organisations informed through a sounding board, without veto", "003 L657–660"));
  r.add(real("coalition.*.budget_eur", "0", "€", 0, 1e12, "the coalition's pooled budget at the start", "assumption"));
  r.add(real("coalition.*.budget_eur_per_invited_farm", "0", "€/farm", 0, 1e9,
             "+ this × the farms invited (a budget that scales with the region)", "assumption; issue 8: scale invariance"));
  r.add(real("coalition.*.start_year", "0", "years", 0, 200, "years from the start of the run until it starts", "assumption"));
  r.add(real("coalition.*.end_year", "0", "years", 0, 200, "programme end (0: runs on)", "assumption"));
  r.add(integer("coalition.*.invited_farmers", "0", "farmers", 0, 100000000, "farmers invited at the start", "assumption"));
  r.add(real("coalition.*.invited_share", "0", "0–1", 0, 1, "+ this share of the eligible farms", "assumption"));
  r.add(text("coalition.*.region", "",
             "invite farms of this [region.NAME] only (empty: of the director's regions, or all without a director)"));
  r.add(choice("coalition.*.invite_rule", "largest", {"largest", "nearest", "random"},
               "whom to invite: the largest eligible farms (Heuvelland, 003 L694–697), the nearest to the region's centre, "
               "or at random", "003 L694–697"));
  r.add(boolean("coalition.*.farmers_at_table", "false",
                "the farmers are a party to the deal themselves, not only invited to it: each invited farmer's "
                "trust in fellow farmers is one more chance to persuade him, and a farmer who said no is asked "
                "again at each meeting until the coalition executes",
                "003 L329–331 (afspraken tussen de boeren, LNV en provincie); 002 L2299–2306"));
  r.add(real("coalition.*.handover_after_years", "0", "years", 0, 200,
             "decision form: the director hands over to its partners (→ cooperation) after this long executing; "
             "0: when internal trust reaches coalition.handover_trust", "002 L2389–2397; lever"));
  r.add(real("coalition.*.business_plans_per_year", "0", "plans/yr", 0, 1e6,
             "an external bureau draws up this many farm business plans a year for interested members, first come "
             "first served, once the coalition executes (after the kitchen-table talks) and, when schemes of the "
             "practice require a plan, while one of them is open; a plan brings the farmer to planning. 0: no bureau",
             "003 L517–539; capacity an assumption"));
}

}  // namespace kringloop::agents
