// Coalition rules ([coalition]) and declared coalitions ([coalition.NAME]) of the typed scenario,
// with names resolved to indices and one clear error per bad cross-reference.
#include <algorithm>

#include "agents/scenario/name_index.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

using sim::ConfigError;


CoalitionForm form_of(const std::string& text) {
  if (text == "cooperation") return CoalitionForm::cooperation;
  if (text == "network") return CoalitionForm::network;
  return CoalitionForm::decision;
}

InviteRule invite_rule_of(const std::string& text) {
  if (text == "nearest") return InviteRule::nearest;
  if (text == "random") return InviteRule::random;
  return InviteRule::largest;
}

void read_rules(const sim::config::ResolvedConfig& config, CoalitionRules& rules) {
  rules.emergence = config.boolean("coalition.emergence");
  for (std::size_t f = 0; f < coalition_form_count; ++f) {
    const std::string p = std::string("coalition.") + coalition_form_names[f] + "_";
    CoalitionFormRules& form = rules.form[f];
    form.meeting_months = config.real(p + "meeting_months");
    form.visioning_months = config.real(p + "visioning_months");
    form.awareness_per_year = config.real(p + "awareness_per_year");
    form.norm_strength = config.real(p + "norm_strength");
    form.knowledge_exchange = config.real(p + "knowledge_exchange");
    form.role_cost = config.real(p + "role_cost");
  }
  rules.execution_months = config.real("coalition.execution_months");
  rules.norm_weight = config.real("coalition.norm_weight");
  rules.fast_track_lead_factor = config.real("coalition.fast_track_lead_factor");
  rules.budget_priority = config.boolean("coalition.budget_priority");
  rules.pooled_investment_share = config.real("coalition.pooled_investment_share");
  rules.member_contribution_eur_per_year = config.real("coalition.member_contribution_eur_per_year");
  rules.internal_trust_gain = config.real("coalition.internal_trust_gain");
  rules.internal_trust_loss = config.real("coalition.internal_trust_loss");
  rules.peer_trust_gain = config.real("coalition.peer_trust_gain");
  rules.peer_trust_loss = config.real("coalition.peer_trust_loss");
  rules.peer_trust_mean = config.real("coalition.peer_trust_mean");
  rules.peer_trust_sd = config.real("coalition.peer_trust_sd");
  rules.cooperation_trust_threshold = config.real("coalition.cooperation_trust_threshold");
  rules.cooperation_min_members = static_cast<int>(config.integer("coalition.cooperation_min_members"));
  rules.cooperation_initiative_per_year = config.real("coalition.cooperation_initiative_per_year");
  rules.give_take_tolerance = config.real("coalition.give_take_tolerance");
  rules.network_initiative_per_year = config.real("coalition.network_initiative_per_year");
  rules.front_runner_years = config.real("coalition.front_runner_years");
  rules.network_join_probability = config.real("coalition.network_join_probability");
  rules.network_max_members = static_cast<int>(config.integer("coalition.network_max_members"));
  rules.network_min_attendance = static_cast<int>(config.integer("coalition.network_min_attendance"));
  rules.fade_after_missed_meetings = static_cast<int>(config.integer("coalition.fade_after_missed_meetings"));
  rules.professionalise_members = static_cast<int>(config.integer("coalition.professionalise_members"));
  rules.handover_trust = config.real("coalition.handover_trust");
  rules.reversal_collapse_probability = config.real("coalition.reversal_collapse_probability");
  rules.uninterested_leave_per_year = config.real("coalition.uninterested_leave_per_year");
  rules.lag_check_years = config.real("coalition.lag_check_years");
  rules.lag_share = config.real("coalition.lag_share");
  rules.invited_share = config.real("coalition.invited_share");
  rules.turnover_trust_loss = config.real("coalition.turnover_trust_loss");
}

}  // namespace

void build_coalitions(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  read_rules(config, scenario.coalition);
  for (const auto& name : config.instances("coalition")) {
    const std::string p = "coalition." + name + ".";
    if (!config.boolean(p + "enabled")) continue;
    CoalitionDeclaration c;
    c.name = name;
    c.form = form_of(config.text(p + "form"));
    const std::string practice = config.text(p + "practice");
    const bool practice_enabled = !config.has("practice." + practice + ".enabled") ||
                                  config.boolean("practice." + practice + ".enabled");
    if (!practice_enabled) continue;  // a disabled practice takes its coalitions with it, as its schemes
    c.practice = index_of(scenario.practices, practice, p + "practice", 0, scenario.practices.size());
    // Coalitions act through the adoption pipeline; a practice decided otherwise (immediate: the
    // Bass limit; external) takes its coalitions with it, as a disabled practice does.
    if (scenario.practices[c.practice].decision != DecisionRule::utility) continue;
    const std::string director = config.text(p + "director");
    if (director != "none" && !director.empty())
      c.director = index_of(scenario.institutions, director, p + "director", 0, scenario.government_count);
    else if (c.form == CoalitionForm::decision)
      throw ConfigError(p + "director = none: a decision-oriented coalition needs a directing government "
                            "(a [government.NAME])");
    for (const auto& partner : config.list(p + "core_partners"))
      c.core_partners.push_back(index_of(scenario.institutions, partner, p + "core_partners", 0, scenario.institutions.size()));
    for (const auto& chain : config.list(p + "chain_partners"))
      c.chain_partners.push_back(index_of(scenario.chains, chain, p + "chain_partners", 0, scenario.chains.size()));
    c.sounding_board_members = static_cast<int>(config.integer(p + "sounding_board_members"));
    c.budget_eur = config.real(p + "budget_eur");
    c.budget_per_invited_farm_eur = config.real(p + "budget_eur_per_invited_farm");
    c.start_day = sim::years_to_days(config.real(p + "start_year"));
    const double end_year = config.real(p + "end_year");
    if (end_year > 0) {
      if (end_year <= config.real(p + "start_year"))
        throw ConfigError(p + "end_year = " + config.text(p + "end_year") + ": must be after start_year (" +
                          config.text(p + "start_year") + ") or 0 (runs on)");
      c.end_day = sim::years_to_days(end_year);
    }
    c.invited_farmers = config.integer(p + "invited_farmers");
    c.invited_share = config.real(p + "invited_share");
    c.invite_rule = invite_rule_of(config.text(p + "invite_rule"));
    if (!config.text(p + "region").empty()) {
      const RegionMask allowed = c.director == no_index ? all_regions : scenario.institutions[c.director].regions;
      const RegionMask mask = region_mask(config, p + "region", scenario, allowed);
      if (mask & (mask - 1))
        throw ConfigError(p + "region = " + config.text(p + "region") + ": name one region (allowed: one [region.NAME])");
      c.region = static_cast<std::uint8_t>(__builtin_ctz(mask));
    }
    c.farmers_at_table = config.boolean(p + "farmers_at_table");
    c.handover_after_years = config.real(p + "handover_after_years");
    c.business_plans_per_year = config.real(p + "business_plans_per_year");
    if (c.form != CoalitionForm::network && c.invited_farmers == 0 && c.invited_share == 0)
      throw ConfigError(p + "invited_farmers = 0 and invited_share = 0: a declared " + coalition_form_names[static_cast<std::size_t>(c.form)] +
                        " coalition needs farmers to invite");
    scenario.coalitions.push_back(std::move(c));
  }
  if (scenario.coalitions.size() > 60000) throw ConfigError("scenario: more than 60000 declared coalitions");
}

}  // namespace kringloop::agents
