// The utility of adopting a practice (MODEL §7.2), for one farmer, with or without a scheme:
//   U = NPV / scale + w_soc · f_nbr + w_norm · norm_coal − risk_aversion · uncertainty
//   NPV = − I + Σ_{y=1..H} (margin + chain premium + credibility · payments_y) / (1 + r)^y − admin cost
// with H = min(years to retirement, believed policy horizon, tenure horizon of the land).
#pragma once
#include <array>
#include <cstddef>

#include "agents/model/month_context.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

struct Option {
  double utility = -1e300;
  double area_ha = 0;          // area the practice would be applied to
  std::uint8_t parts = 0;      // which land parts (Farmers::parts_area)
  double investment_eur = 0;   // full investment
  double grant_eur = 0;        // one-off payment at award (investment grant, rollout)
  double annual_eur = 0;       // yearly payment (area payment, performance reward)
};

inline constexpr int without_scheme = -1;

// Years the farmer plans for: unbounded (max_horizon) with a successor, else years to retirement.
double farmer_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, sim::Day day);

// Believed policy horizon: vision × trust / reference trust (000 L73–75), capped at max_horizon.
double policy_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::uint8_t government);

// Tenure horizon of lease slot `slot` (MODEL §7.2, P4): regular → its expected continuation;
// liberalised → remaining term + renewal probability × term (003 L627–628); one-year → 1 year
// (003 L1643–1644). Owned land has no tenure bound.
double lease_horizon_years(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::size_t slot,
                           sim::Day day, bool sustainable);

// Farm-level eligibility for a scheme: type, region, minimum lease years, rollout only for
// innovators and early adopters (000 L55).
bool eligible(const Scenario& scenario, const Farmers& farmers, std::size_t farmer, std::size_t scheme, sim::Day day);

// Credibility of a scheme's promise: trust in the payer, blended toward trust in the intermediary
// that announced it (messenger effect, 003 L992–994), times the expected award probability.
double credibility(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                   std::size_t scheme);

// What all options of one farmer for one practice in one month share: the farm's own horizon,
// the coalition, costs and margins, the land and its leases' horizons, and the utility terms
// besides the NPV. The review evaluates the option without a scheme and one per open scheme;
// these are computed once for all of them, each by the same expression as before (speed, issue 16).
struct FarmTerms {
  const CoalitionView* coalition = nullptr;
  double farmer_horizon = 0;                 // farmer_horizon_years
  double margin_ha = 0, margin_farm = 0;     // margins and expected premiums, per ha and per farm
  double investment_ha = 0, investment_farm = 0;
  double owned_ha = 0, area_ha = 0;          // area_ha: the whole farm (farm-level practices)
  // Per lease slot, every slot set by farm_terms (0 where the slot holds no land); not zeroed on
  // construction: a default-constructed FarmTerms was cleared with `rep stos`, whose start-up cost
  // about a fifth of farm_terms' time (issue 16).
  std::array<double, lease_slots> lease_ha;         // 0: no lease in the slot (not looked at)
  std::array<double, lease_slots> lease_horizon;    // lease_horizon_years(…, sustainable)
  std::array<double, lease_slots> lease_margin;     // the rent a landlord forgoes for sustainable use
  double social = 0, risk = 0, norm = 0;     // w_soc · f_nbr, risk_aversion · uncertainty, w_norm · norm_coal
};
// `farmer_horizon`: farmer_horizon_years (main_horizons computes it for many farmers at once).
FarmTerms farm_terms(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                     std::size_t practice, double neighbour_fraction, double farmer_horizon);

// The horizon terms of the options whose policy is one government's: H and its annuities, on
// owned land and per lease slot. Options of the same government (the option without a scheme and
// the schemes of the practice's main government) share them.
struct HorizonTerms {
  std::uint8_t government = no_index;
  double base = 0, base_annuity = 0;                  // H = min(farmer, policy horizon) and A(H)
  std::array<double, lease_slots> lease{};            // min(H, lease horizon)
  std::array<double, lease_slots> lease_annuity{};    // its annuity (only where it differs from H)
};
HorizonTerms horizon_terms(const Scenario& scenario, const MonthContext& month, const Farmers& farmers,
                           std::size_t farmer, std::size_t practice, const FarmTerms& farm, std::uint8_t government);
// The same, with H and A(H) already known (main_horizons: the same expressions for many farmers at once).
HorizonTerms horizon_terms(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                           const FarmTerms& farm, std::uint8_t government, double base, double base_annuity);

// evaluate() on shared terms: the same operations in the same order, so the same bits.
Option evaluate(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                std::size_t practice, int scheme, const FarmTerms& farm, const HorizonTerms& horizon);

}  // namespace kringloop::agents
