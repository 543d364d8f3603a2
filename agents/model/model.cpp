#include "agents/model/model.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <oneapi/tbb/parallel_invoke.h>

#include "agents/model/elections.hpp"
#include "agents/model/leases.hpp"
#include "agents/model/review.hpp"
#include "agents/model/schemes.hpp"
#include "agents/model/trust.hpp"
#include "sim/parallel.hpp"

namespace kringloop::agents {

Model::Model(const Scenario& scenario)
    : scenario_(scenario), farmers_(generate_farmers(scenario)), month_(make_month_context(scenario)),
      counts_(scenario.practices.size(), StageCounts{}), adoption_(make_adoption_view(scenario, farmers_)),
      recorder_(scenario), coalitions_(scenario), coalition_recorder_(scenario, recorder_.record()),
      knowledge_(scenario, farmers_.size()), knowledge_recorder_(scenario, recorder_.record()),
      region_recorder_(scenario, recorder_.record()), herd_recorder_(scenario, recorder_.record()), exchange_(scenario, farmers_), measures_(scenario),
      exchange_recorder_(scenario, exchange_, measures_, recorder_.record()) {
  coalitions_.set_knowledge_sources(&knowledge_.coalition_sources());
  institutions_.schemes.resize(scenario.schemes.size());
  institutions_.governments.resize(scenario.government_count);
  institutions_.chains.resize(scenario.chains.size());
  set_scheme_budgets(scenario, farmers_, institutions_);
  set_chain_sizes(scenario, farmers_, institutions_);
  // Every recorder has registered its series: room for the run's months in each, now (the month's
  // recorders append to their own series side by side, and a reservation moves all of them).
  recorder_.record().reserve_months(static_cast<std::size_t>(scenario.run.months()));
}

void Model::schedule_calendar() {
  const sim::Day horizon = sim::years_to_days(scenario_.run.years);
  // Coalitions pursue practices decided by the pipeline; without one, no initiative can start and
  // the monthly scan is not scheduled at all (a switched-off rule costs nothing, issue 16).
  bool pipeline = false;
  for (const PracticeSettings& practice : scenario_.practices) pipeline = pipeline || practice.decision == DecisionRule::utility;
  const bool initiatives = scenario_.coalition.emergence && pipeline;
  for (int month = 0; month < scenario_.run.months(); ++month) {
    if (initiatives)
      queue_.schedule(sim::first_day_of_month(month), phase::coalition_initiatives, {EventKind::coalition_initiatives, 0});
    queue_.schedule(sim::first_day_of_month(month), phase::farm_review, {EventKind::farm_review, 0});
    for (std::size_t k = 0; k < scenario_.institutes.size(); ++k)
      if (knowledge_.runs(k))
        queue_.schedule(sim::first_day_of_month(month), phase::institute_month,
                      {EventKind::institute_month, static_cast<std::uint32_t>(k)});
    queue_.schedule(sim::last_day_of_month(month), phase::record, {EventKind::record, 0});
  }
  for (int year = 0; year < scenario_.run.years; ++year) {
    if (exchange_.enabled())
      queue_.schedule(sim::years_to_days(year) + scenario_.exchange.season_day, phase::exchange_season, {EventKind::exchange_season, 0});
    if (measures_.enabled() && year >= scenario_.measure.first_year)
      queue_.schedule(sim::years_to_days(year) + 181, phase::measure_round, {EventKind::measure_round, 0});
  }
  for (std::size_t d = 0; d < scenario_.coalitions.size(); ++d)
    if (scenario_.coalitions[d].start_day < horizon)
      queue_.schedule(scenario_.coalitions[d].start_day, phase::coalition_start,
                      {EventKind::coalition_start, static_cast<std::uint32_t>(d)});
  for (std::size_t g = 0; g < scenario_.government_count; ++g) {
    const double cycle = scenario_.institutions[g].election_cycle_years;
    for (int k = 1;; ++k) {
      const sim::Day day = sim::years_to_days(cycle * k);
      if (day >= horizon) break;
      queue_.schedule(day, phase::election, {EventKind::election, static_cast<std::uint32_t>(g)});
    }
  }
}

sim::output::RunRecord Model::run(const DayObserver& after_day) {
  schedule_calendar();
  std::vector<ModelQueue::Event> batch;
  while (queue_.pop_batch(batch)) {
    handle_batch(batch);
    if (!batch.empty()) {
      if (between_batches_) between_batches_(*this, batch.front().day);
      if (after_day) after_day(batch.front().day, reviews_);
    }
  }
  coalition_recorder_.finish(recorder_.record(), coalitions_, sim::years_to_days(scenario_.run.years));
  knowledge_recorder_.finish(recorder_.record(), knowledge_, farmers_);
  measures_.finish(sim::years_to_days(scenario_.run.years), farmers_);
  exchange_recorder_.finish(recorder_.record(), exchange_, measures_, sim::years_to_days(scenario_.run.years));
  sim::output::RunRecord record = recorder_.finish(farmers_, institutions_);
  region_recorder_.finish(record);
  herd_recorder_.finish(record);
  return record;
}

void Model::schedule_meeting(std::uint32_t coalition, sim::Day day) {
  if (day >= 0 && day < sim::years_to_days(scenario_.run.years))
    queue_.schedule(day, phase::coalition_meeting, {EventKind::coalition_meeting, coalition});
}

void Model::handle_batch(const std::vector<ModelQueue::Event>& batch) {
  const bool meetings = !batch.empty() && std::all_of(batch.begin(), batch.end(), [](const ModelQueue::Event& event) {
    return event.payload.kind == EventKind::coalition_meeting;
  });
  if (!meetings) {
    for (const auto& event : batch) handle(event);
    return;
  }
  // Each meeting schedules its next one, in event order, as one at a time (a meeting does not
  // touch the queue).
  meeting_batch_.clear();
  for (const auto& event : batch) meeting_batch_.push_back(event.payload.subject);
  const std::vector<sim::Day> next = coalitions_.meet_day(meeting_batch_, batch.front().day, farmers_, institutions_);
  for (std::size_t k = 0; k < next.size(); ++k) schedule_meeting(meeting_batch_[k], next[k]);
}

void Model::handle(const ModelQueue::Event& event) {
  switch (event.payload.kind) {
    case EventKind::election: {
      const auto g = static_cast<std::uint8_t>(event.payload.subject);
      if (hold_election(scenario_, g, event.day, farmers_, institutions_) && !institutions_.governments[g].policy_on)
        coalitions_.policy_reversed(g, event.day, farmers_);
      break;
    }
    case EventKind::farm_review: review_farmers(event.day); break;
    case EventKind::record:
      // The farm recorder runs in parallel blocks; several of the others are serial passes (the
      // exchange share is a sum in farm order, the coalition counts walk the coalitions): run side
      // by side, so the second thread works through the farm recorder's blocks meanwhile. They read the same state and write
      // their own series (and their own month counts: the farm recorder the schemes', the
      // coalition and exchange recorders their models'), so the order they run in changes nothing.
      oneapi::tbb::parallel_invoke(
          [&] { recorder_.record_month(event.day, farmers_, institutions_, month_); },
          [&] {
            coalition_recorder_.record_month(coalitions_, farmers_);
            knowledge_recorder_.record_month(knowledge_);
            region_recorder_.record_month(farmers_);
            herd_recorder_.record_month(farmers_);
            exchange_recorder_.record_month(event.day, exchange_, measures_, farmers_);
          });
      break;
    case EventKind::institute_month: knowledge_.institute_month(event.payload.subject, event.day, farmers_); break;
    case EventKind::exchange_season: exchange_.season(event.day, farmers_); break;
    case EventKind::measure_round: measures_.round(event.day, farmers_, coalitions_.state()); break;
    case EventKind::coalition_start: {
      const std::uint32_t c = coalitions_.start_declared(event.payload.subject, event.day, farmers_);
      schedule_meeting(c, event.day + coalitions_.meeting_interval_days(c));
      break;
    }
    case EventKind::coalition_initiatives:
      for (const std::uint32_t c : coalitions_.initiatives(event.day, farmers_, institutions_, month_))
        schedule_meeting(c, event.day + coalitions_.meeting_interval_days(c));
      break;
    case EventKind::coalition_meeting:
      schedule_meeting(event.payload.subject, coalitions_.meet(event.payload.subject, event.day, farmers_, institutions_));
      break;
  }
}

// One month: institutions' snapshot → trust and farm pass → practice reviews (parallel) →
// applications, decisions, payments, re-letting (serial, in key order).
void Model::review_farmers(sim::Day day) {
  const std::size_t n = farmers_.size();
  const sim::Day month_days = sim::days_in_month[static_cast<std::size_t>(sim::month_of(day) % sim::months_per_year)];
  month_.day = day;
  month_.month_days = month_days;
  snapshot_adoption(farmers_, adoption_);
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p)
    if (scenario_.practices[p].decision == DecisionRule::utility) counts_[p] = adoption_.stages[p];
  update_chains(scenario_, day, counts_, institutions_, month_);
  close_exhausted_schemes(scenario_, day, institutions_);
  refresh_scheme_views(scenario_, institutions_, day, month_);
  coalitions_.fill_views(month_);
  knowledge_.project_month(day, coalitions_.state());
  knowledge_.fill_views(month_);

