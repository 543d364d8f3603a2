// Monthly observation (MODEL §6): aggregates farmer state into the run record's series, with
// integer counts (exact on any thread count) and deterministic floating sums; and the run summary.
#pragma once
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class Recorder {
 public:
  explicit Recorder(const Scenario& scenario);
  void record_month(sim::Day last_day, const Farmers& farmers);
  sim::output::RunRecord finish(const Farmers& farmers);

 private:
  struct PracticeSeries {
    std::size_t stage_count, funnel, adopted_share, adopters_by_type, dropouts;
  };
  void record_snapshot(const Farmers& farmers);

  const Scenario& scenario_;
  sim::output::RunRecord record_;
  std::vector<PracticeSeries> practice_series_;
};

// Years until half of the final number of adopters had adopted (first month-end at which the
// adopter count reached half the final count); NaN when nobody adopted.
double years_to_half(const std::vector<double>& adopters, const std::vector<sim::Day>& month_end_days);

}  // namespace kringloop::agents
