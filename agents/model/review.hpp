// The monthly farm review (MODEL §7.1): every farmer, in parallel, reads a snapshot of last
// month's adoption and of the institutions, and updates only its own rows; applications go to an
// outbox and money to per-block sums.
#pragma once
#include <cstddef>
#include <vector>

#include "agents/model/messages.hpp"
#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

struct ReviewOutputs {
  sim::Outbox<ApplicationMessage>& applications;
  BlockSums& paid;      // per scheme: paid this month
  BlockSums& released;  // per scheme: promised money no longer owed (payments stopped, farm exit)
};

// Immediate decision keeps the first model's behaviour exactly (pure diffusion, Bass limit).
void review_practice(const Scenario& scenario, std::size_t practice, sim::Day day, Farmers& farmers);

// The full pipeline for a practice with decision = utility.
void review_practice_pipeline(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                              Farmers& farmers, ReviewOutputs& outputs);

// Monthly probability of becoming aware for a yearly hazard p + q·f over `days` days:
// 1 − exp(−h·days/365) (MODEL §7.1).
double awareness_probability(double external_per_year, double imitation_per_year, double adopted_fraction, sim::Day days);

// Snapshot of adopters at the start of the month, and the population fraction (well mixed).
// Number of farmer i's network neighbours that had adopted at the start of the month (0 when the
// population is well mixed: then the population fraction stands in, see adopted_snapshot).
inline int adopting_neighbours(const Farmers& farmers, const std::vector<std::uint8_t>& adopted, std::size_t i) {
  const std::uint32_t* neighbours = farmers.neighbours_of(i);
  int count = 0;
  for (int m = 0; m < farmers.neighbours_per_farmer; ++m) count += adopted[neighbours[m]];
  return count;
}

double adopted_snapshot(const Farmers& farmers, const PracticeState& state, std::vector<std::uint8_t>& adopted);

void enter_stage(PracticeState& state, std::size_t farmer, Stage stage, sim::Day day);

}  // namespace kringloop::agents
