// Mutable state of schemes, governments, landlords and chain partners (MODEL §2). Small (one entry
// per institution), changed only in serial passes between parallel farmer batches, and read by the
// farmer review as a consistent snapshot.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"

namespace kringloop::agents {

// One application waiting for its decision. Kept in application order (day, then farmer id): the
// first-come-first-served order in which budget is awarded.
struct Application {
  sim::Day applied_day;
  sim::Day decision_day;
  std::uint32_t farmer;
};

struct SchemeState {
  std::vector<Application> pending;
  double committed_eur = 0;  // promised and not yet paid (stock)
  double paid_eur = 0;       // paid so far (cumulative)
  std::int64_t awards = 0, rejections = 0;
  bool cancelled = false;        // closed by a policy reversal (may reopen at the next reversal)
  bool payments_stopped = false; // a reversal stopped running payments
  // This month's counts (reset after each record).
  std::int64_t month_applications = 0, month_awards = 0, month_rejections = 0, month_late = 0;
  double month_paid_eur = 0;
  double budget_left(const SchemeSettings& settings) const { return settings.budget_eur - committed_eur - paid_eur; }
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
};

}  // namespace kringloop::agents
