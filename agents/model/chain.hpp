// Chain partners (MODEL §7.7), updated monthly from last month's stage counts, serially:
// - processor: pays its premium to adopters up to a capacity that grows slowly (003 L1573–1581);
//   when adopters exceed capacity each receives the share capacity / adopters (rationing);
// - bank: an interest discount for adopters (003 L953), built into the practice's annuity table;
// - manure processor: viable only once enough farms are committed (planning, applied or adopted);
//   until then it pays nothing, and farmers expect the price × (0.5 + 0.5 · committed / needed),
//   capped at 1 (critical mass; the 0.5 prior belief in an announced processor is an assumption).
#pragma once
#include <array>
#include <vector>

#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

using StageCounts = std::array<std::int64_t, stage_count>;

// Capacity and critical mass for this run: the absolute figures plus their shares of the
// practice's eligible farms at the start (scale-free forms, issue 8).
void set_chain_sizes(const Scenario& scenario, const Farmers& farmers, InstitutionState& institutions);

void update_chains(const Scenario& scenario, sim::Day day, const std::vector<StageCounts>& counts,
                   InstitutionState& institutions, MonthContext& month);

// Fraction of capacity in use, for the output (processor: used / capacity; manure processor:
// committed / needed, capped at 1; bank: share of adopters it serves, 1 when any).
double chain_capacity_used(const ChainSettings& settings, const ChainState& state);

}  // namespace kringloop::agents
