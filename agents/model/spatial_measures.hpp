// Spatial measures (MODEL §7.4, P10; 003 L258–263): a buffer strip or a raised water level over a
// cluster of neighbouring farms needs every farm's consent. Once a year (from measure.first_year)
// measures are proposed at random farms; the cluster is the site's farm and its nearest active
// network neighbours. A farm consents when its utility of the measure is not negative; one farm
// with a negative utility (a holdout) blocks it. Compensation (a lever, €/ha/yr) or membership of a
// coalition pursuing measure.coalition_practice can win a holdout over.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/coalitions.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// A farm's own margin of the measure per affected ha (drawn once per farm: the same farmer answers
// the same way each time a measure near it comes up).
double measure_margin_eur_per_ha(const Scenario& scenario, std::size_t farmer);

// Utility of the measure for a farm in €/yr: affected ha × (own margin + payment + compensation +
// coalition support when `supported`). Consent when ≥ 0.
double measure_utility_eur(const MeasureSettings& measure, double margin_eur_per_ha, bool supported);

struct MeasureRecord {
  sim::Day day = 0;
  std::uint32_t site = 0;
  std::uint32_t farms = 0;
  std::uint32_t holdouts = 0;  // farms whose utility is negative (0: realised)
  std::uint32_t won_over = 0;  // farms that consent only thanks to compensation or their coalition
};

class SpatialMeasures {
 public:
  explicit SpatialMeasures(const Scenario& scenario) : scenario_(scenario) {}
  bool enabled() const { return scenario_.measure.enabled; }
  // One proposal round: the measures of this year, each decided at once.
  void round(sim::Day day, const Farmers& farmers, const Coalitions& coalitions);
  const std::vector<MeasureRecord>& measures() const { return measures_; }

 private:
  const Scenario& scenario_;
  std::vector<MeasureRecord> measures_;
};

}  // namespace kringloop::agents
