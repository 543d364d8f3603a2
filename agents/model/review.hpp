// The monthly farm review for one practice (MODEL §7.1): every farmer, in parallel, reads a
// snapshot of who had adopted at the start of the month and updates only its own stage.
#pragma once
#include <cstddef>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

void review_practice(const Scenario& scenario, std::size_t practice, sim::Day day, Farmers& farmers);

// Monthly probability of becoming aware for a yearly hazard p + q·f over `days` days:
// 1 − exp(−h·days/365) (MODEL §7.1).
double awareness_probability(double external_per_year, double imitation_per_year, double adopted_fraction, sim::Day days);

}  // namespace kringloop::agents
