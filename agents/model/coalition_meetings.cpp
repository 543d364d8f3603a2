// What coalitions do (MODEL §7.5): meetings that move knowledge and trust between members and
// advance progress, slowed when a government serving them is over its staff capacity (002
// L2332–2334, L2968–2970); members leaving (give/take out of balance in a cooperation, 002
// L2086–2099; interest gone); networks fading when meetings stop; switching form (002 L490–492,
// L2389–2397); the director's reversal (002 L2706–2708).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <utility>
#include <vector>

#include "agents/model/coalitions.hpp"
#include "agents/model/schemes.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

namespace {

enum Draw : std::uint16_t { attend = 5, drift_off = 6, collapse = 7, turnover = 8, recruit_draw = 10 };

bool knows(Stage stage) { return stage != Stage::unaware && stage != Stage::dropped; }
bool acting(Stage stage) { return stage == Stage::planning || stage == Stage::applied || stage == Stage::adopted; }
bool interested_or_more(Stage stage) { return stage == Stage::interested || acting(stage); }

// A large coalition's members are scattered over the farmers' arrays, and each pass over them waits
// on one cache miss per member: asking now for the row of the member `member_prefetch` places on
// overlaps those misses (a prefetch is only a hint and changes no result; issue 16).
constexpr std::size_t member_prefetch = 16;
template <class T>
void prefetch_member(const std::vector<T>& values, const std::vector<std::uint32_t>& ids, std::size_t m) {
  if (m + member_prefetch < ids.size()) __builtin_prefetch(values.data() + ids[m + member_prefetch]);
}

// A large coalition's passes over its members are split over the threads, in tasks of `grain`
// members (RunSettings::coalition_member_grain; a province's programme has tens of thousands of
// members at a million farms, and its meetings ran on one thread while the other waited; issue 16).
// Each member's update in such a pass is its own and any sum over members is made afterwards in
// member order, so the result is the same on any thread count and for any grain. A small coalition
// (a network has at most network_max_members) stays on the calling thread: parallel_items runs a
// list of up to `grain` items there.
template <class Body>
void for_members(std::size_t grain, std::size_t count, Body&& body) {
  sim::parallel_items(count, grain, std::forward<Body>(body));
}

// Recruitment reads, for each attendee, the neighbour list and then whether each neighbour is free
// to join (Farmers::free_to_join): two dependent misses in a row. Asking for the list
// `recruit_prefetch` attendees ahead and, half as far ahead, for the neighbours' bytes, overlaps
// them (hints only; issue 16).
// (GCC 12 dropped __builtin_prefetch here as dead code — the loop of hints has no other effect —
// so the instruction is written out.)
constexpr std::size_t recruit_prefetch = 8;
inline void prefetch_line(const void* address) {
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address);
#endif
}
void prefetch_recruits(const Farmers& farmers, const std::vector<std::uint32_t>& attendees, std::size_t a) {
  if (a + recruit_prefetch < attendees.size()) prefetch_line(farmers.neighbours_of(attendees[a + recruit_prefetch]));
  if (a + recruit_prefetch / 2 >= attendees.size()) return;
  const std::uint32_t* neighbours = farmers.neighbours_of(attendees[a + recruit_prefetch / 2]);
  for (int m = 0; m < farmers.neighbours_per_farmer; ++m) prefetch_line(farmers.free_to_join.data() + neighbours[m]);
}

// The first uniform of each farmer's coalition stream `draw` today, for `count` farmers at once
// (sim::batch_uniforms: RandomStream's numbers bit for bit), in a buffer of the calling thread's
// that the next call reuses. A meeting's draws are one Philox block per member each; side by side
// they cost a fraction of one at a time (a network's meeting drew for nearly every member twice;
// issue 16). A member whose rule makes no draw simply leaves its number unread.
const double* coalition_uniforms(std::uint64_t seed, sim::Day day, std::uint16_t draw, const std::uint32_t* farmers,
                                 std::size_t count) {
  thread_local std::vector<double> uniforms;
  if (uniforms.size() < count) uniforms.resize(count);
  sim::batch_uniforms(seed, day, sim::Stream::coalition, draw, farmers, count, 1, uniforms.data());
  return uniforms.data();
}

}  // namespace

