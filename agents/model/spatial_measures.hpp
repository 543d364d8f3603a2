// Spatial measures (MODEL §7.4, P10; 003 L258–263): a buffer strip or a raised water level over a
// cluster of neighbouring farms needs every farm's consent. Once a year (from measure.first_year)
// measures are proposed at random farms; the cluster is the site's farm and its nearest active
// network neighbours. A farm consents when its utility of the measure is not negative; one farm
// with a negative utility (a holdout) blocks it. Compensation (a lever, €/ha/yr) or membership of a
// coalition pursuing measure.coalition_practice can win a holdout over. A realised measure stays
// for the rest of the run (assumption), and a farm under one is not asked for another (its strip is
// there). It is settled pro rata for the time it lasts, at each yearly round and at the end of the
// run: every farm of its cluster that still farms earns affected ha × (own margin + payment +
// compensation) a year — the strip's lost production against what the government pays for it —
// and the government pays affected ha × (payment + compensation) a year.
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
  // One yearly round: the money for the measures realised so far (settle), then the measures
  // proposed this year, each decided at once.
  void round(sim::Day day, Farmers& farmers, const Coalitions& coalitions);
  // At the end of the run: the money up to `day`, and the land under measures of farms still farming.
  void finish(sim::Day day, Farmers& farmers);
  const std::vector<MeasureRecord>& measures() const { return measures_; }
  double area_ha() const { return area_ha_; }                // land under measures at the end (after finish)
  double paid_eur() const { return paid_eur_; }              // the government's payments and compensation
  double farms_net_eur() const { return farms_net_eur_; }    // what the farms under measures earned (or lost)

 private:
  void settle(sim::Day day, Farmers& farmers);

  const Scenario& scenario_;
  std::vector<MeasureRecord> measures_;
  std::vector<std::uint8_t> under_measure_;    // per farm: part of a realised measure's cluster
  std::vector<std::uint32_t> realised_farm_;   // the farms of every realised measure's cluster
  std::vector<double> realised_net_eur_;       // each one's yearly net of the measure, €/yr
  sim::Day settled_day_ = 0;                   // money settled up to this day
  double area_ha_ = 0, paid_eur_ = 0, farms_net_eur_ = 0;
};

}  // namespace kringloop::agents
