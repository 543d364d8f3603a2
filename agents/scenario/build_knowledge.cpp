// Knowledge rules ([knowledge]) and knowledge institutes ([institute.NAME]) of the typed scenario.
#include "agents/scenario/name_index.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

InstituteKind institute_kind_of(const std::string& text) {
  if (text == "research") return InstituteKind::research;
  if (text == "platform") return InstituteKind::platform;
  return InstituteKind::advisory;
}

void read_rules(const sim::config::ResolvedConfig& config, KnowledgeSettings& k) {
  k.codified_max_share = config.real("knowledge.codified_max_share");
  k.half_life_years = config.real("knowledge.half_life_years");
  k.reading_per_year = config.real("knowledge.reading_per_year");
  k.trying_per_year = config.real("knowledge.trying_per_year");
  k.observing_per_year = config.real("knowledge.observing_per_year");
  k.doing_per_year = config.real("knowledge.doing_per_year");
  k.public_codified = config.real("knowledge.public_codified");
  k.mode = config.text("knowledge.mode") == "platform" ? KnowledgeMode::platform : KnowledgeMode::fragmented;
  k.regional_benefit = config.boolean("knowledge.regional_benefit");
  k.project_years = config.real("knowledge.project_years");
  k.project_result = config.real("knowledge.project_result");
  k.reuse_level = config.real("knowledge.reuse_level");
  k.pool_transfer = config.real("knowledge.pool_transfer");
  k.project_cost_eur = config.real("knowledge.project_cost_eur");
  k.platform_build_eur = config.real("knowledge.platform_build_eur");
  k.platform_build_years = config.real("knowledge.platform_build_years");
  k.platform_upkeep_eur_per_year = config.real("knowledge.platform_upkeep_eur_per_year");
  k.platform_support_eur_per_year = config.real("knowledge.platform_support_eur_per_year");
  k.institute_trust_gain = config.real("knowledge.institute_trust_gain");
}

}  // namespace

void build_knowledge(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  read_rules(config, scenario.knowledge);
  for (const auto& name : config.instances("institute")) {
    const std::string p = "institute." + name + ".";
    if (!config.boolean(p + "enabled")) continue;
    InstituteSettings s;
    s.name = name;
    s.kind = institute_kind_of(config.text(p + "kind"));
    // Institutes work through the adoption pipeline: practices decided otherwise are left out, and
    // a named practice that is disabled is skipped as its schemes are.
    for (const auto& practice : config.list(p + "practices")) {
      if (config.has("practice." + practice + ".enabled") && !config.boolean("practice." + practice + ".enabled")) continue;
      const std::uint8_t index = index_of(scenario.practices, practice, p + "practices");
      if (scenario.practices[index].decision == DecisionRule::utility) s.practices.push_back(index);
    }
    if (config.list(p + "practices").empty())
      for (std::size_t q = 0; q < scenario.practices.size(); ++q)
        if (scenario.practices[q].decision == DecisionRule::utility) s.practices.push_back(static_cast<std::uint8_t>(q));
    s.initial_trust_mean = config.real(p + "initial_trust_mean");
    s.initial_trust_sd = config.real(p + "initial_trust_sd");
    s.field_days_per_year = config.real(p + "field_days_per_year");
    s.field_days_per_1000_farms_year = config.real(p + "field_days_per_1000_farms_year");
    s.field_day_places = static_cast<int>(config.integer(p + "field_day_places"));
    s.field_day_tacit = config.real(p + "field_day_tacit");
    s.unaware_attendance = config.real(p + "unaware_attendance");
    s.cop_sessions_per_year = config.real(p + "cop_sessions_per_year");
    s.cop_members = static_cast<int>(config.integer(p + "cop_members"));
    s.cop_exchange = config.real(p + "cop_exchange");
    s.trial_every_years = config.real(p + "trial_every_years");
    s.trial_years = config.real(p + "trial_years");
    s.trial_codified = config.real(p + "trial_codified");
    s.portal_codified_per_year = config.real(p + "portal_codified_per_year");
    s.portal_coverage = config.real(p + "portal_coverage");
    s.core_team_per_year = config.real(p + "core_team_per_year");
    if (s.kind != InstituteKind::research && s.trial_every_years > 0)
      throw sim::ConfigError(p + "trial_every_years = " + config.text(p + "trial_every_years") +
                             ": only a research institute runs field trials (kind = research)");
    scenario.institutes.push_back(std::move(s));
  }
  if (scenario.institutes.size() > 32) throw sim::ConfigError("scenario: more than 32 knowledge institutes");
}

}  // namespace kringloop::agents
