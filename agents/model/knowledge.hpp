// Knowledge above the farmer (MODEL §7.6): knowledge institutes with their calendar of field days,
// communities of practice, field trials and portals; projects that executing coalitions run, whose
// results stay in the coalition (fragmented) or flow into a shared pool per practice (platform);
// and what that costs. The farmer side (codified and tacit knowledge, reading, trying, watching,
// doing, depreciation) is in the adoption pipeline (pipeline.cpp), which reads fill_views().
// Everything here is serial, in event order, so results do not depend on the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/coalitions.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/knowledge.hpp"

namespace kringloop::agents {

class KnowledgeModel {
 public:
  KnowledgeModel(const Scenario& scenario, std::size_t farmers);

  // Institutes act once a month (their events of the month, in a fixed order).
  // A platform institute is the platform itself (portal, core team, meetings, regional hubs,
  // 004 L581–583): it works only in platform mode.
  bool runs(std::size_t institute) const {
    return scenario_.institutes[institute].kind != InstituteKind::platform || scenario_.knowledge.mode == KnowledgeMode::platform;
  }
  void institute_month(std::size_t institute, sim::Day day, Farmers& farmers);

  // The month's projects: executing coalitions start one or reuse the pool; due results are
  // delivered; the platform's running cost accrues. Serial, before the farmer review.
  void project_month(sim::Day day, const Coalitions& coalitions);

  // What the farmer review reads this month: the codified cap, portals, depreciation.
  void fill_views(MonthContext& month) const;

  // The knowledge a coalition's meetings draw on beyond its best-informed member (project
  // results: its own in fragmented mode, the pool in platform mode), by coalition id.
  const std::vector<float>& coalition_sources() const { return coalition_source_; }

  const KnowledgeState& state() const { return state_; }

 private:
  // Where a field day takes place and whom it can reach (found: a host was drawn; candidates: the
  // host's network two steps out, or random farms without a network).
  struct FieldDayPlan {
    std::size_t practice = 0;
    std::uint32_t serial = 0;
    bool found = false;
    std::uint32_t host = 0;
    std::vector<std::uint32_t> candidates;
  };
  void plan_field_day(std::size_t institute, sim::Day day, const Farmers& farmers, FieldDayPlan& plan) const;
  void hold_field_day(std::size_t institute, sim::Day day, const FieldDayPlan& plan, Farmers& farmers);
  void community_session(std::size_t institute, std::size_t practice, sim::Day day, Farmers& farmers);
  void publish_trials(std::size_t institute, sim::Day day);
  void teach(std::size_t institute, std::size_t practice, std::uint32_t farmer, double tacit_gain, Farmers& farmers) const;
  void deliver(Project& project);
  // The pool events draw on: the platform's (of the region when kept per region); 0 when fragmented.
  double platform_pool(std::size_t practice, std::size_t region) const {
    return scenario_.knowledge.mode == KnowledgeMode::platform ? state_.pool_of(practice, region) : 0.0;
  }
  bool eligible(const Farmers& farmers, std::size_t practice, std::uint32_t farmer) const;

  const Scenario& scenario_;
  KnowledgeState state_;
  std::vector<float> coalition_source_;
  std::vector<double> field_day_debt_, session_debt_;      // by institute: events owed (fractions carry over)
  std::vector<sim::Day> next_trial_;                       // [institute × practice]
  std::vector<std::vector<sim::Day>> pending_trials_;      // [institute × practice]: publication days
  std::vector<std::uint32_t> rotation_;                    // by institute: next practice to serve
  std::size_t farmer_count_ = 0;
};

}  // namespace kringloop::agents
