// Per-region outputs (MODEL §2 Space, §6; docs/OUTPUT.md): with two or more regions, monthly series
// of each region's active farms, adoption and mean knowledge per practice; always the summary keys
// region.<name>.adoption.<practice>.final_share (for the one implicit region `all` they equal the
// totals, so an analysis of several scenarios can read the same keys).
#pragma once
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class RegionRecorder {
 public:
  RegionRecorder(const Scenario& scenario, sim::output::RunRecord& record);
  void record_month(const Farmers& farmers);
  // After the model's own summary (the single-region keys copy its totals).
  void finish(sim::output::RunRecord& record) const;

 private:
  struct RegionSeries {
    std::size_t active, adopted_share, adopted_area, knowledge;
  };
  const Scenario& scenario_;
  sim::output::RunRecord& record_;
  std::vector<RegionSeries> series_;  // empty with one region: the totals are the region's series
  // [practice]: 1 when its knowledge can change (decision = utility; see recorder.cpp count_practice).
  std::vector<std::uint8_t> learns_;
};

}  // namespace kringloop::agents
