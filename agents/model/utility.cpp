#include "agents/model/utility.hpp"

#include <algorithm>
#include <cmath>

namespace kringloop::agents {

AnnuityTable::AnnuityTable(double rate, double max_years) : rate_(rate) {
  const auto years = static_cast<std::size_t>(std::ceil(max_years)) + 1;
  factor_.assign(years + 1, 0.0);
  double discount = 1;
  for (std::size_t h = 1; h <= years; ++h) {
    discount /= 1 + rate;
    factor_[h] = factor_[h - 1] + discount;
  }
}

double AnnuityTable::operator()(double years) const {
  if (years <= 0 || factor_.empty()) return 0;
  const double top = static_cast<double>(factor_.size() - 1);
  if (years >= top) return factor_.back();
  const auto whole = static_cast<std::size_t>(years);
  const double fraction = years - static_cast<double>(whole);
  return factor_[whole] + fraction * (factor_[whole + 1] - factor_[whole]);
}

double AnnuityTable::discount(double years) const { return std::pow(1 + rate_, -years); }

double farmer_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, sim::Day day) {
  const double max_horizon = scenario.decision.max_horizon_years;
  if (farmers.has_successor[farmer]) return max_horizon;
  const double age = sim::days_to_years(day - farmers.birth_day[farmer]);
  return std::clamp(scenario.population.retirement_age - age, 0.0, max_horizon);
}

double policy_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::uint8_t government) {
  if (government == no_index) return scenario.decision.max_horizon_years;
  const double trust = farmers.trust[government][farmer];
  return std::min(scenario.decision.max_horizon_years,
                  scenario.institutions[government].vision_years * trust / scenario.trust.reference_trust);
}

double lease_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::size_t slot,
                           sim::Day day, bool sustainable) {
  const std::size_t index = farmer * lease_slots + slot;
  switch (farmers.lease_kind[index]) {
    case Tenure::regular: return scenario.land.regular_continuation_years;
    case Tenure::liberalised: {
      const auto& landlord = scenario.landlords[farmers.lease_landlord[index]];
      double renewal = landlord.renewal_probability;
      if (sustainable) renewal += landlord.sustainability_weight * (1 - renewal);
      const double remaining = std::max(0.0, sim::days_to_years(farmers.lease_end[index] - day));
      return remaining + renewal * landlord.term_years;
    }
    default: return 1.0;
  }
}

bool eligible(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::size_t scheme, sim::Day day) {
  const SchemeSettings& s = scenario.schemes[scheme];
  if (!s.eligible_types[static_cast<std::size_t>(farmers.type[farmer])]) return false;
  if (!covers(s.regions, farmers.region[farmer])) return false;
  if (s.kind == SchemeKind::rollout && farmers.innovativeness[farmer] > Innovativeness::early_adopter) return false;
  if (s.min_lease_years > 0)
    for (std::size_t slot = 0; slot < lease_slots; ++slot)
      if (farmers.lease_ha[farmer * lease_slots + slot] > 0 &&
          lease_horizon_years(scenario, farmers, farmer, slot, day, false) < s.min_lease_years)
        return false;
  return true;
}

double credibility(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                   std::size_t scheme) {
  const SchemeSettings& s = scenario.schemes[scheme];
  double trust = farmers.trust[s.government][farmer];
  const std::uint8_t messenger = scenario.institutions[s.government].messenger;
  if (messenger != no_index) {
    const double w = scenario.trust.messenger_weight;
    trust = (1 - w) * trust + w * farmers.trust[messenger][farmer];
  }
  return trust * month.schemes[scheme].award_probability;
}

FarmTerms farm_terms(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                     std::size_t practice, double neighbour_fraction, double farmer_horizon) {
  const PracticeSettings& p = scenario.practices[practice];
  const PracticeEconomics& economics = month.practices[practice];
  FarmTerms farm;
  farm.farmer_horizon = farmer_horizon;
  // This farm's own economics (farms differ: no knife edge at one margin).
  const PracticeState& own = farmers.practice[practice];
  farm.margin_ha = p.margin_per_ha_year + own.margin_offset_ha[farmer] + economics.premium_per_ha_expected;
  farm.margin_farm = p.margin_per_farm_year + own.margin_offset_farm[farmer] + economics.premium_per_farm_expected;
  // A coalition pursuing the practice: its pool pays a share of the investment (cooperation, or a
  // funded programme) and its members' adoption is a norm (MODEL §7.5, w_norm · norm_coal).
  farm.coalition = coalition_for(month, farmers.coalition[farmer], practice);
  const double cost_factor = own.cost_factor[farmer] * (farm.coalition ? 1.0 - farm.coalition->investment_share : 1.0);
  farm.investment_ha = p.investment_per_ha * cost_factor, farm.investment_farm = p.investment_per_farm * cost_factor;
  if (p.land_bound) {
    farm.owned_ha = farmers.owned_ha[farmer];
    for (std::size_t slot = 0; slot < lease_slots; ++slot) {
      const std::size_t index = farmer * lease_slots + slot;
      farm.lease_ha[slot] = farmers.lease_ha[index];
      farm.lease_horizon[slot] = farm.lease_margin[slot] = 0;
      if (farm.lease_ha[slot] <= 0) continue;
      const auto& landlord = scenario.landlords[farmers.lease_landlord[index]];
      farm.lease_horizon[slot] = lease_horizon_years(scenario, farmers, farmer, slot, month.day, true);
      farm.lease_margin[slot] = landlord.rent_eur_per_ha * landlord.sustainable_rent_discount;
    }
  } else {
    farm.lease_ha = farm.lease_horizon = farm.lease_margin = {};
    farm.area_ha = farmers.area_ha(farmer);
  }
  farm.social = scenario.decision.social_weight * neighbour_fraction;
  farm.risk = farmers.risk_aversion[farmer] * p.uncertainty;
  farm.norm = farm.coalition ? farm.coalition->norm : 0.0;
  return farm;
}