// Members leaving a cooperation, who decided without regard to one another (their own farm, stage,
// draw, give and take). As before, when one erase per leaver ran from the last member to the first:
// every defection costs the group trust and each member still in it peer trust (MODEL §7.3 peer
// trust drops on defection), so a member still in the group at the end loses it once per defection
// and a leaver once per defection of a member behind it. The same float multiplications, applied
// per member in one pass: a large cooperation lost many members at a meeting at a million farms,
// each erase moving the rest and each defection walking all members (quadratic; issue 16).
void CoalitionModel::leave(std::uint32_t c, const std::vector<Leaving>& how, Farmers& farmers,
                           std::vector<std::uint32_t>* freed) {
  auto& members = coalitions_.members[c];
  auto& balance = coalitions_.balance[c];
  const CoalitionRules& rules = scenario_.coalition;
  const auto peer_kept = static_cast<float>(1 - rules.peer_trust_loss);
  auto lose_peer_trust = [&](std::uint32_t farmer, std::size_t times) {
    for (std::size_t t = 0; t < times; ++t) farmers.peer_trust[farmer] *= peer_kept;
  };
  std::size_t defections = 0;
  for (std::size_t m = members.size(); m-- > 0;) {
    if (how[m] == Leaving::stays) continue;
    const std::uint32_t farmer = members[m];
    if (farmers.coalition[farmer] == c) {
      farmers.coalition[farmer] = no_coalition;
      farmers.free_to_join[farmer] = farmers.active[farmer];
      if (freed && farmers.active[farmer]) freed->push_back(farmer);
    }
    lose_peer_trust(farmer, defections);
    if (how[m] != Leaving::defects) continue;
    ++defections;
    coalitions_.internal_trust[c] *= static_cast<float>(1 - rules.internal_trust_loss);
  }
  std::size_t kept = 0;
  for (std::size_t m = 0; m < members.size(); ++m) {
    if (how[m] != Leaving::stays) continue;
    members[kept] = members[m];
    balance[kept] = balance[m];
    ++kept;
  }
  members.resize(kept);
  balance.resize(kept);
  if (defections == 0) return;
  // Those who stay lose peer trust once per defection: gathered once and multiplied side by side
  // (each still by the same factor `defections` times, so the same floats), not one chain of
  // multiplications per member, which waits on each product in turn.
  for_members(scenario_.run.coalition_member_grain, kept, [&](std::size_t begin, std::size_t end) {
    std::vector<float> trust(end - begin);
    for (std::size_t m = begin; m < end; ++m) trust[m - begin] = farmers.peer_trust[members[m]];
    for (std::size_t t = 0; t < defections; ++t)
      for (float& value : trust) value *= peer_kept;
    for (std::size_t m = begin; m < end; ++m) farmers.peer_trust[members[m]] = trust[m - begin];
  });
}

// The drift-off of a decision coalition or a network, where leaving is no defection: one stable
// pass that keeps the members who stay in their order, instead of one erase per leaver (a large
// decision coalition lost a few thousand members a meeting at a million farms, each erase moving
// the rest). Who leaves, and every draw, is as in the cooperation's loop in meet.
void CoalitionModel::remove_drifted(std::uint32_t c, sim::Day day, double p_drift, Farmers& farmers,
                                    std::vector<std::uint32_t>* freed) {
  auto& members = coalitions_.members[c];
  auto& balance = coalitions_.balance[c];
  const PracticeState& state = farmers.practice[coalitions_.goal_practice[c]];
  const bool forming = coalitions_.phase[c] == CoalitionPhase::forming;
  // Whether members[m] leaves: its farm stopped, or its interest is gone and `uniform` (its drift
  // draw) says so.
  const auto leaves = [&](std::size_t m, double uniform) {
    const std::uint32_t i = members[m];
    if (!farmers.active[i]) return true;
    return !forming && !interested_or_more(state.stage[i]) && uniform < p_drift;  // bernoulli(p_drift)
  };
  // A coalition split into tasks (coalition_member_grain) decides who leaves in parallel first; a
  // small one decides as it goes (one pass). (A thread_local named inside the lambda would be the
  // running thread's own: the tasks write through this reference to the calling thread's.)
  const std::size_t grain = scenario_.run.coalition_member_grain;
  const bool split = members.size() > grain;
  thread_local std::vector<std::uint8_t> leaving_buffer;
  std::vector<std::uint8_t>& leaving = leaving_buffer;
  const double* uniform = nullptr;
  if (split) {
    leaving.resize(members.size());
    for_members(grain, members.size(), [&](std::size_t begin, std::size_t end) {
      const double* task_uniform = coalition_uniforms(scenario_.run.seed, day, drift_off, members.data() + begin, end - begin);
      for (std::size_t m = begin; m < end; ++m) {
        prefetch_member(state.stage, members, m), prefetch_member(farmers.active, members, m);
        leaving[m] = leaves(m, task_uniform[m - begin]);
      }
    });
  } else {
    uniform = coalition_uniforms(scenario_.run.seed, day, drift_off, members.data(), members.size());
  }
  std::size_t kept = 0;
  for (std::size_t m = 0; m < members.size(); ++m) {
    if (!split) prefetch_member(state.stage, members, m), prefetch_member(farmers.active, members, m);
    const std::uint32_t i = members[m];
    if (split ? leaving[m] != 0 : leaves(m, uniform[m])) {
      if (farmers.coalition[i] == c) {
        farmers.coalition[i] = no_coalition;
        farmers.free_to_join[i] = farmers.active[i];
        if (freed && farmers.active[i]) freed->push_back(i);
      }
      continue;
    }
    members[kept] = i;
    balance[kept] = balance[m];
    ++kept;
  }
  members.resize(kept);
  balance.resize(kept);
}

