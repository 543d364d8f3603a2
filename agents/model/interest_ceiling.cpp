#include "agents/model/interest_ceiling.hpp"

#include <algorithm>
#include <cmath>

#include "sim/cpu_features.hpp"

namespace kringloop::agents {

InterestCeiling::InterestCeiling(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                                 const Farmers& farmers)
    : month_(month),
      practice_(practice),
      annuity_(month.practices[practice].annuity) {
  const PracticeSettings& p = scenario.practices[practice];
  const PracticeEconomics& economics = month.practices[practice];
  const PracticeState& state = farmers.practice[practice];
  rows_ = {state.margin_offset_ha.data(), state.margin_offset_farm.data(), state.cost_factor.data(),
           farmers.risk_aversion.data(),  farmers.owned_ha.data(),          farmers.lease_ha.data(),
           farmers.coalition.data(),      farmers.type.data(),              farmers.innovativeness.data(),
           farmers.region.data()};
  land_bound_ = p.land_bound;
  margin_ha_ = p.margin_per_ha_year, margin_farm_ = p.margin_per_farm_year;
  premium_ha_ = economics.premium_per_ha_expected, premium_farm_ = economics.premium_per_farm_expected;
  investment_ha_ = p.investment_per_ha, investment_farm_ = p.investment_per_farm;
  uncertainty_ = p.uncertainty, utility_scale_ = scenario.decision.utility_scale_eur;
  social_weight_ = scenario.decision.social_weight;
  premises_hold_ = utility_scale_ > 0;
  // A slot's landlord is not looked at: the largest forgone rent of any landlord bounds it.
  for (const LandlordSettings& landlord : scenario.landlords)
    lease_margin_max_ = std::max(lease_margin_max_, landlord.rent_eur_per_ha * landlord.sustainable_rent_discount);
  // The schemes best_option weighs for interest, as the review tabulates them (pipeline.cpp).
  for (const std::uint8_t s : economics.schemes) {
    const SchemeSettings& settings = scenario.schemes[s];
    if (!month.schemes[s].open || settings.kind == SchemeKind::experiment_fund) continue;
    Offer offer{};
    offer.main = settings.government == economics.main_government;
    offer.types = settings.eligible_types;
    offer.regions = settings.regions;
    offer.rollout = settings.kind == SchemeKind::rollout;
    offer.trust = farmers.trust[settings.government].data();
    const std::uint8_t messenger = scenario.institutions[settings.government].messenger;
    offer.messenger_trust = messenger != no_index ? farmers.trust[messenger].data() : nullptr;
    offer.messenger_weight = scenario.trust.messenger_weight;
    offer.award_probability = month.schemes[s].award_probability;
    offer.lead_discount = month.schemes[s].lead_discount;
    offer.payment_annuity = settings.duration_years > 0 ? annuity_(settings.duration_years) : 0.0;
    const double farm_amount = settings.kind == SchemeKind::performance_reward
                                   ? settings.amount_per_farm * settings.performance_share
                                   : settings.amount_per_farm;
    if (settings.annual()) offer.pay_ha_year = settings.amount_per_ha, offer.pay_farm_year = farm_amount;
    else offer.once_ha = settings.amount_per_ha, offer.once_farm = farm_amount;
    offer.admin = settings.admin_cost_eur;
    premises_hold_ = premises_hold_ && offer.pay_ha_year >= 0 && offer.pay_farm_year >= 0 && offer.once_ha >= 0 &&
                     offer.once_farm >= 0;
    offers_.push_back(offer);
  }
}

// Inlined into the list's loop (the call cost a sixth of the bound's instructions: spills of the
// month's constants and the farm's terms).
[[gnu::always_inline]] inline FarmerCeiling InterestCeiling::ceiling_of(std::size_t farmer, const MainHorizon& own) const {
  if (!premises_hold_) return {unbounded(), 0};
  const Rows& r = rows_;
  // The farm's terms by the expressions of farm_terms (utility.cpp), so the same numbers.
  const double margin_ha = margin_ha_ + r.margin_offset_ha[farmer] + premium_ha_;
  const double margin_farm = margin_farm_ + r.margin_offset_farm[farmer] + premium_farm_;
  const CoalitionView* coalition = coalition_for(month_, r.coalition[farmer], practice_);
  const double cost_factor = r.cost_factor[farmer] * (coalition ? 1.0 - coalition->investment_share : 1.0);
  const double investment_ha = investment_ha_ * cost_factor, investment_farm = investment_farm_ * cost_factor;
  const double risk = r.risk_aversion[farmer] * uncertainty_;
  const double norm = coalition ? coalition->norm : 0.0;
  const double owned = r.owned_ha[farmer];
  const float* leases = r.lease_ha + farmer * lease_slots;
  double area = owned;  // the whole farm, as Farmers::area_ha adds it (practices not bound to land)
  if (!land_bound_)
    for (std::size_t slot = 0; slot < lease_slots; ++slot) area += leases[slot];

  // One option: `main` when its horizon is the main government's (A(H) known exactly), else
  // `annuity` is only an upper bound on A(H). Returns the bound on its NPV, or lowest() when no part
  // of the land can pay (evaluate's floor), and adds the size of its terms to `size`.
  double size = 0;
  auto option = [&](bool main, double annuity, double weight, double pay_annuity, double pay_ha, double pay_farm,
                    double once_ha, double once_farm, double admin) {
    pay_annuity = std::min(pay_annuity, annuity);
    const double paid_ha = weight * (pay_ha * pay_annuity + once_ha);
    // Per hectare on land whose margin annuity is A(H) (owned land, or the whole farm), and on a
    // lease slot (A(min(H, lease horizon)) ∈ [0, A(H)]); each plus its own rounding room.
    const double margin_owned = main ? margin_ha * annuity : std::max(0.0, margin_ha) * annuity;
    const double owned_value =
        -investment_ha + margin_owned + paid_ha + 1e-9 * (std::abs(investment_ha) + std::abs(margin_owned) + paid_ha);
    double land;
    if (land_bound_) {
      land = 0;
      bool pays = false;
      if (owned > 0 && owned_value > 0) land += owned * owned_value, pays = true;
      const double margin_lease = std::max(0.0, margin_ha + lease_margin_max_) * annuity;
      const double lease_value =
          -investment_ha + margin_lease + paid_ha + 1e-9 * (std::abs(investment_ha) + margin_lease + paid_ha);
      if (lease_value > 0)
        for (std::size_t slot = 0; slot < lease_slots; ++slot)
          if (leases[slot] > 0) land += leases[slot] * lease_value, pays = true;
      if (!pays) return lowest();
    } else {
      land = area * owned_value;
    }
    const double margin = main ? margin_farm * annuity : std::max(0.0, margin_farm) * annuity;
    const double paid_farm = weight * (pay_farm * pay_annuity + once_farm);
    size = std::max(size, std::abs(land) + std::abs(investment_farm) + std::abs(margin) + paid_farm + admin);
    return land - investment_farm + margin + paid_farm - admin;
  };

  double best = option(true, own.base_annuity, 0, 0, 0, 0, 0, 0, 0);
  const Innovativeness innovativeness = r.innovativeness[farmer];
  const auto type = static_cast<std::size_t>(r.type[farmer]);
  const std::uint8_t region = r.region[farmer];
  double farmer_annuity = -1;  // A(the farmer's own horizon), looked up when an offer needs it
  for (const Offer& o : offers_) {
    if (!o.types[type] || !covers(o.regions, region)) continue;
    if (o.rollout && innovativeness > Innovativeness::early_adopter) continue;
    const bool main = o.main;
    if (!main && farmer_annuity < 0) farmer_annuity = annuity_(own.farmer);
    // The weight of the scheme's payments by the expressions of credibility() and evaluate().
    double trust = o.trust[farmer];
    if (o.messenger_trust) trust = (1 - o.messenger_weight) * trust + o.messenger_weight * o.messenger_trust[farmer];
    const double weight = trust * o.award_probability * o.lead_discount;
    if (!(weight >= 0)) return {unbounded(), 0};  // a premise fails (or trust is NaN): weigh the options
    best = std::max(best, option(main, main ? own.base_annuity : farmer_annuity, weight, o.payment_annuity,
                                 o.pay_ha_year, o.pay_farm_year, o.once_ha, o.once_farm, o.admin));
  }
  if (best == lowest()) return {lowest(), 0};
  return {best / utility_scale_ - risk + norm, size / utility_scale_ + std::abs(risk) + std::abs(norm)};
}

FarmerCeiling InterestCeiling::farmer_ceiling(std::size_t farmer, const MainHorizon& own) const {
  return ceiling_of(farmer, own);
}

void InterestCeiling::farmer_ceilings_reference(const std::uint32_t* list, std::size_t count, const MainHorizonRows& own,
                                                FarmerCeiling* out) const {
  for (std::size_t j = 0; j < count; ++j) out[j] = ceiling_of(list[j], own.at(j));
}

void InterestCeiling::farmer_ceilings(const std::uint32_t* list, std::size_t count, const MainHorizonRows& own,
                                      FarmerCeiling* out) const {
  static const bool vector = sim::avx2_enabled();
  if (vector) farmer_ceilings_avx2(list, count, own, out);
  else farmer_ceilings_reference(list, count, own, out);
}

double InterestCeiling::utility_bound(std::size_t farmer, double fraction, const MainHorizon& own) const {
  const FarmerCeiling c = farmer_ceiling(farmer, own);
  if (c.utility == lowest()) return lowest();
  const double s = social(fraction);
  return c.utility + s + 1e-9 * (1 + c.size + std::abs(s));
}

}  // namespace kringloop::agents
