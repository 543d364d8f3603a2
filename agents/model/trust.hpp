// Farmer → institution trust (MODEL §7.3), always in [0, 1]:
//   kept promise   T += a+ (1 − T)
//   broken promise T −= a− T, a− = 3 a+ by default (trust is lost faster than built)
//   regulator      T −= ε on an enforcement event (003 L819–826)
//   gossip         T += g (mean of neighbours' T last month − T), monthly
//   news           T −= news_share · a− T for farmers who only hear of a reversal
//   drift          T += δ·Δt (initial mean − T), only after contact_memory months without contact
// Every promise kept or broken and every enforcement is a contact with the institution.
#pragma once
#include <cstddef>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

inline void record_contact(Farmers& farmers, std::size_t farmer, std::size_t institution, sim::Day day) {
  farmers.last_contact[farmer * farmers.institution_count() + institution] = day;
}

inline void kept_promise(const Scenario& scenario, Farmers& farmers, std::size_t farmer, std::size_t institution,
                         sim::Day day) {
  float& trust = farmers.trust[institution][farmer];
  trust = static_cast<float>(trust + scenario.trust.kept_gain * (1.0 - trust));
  record_contact(farmers, farmer, institution, day);
}

inline void broken_promise(const Scenario& scenario, Farmers& farmers, std::size_t farmer, std::size_t institution,
                           sim::Day day) {
  float& trust = farmers.trust[institution][farmer];
  trust = static_cast<float>(trust - scenario.trust.broken_loss * trust);
  record_contact(farmers, farmer, institution, day);
}

// A farmer who was not party to the promise but hears that it was broken (003 L806–808): a share
// of the loss, and a contact (the news is an interaction with the institution's reputation).
inline void heard_broken_promise(const Scenario& scenario, Farmers& farmers, std::size_t farmer,
                                 std::size_t institution, sim::Day day) {
  float& trust = farmers.trust[institution][farmer];
  trust = static_cast<float>(trust - scenario.trust.news_share * scenario.trust.broken_loss * trust);
  record_contact(farmers, farmer, institution, day);
}

// Copies this month's trust into trust_seen (what neighbours will gossip about), in parallel.
void snapshot_trust(Farmers& farmers);

// False when gossip, drift and enforcement are all off: the monthly pass would change nothing.
bool trust_pass_changes_anything(const Scenario& scenario);

// Which implementation of the update runs: the fastest this processor has (AVX2 where it can), or
// the reference one institution at a time. Both give bitwise the same trust (trust_rows.hpp).
enum class TrustKernel { fastest, reference };

// Gossip, drift and regulator enforcement for every active farmer (parallel, own rows only).
// Skipped when trust_pass_changes_anything is false.
void update_trust_month(const Scenario& scenario, Farmers& farmers, sim::Day day, sim::Day month_days,
                        TrustKernel kernel = TrustKernel::fastest);

}  // namespace kringloop::agents
