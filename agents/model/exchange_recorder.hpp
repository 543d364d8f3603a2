// Monthly land-exchange and spatial-measure series, their tables and summary keys (MODEL §6, §7.4;
// docs/OUTPUT.md). Written only when the submodel runs (an exchange practice; measure.enabled).
// The exchange share is one number over the whole population here; a per-region breakdown
// (region.<name>.exchange_share) is LandExchange::exchange_share over the region's farms.
#pragma once
#include <cstddef>

#include "agents/model/land_exchange.hpp"
#include "agents/model/spatial_measures.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class ExchangeRecorder {
 public:
  ExchangeRecorder(const LandExchange& exchange, const SpatialMeasures& measures, sim::output::RunRecord& record);
  void record_month(sim::Day day, LandExchange& exchange, const SpatialMeasures& measures, const Farmers& farmers);
  void finish(sim::output::RunRecord& record, const LandExchange& exchange, const SpatialMeasures& measures,
              sim::Day horizon) const;

 private:
  sim::output::RunRecord& record_;
  bool exchange_ = false, measures_ = false;
  std::size_t share_ = 0, pairs_ = 0, formed_ = 0, broken_ = 0, age_ = 0, measure_counts_ = 0;
};

}  // namespace kringloop::agents
