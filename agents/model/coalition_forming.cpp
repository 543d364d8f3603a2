// How coalitions arise (MODEL §7.5): declared by the scenario, or emerging from the agents' state.
// Membership by form: invitation without veto (decision, 003 L654–660), consent among farmers who
// trust each other (cooperation, 002 L2299–2306), open (network, 002 L2346–2360).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "agents/model/coalitions.hpp"
#include "agents/model/initiator_filter.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

// Random-stream indices of the coalition submodel (sim::Stream::coalition; index 0 is the initial
// peer trust drawn in the population).
enum Draw : std::uint16_t { accept = 1, cooperate = 2, front_run = 3, open_join = 4, attend = 5, drift_off = 6,
                            collapse = 7, turnover = 8, invite_order = 9 };

bool motivated(Stage stage) { return stage == Stage::interested || stage == Stage::planning; }
bool knows(Stage stage) { return stage != Stage::unaware && stage != Stage::dropped; }

// The first region of an area (a coalition spanning several regions is recorded under the first).
std::uint8_t first_region(RegionMask area) { return static_cast<std::uint8_t>(__builtin_ctz(area)); }

}  // namespace

// The government that partners or facilitates a farmers' coalition in `region`: the first whose
// scheme for the practice covers the region, else the practice's main government if it covers the
// region, else none (a province does not partner coalitions outside its territory).
std::uint8_t CoalitionModel::government_for(std::size_t practice, std::uint8_t region, const MonthContext& month) const {
  for (const std::uint8_t s : month.practices[practice].schemes)
    if (covers(scenario_.schemes[s].regions, region)) return scenario_.schemes[s].government;
  const std::uint8_t main = month.practices[practice].main_government;
  return main != no_index && covers(scenario_.institutions[main].regions, region) ? main : no_index;
}

CoalitionModel::CoalitionModel(const Scenario& scenario) : scenario_(scenario), scheme_checked_(scenario.schemes.size(), 0) {}

double CoalitionModel::role_cost(GovernmentRole role) const {
  switch (role) {
    case GovernmentRole::director: return scenario_.coalition.form[0].role_cost;
    case GovernmentRole::partner: return scenario_.coalition.form[1].role_cost;
    case GovernmentRole::facilitator: return scenario_.coalition.form[2].role_cost;
    default: return 0;
  }
}

double CoalitionModel::capacity_used(std::size_t government) const {
  if (load_stale_) {
    load_by_government_.assign(scenario_.institutions.size(), 0.0);
    for (std::size_t c = 0; c < coalitions_.size(); ++c)
      if (coalitions_.active(c) && coalitions_.government[c] < load_by_government_.size())
        load_by_government_[coalitions_.government[c]] += role_cost(coalitions_.role[c]);
    load_stale_ = false;
  }
  return government < load_by_government_.size() ? load_by_government_[government] : 0.0;
}

double CoalitionModel::capacity_factor(std::size_t government) const {
  const double load = capacity_used(government);
  const double capacity = scenario_.institutions[government].staff_capacity;
  return load <= capacity ? 1.0 : capacity / load;
}

bool CoalitionModel::has_capacity(std::uint8_t government, GovernmentRole role) const {
  return government != no_index &&
         capacity_used(government) + role_cost(role) <= scenario_.institutions[government].staff_capacity + 1e-9;
}

sim::Day CoalitionModel::meeting_interval_days(std::uint32_t c) const {
  const double months = scenario_.coalition.form[static_cast<std::size_t>(coalitions_.form[c])].meeting_months;
  return std::max<sim::Day>(1, static_cast<sim::Day>(std::lround(months * sim::days_per_year / 12.0)));
}

