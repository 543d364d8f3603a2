// Mutable state of schemes, governments, landlords and chain partners (MODEL §2). Small (one entry
// per institution), changed only in serial passes between parallel farmer batches, and read by the
// farmer review as a consistent snapshot.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"

namespace kringloop::agents {

// One application waiting for its decision. Kept in application order (day, then farmer id): the
// first-come-first-served order in which budget is awarded. The application is the contract: the
// decision awards exactly what was applied for (land parts, yearly payment or grant) or rejects it,
// it never re-evaluates the farm on the decision day.
struct Application {
  sim::Day applied_day;
  sim::Day decision_day;
  std::uint32_t farmer;
  std::uint8_t parts = 0;     // land parts the practice is to be applied to
  float investment_eur = 0;   // what the farmer will invest on award
  float grant_eur = 0;        // one-off payment at award
  float annual_eur = 0;       // yearly payment for the scheme's duration
  bool priority = false;      // budget priority (decision-oriented coalition member, MODEL §7.5)
  double promise_eur(const SchemeSettings& settings) const {
    return settings.annual() ? static_cast<double>(annual_eur) * settings.duration_years : static_cast<double>(grant_eur);
  }
};

struct SchemeState {
  std::vector<Application> pending;
  double budget_eur = 0;     // total budget of this run (absolute, or per eligible farm/ha × region)
  double committed_eur = 0;  // promised and not yet paid (stock)
  double paid_eur = 0;       // paid so far (cumulative)
  double pending_eur = 0;    // promises of applications waiting for their decision
  double withdrawn_eur = 0;  // promises stopped by a reversal and returned to the treasury
  double applied_eur = 0;    // sum of all applications' promises, for the typical award
  std::int64_t applications = 0, awards = 0, rejections = 0;
  bool cancelled = false;        // closed by a policy reversal (may reopen at the next reversal)
  sim::Day exhausted_day = -1;   // closed for good: the rest cannot fund a typical award
  // This month's counts (reset after each record).
  std::int64_t month_applications = 0, month_awards = 0, month_rejections = 0, month_late = 0;
  double month_paid_eur = 0;
  double budget_left(const SchemeSettings&) const { return budget_eur - committed_eur - paid_eur - withdrawn_eur; }
  // What a new application could still be awarded: the budget left less the pending promises.
  double available_eur() const { return budget_eur - committed_eur - paid_eur - withdrawn_eur - pending_eur; }
  // The mean promise of the applications so far (0 before the first one).
  double typical_award_eur() const { return applications > 0 ? applied_eur / static_cast<double>(applications) : 0.0; }
  // Award probability the farmers expect: Laplace estimate from decisions so far (prior: one award).
  double award_probability() const {
    return static_cast<double>(awards + 1) / static_cast<double>(awards + rejections + 1);
  }
};

struct GovernmentState {
  bool policy_on = true;  // elections flip it with the reversal probability (stop-go)
  int reversals = 0;
};

// Land released by a farm (lease not renewed, farm exit) waiting to be re-let by its landlord.
struct Parcel {
  double area_ha;
  std::uint32_t origin_farmer;  // candidates are this farm's neighbours ("nearby")
  std::uint8_t landlord;
  sim::Day released_day;
};

struct ChainState {
  double base_capacity_farms = 0;  // capacity_farms + capacity_share × eligible farms (year 0)
  double critical_mass = 0;        // min_commitments + min_commitments_share × eligible farms
  double capacity_farms = 0;
  double used_farms = 0;          // adopters served (≤ capacity)
  double premium_factor = 1;      // share of the premium an adopter receives and expects
  bool viable = true;             // manure processor: enough committed farms
};

struct InstitutionState {
  std::vector<SchemeState> schemes;
  std::vector<GovernmentState> governments;
  std::vector<ChainState> chains;
  std::vector<Parcel> pool;       // unlet land, in release order
  std::vector<Parcel> for_sale;   // owned land of exiting farms, sold to neighbours this month
};

}  // namespace kringloop::agents
