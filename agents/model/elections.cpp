#include "agents/model/elections.hpp"

#include <algorithm>

#include "agents/model/review.hpp"
#include "agents/model/trust.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

void stop_policy(const Scenario& scenario, std::size_t government, sim::Day day, Farmers& farmers,
                 InstitutionState& institutions) {
  const bool stop_payments = scenario.institutions[government].stop_payments_on_reversal;
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    const SchemeSettings& settings = scenario.schemes[s];
    if (settings.government != government) continue;
    SchemeState& scheme = institutions.schemes[s];
    scheme.cancelled = true;
    PracticeState& state = farmers.practice[settings.practice];
    // Pending applications are cancelled: back to planning, trust broken (serial, in queue order).
    for (const Application& application : scheme.pending) {
      const std::size_t i = application.farmer;
      if (!farmers.active[i]) continue;
      broken_promise(scenario, farmers, i, government, day);
      if (settings.kind != SchemeKind::experiment_fund && state.stage[i] == Stage::applied && state.scheme[i] == s) {
        state.scheme[i] = no_index;
        enter_stage(state, i, Stage::planning, day);
      }
    }
    scheme.pending.clear();
    scheme.pending_eur = 0;
    // Running payments stop (when the scenario says so): every contract holder, in id order. The
    // money no longer owed goes back to the treasury (default: the budget shrinks, a later "go"
    // cannot award it again) or into the scheme (stopped_money = scheme).
    if (stop_payments && settings.annual()) {
      double stopped = 0;
      for (std::size_t i = 0; i < farmers.size(); ++i) {
        if (state.scheme[i] != s || state.payments_left[i] == 0) continue;
        stopped += static_cast<double>(state.annual_payment[i]) * state.payments_left[i];
        state.payments_left[i] = 0;
        broken_promise(scenario, farmers, i, government, day);
      }
      stopped = std::min(stopped, scheme.committed_eur);
      scheme.committed_eur -= stopped;
      if (settings.stopped_money == StoppedMoney::treasury) scheme.withdrawn_eur += stopped;
    }
    // Everyone counting on the scheme (interested or planning) sees a promise broken: a mid-term
    // policy change (003 L806–808, L2771–2774). Every other active farmer who knows the practice
    // hears of it and loses a share (trust.news_share) of that.
    // One loss per farmer and reversal: who was hit today already (another scheme, a stopped
    // contract) is not hit again.
    const std::size_t institutions_count = farmers.institution_count();
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      if (!farmers.active[i] || farmers.last_contact[i * institutions_count + government] == day) continue;
      const Stage stage = state.stage[i];
      if (stage == Stage::interested || stage == Stage::planning) broken_promise(scenario, farmers, i, government, day);
      else if (stage != Stage::unaware) heard_broken_promise(scenario, farmers, i, government, day);
    }
  }
}

}  // namespace

bool hold_election(const Scenario& scenario, std::size_t government, sim::Day day, Farmers& farmers,
                   InstitutionState& institutions) {
  sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(government), day, sim::Stream::election);
  if (!random.bernoulli(scenario.institutions[government].reversal_probability)) return false;
  GovernmentState& state = institutions.governments[government];
  ++state.reversals;
  state.policy_on = !state.policy_on;
  if (!state.policy_on) {
    stop_policy(scenario, government, day, farmers, institutions);
  } else {
    for (std::size_t s = 0; s < scenario.schemes.size(); ++s)
      if (scenario.schemes[s].government == government) institutions.schemes[s].cancelled = false;
  }
  return true;
}

}  // namespace kringloop::agents