void CoalitionModel::dissolve(std::uint32_t c, sim::Day day, CoalitionEnd reason, Farmers& farmers,
                              std::vector<std::uint32_t>* freed) {
  for (const std::uint32_t i : coalitions_.members[c])
    if (farmers.coalition[i] == c) {
      farmers.coalition[i] = no_coalition;
      farmers.free_to_join[i] = farmers.active[i];
      if (freed && farmers.active[i]) freed->push_back(i);
    }
  coalitions_.members[c].clear();
  coalitions_.balance[c].clear();
  // A coalition that takes up no staff capacity adds +0 to its government's load, or is not
  // counted at all: the loads stay what they are (and a meeting opened side by side with others,
  // which is never one that takes up capacity, does not touch them).
  if (loads_a_government(c)) roles_changed();
  coalitions_.phase[c] = CoalitionPhase::dissolved;
  coalitions_.ended_day[c] = day;
  coalitions_.end_reason[c] = reason;
  // Meetings side by side may dissolve their coalitions at once: a whole-number count, added atomically.
  std::atomic_ref<std::int64_t>(month_counts_.dissolved[static_cast<std::size_t>(coalitions_.form[c])])
      .fetch_add(1, std::memory_order_relaxed);
}

void CoalitionModel::switch_form(std::uint32_t c, CoalitionForm to, sim::Day day) {
  const CoalitionForm from = coalitions_.form[c];
  coalitions_.switches.push_back({c, day, from, to});
  coalitions_.form[c] = to;
  ++month_counts_.switched[static_cast<std::size_t>(from)];
  if (coalitions_.government[c] != no_index && coalitions_.role[c] != GovernmentRole::none) {
    coalitions_.role[c] = GovernmentRole::partner;  // director hands over; a facilitator becomes a partner
    roles_changed();
  }
  if (coalitions_.phase[c] == CoalitionPhase::forming) coalitions_.phase[c] = CoalitionPhase::visioning;
}

// Progress per meeting, × the staff capacity factor of the government that serves it.
void CoalitionModel::progress(std::uint32_t c, sim::Day day, double months, double capacity) {
  const CoalitionRules& rules = scenario_.coalition;
  const CoalitionFormRules& form = rules.form[static_cast<std::size_t>(coalitions_.form[c])];
  CoalitionPhase& phase = coalitions_.phase[c];
  float& progress = coalitions_.progress[c];
  auto enter = [&](CoalitionPhase next) {
    phase = next;
    progress = 0;
    coalitions_.phase_day[c] = day;
    if (next == CoalitionPhase::executing && coalitions_.executing_day[c] < 0) coalitions_.executing_day[c] = day;
  };
  switch (phase) {
    case CoalitionPhase::forming:
      // Networks make no joint decision: they act as soon as they meet (002 L2346–2360).
      enter(coalitions_.form[c] == CoalitionForm::network || form.visioning_months <= 0 ? CoalitionPhase::executing
                                                                                        : CoalitionPhase::visioning);
      return;
    case CoalitionPhase::visioning: {
      // Decision-oriented: a fixed short time; cooperation: time to build trust (002 L2337).
      const double speed = coalitions_.form[c] == CoalitionForm::cooperation ? coalitions_.internal_trust[c] : 1.0;
      progress += static_cast<float>(months * speed * capacity / std::max(1e-9, form.visioning_months));
      if (progress >= 1) enter(CoalitionPhase::executing);
      return;
    }
    case CoalitionPhase::executing:
      progress += static_cast<float>(months * capacity / rules.execution_months);
      if (progress >= 1) enter(CoalitionPhase::scaling);
      return;
    default: return;
  }
}

