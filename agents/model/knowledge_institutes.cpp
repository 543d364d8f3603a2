// Knowledge institutes (MODEL §7.6): field days and site visits (tacit, to attendees from the host's
// network), communities of practice (members move toward the best-informed), field trials whose
// results are published years later (001 L128–130), portals (codified only, 004 L297–299). A farmer
// listens in proportion to its trust in the institute, and trusts it more when an event taught it.
#include <algorithm>
#include <cmath>
#include <vector>

#include <oneapi/tbb/parallel_for.h>

#include "agents/model/knowledge.hpp"
#include "agents/model/review.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

// Sub-streams of Stream::knowledge (index): 0–31 initial trust per institute (population.cpp).
constexpr std::uint16_t host_stream = 64, attendance_stream = 65, community_stream = 66;

bool learner(Stage stage) {
  return stage == Stage::unaware || stage == Stage::aware || stage == Stage::interested || stage == Stage::planning ||
         stage == Stage::applied;
}

}  // namespace

KnowledgeModel::KnowledgeModel(const Scenario& scenario, std::size_t farmers)
    : scenario_(scenario), farmer_count_(farmers) {
  const std::size_t practices = scenario.practices.size(), institutes = scenario.institutes.size();
  // The platform's pool is kept per region when regional subsidies require regional benefit.
  state_.pool_regions = scenario.knowledge.regional_benefit ? std::max<std::size_t>(1, scenario.regions.size()) : 1;
  state_.pool.assign(practices * state_.pool_regions, 0.0);
  state_.in_print.assign(practices, scenario.knowledge.public_codified);
  state_.counts.assign(practices, {});
  state_.events_held.assign(institutes * knowledge_channel_count, 0);
  state_.attendances.assign(institutes * knowledge_channel_count, 0);
  state_.community.assign(institutes * practices, {});
  field_day_debt_.assign(institutes, 0);
  session_debt_.assign(institutes, 0);
  next_trial_.assign(institutes * practices, 0);
  pending_trials_.assign(institutes * practices, {});
  rotation_.assign(institutes, 0);
}

bool KnowledgeModel::eligible(const Farmers& farmers, std::size_t practice, std::uint32_t farmer) const {
  return farmers.active[farmer] && scenario_.practices[practice].eligible_types[static_cast<std::size_t>(farmers.type[farmer])];
}

// Tacit knowledge from an event; a farmer that learnt something trusts the institute more.
void KnowledgeModel::teach(std::size_t institute, std::size_t practice, std::uint32_t farmer, double tacit_gain,
                           Farmers& farmers) const {
  PracticeState& state = farmers.practice[practice];
  const float before = state.tacit[farmer];
  state.tacit[farmer] = static_cast<float>(std::min<double>(1.0 - state.codified[farmer], before + tacit_gain));
  if (state.tacit[farmer] > before) {
    float& trust = farmers.institute_trust[institute][farmer];
    trust += static_cast<float>(scenario_.knowledge.institute_trust_gain * (1 - trust));
  }
}

void KnowledgeModel::institute_month(std::size_t k, sim::Day day, Farmers& farmers) {
  const InstituteSettings& institute = scenario_.institutes[k];
  if (institute.practices.empty()) return;
  // Field days of the month (a fractional remainder carries over, so the yearly count is exact).
  const double per_year = institute.field_days_per_year +
                          institute.field_days_per_1000_farms_year * static_cast<double>(farmer_count_) / 1000.0;
  field_day_debt_[k] += per_year / sim::months_per_year;
  // Where each day is held and whom it can reach does not depend on the days before it in the month
  // (they teach and make farmers aware; no farm exits, adopts or abandons there), so the month's
  // days are planned in parallel, then held one after the other (issue 16: at a million farms a few
  // hundred a month, each probing random farms for a host, ran while the other thread waited).
  std::vector<FieldDayPlan> plans;
  for (std::uint32_t serial = 0; field_day_debt_[k] >= 1; ++serial) {
    field_day_debt_[k] -= 1;
    FieldDayPlan& plan = plans.emplace_back();
    plan.practice = institute.practices[rotation_[k]++ % institute.practices.size()];
    plan.serial = serial;
  }
  oneapi::tbb::parallel_for(std::size_t{0}, plans.size(), [&](std::size_t d) { plan_field_day(k, day, farmers, plans[d]); });
  for (const FieldDayPlan& plan : plans) hold_field_day(k, day, plan, farmers);
  session_debt_[k] += institute.cop_sessions_per_year / sim::months_per_year;
  if (session_debt_[k] >= 1) {
    session_debt_[k] -= 1;
    for (const std::uint8_t practice : institute.practices) community_session(k, practice, day, farmers);
  }
  if (institute.trial_every_years > 0) publish_trials(k, day);
}

