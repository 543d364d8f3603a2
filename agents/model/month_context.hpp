// What the farmer review reads in one month: a consistent snapshot of institutions, schemes and
// chain partners, and precomputed economics per practice and scheme, so per-farmer code does no
// allocation, no string lookup and no pow() (MODEL §3; speed).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/coalitions.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

// Annuity factor A(H) = Σ_{y=1..H} (1 + r)^−y, tabulated per whole year and interpolated linearly
// in between, so fractional horizons (a liberalised lease with 3.4 years left) change NPV smoothly.
class AnnuityTable {
 public:
  AnnuityTable() = default;
  AnnuityTable(double rate, double max_years);
  double operator()(double years) const;
  // (1 + r)^−years, for delays such as the announced lead time.
  double discount(double years) const;
  // The table itself: entry h is A(h) for whole years h (main_horizons_avx2 looks it up directly).
  std::span<const double> factors() const { return factor_; }

 private:
  double rate_ = 0;
  std::vector<double> factor_;  // factor_[h] = A(h)
};

struct PracticeEconomics {
  AnnuityTable annuity;              // at the discount rate, less a bank's discount for this practice
  double premium_per_ha_expected = 0, premium_per_farm_expected = 0;  // chain premiums a new adopter expects
  double premium_per_ha_paid = 0, premium_per_farm_paid = 0;          // what an adopter receives per year now
  std::vector<std::uint8_t> schemes;  // indices of the schemes of this practice
  std::uint8_t main_government = no_index;  // whose policy horizon counts without a scheme
};

struct SchemeView {
  bool open = false;            // accepting applications today
  double award_probability = 1;
  double lead_discount = 1;     // (1 + r)^−(announced lead time)
};

// A coalition as its members' review sees it this month (MODEL §7.5 effects on farmers).
struct CoalitionView {
  bool effective = false;        // active and past forming: members act on the goal
  CoalitionForm form = CoalitionForm::decision;
  std::uint8_t goal = no_index;  // goal practice
  std::uint8_t director = no_index;  // directing government (decision form), else none
  float awareness_per_year = 0;  // c of the awareness hazard
  float norm = 0;                // w_norm × form strength × members' adopted share
  float norm_strength = 0;       // form strength × members' adopted share (shields adopters from abandoning)
  float investment_share = 0;    // share of the investment the pool pays (0 when the pool is empty)
};

// What the farmer review needs of the knowledge submodel this month (MODEL §7.6).
struct PortalView {
  std::uint8_t institute = 0;
  double codified_per_year = 0;  // × the farmer's trust in the institute
  double coverage = 0;           // share of the codifiable knowledge it gathers in one place
  double core_team_per_year = 0; // a platform's core team: share of the gap to the pool closed a year, × trust
};
struct PracticeKnowledgeView {
  double codified_full = 0;         // codified_max_share × threshold (all codifiable knowledge)
  double in_print = 0;              // share of the codifiable knowledge in print
  std::vector<double> pool;         // the platform's pool by region (one entry unless kept per region; 0 when fragmented)
  std::vector<PortalView> portals;  // portals carrying this practice
};

struct MonthContext {
  sim::Day day = 0;
  sim::Day month_days = 30;
  double days_in_month() const { return static_cast<double>(month_days); }
  std::vector<PracticeEconomics> practices;
  std::vector<SchemeView> schemes;
  std::vector<CoalitionView> coalitions;  // by coalition id (agents/state/coalitions.hpp)
  double fast_track_lead_factor = 1;      // decision members' lead time factor for the director's schemes
  std::vector<PracticeKnowledgeView> knowledge;  // by practice
  float knowledge_kept = 1;               // share of unpractised knowledge left after this month's depreciation
};

// The coalition of a farmer (Farmers::coalition) as it bears on `practice`: its view when it is
// effective and pursues that practice, else nullptr.
inline const CoalitionView* coalition_for(const MonthContext& month, std::uint32_t coalition, std::size_t practice) {
  if (coalition == no_coalition) return nullptr;
  const CoalitionView& view = month.coalitions[coalition];
  return view.effective && view.goal == practice ? &view : nullptr;
}

}  // namespace kringloop::agents
