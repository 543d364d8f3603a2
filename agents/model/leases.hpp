// Land, leases and succession (MODEL §7.4). The monthly farm pass runs in parallel and writes only
// the farmer's own rows; land a farm gives up goes to the outbox and then to the landlords' pool,
// which is re-let in a serial pass in release order. Land area is conserved: owned + leased + pool.
#pragma once
#include <vector>

#include "agents/model/messages.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

// Savings, lease expiry (renew or hand back), retirement (successor or exit), for every farm.
void farm_month(const Scenario& scenario, sim::Day day, sim::Day month_days, Farmers& farmers,
                sim::Outbox<ParcelMessage>& parcels, BlockSums& released);

// Adds released land to the pool and re-lets what it can: candidates near the parcel bid, the
// landlord scores (1 − w)·rent + w·sustainability (003 L1634–1638) and gives a lease of its kind.
void relet_pool(const Scenario& scenario, sim::Day day, std::vector<ParcelMessage> released, Farmers& farmers,
                InstitutionState& institutions);

// True when the farmer applies a land-bound practice: what a landlord scores as sustainable.
bool farms_sustainably(const Scenario& scenario, const Farmers& farmers, std::size_t farmer);

}  // namespace kringloop::agents
