// An upper bound on the utility of the best option an aware farmer weighs (MODEL §7.1–7.2), cheap
// enough to take before the options themselves. An aware farmer is weighed every month and almost
// always stays aware (in the default run 98–99% of these evaluations end below the interest
// threshold; for nature-inclusive farming nine in ten find no land where it pays at all). When the
// bound is below the threshold, with room for rounding, the evaluation cannot make the farmer
// interested and is skipped: the review's outcome is the one the evaluation would have given, so
// outputs do not change (speed, issue 16).
//
// The bound takes every term of evaluate() (utility.cpp) that is cheap exactly, and bounds the rest:
//   - a payment annuity A(min(h, duration)) by min(A(H), A(duration)), as h ≤ H;
//   - the margin annuity of a lease slot, A(min(H, lease horizon)) ∈ [0, A(H)], by A(H) for a
//     positive margin and 0 for a negative one; the same for the horizon of a government other than
//     the practice's main one, whose H lies in [0, the farmer's own horizon];
//   - a per-farm grant above the per-hectare part by the per-farm amount (the grant is capped by
//     the investment);
//   - a scheme's eligibility by its farm type, region and rollout conditions only (a lease too
//     short for the scheme is not looked at: leaving a condition out only raises the bound).
// Its premises: payments and their weights (trust × award probability × lead discount) are never
// negative and the utility scale is positive, as the parameter ranges ensure; where one fails the
// bound is unbounded() and the options are weighed.
// A part of the land is taken only where it pays (v > 0); when no part can pay in any option the
// best utility is the floor of evaluate() and the bound says so.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "agents/model/main_horizons.hpp"
#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// One farmer's bound, all but the social term w_soc · f: the caller adds it for the neighbour
// fraction f it knows, or for the largest one before reading the neighbours (scattered reads).
struct FarmerCeiling {
  double utility;  // the bound without the social term; InterestCeiling::lowest() when nothing can pay
  double size;     // the size of its terms, for the rounding room
  // Whether the best option's utility cannot exceed `threshold` with `social` added: below it by
  // more than any rounding of the two computations could make up (1e-9 of the terms' size; the
  // evaluation's rounding is some 1e-15 of it).
  bool rules_out(double social, double threshold) const {
    return utility + social + 1e-9 * (1 + size + (social < 0 ? -social : social)) < threshold;
  }
};

class InterestCeiling {
 public:
  // One month's bound for one practice: the open schemes on offer (not experiment funds; those
  // that need a business plan included, as worth_interest weighs them). Keeps pointers into
  // `farmers`' rows: valid while no row is resized (the month's review).
  InterestCeiling(const Scenario& scenario, const MonthContext& month, std::size_t practice, const Farmers& farmers);

  // The bound for farmer `farmer`, with `own` its main-government horizons.
  FarmerCeiling farmer_ceiling(std::size_t farmer, const MainHorizon& own) const;
  // The same for the farmers of a list at once: out[j] for list[j], with horizons own.at(j). Two
  // implementations that give bitwise the same bounds: one farmer at a time (the reference, and
  // the path without AVX2) and four farmers in the lanes of AVX2 registers
  // (interest_ceiling_avx2.cpp); farmer_ceilings takes the fastest this processor runs
  // (sim::avx2_enabled). tests/agents/interest_ceiling_test.cpp holds them to each other.
  void farmer_ceilings(const std::uint32_t* list, std::size_t count, const MainHorizonRows& own, FarmerCeiling* out) const;
  void farmer_ceilings_reference(const std::uint32_t* list, std::size_t count, const MainHorizonRows& own,
                                 FarmerCeiling* out) const;
  void farmer_ceilings_avx2(const std::uint32_t* list, std::size_t count, const MainHorizonRows& own,
                            FarmerCeiling* out) const;
  static bool avx2_available();

  // The social term at neighbour fraction `fraction`, as farm_terms computes it; the largest one
  // any fraction (in [0, 1]) gives.
  double social(double fraction) const { return social_weight_ * fraction; }
  double largest_social() const { return social_weight_ > 0 ? social_weight_ : 0.0; }

  // The bound with the social term (with its rounding room): at least best_option(…).utility.
  double utility_bound(std::size_t farmer, double fraction, const MainHorizon& own) const;

  static constexpr double lowest() { return -1e300; }
  // The bound where it cannot be taken: never rules a farmer out.
  static constexpr double unbounded() { return std::numeric_limits<double>::infinity(); }

 private:
  struct Offer {
    bool main;                         // the practice's main government's: its A(H) is known exactly
    TypeMask types;
    RegionMask regions;
    bool rollout;                      // only innovators and early adopters are eligible
    // credibility() (utility.cpp) from these: the payer's trust, blended with the messenger's.
    const float* trust;
    const float* messenger_trust;      // nullptr without a messenger
    double messenger_weight, award_probability, lead_discount;
    double payment_annuity;            // A(duration), 0 without a contract period
    double pay_ha_year, pay_farm_year, once_ha, once_farm, admin;
  };
  // The month's constants of the practice and the farmers' rows the bound reads.
  struct Rows {
    const float *margin_offset_ha, *margin_offset_farm, *cost_factor, *risk_aversion, *owned_ha, *lease_ha;
    const std::uint32_t* coalition;
    const FarmType* type;
    const Innovativeness* innovativeness;
    const std::uint8_t* region;
  };

  // farmer_ceiling, inlined into farmer_ceilings_reference's loop.
  FarmerCeiling ceiling_of(std::size_t farmer, const MainHorizon& own) const;

  const MonthContext& month_;
  std::size_t practice_;
  Rows rows_;
  bool land_bound_;
  double margin_ha_, margin_farm_;          // the practice's margins (each farm's offset is added to them)
  double premium_ha_, premium_farm_;        // the chain premiums a new adopter expects
  double investment_ha_, investment_farm_;  // before the farm's cost factor
  double uncertainty_, utility_scale_;
  double social_weight_;
  double lease_margin_max_ = 0;  // the largest rent a landlord forgoes for sustainable use, per ha
  // Whether the bound's premises hold this month: payments that are never negative (else a
  // payment's upper annuity would lower it) and a positive utility scale. The parameter ranges
  // ensure both; the bound checks rather than assumes them, and is unbounded() where they fail.
  bool premises_hold_ = true;
  const AnnuityTable& annuity_;
  std::vector<Offer> offers_;
};

}  // namespace kringloop::agents