// A field day or site visit: a host farm (an adopter for a site visit, any farm for a research
// trial plot), attendees from the host's network two steps out (nearby: the network is spatial),
// each coming with probability ∝ trust in the institute; unaware neighbours hear of the practice
// there (e_evt of MODEL §7.1).
void KnowledgeModel::plan_field_day(std::size_t k, sim::Day day, const Farmers& farmers, FieldDayPlan& plan) const {
  const InstituteSettings& institute = scenario_.institutes[k];
  const PracticeState& state = farmers.practice[plan.practice];
  const std::size_t n = farmers.size();
  if (n == 0) return;
  sim::RandomStream draw(scenario_.run.seed, static_cast<std::uint32_t>(k * 4096 + plan.serial), day, sim::Stream::knowledge,
                         host_stream);
  const bool needs_adopter = institute.kind != InstituteKind::research;
  for (int probe = 0; probe < 256 && !plan.found; ++probe) {
    plan.host = draw.below(static_cast<std::uint32_t>(n));
    plan.found = eligible(farmers, plan.practice, plan.host) && (!needs_adopter || state.stage[plan.host] == Stage::adopted);
  }
  if (!plan.found) return;  // nobody to visit: the day does not take place

  std::vector<std::uint32_t>& candidates = plan.candidates;
  const int k_nb = farmers.neighbours_per_farmer;
  if (k_nb > 0) {
    const std::uint32_t* first = farmers.neighbours_of(plan.host);
    for (int a = 0; a < k_nb; ++a) {
      candidates.push_back(first[a]);
      const std::uint32_t* second = farmers.neighbours_of(first[a]);
      for (int b = 0; b < k_nb; ++b) candidates.push_back(second[b]);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  } else {
    for (int c = 0; c < 3 * institute.field_day_places; ++c) candidates.push_back(draw.below(static_cast<std::uint32_t>(n)));
  }
}

void KnowledgeModel::hold_field_day(std::size_t k, sim::Day day, const FieldDayPlan& plan, Farmers& farmers) {
  if (!plan.found) return;
  const InstituteSettings& institute = scenario_.institutes[k];
  const std::size_t practice = plan.practice;
  PracticeState& state = farmers.practice[practice];
  const double pool = platform_pool(practice, farmers.region[plan.host]);
  sim::RandomStream attend(scenario_.run.seed, static_cast<std::uint32_t>(k * 4096 + plan.serial), day, sim::Stream::knowledge,
                           attendance_stream);
  int attendees = 0;
  for (const std::uint32_t i : plan.candidates) {
    if (attendees >= institute.field_day_places) break;
    const double u = attend.uniform();  // one draw per candidate, whatever the outcome: stable streams
    if (i == plan.host || !eligible(farmers, practice, i) || !learner(state.stage[i])) continue;
    const double weight = state.stage[i] == Stage::unaware ? institute.unaware_attendance : 1.0;
    if (u >= weight * farmers.institute_trust[k][i]) continue;
    if (state.stage[i] == Stage::unaware) enter_stage(state, i, Stage::aware, day);
    // With a platform, a field day also passes on the pool's project results (regional hubs).
    const double from_pool = scenario_.knowledge.pool_transfer * std::max(0.0, pool - state.tacit[i]);
    teach(k, practice, i, institute.field_day_tacit + from_pool, farmers);
    ++attendees;
  }
  state_.events_held[k * knowledge_channel_count + static_cast<std::size_t>(KnowledgeChannel::field_day)] += 1;
  state_.attendances[k * knowledge_channel_count + static_cast<std::size_t>(KnowledgeChannel::field_day)] += attendees;
}

// A community of practice session: members who are no longer learning or practising leave; the
// community recruits aware neighbours of its members up to its size (seeded by an adopter or an
// interested farmer when empty); attendees (∝ trust) move toward the best-informed attendee.
void KnowledgeModel::community_session(std::size_t k, std::size_t practice, sim::Day day, Farmers& farmers) {
  const InstituteSettings& institute = scenario_.institutes[k];
  PracticeState& state = farmers.practice[practice];
  std::vector<std::uint32_t>& members = state_.community[k * scenario_.practices.size() + practice];
  const auto keeps = [&](std::uint32_t i) {
    return eligible(farmers, practice, i) && state.stage[i] != Stage::unaware && state.stage[i] != Stage::dropped &&
           state.stage[i] != Stage::abandoned;
  };
  members.erase(std::remove_if(members.begin(), members.end(), [&](std::uint32_t i) { return !keeps(i); }), members.end());
  sim::RandomStream draw(scenario_.run.seed, static_cast<std::uint32_t>(k * 256 + practice), day, sim::Stream::knowledge,
                         community_stream);
  const std::size_t n = farmers.size();
  if (members.empty() && n > 0)
    for (int probe = 0; probe < 256; ++probe) {
      const std::uint32_t i = draw.below(static_cast<std::uint32_t>(n));
      if (keeps(i) && (state.stage[i] == Stage::adopted || state.stage[i] == Stage::interested)) {
        members.push_back(i);
        break;
      }
    }
  const auto wanted = static_cast<std::size_t>(institute.cop_members);
  for (std::size_t m = 0; m < members.size() && members.size() < wanted && farmers.neighbours_per_farmer > 0; ++m) {
    const std::uint32_t* nb = farmers.neighbours_of(members[m]);
    for (int a = 0; a < farmers.neighbours_per_farmer && members.size() < wanted; ++a)
      if (keeps(nb[a]) && std::find(members.begin(), members.end(), nb[a]) == members.end()) members.push_back(nb[a]);
  }
  if (members.size() < 2) return;
  std::vector<std::uint32_t> present;
  for (const std::uint32_t i : members)
    if (draw.uniform() < farmers.institute_trust[k][i]) present.push_back(i);
  if (present.size() < 2) return;
  // The best-informed member, or the platform's pool of project results when it knows more.
  float best = static_cast<float>(platform_pool(practice, farmers.region[present.front()]));
  for (const std::uint32_t i : present) best = std::max(best, state.tacit[i]);
  for (const std::uint32_t i : present) teach(k, practice, i, institute.cop_exchange * (best - state.tacit[i]), farmers);
  state_.events_held[k * knowledge_channel_count + static_cast<std::size_t>(KnowledgeChannel::community)] += 1;
  state_.attendances[k * knowledge_channel_count + static_cast<std::size_t>(KnowledgeChannel::community)] +=
      static_cast<std::int64_t>(present.size());
}

// Field trials (research): one per practice every trial_every_years; its results are published
// trial_years later and add to what is in print (001 L128–130: multi-year trials).
void KnowledgeModel::publish_trials(std::size_t k, sim::Day day) {
  const InstituteSettings& institute = scenario_.institutes[k];
  for (const std::uint8_t practice : institute.practices) {
    const std::size_t slot = k * scenario_.practices.size() + practice;
    if (day >= next_trial_[slot]) {
      pending_trials_[slot].push_back(day + sim::years_to_days(institute.trial_years));
      next_trial_[slot] = day + sim::years_to_days(institute.trial_every_years);
      state_.events_held[k * knowledge_channel_count + static_cast<std::size_t>(KnowledgeChannel::trial)] += 1;
    }
    auto& pending = pending_trials_[slot];
    for (std::size_t t = pending.size(); t-- > 0;)
      if (pending[t] <= day) {
        state_.in_print[practice] += institute.trial_codified * (1 - state_.in_print[practice]);
        ++state_.counts[practice].trials_published;
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(t));
      }
  }
}