std::uint32_t CoalitionModel::create(CoalitionForm form, std::uint8_t practice, Initiator initiator,
                                     std::uint32_t initiator_id, std::uint8_t government, GovernmentRole role,
                                     sim::Day day) {
  Coalitions& t = coalitions_;
  const auto c = static_cast<std::uint32_t>(t.size());
  t.form.push_back(form);
  t.initial_form.push_back(form);
  t.goal_practice.push_back(practice);
  t.region.push_back(0);
  t.initiator.push_back(initiator);
  t.initiator_id.push_back(initiator_id);
  t.government.push_back(role == GovernmentRole::none ? no_index : government);
  t.role.push_back(government == no_index ? GovernmentRole::none : role);
  t.institution_members.push_back(government == no_index ? 0u : (1u << government));
  t.chain_member.push_back(0);
  t.sounding_board.push_back(0);
  t.phase.push_back(CoalitionPhase::forming);
  t.internal_trust.push_back(0);
  t.commitment.push_back(0);
  t.progress.push_back(0);
  t.pool_eur.push_back(0);
  t.created_day.push_back(day);
  t.ended_day.push_back(-1);
  t.executing_day.push_back(-1);
  t.phase_day.push_back(day);
  t.end_reason.push_back(CoalitionEnd::running);
  t.missed_meetings.push_back(0);
  t.peak_members.push_back(0);
  t.adopted_share.push_back(0);
  t.declaration.push_back(-1);
  t.invited.push_back(0);
  t.plan_credit.push_back(0);
  t.business_plans.push_back(0);
  t.members.emplace_back();
  t.cohort.emplace_back();
  t.balance.emplace_back();
  last_meeting_.push_back(day);
  roles_changed();
  ++month_counts_.formed[static_cast<std::size_t>(form)];
  return c;
}

void CoalitionModel::join(std::uint32_t c, std::uint32_t farmer, Farmers& farmers) {
  farmers.coalition[farmer] = c;
  farmers.free_to_join[farmer] = 0;
  farmers.joined_forms[farmer] |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(coalitions_.form[c]));
  coalitions_.members[c].push_back(farmer);
  if (coalitions_.declaration[c] >= 0) coalitions_.cohort[c].push_back(farmer);
  coalitions_.balance[c].push_back(0);
  coalitions_.peak_members[c] = std::max(coalitions_.peak_members[c], static_cast<std::uint32_t>(coalitions_.members[c].size()));
}

bool CoalitionModel::farmers_party(std::uint32_t c) const {
  const std::int32_t d = coalitions_.declaration[c];
  return d >= 0 && scenario_.coalitions[static_cast<std::size_t>(d)].farmers_at_table;
}

// Whether farmer i accepts coalition c's invitation today. Each core partner at the kitchen table
// (the government and, e.g., the farmers' union; 003 L655, L673–678) is a separate chance to
// persuade: the farmer joins unless none of them does, P = 1 − Π_k (1 − T_k) over the partners'
// trust T_k (farmers trust non-government senders more, 003 L992–994). Without institutions, or
// when the farmers are a party to the deal themselves (farmers_at_table; 003 L329–331), the
// farmer's trust in fellow farmers is one more factor, (1 − peer trust). No veto: members join the
// programme, they do not decide it (003 L657–660).
bool CoalitionModel::accepts(std::uint32_t c, std::uint32_t i, sim::Day day, const Farmers& farmers) const {
  const std::uint32_t partners = coalitions_.institution_members[c];
  double refuse = 1;
  for (std::size_t k = 0; k < scenario_.institutions.size(); ++k)
    if (partners & (1u << k)) refuse *= 1 - farmers.trust[k][i];
  if (partners == 0 || farmers_party(c)) refuse *= 1 - farmers.peer_trust[i];
  sim::RandomStream draw(scenario_.run.seed, i, day, sim::Stream::coalition, accept);
  return draw.bernoulli(1 - refuse);
}

// Invites `count` eligible farms not in a coalition, by rule; those who say no to a coalition whose
// farmers are at the table are remembered, to be asked again (ask_again).
void CoalitionModel::invite(std::uint32_t c, std::int64_t count, InviteRule rule, RegionMask area, sim::Day day,
                            Farmers& farmers) {
  const std::size_t practice = coalitions_.goal_practice[c];
  const PracticeSettings& goal = scenario_.practices[practice];
  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < farmers.size(); ++i)
    if (farmers.active[i] && farmers.coalition[i] == no_coalition && covers(area, farmers.region[i]) &&
        goal.eligible_types[static_cast<std::size_t>(farmers.type[i])])
      candidates.push_back(static_cast<std::uint32_t>(i));
  std::vector<double> key(farmers.size(), 0.0);
  const RegionSettings& region = scenario_.regions[coalitions_.region[c]];
  const double cx = region.x_min_km + region.width_km / 2, cy = region.height_km / 2;
  for (const std::uint32_t i : candidates) {
    switch (rule) {
      case InviteRule::largest: key[i] = -farmers.area_ha(i); break;
      case InviteRule::nearest: key[i] = std::hypot(farmers.x_km[i] - cx, farmers.y_km[i] - cy); break;
      case InviteRule::random:
        key[i] = sim::RandomStream(scenario_.run.seed, i, day, sim::Stream::coalition, invite_order).uniform();
        break;
    }
  }
  // By key, ties in id order: the order a stable sort of this list (made in id order) gives. Only
  // the first `count` are invited, so they are selected first and only they are sorted (issue 16: a
  // programme inviting 6% of a million farms sorted half a million while the other thread waited).
  const auto before = [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b] || (key[a] == key[b] && a < b); };
  if (static_cast<std::int64_t>(candidates.size()) > count) {
    const auto invited = static_cast<std::ptrdiff_t>(std::max<std::int64_t>(0, count));
    std::nth_element(candidates.begin(), candidates.begin() + invited, candidates.end(), before);
    candidates.resize(static_cast<std::size_t>(invited));
  }
  std::sort(candidates.begin(), candidates.end(), before);
  coalitions_.invited[c] += static_cast<std::uint32_t>(candidates.size());
  const bool remember = farmers_party(c);
  if (remember && refused_.size() <= c) refused_.resize(c + 1);
  for (const std::uint32_t i : candidates) {
    if (accepts(c, i, day, farmers)) join(c, i, farmers);
    else if (remember) refused_[c].push_back(i);
  }
}

