// Institutions, schemes, landlords and chain partners of the typed scenario: names resolved to
// indices, cross-key checks with one clear error each.
#include <algorithm>
#include <cmath>

#include "agents/scenario/name_index.hpp"
#include "agents/scenario/scenario.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

using sim::ConfigError;

// Index of `name` in `items` (by .name), or throws naming the key and the allowed names.

Tenure tenure_of(const std::string& text) {
  if (text == "regular") return Tenure::regular;
  if (text == "one_year") return Tenure::one_year;
  return Tenure::liberalised;
}

// The fields governments and intermediaries share, from section `kind.name`.
InstitutionSettings read_institution(const sim::config::ResolvedConfig& config, const std::string& kind,
                                     const std::string& name, InstitutionKind institution_kind) {
  const std::string p = kind + "." + name + ".";
  InstitutionSettings institution;
  institution.name = name;
  institution.kind = institution_kind;
  institution.level = config.text(p + "level");
  institution.initial_trust_mean = config.real(p + "initial_trust_mean");
  institution.initial_trust_sd = config.real(p + "initial_trust_sd");
  return institution;
}

}  // namespace

void build_institutions(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  for (const auto& name : config.instances("government")) {
    const std::string p = "government." + name + ".";
    InstitutionSettings g = read_institution(config, "government", name, InstitutionKind::government);
    g.election_cycle_years = config.real(p + "election_cycle_years");
    g.reversal_probability = config.real(p + "reversal_probability");
    g.stop_payments_on_reversal = config.boolean(p + "stop_payments_on_reversal");
    g.vision_years = config.real(p + "vision_years");
    g.enforcement_per_farmer_per_year = config.real(p + "enforcement_per_farmer_per_year");
    g.regulator_penalty = config.real(p + "regulator_penalty");
    g.announcement_awareness_per_year = config.real(p + "announcement_awareness_per_year");
    g.staff_capacity = config.real(p + "staff_capacity");
    g.staff_turnover_per_year = config.real(p + "staff_turnover_per_year");
    g.regions = region_mask(config, p + "regions", scenario, all_regions);
    scenario.institutions.push_back(g);
  }
  scenario.government_count = scenario.institutions.size();
  for (const auto& name : config.instances("intermediary")) {
    scenario.institutions.push_back(read_institution(config, "intermediary", name, InstitutionKind::intermediary));
  }
  if (scenario.institutions.size() > 32) throw ConfigError("scenario: more than 32 governments and intermediaries");
  for (std::size_t g = 0; g < scenario.government_count; ++g) {
    const std::string key = "government." + scenario.institutions[g].name + ".messenger";
    const std::string& messenger = config.text(key);
    if (messenger != "none" && !messenger.empty())
      scenario.institutions[g].messenger =
          index_of(scenario.institutions, messenger, key, scenario.government_count, scenario.institutions.size());
  }

  for (const auto& name : config.instances("scheme")) {
    const std::string p = "scheme." + name + ".";
    if (!config.boolean(p + "enabled")) continue;
    SchemeSettings s;
    s.name = name;
    const std::string practice = config.text(p + "practice");
    const bool practice_enabled = !config.has("practice." + practice + ".enabled") ||
                                  config.boolean("practice." + practice + ".enabled");
    if (!practice_enabled) continue;  // a disabled practice takes its schemes with it
    s.practice = index_of(scenario.practices, practice, p + "practice");
    if (scenario.government_count == 0)
      throw ConfigError(p + "government = '" + config.text(p + "government") + "': no [government.NAME] defined");
    s.government = index_of(scenario.institutions, config.text(p + "government"), p + "government", 0,
                            scenario.government_count);
    const std::string kind = config.text(p + "kind");
    for (std::size_t k = 0; k < scheme_kind_names.size(); ++k)
      if (kind == scheme_kind_names[k]) s.kind = static_cast<SchemeKind>(k);
    s.open_day = sim::years_to_days(config.real(p + "open_year"));
    s.window_days = sim::years_to_days(config.real(p + "window_years"));
    s.announced_lead_days = static_cast<sim::Day>(config.real(p + "announced_lead_time_days") + 0.5);
    s.lead_mean_days = config.real(p + "lead_time_mean_days");
    s.lead_sd_days = config.real(p + "lead_time_sd_days");
    s.amount_per_ha = config.real(p + "amount_eur_per_ha");
    s.amount_per_farm = config.real(p + "amount_eur_per_farm");
    s.performance_share = config.real(p + "performance_share");
    s.duration_years = static_cast<int>(config.integer(p + "duration_years"));
    s.budget_eur = config.real(p + "budget_eur");
    s.budget_per_eligible_farm_eur = config.real(p + "budget_eur_per_eligible_farm");
    s.budget_per_eligible_ha_eur = config.real(p + "budget_eur_per_eligible_ha");
    s.stopped_money = config.text(p + "stopped_money") == "scheme" ? StoppedMoney::scheme : StoppedMoney::treasury;
    s.admin_cost_eur = config.real(p + "admin_cost_eur");
    s.eligible_types = type_mask(config, p + "eligible_types");
    s.min_lease_years = config.real(p + "min_lease_years");
    s.requires_business_plan = config.boolean(p + "requires_business_plan");
    s.regions = region_mask(config, p + "region", scenario, scenario.institutions[s.government].regions);
    scenario.schemes.push_back(s);
  }
  if (scenario.schemes.size() > 250) throw ConfigError("scenario: more than 250 schemes");
}