void KnowledgeModel::fill_views(MonthContext& month) const {
  const KnowledgeSettings& k = scenario_.knowledge;
  month.knowledge.resize(scenario_.practices.size());
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    PracticeKnowledgeView& view = month.knowledge[p];
    view.codified_full = k.codified_max_share * scenario_.practices[p].knowledge_threshold;
    view.in_print = state_.in_print[p];
    view.pool.assign(state_.pool_regions, 0.0);
    for (std::size_t r = 0; r < state_.pool_regions; ++r) view.pool[r] = platform_pool(p, r);
    view.portals.clear();
    for (std::size_t i = 0; i < scenario_.institutes.size(); ++i) {
      const InstituteSettings& institute = scenario_.institutes[i];
      if ((institute.portal_codified_per_year > 0 || institute.core_team_per_year > 0) && runs(i) &&
          std::find(institute.practices.begin(), institute.practices.end(), p) != institute.practices.end())
        view.portals.push_back({static_cast<std::uint8_t>(i), institute.portal_codified_per_year, institute.portal_coverage,
                                institute.core_team_per_year});
    }
  }
  month.knowledge_kept =
      static_cast<float>(std::exp(-std::log(2.0) / k.half_life_years * month.days_in_month() / sim::days_per_year));
}

}  // namespace kringloop::agents
