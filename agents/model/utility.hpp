// The utility of adopting a practice (MODEL §7.2), for one farmer, with or without a scheme:
//   U = NPV / scale + w_soc · f_nbr + w_norm · norm_coal − risk_aversion · uncertainty
//   NPV = − I + Σ_{y=1..H} (margin + chain premium + credibility · payments_y) / (1 + r)^y − admin cost
// with H = min(years to retirement, believed policy horizon, tenure horizon of the land).
#pragma once
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

Option evaluate(const Scenario& scenario, const MonthContext& month, const Farmers& farmers, std::size_t farmer,
                std::size_t practice, int scheme, double neighbour_fraction);

}  // namespace kringloop::agents