HorizonTerms horizon_terms(const Scenario& scenario, const MonthContext& month, const Farmers& farmers,
                           std::size_t farmer, std::size_t practice, const FarmTerms& farm, std::uint8_t government) {
  const double base = std::min(farm.farmer_horizon, policy_horizon_years(scenario, farmers, farmer, government));
  return horizon_terms(scenario, month, practice, farm, government, base, month.practices[practice].annuity(base));
}

HorizonTerms horizon_terms(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                           const FarmTerms& farm, std::uint8_t government, double base, double base_annuity) {
  const AnnuityTable& annuity = month.practices[practice].annuity;
  HorizonTerms horizon;
  horizon.government = government;
  horizon.base = base;
  horizon.base_annuity = base_annuity;
  if (!scenario.practices[practice].land_bound) return horizon;
  for (std::size_t slot = 0; slot < lease_slots; ++slot) {
    if (farm.lease_ha[slot] <= 0) continue;
    const double h = std::min(horizon.base, farm.lease_horizon[slot]);
    horizon.lease[slot] = h;
    horizon.lease_annuity[slot] = h == horizon.base ? horizon.base_annuity : annuity(h);
  }
  return horizon;
}

Option evaluate(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                std::size_t practice, int scheme, const FarmTerms& farm, const HorizonTerms& horizon) {
  const PracticeSettings& p = scenario.practices[practice];
  const AnnuityTable& annuity = month.practices[practice].annuity;

  const SchemeSettings* s = scheme >= 0 ? &scenario.schemes[static_cast<std::size_t>(scheme)] : nullptr;
  const double base_horizon = horizon.base;
  double weight = 0, pay_ha_year = 0, pay_farm_year = 0, once_ha = 0, once_farm = 0, duration = 0;
  if (s) {
    weight = credibility(scenario, month, farmers, farmer, static_cast<std::size_t>(scheme)) *
             month.schemes[static_cast<std::size_t>(scheme)].lead_discount;
    duration = s->duration_years;
    const double farm_amount = s->kind == SchemeKind::performance_reward ? s->amount_per_farm * s->performance_share
                                                                         : s->amount_per_farm;
    if (s->annual()) pay_ha_year = s->amount_per_ha, pay_farm_year = farm_amount;
    else once_ha = s->amount_per_ha, once_farm = farm_amount;
  }

  // Value per hectare over horizon h, payments only while the contract runs. The margin annuities
  // come with the horizon terms (A(H) on owned land and for the per-farm terms, A(h) per lease);
  // without a scheme the contract runs 0 years, whose annuity is 0 (AnnuityTable), so it is not looked up.
  auto payment_annuity = [&](double h) { return duration > 0 ? annuity(std::min(h, duration)) : 0.0; };
  const double base_annuity = horizon.base_annuity, base_payment_annuity = payment_annuity(base_horizon);
  auto value_with = [&](double extra_margin, double margin_annuity, double pay_annuity) {
    return -farm.investment_ha + (farm.margin_ha + extra_margin) * margin_annuity +
           weight * (pay_ha_year * pay_annuity + once_ha);
  };
  auto value_per_ha = [&](double h, double extra_margin, double h_annuity) {
    return h == base_horizon ? value_with(extra_margin, base_annuity, base_payment_annuity)
                             : value_with(extra_margin, h_annuity, payment_annuity(h));
  };

  Option option;
  double npv = 0;
  if (p.land_bound) {
    // Per tenure part: adopt only where it pays (MODEL §7.2: perhaps on owned land only).
    const double owned = farm.owned_ha;
    if (owned > 0) {
      const double v = value_per_ha(base_horizon, 0, base_annuity);
      if (v > 0) option.area_ha += owned, npv += owned * v, option.parts |= 1u;
    }
    for (std::size_t slot = 0; slot < lease_slots; ++slot) {
      const double area = farm.lease_ha[slot];
      if (area <= 0) continue;
      const double v = value_per_ha(horizon.lease[slot], farm.lease_margin[slot], horizon.lease_annuity[slot]);
      if (v > 0) option.area_ha += area, npv += area * v, option.parts |= lease_part(slot);
    }
    if (option.area_ha <= 0) return option;  // pays nowhere: utility stays at its floor
  } else {
    option.area_ha = farm.area_ha;
    option.parts = all_parts;
    npv = option.area_ha * value_per_ha(base_horizon, 0, base_annuity);
  }
  option.investment_eur = farm.investment_ha * option.area_ha + farm.investment_farm;
  option.grant_eur = std::min(option.investment_eur, once_ha * option.area_ha + once_farm);
  option.annual_eur = pay_ha_year * option.area_ha + pay_farm_year;
  // Per-farm terms; the per-ha one-off grant is already in npv, the cap only bites for per-farm grants.
  const double farm_grant = std::max(0.0, option.grant_eur - once_ha * option.area_ha);
  npv += -farm.investment_farm + farm.margin_farm * base_annuity + weight * (pay_farm_year * base_payment_annuity + farm_grant);
  if (s) npv -= s->admin_cost_eur;
  option.utility = npv / scenario.decision.utility_scale_eur + farm.social - farm.risk + farm.norm;
  return option;
}

}  // namespace kringloop::agents
