// Farmer → institution trust (MODEL §7.3), always in [0, 1]:
//   kept promise   T += a+ (1 − T)
//   broken promise T −= a− T, a− = 3 a+ by default (trust is lost faster than built)
//   regulator      T −= ε on an enforcement event (003 L819–826)
//   gossip         T += g (mean of neighbours' T last month − T), monthly
//   drift          T += δ·Δt (initial mean − T)
#pragma once
#include <cstddef>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

inline void kept_promise(const Scenario& scenario, Farmers& farmers, std::size_t farmer, std::size_t institution) {
  float& trust = farmers.trust[institution][farmer];
  trust = static_cast<float>(trust + scenario.trust.kept_gain * (1.0 - trust));
}

inline void broken_promise(const Scenario& scenario, Farmers& farmers, std::size_t farmer, std::size_t institution) {
  float& trust = farmers.trust[institution][farmer];
  trust = static_cast<float>(trust - scenario.trust.broken_loss * trust);
}

// Copies this month's trust into trust_seen (what neighbours will gossip about), in parallel.
void snapshot_trust(Farmers& farmers);

// Gossip, drift and regulator enforcement for every active farmer (parallel, own rows only).
void update_trust_month(const Scenario& scenario, Farmers& farmers, sim::Day day, sim::Day month_days);

}  // namespace kringloop::agents
