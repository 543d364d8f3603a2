// Monthly knowledge series and the knowledge summary (MODEL §6, §7.6; docs/OUTPUT.md): events held
// and attended by channel, projects started, duplicated and reused per practice, the pools and what
// is in print, and what knowledge costs (projects, platform) per adopted hectare. Mean codified and
// tacit knowledge per practice are in the practice series (recorder.cpp counts them in its pass).
#pragma once
#include <vector>

#include "agents/model/knowledge.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class KnowledgeRecorder {
 public:
  KnowledgeRecorder(const Scenario& scenario, sim::output::RunRecord& record);
  void record_month(const KnowledgeModel& knowledge);
  void finish(sim::output::RunRecord& record, const KnowledgeModel& knowledge, const Farmers& farmers) const;

 private:
  const Scenario& scenario_;
  sim::output::RunRecord& record_;
  std::vector<std::size_t> practices_;  // utility practices, the columns of the per-practice series
  std::size_t events_, attendances_, started_, duplicated_, reused_, pool_, in_print_, spending_;
};

}  // namespace kringloop::agents
