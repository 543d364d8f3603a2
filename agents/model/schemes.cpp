#include "agents/model/schemes.hpp"

#include <algorithm>

#include "agents/model/review.hpp"
#include "agents/model/trust.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

MonthContext make_month_context(const Scenario& scenario) {
  MonthContext month;
  const double max_years = scenario.decision.max_horizon_years;
  for (std::size_t p = 0; p < scenario.practices.size(); ++p) {
    PracticeEconomics economics;
    double rate = scenario.decision.discount_rate;
    // 003 L953: a bank's interest discount for adopters lowers r for that practice.
    for (const auto& chain : scenario.chains)
      if (chain.kind == ChainKind::bank && chain.practice == p) rate -= chain.interest_discount;
    economics.annuity = AnnuityTable(std::max(rate, 0.0), max_years);
    for (std::size_t s = 0; s < scenario.schemes.size(); ++s)
      if (scenario.schemes[s].practice == p) {
        economics.schemes.push_back(static_cast<std::uint8_t>(s));
        if (economics.main_government == no_index) economics.main_government = scenario.schemes[s].government;
      }
    if (economics.main_government == no_index && scenario.government_count > 0) economics.main_government = 0;
    month.practices.push_back(std::move(economics));
  }
  month.schemes.resize(scenario.schemes.size());
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s)
    month.schemes[s].lead_discount = month.practices[scenario.schemes[s].practice].annuity.discount(
        sim::days_to_years(scenario.schemes[s].announced_lead_days));
  return month;
}

void set_scheme_budgets(const Scenario& scenario, const Farmers& farmers, InstitutionState& institutions) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    const SchemeSettings& settings = scenario.schemes[s];
    const PracticeSettings& practice = scenario.practices[settings.practice];
    // Eligible farms: of a type the scheme and its practice admit, in the scheme's area.
    double farms = 0, hectares = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      const auto type = static_cast<std::size_t>(farmers.type[i]);
      if (!settings.eligible_types[type] || !practice.eligible_types[type]) continue;
      if (!covers(settings.regions, farmers.region[i])) continue;
      farms += 1;
      hectares += farmers.area_ha(i);
    }
    institutions.schemes[s].budget_eur =
        settings.budget_eur + settings.budget_per_eligible_farm_eur * farms + settings.budget_per_eligible_ha_eur * hectares;
  }
}

void close_exhausted_schemes(const Scenario& scenario, sim::Day day, InstitutionState& institutions) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    SchemeState& scheme = institutions.schemes[s];
    if (scheme.exhausted_day >= 0) continue;
    const double left = scheme.budget_left(scenario.schemes[s]);
    // Closed for good once what is left (pending promises aside: they may still fall through)
    // cannot fund a typical award; before the first application, once nothing is left.
    if (left <= 0 || (scheme.applications > 0 && left < scheme.typical_award_eur())) scheme.exhausted_day = day;
  }
}

bool scheme_open(const Scenario& scenario, const InstitutionState& institutions, std::size_t s, sim::Day day) {
  const SchemeSettings& settings = scenario.schemes[s];
  const SchemeState& state = institutions.schemes[s];
  // Open: in its window, policy on, not cancelled, not exhausted, and able to fund a typical
  // award next to the applications already waiting (else applicants would pay to be rejected).
  const double available = state.available_eur();
  return day >= settings.open_day && day < settings.open_day + settings.window_days && !state.cancelled &&
         institutions.governments[settings.government].policy_on && state.exhausted_day < 0 && available > 0 &&
         available >= state.typical_award_eur();
}

void refresh_scheme_views(const Scenario& scenario, const InstitutionState& institutions, sim::Day day,
                          MonthContext& month) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    SchemeView& view = month.schemes[s];
    view.open = scheme_open(scenario, institutions, s, day);
    view.award_probability = institutions.schemes[s].award_probability();
  }
}

void receive_applications(const std::vector<ApplicationMessage>& applications, sim::Day day, InstitutionState& institutions,
                          const Scenario& scenario) {
  for (const auto& message : applications) {
    SchemeState& scheme = institutions.schemes[message.scheme];
    const Application application{day,       message.decision_day, message.farmer,    message.parts,
                                  message.investment_eur, message.grant_eur, message.annual_eur, message.priority};
    const double promise = application.promise_eur(scenario.schemes[message.scheme]);
    scheme.pending.push_back(application);
    scheme.pending_eur += promise;
    scheme.applied_eur += promise;
    ++scheme.applications;
    ++scheme.month_applications;
  }
}