void CoalitionModel::consider_switch(std::uint32_t c, sim::Day day, const InstitutionState& institutions) {
  const CoalitionRules& rules = scenario_.coalition;
  const bool executing = coalitions_.phase[c] == CoalitionPhase::executing || coalitions_.phase[c] == CoalitionPhase::scaling;
  if (coalitions_.form[c] == CoalitionForm::decision && executing) {
    // The director hands over to its partners when ownership broadens (002 L490–492, L2389–2397):
    // after a set time (a lever), or once the group trusts itself enough.
    const std::int32_t d = coalitions_.declaration[c];
    const double after = d >= 0 ? scenario_.coalitions[static_cast<std::size_t>(d)].handover_after_years : 0.0;
    const bool due = after > 0 ? sim::days_to_years(day - coalitions_.executing_day[c]) >= after
                               : coalitions_.internal_trust[c] >= rules.handover_trust;
    if (due) switch_form(c, CoalitionForm::cooperation, day);
  } else if (coalitions_.form[c] == CoalitionForm::network) {
    // Professionalising: enough members, trust, and a chain partner or money (002 L2389–2397).
    if (static_cast<int>(coalitions_.members[c].size()) < rules.professionalise_members) return;
    if (coalitions_.internal_trust[c] < rules.cooperation_trust_threshold) return;
    bool resources = coalitions_.pool_eur[c] > 0 || coalitions_.chain_member[c];
    for (std::size_t k = 0; k < scenario_.chains.size() && !resources; ++k)
      if (scenario_.chains[k].practice == coalitions_.goal_practice[c] && institutions.chains[k].viable &&
          institutions.chains[k].used_farms < institutions.chains[k].capacity_farms)
        resources = true, coalitions_.chain_member[c] = 1;
    if (resources) switch_form(c, CoalitionForm::cooperation, day);
  }
}

// Recruitment after a meeting (MODEL §7.5): a cooperation admits trusted neighbours of its members
// by consent; a network is open to the aware neighbours of those who attend. In two steps:
// list_recruits lists, in the order of the rule (callers, then each one's neighbours), the farmers
// the rule may take and draws for them; take_recruits then takes them in that order, each only
// while still free to join. Taking someone changes only whether he is free: the list may be made
// before (and side by side with other meetings' lists, meet_day) and holds everyone the rule, one
// farmer at a time, would have looked at and found free.
//
// A cooperation admits at most two a meeting, and none while it does not trust itself; a network
// takes each free neighbour of an attendee who knows of the goal with probability
// network_join_probability, until it is full. A farmer listed twice (the neighbour of two callers)
// draws the same number twice (the farmer's own stream today): he joins at his first listing or not
// at all, as in one loop over the callers. `freed`: farmers a later meeting of the day's group set
// free, who one meeting at a time would still be in that coalition now (not free); nullptr for a
// meeting held alone, whose list nobody else takes from before it takes: a cooperation's list then
// ends at two farmers, all it admits.
void CoalitionModel::list_recruits(std::uint32_t c, const std::vector<std::uint32_t>& callers, std::size_t place,
                                   const FreedInGroup* freed, sim::Day day, const Farmers& farmers,
                                   Meeting& meeting) const {
  const CoalitionRules& rules = scenario_.coalition;
  const CoalitionForm form = coalitions_.form[c];
  meeting.candidates.clear();
  if (form == CoalitionForm::decision) return;  // by invitation only
  if (form == CoalitionForm::network &&
      coalitions_.members[c].size() >= static_cast<std::size_t>(std::max(0, rules.network_max_members)))
    return;
  if (form == CoalitionForm::cooperation && coalitions_.internal_trust[c] < rules.cooperation_trust_threshold) return;
  const PracticeState& state = farmers.practice[coalitions_.goal_practice[c]];
  const int k = farmers.neighbours_per_farmer;
  const bool cooperation = form == CoalitionForm::cooperation;
  for (std::size_t a = 0; a < callers.size(); ++a) {
    prefetch_recruits(farmers, callers, a);
    const std::uint32_t* neighbours = farmers.neighbours_of(callers[a]);
    for (int m = 0; m < k; ++m) {
      const std::uint32_t j = neighbours[m];
      if (!farmers.free_to_join[j] || !knows(state.stage[j])) continue;
      // Consent: the group admits those it trusts (and who want the goal).
      if (cooperation && (farmers.peer_trust[j] < rules.cooperation_trust_threshold || !interested_or_more(state.stage[j])))
        continue;
      if (freed && freed->later_than(j, place)) continue;
      if (cooperation && !freed) {
        if (!meeting.candidates.empty() && meeting.candidates.front() == j) continue;  // listed already
        meeting.candidates.push_back(j);
        if (meeting.candidates.size() == 2) return;
        continue;
      }
      meeting.candidates.push_back(j);
    }
  }
  if (form != CoalitionForm::network) return;
  meeting.uniforms.resize(meeting.candidates.size());
  sim::batch_uniforms(scenario_.run.seed, day, sim::Stream::coalition, recruit_draw, meeting.candidates.data(),
                      meeting.candidates.size(), 1, meeting.uniforms.data());
}