// Farmers who are a party to the deal keep talking with those who said no (farmers_at_table;
// assumption: the island's farmers all know each other, 003 L369–372): until the coalition
// executes, each farm that refused the first invitation, still farms and has joined no other
// coalition is asked again at each meeting (a fresh draw). Members who left are not asked back,
// and no farm that was not invited is asked.
void CoalitionModel::ask_again(std::uint32_t c, sim::Day day, Farmers& farmers) {
  if (c >= refused_.size()) return;
  std::vector<std::uint32_t>& refused = refused_[c];
  std::size_t kept = 0;
  for (const std::uint32_t i : refused) {
    if (!farmers.active[i]) continue;                    // stopped farming: off the list
    if (farmers.coalition[i] != no_coalition) {          // in another coalition for now: ask later
      refused[kept++] = i;
      continue;
    }
    if (accepts(c, i, day, farmers)) join(c, i, farmers);
    else refused[kept++] = i;
  }
  refused.resize(kept);
}

std::uint32_t CoalitionModel::start_declared(std::size_t declaration, sim::Day day, Farmers& farmers) {
  const CoalitionDeclaration& d = scenario_.coalitions[declaration];
  const GovernmentRole role = d.director == no_index ? GovernmentRole::none
                              : d.form == CoalitionForm::decision  ? GovernmentRole::director
                              : d.form == CoalitionForm::cooperation ? GovernmentRole::partner
                                                                     : GovernmentRole::facilitator;
  const std::uint32_t c = create(d.form, d.practice, Initiator::scenario, static_cast<std::uint32_t>(declaration),
                                 d.director, role, day);
  coalitions_.declaration[c] = static_cast<std::int32_t>(declaration);
  for (const std::uint8_t k : d.core_partners) coalitions_.institution_members[c] |= 1u << k;
  coalitions_.chain_member[c] = d.chain_partners.empty() ? 0 : 1;
  coalitions_.sounding_board[c] = static_cast<std::uint16_t>(d.sounding_board_members);
  coalitions_.pool_eur[c] = d.budget_eur;
  const RegionMask area = d.region != no_index   ? RegionMask{1} << d.region
                          : d.director != no_index ? scenario_.institutions[d.director].regions
                                                   : all_regions;
  coalitions_.region[c] = first_region(area);
  std::int64_t eligible = 0;
  for (std::size_t i = 0; i < farmers.size(); ++i)
    eligible += farmers.active[i] && covers(area, farmers.region[i]) &&
                scenario_.practices[d.practice].eligible_types[static_cast<std::size_t>(farmers.type[i])];
  const std::int64_t count = d.invited_farmers + std::llround(d.invited_share * static_cast<double>(eligible));
  coalitions_.pool_eur[c] += d.budget_per_invited_farm_eur * static_cast<double>(count);
  invite(c, count, d.invite_rule, area, day, farmers);
  // Internal trust starts at the members' mean trust in the director (decision) or in each other.
  double sum = 0;
  for (const std::uint32_t i : coalitions_.members[c])
    sum += d.director != no_index && d.form == CoalitionForm::decision ? farmers.trust[d.director][i] : farmers.peer_trust[i];
  coalitions_.internal_trust[c] = coalitions_.members[c].empty() ? 0.f : static_cast<float>(sum / coalitions_.members[c].size());
  return c;
}

