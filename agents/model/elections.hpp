// Elections (MODEL §3): every cycle a government's policy is reversed with its reversal
// probability (002 L2704–2709). Policy on → off cancels its open schemes: pending applications
// are rejected (a broken promise), farmers interested in or planning the scheme's practice see a
// broken promise too (mid-term change, 003 L2771–2774), and, if configured, running payments stop (broken promise,
// 003 L539–545). Off → on reopens them with the budget they have left: the "go" of stop-go (P3).
#pragma once
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

// Returns true when the election reversed the policy.
bool hold_election(const Scenario& scenario, std::size_t government, sim::Day day, Farmers& farmers,
                   InstitutionState& institutions);

}  // namespace kringloop::agents