void CoalitionModel::take_recruits(Meeting& meeting, Farmers& farmers) {
  const std::uint32_t c = meeting.coalition;
  const CoalitionRules& rules = scenario_.coalition;
  if (coalitions_.form[c] == CoalitionForm::network) {
    const auto room = static_cast<std::size_t>(std::max(0, rules.network_max_members));
    for (std::size_t n = 0; n < meeting.candidates.size(); ++n) {
      if (coalitions_.members[c].size() >= room) return;
      const std::uint32_t j = meeting.candidates[n];
      if (farmers.free_to_join[j] && meeting.uniforms[n] < rules.network_join_probability) join(c, j, farmers);  // bernoulli
    }
    return;
  }
  int admitted = 0;
  for (const std::uint32_t j : meeting.candidates) {
    if (admitted >= 2) return;
    if (!farmers.free_to_join[j]) continue;
    join(c, j, farmers);
    ++admitted;
  }
}

// The pool pays its share of the investment of members who adopted since the last meeting
// (lower I per member, MODEL §7.5); the farmer's own outlay was already reduced in the review.
void CoalitionModel::pay_pooled_investments(std::uint32_t c, sim::Day since, Farmers& farmers) {
  double& pool = coalitions_.pool_eur[c];
  if (pool <= 0) return;
  const std::size_t p = coalitions_.goal_practice[c];
  const PracticeSettings& practice = scenario_.practices[p];
  const PracticeState& state = farmers.practice[p];
  const double share = scenario_.coalition.pooled_investment_share;
  for (const std::uint32_t i : coalitions_.members[c]) {
    if (state.stage[i] != Stage::adopted || state.since[i] < since) continue;
    const double investment = (practice.investment_per_ha * farmers.parts_area(i, state.parts[i]) + practice.investment_per_farm) *
                              state.cost_factor[i];
    pool = std::max(0.0, pool - share * investment);
  }
}

// Business plans (003 L517–539): after the kitchen-table talks (the coalition executes), an external
// bureau draws up nature-inclusive business plans for members who want one — interested or
// planning, without a plan — in joining order, as far as its capacity goes. When schemes of the
// practice ask for a plan (scheme.*.requires_business_plan), the bureau delivers while one of them
// is open: a plan is written for money one can apply for (003 L539–549). Unused capacity is kept for
// at most a year's worth, and at least one plan's (assumption: a bureau's time is booked, not
// banked; a bureau slower than a plan a year still finishes one). A plan sets out the
// choices and their consequences for the farm (003 L521–528): the farmer's knowledge reaches the
// practice's threshold and he plans (stage planning), and schemes that require a plan
// (scheme.*.requires_business_plan) accept him. A farmer already planning starts the wait afresh
// (like early money does, MODEL §7.1): the plan is new engagement.
void CoalitionModel::draw_up_business_plans(std::uint32_t c, sim::Day day, double months, Farmers& farmers,
                                            const InstitutionState& institutions) {
  const std::int32_t declared = coalitions_.declaration[c];
  if (declared < 0) return;
  const double per_year = scenario_.coalitions[static_cast<std::size_t>(declared)].business_plans_per_year;
  if (per_year <= 0) return;
  if (coalitions_.phase[c] != CoalitionPhase::executing && coalitions_.phase[c] != CoalitionPhase::scaling) return;
  const std::size_t p = coalitions_.goal_practice[c];
  bool asked = false, open = false;
  for (std::size_t s = 0; s < scenario_.schemes.size(); ++s) {
    if (scenario_.schemes[s].practice != p || !scenario_.schemes[s].requires_business_plan) continue;
    asked = true;
    open = open || scheme_open(scenario_, institutions, s, day);
  }
  // The capacity accrues from the talks on (the bureau's preparation), the plans wait for the money.
  double& credit = coalitions_.plan_credit[c];
  credit = std::min(std::max(per_year, 1.0), credit + per_year * months / 12.0);
  if (asked && !open) return;
  PracticeState& state = farmers.practice[p];
  const double threshold = scenario_.practices[p].knowledge_threshold;
  for (const std::uint32_t i : coalitions_.members[c]) {
    if (credit < 1 - 1e-9) return;
    if (state.stage[i] != Stage::interested && state.stage[i] != Stage::planning) continue;
    if (state.flags[i] & practice_flag::business_plan) continue;
    state.flags[i] |= practice_flag::business_plan;
    state.tacit[i] = static_cast<float>(std::min(1.0 - state.codified[i], std::max<double>(state.tacit[i], threshold - state.codified[i] + 1e-6)));
    if (state.stage[i] == Stage::planning) state.since[i] = day;
    else enter_stage(state, i, Stage::planning, day);
    ++coalitions_.business_plans[c];
    credit -= 1;
  }
}

