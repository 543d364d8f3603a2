// Monthly observation (MODEL §6): aggregates farmer and institution state into the run record's
// series, with integer counts (exact on any thread count) and per-block floating sums added in
// block order; and the run summary.
#pragma once
#include <vector>

#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class Recorder {
 public:
  explicit Recorder(const Scenario& scenario);
  void record_month(sim::Day last_day, const Farmers& farmers, InstitutionState& institutions, const MonthContext& month);
  sim::output::RunRecord finish(const Farmers& farmers, const InstitutionState& institutions);
  // The record being filled: submodels register series of their own (coalitions); a live front
  // end reads the months recorded so far.
  sim::output::RunRecord& record() { return record_; }
  const sim::output::RunRecord& record() const { return record_; }

 private:
  struct PracticeSeries {
    std::size_t stage_count, funnel, adopted_share, adopted_area, adopted_land_share, adopters_by_type, adopters_by_tenure, share_by_tenure, dropouts,
        knowledge, codified, tacit;
  };
  struct SchemeSeries {
    std::size_t applications, awards, rejections, late, paid, committed, budget_left, open;
  };
  void record_snapshot(const Farmers& farmers);

  const Scenario& scenario_;
  sim::output::RunRecord record_;
  std::vector<PracticeSeries> practice_series_;
  std::vector<std::size_t> trust_mean_, trust_std_;
  std::vector<SchemeSeries> scheme_series_;
  std::vector<std::size_t> chain_series_;
  std::size_t land_series_ = 0, active_series_ = 0, mean_area_series_ = 0;
  // Last month's per-practice land shares by tenure, adopter shares by type, for the summary.
  std::vector<std::array<double, tenure_count>> tenure_share_;
  std::vector<std::array<double, farm_type_count>> type_share_;
  std::vector<double> adopted_area_;
  // [practice]: 1 when its knowledge can change (decision = utility); the others' is always 0.
  std::vector<std::uint8_t> learns_;
};

// Years until half of the final number of adopters had adopted (first month-end at which the
// adopter count reached half the final count); NaN when nobody adopted.
double years_to_half(const std::vector<double>& adopters, const std::vector<sim::Day>& month_end_days);

// Total land: owned + leased + unlet pool (conserved, V11).
double total_land_ha(const Farmers& farmers, const InstitutionState& institutions);

}  // namespace kringloop::agents