std::vector<std::uint32_t> CoalitionModel::initiatives(sim::Day day, Farmers& farmers, const InstitutionState& institutions,
                                                       const MonthContext& month) {
  std::vector<std::uint32_t> started;
  const CoalitionRules& rules = scenario_.coalition;
  if (!rules.emergence) return started;

  // A government whose scheme's uptake lags the linear path to its budget directs a coalition for
  // the scheme's practice (once per scheme), when its staff can take the role.
  for (std::size_t s = 0; s < scenario_.schemes.size(); ++s) {
    const SchemeSettings& settings = scenario_.schemes[s];
    if (scheme_checked_[s] || settings.kind == SchemeKind::experiment_fund || !month.schemes[s].open) continue;
    const double open_years = sim::days_to_years(day - settings.open_day);
    if (open_years < rules.lag_check_years) continue;
    scheme_checked_[s] = 1;
    const SchemeState& state = institutions.schemes[s];
    const double path = state.budget_eur * std::min(1.0, open_years / std::max(1e-9, sim::days_to_years(settings.window_days)));
    const double used = state.paid_eur + state.committed_eur + state.pending_eur;
    if (used >= rules.lag_share * path || !has_capacity(settings.government, GovernmentRole::director)) continue;
    bool served = false;  // it already directs or partners a coalition for this practice
    for (std::size_t c = 0; c < coalitions_.size(); ++c)
      served = served || (coalitions_.active(c) && coalitions_.government[c] == settings.government &&
                          coalitions_.goal_practice[c] == settings.practice && coalitions_.role[c] != GovernmentRole::none);
    if (served) continue;
    const std::uint32_t c = create(CoalitionForm::decision, settings.practice, Initiator::government, settings.government,
                                   settings.government, GovernmentRole::director, day);
    const std::uint8_t messenger = scenario_.institutions[settings.government].messenger;
    if (messenger != no_index) coalitions_.institution_members[c] |= 1u << messenger;
    // It invites farms where its scheme pays (within the government's regions).
    coalitions_.region[c] = first_region(settings.regions);
    std::int64_t eligible = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i)
      eligible += farmers.active[i] && covers(settings.regions, farmers.region[i]) &&
                  settings.eligible_types[static_cast<std::size_t>(farmers.type[i])];
    invite(c, std::llround(rules.invited_share * static_cast<double>(eligible)), InviteRule::largest, settings.regions,
           day, farmers);
    double sum = 0;
    for (const std::uint32_t i : coalitions_.members[c]) sum += farmers.trust[settings.government][i];
    coalitions_.internal_trust[c] = coalitions_.members[c].empty() ? 0.f : static_cast<float>(sum / coalitions_.members[c].size());
    started.push_back(c);
  }

  // Farmers: candidates found in parallel (read-only), started serially in farmer order.
  struct Candidate {
    std::uint32_t farmer;
    std::uint8_t practice;
    CoalitionForm form;
    std::uint64_t order_key() const { return (std::uint64_t{farmer} << 8) | practice; }
  };
  sim::Outbox<Candidate> candidates;
  const double dt = month.days_in_month() / sim::days_per_year;
  const double p_cooperate = 1 - std::exp(-rules.cooperation_initiative_per_year * dt);
  const double p_front = 1 - std::exp(-rules.network_initiative_per_year * dt);
  const float theta = static_cast<float>(rules.cooperation_trust_threshold);
  const int k = farmers.neighbours_per_farmer;
  // What does not change from farmer to farmer is worked out once (speed, issue 16).
  std::vector<std::size_t> pursued;  // practices a coalition can pursue, in practice order
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p)
    if (scenario_.practices[p].decision == DecisionRule::utility) pursued.push_back(p);
  const sim::Day front_runner_days = sim::years_to_days(rules.front_runner_years);
  // One farmer's initiative, the practices in order (the first that starts something ends it).
  auto consider = [&](std::size_t i) {
    if (farmers.coalition[i] != no_coalition || !farmers.active[i]) return;
    for (const std::size_t p : pursued) {
      const PracticeState& state = farmers.practice[p];
      const Stage stage = state.stage[i];
      // Conditions joined with & (each is cheap and has no effect), so that one branch is
      // taken per condition set instead of one hard-to-predict branch per stage test.
      const bool front_runner = (farmers.innovativeness[i] == Innovativeness::innovator) & (stage == Stage::adopted) &
                                (day - state.since[i] >= front_runner_days) & (p_front > 0);
      const bool cooperates = motivated(stage) & (farmers.peer_trust[i] >= theta) & (p_cooperate > 0) & (k > 0);
      if (front_runner) {
        sim::RandomStream draw(scenario_.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::coalition,
                               static_cast<std::uint16_t>(front_run + 16 * p));
        if (draw.bernoulli(p_front)) {
          candidates.emit({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(p), CoalitionForm::network});
          return;
        }
      }
      if (cooperates) {
        // The draw first: it is this farmer's own stream for this month and purpose, read by
        // nothing else, so taking it before the neighbours are counted changes no number; the
        // neighbours (scattered reads) are then counted only for the rare farmer whose draw
        // fires (speed, issue 16).
        sim::RandomStream draw(scenario_.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::coalition,
                               static_cast<std::uint16_t>(cooperate + 16 * p));
        if (!draw.bernoulli(p_cooperate)) continue;
        int partners = 0;
        const std::uint32_t* neighbours = farmers.neighbours_of(i);
        for (int m = 0; m < k; ++m) {
          const std::uint32_t j = neighbours[m];
          partners += farmers.active[j] && farmers.coalition[j] == no_coalition && farmers.peer_trust[j] >= theta &&
                      knows(state.stage[j]);
        }
        if (partners + 1 < rules.cooperation_min_members) continue;
        candidates.emit({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(p), CoalitionForm::cooperation});
        return;
      }
    }
  };
  const InitiatorFilter filter{farmers, pursued, p_front > 0, p_cooperate > 0 && k > 0, theta};
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    // Sixteen farmers at a time, only those the filter lets through looked at one by one (in
    // farmer order, as before): the filter drops only farmers for whom no condition set holds.
    std::size_t i = begin;
    for (; end - i >= 16; i += 16)
      for (std::uint32_t bits = filter.possible(i); bits != 0; bits &= bits - 1)
        consider(i + static_cast<std::size_t>(__builtin_ctz(bits)));
    for (; i < end; ++i) consider(i);
  });
  for (const Candidate& candidate : candidates.drain()) {
    const std::uint32_t i = candidate.farmer;
    if (farmers.coalition[i] != no_coalition) continue;  // joined one started earlier this month
    const PracticeState& state = farmers.practice[candidate.practice];
    const std::uint8_t government = government_for(candidate.practice, farmers.region[i], month);
    const std::uint32_t* neighbours = farmers.neighbours_of(i);
    if (candidate.form == CoalitionForm::cooperation) {
      // Consent: the initiator and the neighbours who trust each other and know the practice.
      std::vector<std::uint32_t> founders{i};
      for (int m = 0; m < k; ++m) {
        const std::uint32_t j = neighbours[m];
        if (farmers.active[j] && farmers.coalition[j] == no_coalition && farmers.peer_trust[j] >= theta &&
            knows(state.stage[j]) && std::find(founders.begin(), founders.end(), j) == founders.end())
          founders.push_back(j);
      }
      if (static_cast<int>(founders.size()) < rules.cooperation_min_members) continue;
      const GovernmentRole role = has_capacity(government, GovernmentRole::partner) ? GovernmentRole::partner : GovernmentRole::none;
      const std::uint32_t c = create(CoalitionForm::cooperation, candidate.practice, Initiator::farmers, i, government, role, day);
      coalitions_.region[c] = farmers.region[i];
      double sum = 0;
      for (const std::uint32_t j : founders) join(c, j, farmers), sum += farmers.peer_trust[j];
      coalitions_.internal_trust[c] = static_cast<float>(sum / founders.size());
      started.push_back(c);
    } else {
      // A front-runner's network: open to the neighbours who know the practice.
      const GovernmentRole role =
          has_capacity(government, GovernmentRole::facilitator) ? GovernmentRole::facilitator : GovernmentRole::none;
      const std::uint32_t c = create(CoalitionForm::network, candidate.practice, Initiator::front_runner, i, government, role, day);
      coalitions_.region[c] = farmers.region[i];
      join(c, i, farmers);
      double sum = farmers.peer_trust[i];
      for (int m = 0; m < k; ++m) {
        const std::uint32_t j = neighbours[m];
        if (!farmers.active[j] || farmers.coalition[j] != no_coalition || !knows(state.stage[j])) continue;
        sim::RandomStream draw(scenario_.run.seed, j, day, sim::Stream::coalition, open_join);
        if (draw.bernoulli(scenario_.coalition.network_join_probability)) join(c, j, farmers), sum += farmers.peer_trust[j];
      }
      coalitions_.internal_trust[c] = static_cast<float>(sum / coalitions_.members[c].size());
      started.push_back(c);
    }
  }
  return started;
}

}  // namespace kringloop::agents