namespace {

void reject(const Scenario& scenario, const MonthContext& month, PracticeState& state, std::size_t farmer,
            std::size_t scheme) {
  state.scheme[farmer] = no_index;
  sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(farmer), month.day, sim::Stream::decision,
                           static_cast<std::uint16_t>(1000 + scheme));
  const bool drops = random.bernoulli(scenario.decision.rejection_dropout_probability);
  enter_stage(state, farmer, drops ? Stage::dropped : Stage::planning, month.day);
}

}  // namespace

void decide_applications(const Scenario& scenario, const MonthContext& month, Farmers& farmers,
                         InstitutionState& institutions) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    const SchemeSettings& settings = scenario.schemes[s];
    SchemeState& scheme = institutions.schemes[s];
    PracticeState& state = farmers.practice[settings.practice];
    std::vector<Application> waiting;
    // Budget priority: due applications of decision-oriented coalition members are decided first
    // (MODEL §7.5); otherwise, and among each group, first come, first served.
    if (scenario.coalition.budget_priority)
      std::stable_partition(scheme.pending.begin(), scheme.pending.end(), [&](const Application& a) {
        return a.priority && a.decision_day <= month.day;
      });
    for (const Application& application : scheme.pending) {
      if (application.decision_day > month.day) {
        waiting.push_back(application);
        continue;
      }
      const double promise = application.promise_eur(settings);
      scheme.pending_eur = std::max(0.0, scheme.pending_eur - promise);
      const std::size_t i = application.farmer;
      const bool experiment = settings.kind == SchemeKind::experiment_fund;
      const Stage stage = state.stage[i];
      const bool still_waiting = farmers.active[i] && (experiment ? (stage == Stage::planning || stage == Stage::applied)
                                                                  : (stage == Stage::applied && state.scheme[i] == s));
      if (!still_waiting) continue;  // withdrawn (dropped out) or the farm exited
      // A decision later than announced is a broken promise, one on time a kept one (MODEL §7.3).
      const bool late = application.decision_day > application.applied_day + settings.announced_lead_days;
      if (late) {
        ++scheme.month_late;
        broken_promise(scenario, farmers, i, settings.government, month.day);
      } else {
        kept_promise(scenario, farmers, i, settings.government, month.day);
      }
      if (experiment) {
        if (promise <= scheme.budget_left(settings)) {
          // Early money resets the wait (003 L620–622, MODEL §7.1).
          farmers.liquidity_eur[i] += static_cast<float>(promise);
          state.since[i] = month.day;
          scheme.paid_eur += promise, scheme.month_paid_eur += promise;
          ++scheme.awards, ++scheme.month_awards;
        } else {
          ++scheme.rejections, ++scheme.month_rejections;
        }
        continue;
      }
      // The application is the contract: award exactly what was applied for while the budget
      // lasts (first come, first served), else reject. Land the farm no longer holds is dropped
      // from the contract's parts (a lease that ended while waiting); none left: rejected.
      const bool land_bound = scenario.practices[settings.practice].land_bound;
      const auto parts = static_cast<std::uint8_t>(land_bound ? application.parts & farmers.held_parts(i) : application.parts);
      if (farmers.parts_area(i, parts) <= 0 || promise > scheme.budget_left(settings)) {
        ++scheme.rejections, ++scheme.month_rejections;
        reject(scenario, month, state, i, s);
        continue;
      }
      ++scheme.awards, ++scheme.month_awards;
      farmers.liquidity_eur[i] -= application.investment_eur;
      state.parts[i] = parts;
      enter_stage(state, i, Stage::adopted, month.day);
      if (settings.annual()) {
        scheme.committed_eur += promise;
        state.annual_payment[i] = application.annual_eur;
        state.payments_left[i] = static_cast<std::uint8_t>(settings.duration_years);
        state.next_payment[i] = month.day + 1;  // first payment at the next monthly review
      } else {
        farmers.liquidity_eur[i] += application.grant_eur;
        scheme.paid_eur += promise, scheme.month_paid_eur += promise;
        state.payments_left[i] = 0;
      }
    }
    scheme.pending = std::move(waiting);
  }
}

void account_payments(const Scenario& scenario, const BlockSums& paid, const BlockSums& released,
                      InstitutionState& institutions) {
  for (std::size_t s = 0; s < scenario.schemes.size(); ++s) {
    SchemeState& scheme = institutions.schemes[s];
    const double p = paid.total(s), r = released.total(s);
    scheme.paid_eur += p;
    scheme.month_paid_eur += p;
    scheme.committed_eur = std::max(0.0, scheme.committed_eur - p - r);
  }
}

}  // namespace kringloop::agents
