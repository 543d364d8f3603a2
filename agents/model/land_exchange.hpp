// Land exchange pairs (MODEL §7.4, P7; 001 L119–121, L137–182). Once a year, at the season
// (exchange.season_day), in this order and serially in pair and farmer order (deterministic on any
// thread count; the pass reads a few candidates per farm, so it costs little at a million farms):
//   1. running pairs: break on a farm's exit, on no gain for either farm, or when a conflict
//      drives the pair's trust below exchange.break_trust; otherwise they exchange land, both earn
//      the season's gain and build trust (the pair's and both farmers' peer trust);
//   2. awareness of exchange spreads (Bass p + q · share of network neighbours exchanging);
//   3. aware farms with a free place approach their nearest candidates (grid kNN) and pair with the
//      first complementary one (arable ⇄ dairy) within exchange.max_distance_km where both
//      farmers' peer trust ≥ θ_x and both gain.
// The practice's stages follow membership: adopted while in at least one pair, aware otherwise.
// A farm may be in up to exchange.max_partners pairs; pairs sharing farms form one cluster that
// shares a rotation (001 L137–140).
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/exchange.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// One farm's gain per season from exchanging with `partner`: the exchanged land (land_share of the
// smaller farm) times its rotation margin (the practice's margin plus this farm's own deviation),
// times the regulation factor (farm level: farm_level_gain_factor; cluster level: 1, 001
// L181–182), minus the cost of the pair.
double exchange_gain_eur(const ExchangeSettings& settings, const PracticeSettings& practice, const Farmers& farmers,
                         std::size_t farm, std::size_t partner);

class LandExchange {
 public:
  // Builds the candidate lists (grid kNN over the eligible farms) and the initial awareness, then
  // runs exchange.history_years seasons before day 0 (an established system, see run_history).
  LandExchange(const Scenario& scenario, Farmers& farmers);
  bool enabled() const { return scenario_.exchange.practice_index != no_index; }

  void season(sim::Day day, Farmers& farmers);

  // Pairs formed and broken since the last call (the recorder takes them at month end).
  struct Counts {
    std::int64_t formed = 0, broken = 0;
  };
  Counts take_counts() {
    const Counts counts = counts_;
    counts_ = {};
    return counts;
  }
  const ExchangePairs& pairs() const { return pairs_; }
  // Share of the active farms' land held by farms in at least one pair (Fig. 1 counts land used
  // alternately for arable and livestock crops, 001 L151–170).
  double exchange_share(const Farmers& farmers) const;
  // The same share over each region's active farms (index = Farmers::region).
  std::vector<double> exchange_share_by_region(const Farmers& farmers, std::size_t regions) const;
  double mean_pair_age_years(sim::Day day) const;

 private:
  void end_pair(std::uint32_t row, PairEnd reason, sim::Day day, Farmers& farmers);
  void form_pair(std::uint32_t a, std::uint32_t b, sim::Day day, Farmers& farmers);
  bool linked(std::uint32_t a, std::uint32_t b) const;
  bool can_pair(const Farmers& farmers, std::uint32_t farm) const;
  std::vector<std::uint8_t> free_places(const Farmers& farmers) const;
  std::vector<std::uint32_t> farms_meeting(const Farmers& farmers, const std::vector<std::uint8_t>& places, sim::Day day) const;
  std::vector<std::uint64_t> suitable_candidates(const Farmers& farmers, const std::vector<std::uint32_t>& meeting,
                                                 const std::vector<std::uint8_t>& places) const;
  void run_history(Farmers& farmers);
  void build_candidates(const Farmers& farmers);
  void update_candidates(const Farmers& farmers, const std::vector<std::uint32_t>& eligible, const std::vector<float>& xs,
                         const std::vector<float>& ys, const std::vector<std::uint8_t>& arable,
                         const std::vector<std::uint8_t>& in_set);
  void store_candidates(const std::vector<std::uint32_t>& eligible, const std::vector<std::uint32_t>& nearest,
                        const std::vector<std::uint8_t>& rows);

  const Scenario& scenario_;
  ExchangePairs pairs_;
  std::vector<std::uint32_t> links_;  // [farmer × max_partners]: partner ids, none = UINT32_MAX
  Counts counts_;
  std::size_t candidates_built_for_ = 0;  // active eligible farms when the candidate lists were built
  std::vector<std::uint8_t> candidate_set_;  // [farmer]: 1 if among them (a rebuild searches only where one stopped)
  double built_max_distance_km_ = 0;         // exchange.max_distance_km the lists were built with
  bool history_ = false;  // seasons before day 0: no money changes hands (liquidity is day-0 state)
};

}  // namespace kringloop::agents
