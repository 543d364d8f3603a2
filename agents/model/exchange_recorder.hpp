// Monthly land-exchange and spatial-measure series, their tables and summary keys (MODEL §6, §7.4;
// docs/OUTPUT.md). Written only when the submodel runs (an exchange practice; measure.enabled).
// With several regions the share is also written per region (exchange/share_by_region, summary
// region.<name>.exchange_share): the Plateau and the rest of Drenthe differ (001 L31–33, P7).
#pragma once
#include <cstddef>

#include "agents/model/land_exchange.hpp"
#include "agents/model/spatial_measures.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

class ExchangeRecorder {
 public:
  ExchangeRecorder(const Scenario& scenario, const LandExchange& exchange, const SpatialMeasures& measures,
                   sim::output::RunRecord& record);
  void record_month(sim::Day day, LandExchange& exchange, const SpatialMeasures& measures, const Farmers& farmers);
  void finish(sim::output::RunRecord& record, const LandExchange& exchange, const SpatialMeasures& measures,
              sim::Day horizon) const;

 private:
  const Scenario& scenario_;
  sim::output::RunRecord& record_;
  std::size_t by_region_ = 0;  // series index; only with several regions
  bool exchange_ = false, measures_ = false;
  std::size_t share_ = 0, pairs_ = 0, formed_ = 0, broken_ = 0, age_ = 0, measure_counts_ = 0;
};

}  // namespace kringloop::agents
