// Monthly coalition series, the coalition table and the coalition summary (MODEL §6, §7.5;
// docs/OUTPUT.md): counts by form and phase, members, formed/dissolved/switched, commitment,
// farmers reached, each government's staff capacity used.
#pragma once
#include <vector>

#include "agents/model/coalitions.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class CoalitionRecorder {
 public:
  CoalitionRecorder(const Scenario& scenario, sim::output::RunRecord& record);
  void record_month(CoalitionModel& coalitions, const Farmers& farmers);
  void finish(sim::output::RunRecord& record, const CoalitionModel& coalitions, sim::Day horizon) const;

 private:
  const Scenario& scenario_;
  sim::output::RunRecord& record_;
  std::size_t active_, formed_, dissolved_, switched_, members_, by_phase_, commitment_, reached_;
  std::vector<std::size_t> capacity_;
  std::vector<std::size_t> declared_members_, declared_cohort_;  // per declared coalition
  static constexpr std::size_t no_series = static_cast<std::size_t>(-1);
  std::vector<std::size_t> declared_plans_;  // per declared coalition with a bureau, else no_series
};

}  // namespace kringloop::agents
