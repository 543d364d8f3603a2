#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Knowledge (MODEL §7.6): codified and tacit knowledge, its channels and depreciation ([knowledge]),
// projects in fragmented or platform mode, and knowledge institutes ([institute.NAME]). Sources:
// 004 (the KICER study of the knowledge infrastructure) and 000 (the manure-valorisation workshop).
void register_knowledge_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(real("knowledge.codified_max_share", "0.333", "0–1", 0, 1,
             "codified knowledge can be at most this share of what a practice needs; the rest is tacit",
             "004 L275–276 (67% of the knowledge needed is tacit, 'in hoofden van mensen')"));
  r.add(real("knowledge.half_life_years", "2", "years", 0.1, 1000,
             "half-life of what a farmer knows and does not practise (depreciation)",
             "004 L431–437 (half of the knowledge needs refreshing about every two years)"));
  r.add(real("knowledge.reading_per_year", "0.3", "1/yr", 0, 50,
             "codified knowledge an interested farmer gathers per year from print and advisors' notes (capped by "
             "what is in print)", "assumption"));
  r.add(real("knowledge.trying_per_year", "0.3", "1/yr", 0, 50,
             "tacit knowledge an interested farmer gains per year from small trials on the own farm", "assumption"));
  r.add(real("knowledge.observing_per_year", "0.6", "1/yr", 0, 50,
             "tacit knowledge per year × the fraction of adopting neighbours (watching them)", "MODEL §7.6; assumption"));
  r.add(real("knowledge.doing_per_year", "0.5", "1/yr", 0, 50,
             "tacit knowledge an adopter gains per year by practising (an adopter's knowledge does not depreciate)",
             "assumption"));
  r.add(real("knowledge.public_codified", "0.5", "0–1", 0, 1,
             "share of the codifiable knowledge of each practice in print at the start; published trials and the "
             "platform add to it", "004 L240–243 (existing websites answer 9% of questions); 0.5 an assumption"));
  r.add(choice("knowledge.mode", "fragmented", {"fragmented", "platform"},
               "fragmented: a project's results stay in its coalition and new coalitions start new projects; platform: "
               "results flow into a shared pool per practice that every coalition draws on, and new coalitions reuse it",
               "000 L40–61 ('~100 projects where 3 could have done'); 004 L581–583"));
  r.add(boolean("knowledge.regional_benefit", "false",
                "regional subsidies require benefit to the funding region: the platform pool is kept per region",
                "000 L52–54"));
  r.add(real("knowledge.project_years", "2", "years", 0, 50,
             "an executing coalition's project delivers its results after this long", "001 L128–130 (multi-year trials); "
             "assumption"));
  r.add(real("knowledge.project_result", "0.3", "0–1", 0, 1,
             "knowledge a project's results carry; a pool of results holds 1 − Π(1 − r)", "assumption"));
  r.add(real("knowledge.reuse_level", "0.5", "0–1", 0, 1,
             "platform mode: a new coalition reuses the pool instead of starting a project once the pool holds this much",
             "000 L45–46 (preference for one's own project); assumption"));
  r.add(real("knowledge.pool_transfer", "0.3", "0–1", 0, 1,
             "platform mode: share of the gap to the pool's project results a field day closes (regional hubs "
             "pass the platform's results on)", "004 L581–583 (regional hubs); assumption"));
  r.add(real("knowledge.project_cost_eur", "250000", "€", 0, 1e12, "cost of one project", "assumption"));
  r.add(real("knowledge.platform_build_eur", "3000000", "€", 0, 1e12, "platform: cost to build it",
             "004 L472–480 (€3 M over 2022–2023)"));
  r.add(real("knowledge.platform_build_years", "2", "years", 0.1, 50, "platform: years the build takes",
             "004 L472–480"));
  r.add(real("knowledge.platform_upkeep_eur_per_year", "1000000", "€/yr", 0, 1e12, "platform: maintenance after the build",
             "004 L481–490"));
  r.add(real("knowledge.platform_support_eur_per_year", "500000", "€/yr", 0, 1e12, "platform: support after the build",
             "004 L491–499"));
  r.add(real("knowledge.institute_trust_gain", "0.05", "0–1", 0, 1,
             "trust in an institute gained when one of its events brings a farmer knowledge (kept-promise form)",
             "MODEL §7.3; assumption"));

  r.add(boolean("institute.*.enabled", "true", "run this institute", ""));
  r.add(choice("institute.*.kind", "advisory", {"research", "advisory", "platform"},
               "research: multi-year trials, field days at trial sites; advisory: site visits at adopting farms, "
               "communities of practice; platform: a portal (codified) with a core team and meetings",
               "MODEL §2; 001 L128–130; 004 L581–583"));
  r.add(text("institute.*.practices", "", "practices it works on, comma-separated (empty: every utility practice)"));
  r.add(real("institute.*.initial_trust_mean", "0.5", "0–1", 0, 1, "farmers' mean initial trust in it", "assumption"));
  r.add(real("institute.*.initial_trust_sd", "0.15", "0–1", 0, 1, "spread of the initial trust", "assumption"));
  r.add(real("institute.*.field_days_per_year", "0", "1/yr", 0, 10000, "field days and site visits per year",
             "001 L65–76 (site visits); assumption"));
  r.add(real("institute.*.field_days_per_1000_farms_year", "0", "1/yr", 0, 10000,
             "+ this × farms / 1000 (an institute's staff grows with the region)", "assumption"));
  r.add(integer("institute.*.field_day_places", "25", "farmers", 1, 100000,
                "places at a field day (attendees come from the host's network, two steps out)", "assumption"));
  r.add(real("institute.*.field_day_tacit", "0.1", "0–1", 0, 1, "tacit knowledge an attendee takes home",
             "assumption"));
  r.add(real("institute.*.unaware_attendance", "0.3", "0–1", 0, 1,
             "chance of an unaware neighbour coming, relative to an aware one (who then is aware: e_evt)", "assumption"));
  r.add(real("institute.*.cop_sessions_per_year", "0", "1/yr", 0, 365,
             "sessions of its community of practice per practice (members move toward the best-informed)",
             "000 L9–29; 004 L581–583; assumption"));
  r.add(integer("institute.*.cop_members", "15", "farmers", 2, 100000, "members of a community of practice",
                "001 L54 (Boermarke Zeijen: 20 active members); assumption"));
  r.add(real("institute.*.cop_exchange", "0.2", "0–1", 0, 1,
             "share of the gap to the best-informed member a session closes", "assumption"));
  r.add(real("institute.*.trial_every_years", "0", "years", 0, 100,
             "research: a new field trial per practice this often (0: none)", "001 L128–130"));
  r.add(real("institute.*.trial_years", "3", "years", 0, 50, "research: years until a trial's results are published",
             "001 L128–130 (multi-year field trials)"));
  r.add(real("institute.*.trial_codified", "0.2", "0–1", 0, 1,
             "share of the codifiable knowledge a published trial adds to what is in print", "assumption"));
  r.add(real("institute.*.portal_codified_per_year", "0", "1/yr", 0, 50,
             "portal: codified knowledge per year an interested farmer takes from it, × trust in the institute; it "
             "carries codified knowledge only", "004 L297–299 (a website alone 'onvoldoende beklijft')"));
  r.add(real("institute.*.core_team_per_year", "0", "1/yr", 0, 50,
             "platform: share of the gap between an interested farmer's tacit knowledge and the platform's pool of "
             "project results its core team closes a year (× trust): questions routed to those who know",
             "004 L364–384 (the core team routes questions to experts); assumption"));
  r.add(real("institute.*.portal_coverage", "0.8", "0–1", 0, 1,
             "portal: share of the codifiable knowledge it gathers in one place (within a farmer's reach × trust)",
             "000 L9–29 (one central finding place); 004 L240–243 (existing websites: 9%); 0.8 an assumption"));
}

}  // namespace kringloop::agents