sim::Day CoalitionModel::meet(std::uint32_t c, sim::Day day, Farmers& farmers, const InstitutionState& institutions) {
  // One meeting at a time: its lists in a Meeting kept for the purpose (no allocation per meeting).
  Meeting& meeting = alone_;
  meeting.start(c);
  open_meeting(meeting, day, farmers, institutions);
  if (!meeting.ended && meeting.recruits) list_recruits(c, meeting.attendees, 0, nullptr, day, farmers, meeting);
  return close_meeting(meeting, day, farmers, institutions);
}

sim::Day CoalitionModel::close_meeting(Meeting& meeting, sim::Day day, Farmers& farmers,
                                       const InstitutionState& institutions) {
  if (meeting.ended) return meeting.next;
  take_recruits(meeting, farmers);
  consider_switch(meeting.coalition, day, institutions);
  return day + meeting_interval_days(meeting.coalition);
}

// A meeting up to its recruitment, whose list it makes when met alone (meet_day makes the lists of
// meetings side by side after opening them all). `meeting.ended` with `meeting.next` when it
// ends here (-1: dissolved).
void CoalitionModel::open_meeting(Meeting& meeting, sim::Day day, Farmers& farmers, const InstitutionState& institutions) {
  const std::uint32_t c = meeting.coalition;
  std::vector<std::uint32_t>* const freed = &meeting.freed;
  auto end_with = [&](sim::Day next) {
    meeting.ended = true;
    meeting.next = next;
  };
  if (!coalitions_.active(c)) return end_with(-1);
  const CoalitionRules& rules = scenario_.coalition;
  const std::int32_t declared = coalitions_.declaration[c];
  if (declared >= 0) {
    const sim::Day end = scenario_.coalitions[static_cast<std::size_t>(declared)].end_day;
    if (end >= 0 && day >= end) {
      dissolve(c, day, CoalitionEnd::programme_end, farmers, freed);
      return end_with(-1);
    }
  }
  const auto form = static_cast<std::size_t>(coalitions_.form[c]);
  const CoalitionFormRules& form_rules = rules.form[form];
  const double months = sim::days_to_years(day - last_meeting_[c]) * 12.0;
  const sim::Day previous = last_meeting_[c];
  last_meeting_[c] = day;
  const std::size_t p = coalitions_.goal_practice[c];
  PracticeState& state = farmers.practice[p];
  auto& members = coalitions_.members[c];

  // Members leave: the farm exited, or interest in the goal is gone (a hazard).
  const double p_drift = 1 - std::exp(-rules.uninterested_leave_per_year * months / 12.0);
  if (coalitions_.form[c] != CoalitionForm::cooperation) {
    remove_drifted(c, day, p_drift, farmers, freed);
  } else {
    // A cooperation's leaver defects: each one costs the members still in it trust (leave).
    std::vector<Leaving> how(members.size(), Leaving::stays);
    const bool forming = coalitions_.phase[c] == CoalitionPhase::forming;
    for_members(scenario_.run.coalition_member_grain, members.size(), [&](std::size_t begin, std::size_t end) {
      const double* uniform = coalition_uniforms(scenario_.run.seed, day, drift_off, members.data() + begin, end - begin);
      for (std::size_t m = begin; m < end; ++m) {
        prefetch_member(state.stage, members, m), prefetch_member(farmers.active, members, m);
        const std::uint32_t i = members[m];
        if (!farmers.active[i]) {
          how[m] = Leaving::exits;
          continue;
        }
        if (forming || interested_or_more(state.stage[i])) continue;
        if (uniform[m - begin] < p_drift) how[m] = Leaving::defects;  // bernoulli(p_drift)
      }
    });
    leave(c, how, farmers, freed);
  }

  if (farmers_party(c) && (coalitions_.phase[c] == CoalitionPhase::forming || coalitions_.phase[c] == CoalitionPhase::visioning))
    ask_again(c, day, farmers);

  // A network in formation gathers members first: the front-runner's open call to the neighbours
  // of its members; it acts once enough come, and fades if they never do.
  if (coalitions_.form[c] == CoalitionForm::network && coalitions_.phase[c] == CoalitionPhase::forming) {
    const std::vector<std::uint32_t> callers = members;
    list_recruits(c, callers, 0, nullptr, day, farmers, meeting);
    take_recruits(meeting, farmers);
    if (static_cast<int>(members.size()) < rules.network_min_attendance) {
      if (++coalitions_.missed_meetings[c] >= rules.fade_after_missed_meetings) {
        dissolve(c, day, CoalitionEnd::faded, farmers, freed);
        return end_with(-1);
      }
      return end_with(day + meeting_interval_days(c));
    }
  }

  // Who attends: everybody in a decision or cooperation coalition; in a network each member with
  // probability equal to the group's internal trust ("those connections need trust", 002 L2311–2326).
  // `attended[m]`: whether members[m] came (members do not change until the knowledge exchange
  // below reads it; a look-up in `attendees` per member was quadratic in a large network).
  std::vector<std::uint32_t>& attendees = meeting.attendees;
  attendees.clear();
  std::vector<std::uint8_t> attended(members.size(), 1);
  attendees.reserve(members.size());
  if (coalitions_.form[c] != CoalitionForm::network) {
    attendees = members;
  } else {
    const double* uniform = coalition_uniforms(scenario_.run.seed, day, attend, members.data(), members.size());
    const double trust = coalitions_.internal_trust[c];
    for (std::size_t m = 0; m < members.size(); ++m) {
      attended[m] = uniform[m] < trust;  // bernoulli(internal trust)
      if (attended[m]) attendees.push_back(members[m]);
    }
  }
  const int needed = coalitions_.form[c] == CoalitionForm::network     ? rules.network_min_attendance
                     : coalitions_.form[c] == CoalitionForm::cooperation ? rules.cooperation_min_members
                                                                         : 1;
  if (static_cast<int>(attendees.size()) < needed) {
    if (coalitions_.form[c] == CoalitionForm::network) {
      // A network fades when its meetings stop (MODEL §7.5).
      if (++coalitions_.missed_meetings[c] >= rules.fade_after_missed_meetings) {
        dissolve(c, day, CoalitionEnd::faded, farmers, freed);
        return end_with(-1);
      }
      return end_with(day + meeting_interval_days(c));
    }
    dissolve(c, day, CoalitionEnd::members_left, farmers, freed);
    return end_with(-1);
  }
  coalitions_.missed_meetings[c] = 0;

  // Tacit knowledge moves toward the best-informed attendee, or toward the project results the
  // coalition draws on (its own, or the platform's pool: MODEL §7.6); in a cooperation each member
  // keeps count of what it gave (teaching above the group mean) and took (learning).
  // The attendees' tacit knowledge is gathered (in parallel for a large coalition), then the best
  // and the mean are taken in attendee order.
  thread_local std::vector<float> tacit_buffer;
  std::vector<float>& tacit = tacit_buffer;  // the calling thread's (see remove_drifted)
  tacit.resize(attendees.size());
  for_members(scenario_.run.coalition_member_grain, attendees.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t a = begin; a < end; ++a) {
      prefetch_member(state.tacit, attendees, a);
      tacit[a] = state.tacit[attendees[a]];
    }
  });
  float best = 0;
  double mean = 0;
  for (const float known : tacit) best = std::max(best, known), mean += known;
  mean /= static_cast<double>(attendees.size());
  if (knowledge_sources_ && c < knowledge_sources_->size()) best = std::max(best, (*knowledge_sources_)[c]);
  const double rate = form_rules.knowledge_exchange;
  const bool cooperation = coalitions_.form[c] == CoalitionForm::cooperation;
  std::vector<float>& balance = coalitions_.balance[c];
  for_members(scenario_.run.coalition_member_grain, members.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t m = begin; m < end; ++m) {
      prefetch_member(state.codified, members, m);
      const std::uint32_t i = members[m];
      if (!attended[m]) continue;
      const float before = state.tacit[i];
      const auto gain = static_cast<float>(std::max(0.0, rate * (best - before)));
      state.tacit[i] = std::min(1.0f - state.codified[i], before + gain);
      if (cooperation) balance[m] += gain - static_cast<float>(rate * std::max(0.0, before - mean));
    }
  });
  // Give/take out of balance: the member leaves (002 L2086–2099), a defection.
  if (cooperation) {
    std::vector<Leaving> how(members.size(), Leaving::stays);
    for (std::size_t m = 0; m < members.size(); ++m)
      if (coalitions_.balance[c][m] < -rules.give_take_tolerance) how[m] = Leaving::defects;
    leave(c, how, farmers, freed);
  }

  // Progress, slowed by an over-capacity government; a boundary worker may leave.
  const std::uint8_t government = coalitions_.government[c];
  const bool served = government != no_index && coalitions_.role[c] != GovernmentRole::none;
  const double capacity = served ? capacity_factor(government) : 1.0;
  if (served && scenario_.institutions[government].staff_turnover_per_year > 0) {
    sim::RandomStream draw(scenario_.run.seed, c, day, sim::Stream::coalition, turnover);
    if (draw.bernoulli(1 - std::exp(-scenario_.institutions[government].staff_turnover_per_year * months / 12.0)))
      coalitions_.internal_trust[c] *= static_cast<float>(1 - rules.turnover_trust_loss);
  }
  progress(c, day, months, capacity);
  draw_up_business_plans(c, day, months, farmers, institutions);
  // A meeting that makes progress builds trust within the group and among its farmers.
  float& trust = coalitions_.internal_trust[c];
  trust += static_cast<float>(rules.internal_trust_gain * capacity * (1 - trust));
  for_members(scenario_.run.coalition_member_grain, attendees.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t a = begin; a < end; ++a) {
      prefetch_member(farmers.peer_trust, attendees, a);
      const std::uint32_t i = attendees[a];
      farmers.peer_trust[i] += static_cast<float>(rules.peer_trust_gain * capacity * (1 - farmers.peer_trust[i]));
    }
  });

  // Commitment: share of members who came to this meeting and act on the goal (planning, applied,
  // adopted). Decision and cooperation meetings are attended by all members; a network's by those
  // who trust it enough to come, so a loose network commits least (MODEL §7.5).
  // Counts: whole numbers, the same added in any grouping.
  std::atomic<std::size_t> committed = 0, adopted = 0;
  for_members(scenario_.run.coalition_member_grain, attendees.size(), [&](std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    for (std::size_t a = begin; a < end; ++a) {
      prefetch_member(state.stage, attendees, a);
      count += acting(state.stage[attendees[a]]);
    }
    committed += count;
  });
  for_members(scenario_.run.coalition_member_grain, members.size(), [&](std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    for (std::size_t m = begin; m < end; ++m) {
      prefetch_member(state.stage, members, m);
      count += state.stage[members[m]] == Stage::adopted;
    }
    adopted += count;
  });
  const double n = std::max<std::size_t>(1, members.size());
  coalitions_.commitment[c] = static_cast<float>(static_cast<double>(committed.load()) / n);
  coalitions_.adopted_share[c] = static_cast<float>(static_cast<double>(adopted.load()) / n);

  // Money: cooperation members pay in; the pool pays its share of new adopters' investment.
  if (cooperation) coalitions_.pool_eur[c] += rules.member_contribution_eur_per_year * months / 12.0 * members.size();
  pay_pooled_investments(c, previous, farmers);

  meeting.recruits = coalitions_.phase[c] == CoalitionPhase::scaling || coalitions_.phase[c] == CoalitionPhase::forming ||
                     coalitions_.form[c] == CoalitionForm::network;
  meeting.candidates.clear();
}