  update_trust_month(scenario_, farmers_, day, month_days);
  sim::Outbox<ParcelMessage> parcels;
  sim::Outbox<ApplicationMessage> applications;
  BlockSums paid(n, scenario_.schemes.size()), released(n, scenario_.schemes.size());
  farm_month(scenario_, day, month_days, farmers_, parcels, released);
  ReviewOutputs outputs{applications, paid, released};
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    switch (scenario_.practices[p].decision) {
      case DecisionRule::immediate: review_practice(scenario_, p, day, adoption_, farmers_); break;
      case DecisionRule::utility: review_practice_pipeline(scenario_, month_, p, adoption_, farmers_, outputs); break;
      case DecisionRule::external: continue;  // driven by another submodel (land_exchange.cpp: exchange pairs)
    }
    reviews_ += n;
  }
  account_payments(scenario_, paid, released, institutions_);
  receive_applications(applications.drain(), day, institutions_, scenario_);
  refresh_scheme_views(scenario_, institutions_, day, month_);
  decide_applications(scenario_, month_, farmers_, institutions_);
  relet_pool(scenario_, day, parcels.drain(), farmers_, institutions_);
}

sim::output::RunRecord run_model(const Scenario& scenario, const BetweenBatches& hook, const DayObserver& after_day) {
  Model model(scenario);
  model.set_between_batches(hook);
  return model.run(after_day);
}

}  // namespace kringloop::agents
