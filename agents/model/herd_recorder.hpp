// The herd (livestock units) over time, written only when some practice changes an adopter's herd
// (practice.*.herd_change ≠ 0): Schiermonnikoog's deal cut the island's herd by almost 40%
// (003 L388–392). A farm's herd is its area × its type's stocking rate (population.stocking_lu_per_ha_*)
// × (1 + herd_change) for each practice it has adopted; computed at month end, not stored per farm.
#pragma once
#include <cstddef>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class HerdRecorder {
 public:
  HerdRecorder(const Scenario& scenario, sim::output::RunRecord& record);
  void record_month(const Farmers& farmers);
  // Summary herd.lu_start, herd.lu_end, herd.change (end / start − 1).
  void finish(sim::output::RunRecord& record) const;

 private:
  const Scenario& scenario_;
  sim::output::RunRecord& record_;
  bool enabled_ = false;
  std::size_t series_ = 0;
  double start_lu_ = 0;
};

// The herd of the active farms in livestock units (exposed for tests).
double herd_lu(const Scenario& scenario, const Farmers& farmers);

}  // namespace kringloop::agents