void CoalitionModel::policy_reversed(std::uint8_t government, sim::Day day, Farmers& farmers) {
  const CoalitionRules& rules = scenario_.coalition;
  for (std::uint32_t c = 0; c < coalitions_.size(); ++c) {
    if (!coalitions_.active(c) || coalitions_.government[c] != government) continue;
    if (coalitions_.role[c] == GovernmentRole::director) {
      // Decision-oriented coalitions depend on their director (MODEL §7.5): collapse, or weaken
      // sharply (back to visioning, half the trust).
      sim::RandomStream draw(scenario_.run.seed, c, day, sim::Stream::coalition, collapse);
      if (draw.bernoulli(rules.reversal_collapse_probability)) {
        dissolve(c, day, CoalitionEnd::director_reversal, farmers);
      } else {
        coalitions_.phase[c] = CoalitionPhase::visioning;
        coalitions_.progress[c] = 0;
        coalitions_.phase_day[c] = day;
        coalitions_.internal_trust[c] *= 0.5f;
      }
    } else if (coalitions_.role[c] != GovernmentRole::none) {
      // A partner or facilitator leaves; shared ownership carries on without it.
      coalitions_.role[c] = GovernmentRole::none;
      roles_changed();
      coalitions_.internal_trust[c] *= static_cast<float>(1 - rules.internal_trust_loss);
    }
  }
}

void CoalitionModel::fill_views(MonthContext& month) const {
  const CoalitionRules& rules = scenario_.coalition;
  month.fast_track_lead_factor = rules.fast_track_lead_factor;
  month.coalitions.resize(coalitions_.size());
  for (std::size_t c = 0; c < coalitions_.size(); ++c) {
    CoalitionView& view = month.coalitions[c];
    view.effective = coalitions_.effective(c);
    view.form = coalitions_.form[c];
    view.goal = coalitions_.goal_practice[c];
    view.director = coalitions_.role[c] == GovernmentRole::director ? coalitions_.government[c] : no_index;
    const CoalitionFormRules& form = rules.form[static_cast<std::size_t>(view.form)];
    view.awareness_per_year = static_cast<float>(form.awareness_per_year);
    view.norm_strength = static_cast<float>(form.norm_strength * coalitions_.adopted_share[c]);
    view.norm = static_cast<float>(rules.norm_weight * view.norm_strength);
    const bool pools = view.form == CoalitionForm::cooperation || coalitions_.declaration[c] >= 0;
    view.investment_share = pools && coalitions_.pool_eur[c] > 0 ? static_cast<float>(rules.pooled_investment_share) : 0.f;
  }
}

}  // namespace kringloop::agents