void build_land_and_chain(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  auto& land = scenario.land;
  double sum = 0;
  for (std::size_t c = 0; c < tenure_count; ++c) sum += land.main_tenure_share[c] = config.real(std::string("land.share_") + tenure_names[c]);
  if (std::fabs(sum - 1.0) > 1e-6)
    throw ConfigError("scenario: land.share_owned/regular/liberalised/one_year sum to " + std::to_string(sum) +
                      " (allowed: exactly 1)");
  land.leased_fraction = config.real("land.leased_fraction");
  land.regular_continuation_years = config.real("land.regular_continuation_years");
  land.liberalised_max_years = config.real("land.liberalised_max_years");
  land.farm_exits = config.boolean("land.farm_exits");
  land.sale_share = config.real("land.sale_share");
  land.relet_candidates = static_cast<int>(config.integer("land.relet_candidates"));

  for (const auto& name : config.instances("landlord")) {
    const std::string p = "landlord." + name + ".";
    LandlordSettings l;
    l.name = name;
    l.kind = config.text(p + "kind");
    l.relet_kind = tenure_of(config.text(p + "relet_kind"));
    l.term_years = config.real(p + "term_years");
    if (l.relet_kind == Tenure::liberalised && l.term_years > land.liberalised_max_years)
      throw ConfigError(p + "term_years = " + std::to_string(l.term_years) + " (allowed for liberalised leases: at most " +
                        "land.liberalised_max_years = " + std::to_string(land.liberalised_max_years) + ", 003 L627–628)");
    l.renewal_probability = config.real(p + "renewal_probability");
    l.sustainability_weight = config.real(p + "sustainability_weight");
    l.rent_eur_per_ha = config.real(p + "rent_eur_per_ha");
    l.sustainable_rent_discount = config.real(p + "sustainable_rent_discount");
    scenario.landlords.push_back(l);
  }
  if (scenario.landlords.empty()) throw ConfigError("scenario: no [landlord.NAME] section (leases need landlords)");
  if (scenario.landlords.size() > 32) throw ConfigError("scenario: more than 32 landlords");
  for (std::size_t c = 0; c < tenure_count; ++c) {
    const std::string key = std::string("land.landlord_") + tenure_names[c];
    land.initial_landlord[c] = index_of(scenario.landlords, config.text(key), key);
  }

  for (const auto& name : config.instances("chain")) {
    const std::string p = "chain." + name + ".";
    if (!config.boolean(p + "enabled")) continue;
    const std::string practice = config.text(p + "practice");
    if (config.has("practice." + practice + ".enabled") && !config.boolean("practice." + practice + ".enabled")) continue;
    ChainSettings c;
    c.name = name;
    const std::string kind = config.text(p + "kind");
    c.kind = kind == "bank" ? ChainKind::bank : kind == "manure_processor" ? ChainKind::manure_processor : ChainKind::processor;
    c.practice = index_of(scenario.practices, practice, p + "practice");
    c.premium_per_ha_year = config.real(p + "premium_eur_per_ha_year");
    c.premium_per_farm_year = config.real(p + "premium_eur_per_farm_year");
    c.capacity_farms = config.real(p + "capacity_farms");
    c.capacity_growth_per_year = config.real(p + "capacity_growth_per_year");
    c.capacity_share = config.real(p + "capacity_share");
    c.min_commitments_share = config.real(p + "min_commitments_share");
    c.interest_discount = config.real(p + "interest_discount");
    if (c.interest_discount > scenario.decision.discount_rate)
      throw ConfigError(p + "interest_discount = " + std::to_string(c.interest_discount) +
                        " (allowed: at most decision.discount_rate = " + std::to_string(scenario.decision.discount_rate) + ")");
    c.min_commitments = config.real(p + "min_commitments");
    scenario.chains.push_back(c);
  }
}

}  // namespace kringloop::agents
