// One simulation run: builds the population from the scenario, drives the event queue to the
// horizon, and returns everything it recorded. Thread count is the caller's business (a
// tbb::task_arena around `run`); results do not depend on it.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "agents/model/chain.hpp"
#include "agents/model/coalition_recorder.hpp"
#include "agents/model/coalitions.hpp"
#include "agents/model/knowledge.hpp"
#include "agents/model/knowledge_recorder.hpp"
#include "agents/model/events.hpp"
#include "agents/model/exchange_recorder.hpp"
#include "agents/model/land_exchange.hpp"
#include "agents/model/month_context.hpp"
#include "agents/model/recorder.hpp"
#include "agents/model/herd_recorder.hpp"
#include "agents/model/region_recorder.hpp"
#include "agents/model/review.hpp"
#include "agents/model/spatial_measures.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"
#include "sim/output/run_record.hpp"

namespace kringloop::agents {

// Called on the running thread after each simulated day's events, with the day and the
// farmer-reviews done so far: progress on a terminal (agents/app/run_progress.hpp). Never from a
// parallel phase; it must not change the model.
using DayObserver = std::function<void(sim::Day day, std::uint64_t reviews)>;

class Model;

// Called between event batches (after all events of one day and phase have run): where a live
// front end (the server, `run --lever`) drains its command inbox, as ns-3 drains events from other
// threads. It may read the model, change levers in the scenario it owns, block (pause) or throw
// (cancel). Unset by default; a run without one is unchanged.
using BetweenBatches = std::function<void(const Model& model, sim::Day day)>;

class Model {
 public:
  explicit Model(const Scenario& scenario);
  sim::output::RunRecord run(const DayObserver& after_day = {});
  void set_between_batches(BetweenBatches hook) { between_batches_ = std::move(hook); }

  // Farmer-reviews done so far (farmers × practices × months reviewed): the benchmark's unit.
  std::uint64_t reviews() const { return reviews_; }
  const Farmers& farmers() const { return farmers_; }
  const InstitutionState& institutions() const { return institutions_; }
  const CoalitionModel& coalitions() const { return coalitions_; }
  const KnowledgeModel& knowledge() const { return knowledge_; }
  const LandExchange& exchange() const { return exchange_; }
  const SpatialMeasures& measures() const { return measures_; }
  const sim::output::RunRecord& record_so_far() const { return recorder_.record(); }
  // What the last farmer review read of institutions, schemes and coalitions (MonthContext).
  const MonthContext& month() const { return month_; }

 private:
  void schedule_calendar();
  void handle(const ModelQueue::Event& event);
  // A batch (the events of one day and phase): a day's coalition meetings together
  // (CoalitionModel::meet_day), any other events one at a time.
  void handle_batch(const std::vector<ModelQueue::Event>& batch);
  void review_farmers(sim::Day day);
  void schedule_meeting(std::uint32_t coalition, sim::Day day);

  const Scenario& scenario_;
  Farmers farmers_;
  InstitutionState institutions_;
  MonthContext month_;
  std::vector<StageCounts> counts_;
  AdoptionView adoption_;  // last month's adoption, taken at the start of each month
  ModelQueue queue_;
  std::vector<std::uint32_t> meeting_batch_;  // the coalitions meeting today (reused)
  Recorder recorder_;
  CoalitionModel coalitions_;
  CoalitionRecorder coalition_recorder_;
  KnowledgeModel knowledge_;
  KnowledgeRecorder knowledge_recorder_;
  RegionRecorder region_recorder_;
  HerdRecorder herd_recorder_;
  LandExchange exchange_;
  SpatialMeasures measures_;
  ExchangeRecorder exchange_recorder_;
  std::uint64_t reviews_ = 0;
  BetweenBatches between_batches_;
};

// Convenience for callers that only want the record.
sim::output::RunRecord run_model(const Scenario& scenario, const BetweenBatches& hook = {},
                                 const DayObserver& after_day = {});

}  // namespace kringloop::agents
