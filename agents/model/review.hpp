// The monthly farm review (MODEL §7.1): every farmer, in parallel, reads a snapshot of last
// month's adoption and of the institutions, and updates only its own rows; applications go to an
// outbox and money to per-block sums.
#pragma once
#include <cstddef>
#include <vector>

#include "agents/model/chain.hpp"
#include "agents/model/messages.hpp"
#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// Last month's adoption as the neighbours see it, for every practice at once: taken in one pass
// at the start of the month (with the stage counts). Exact for every practice's review because
// nothing in between changes a stage (the chain, scheme-view, trust and farm passes do not touch
// stages, and practice p's review changes only practice p's). One byte per farmer holds 8
// practices, so the neighbours' scattered reads of all practices share one array, not one each.
struct AdoptionView {
  // The practices a farm-level rule reviews (decision immediate or utility), in index order. An
  // external practice (land exchange: its stages follow the exchange pairs) is never reviewed and
  // nothing else reads it through the view, so the view leaves it out: its stages, population
  // fraction and adoption bits stay 0 and its neighbour counts not_counted (issue 11: a fourth
  // practice that no review reads cost every monthly pass a quarter more).
  std::vector<std::uint8_t> reviewed;
  std::size_t bytes_per_farmer = 0;   // (practices + 7) / 8
  std::vector<std::uint8_t> adopted;  // [farmer × bytes_per_farmer]: bit p % 8 of byte p / 8, practice p
  std::vector<double> population_fraction;  // [practice]: adopters / farmers (stands in when well mixed)
  std::vector<StageCounts> stages;          // [practice]
  // With two to eight practices on a network: each farmer's adopting neighbours per practice
  // [practice × farmers + farmer], counted in the same pass for every practice at once (one read
  // of the neighbour list and of the neighbours' adoption bytes, instead of one per practice:
  // issue 16), for every farmer of every reviewed practice; an external practice's row stays
  // not_counted, and adopting_neighbours would count it directly — the same number either way.
  static constexpr std::uint8_t not_counted = 0xFF;  // k is at most 64
  std::vector<std::uint8_t> neighbour_adopters;
  // Kept up to date rather than counted afresh: after the first month only the farmers with a
  // neighbour whose adoption byte changed are counted again (an adopter came or went, or a farm
  // exited: a few thousand a month at a million farms, where counting every farmer read eight
  // scattered bytes each; issue 16). The counts are exact integers, so they are the numbers a
  // count of every farmer gives. With them (same conditions as neighbour_adopters):
  std::vector<std::uint8_t> previous_adopted;  // `adopted` of the month before
  // The network read backwards: the farmers with farmer j among their neighbours are
  // in_neighbours[in_start[j] .. in_start[j + 1]) (once per slot naming j).
  std::vector<std::uint32_t> in_start, in_neighbours;
  std::vector<std::uint8_t> recount;  // whose counts this month's changes touch (cleared after)
  bool counted = false;               // the first full count is done
};

AdoptionView make_adoption_view(const Scenario& scenario, const Farmers& farmers);

// Fills `adopted`, `stages` and `population_fraction` in one parallel pass over the farmers.
void snapshot_adoption(const Farmers& farmers, AdoptionView& view);

// Number of farmer i's network neighbours that had adopted the practice at the start of the month
// (0 when the population is well mixed: then the population fraction stands in).
inline int count_adopting_neighbours(const Farmers& farmers, const AdoptionView& view, std::size_t practice,
                                     std::size_t i) {
  const std::uint32_t* neighbours = farmers.neighbours_of(i);
  const std::uint8_t* adopted = view.adopted.data() + practice / 8;
  const unsigned shift = practice % 8;
  int count = 0;
  for (int m = 0; m < farmers.neighbours_per_farmer; ++m)
    count += (adopted[neighbours[m] * view.bytes_per_farmer] >> shift) & 1u;
  return count;
}

inline int adopting_neighbours(const Farmers& farmers, const AdoptionView& view, std::size_t practice, std::size_t i) {
  if (!view.neighbour_adopters.empty()) {
    const std::uint8_t counted = view.neighbour_adopters[practice * farmers.size() + i];
    if (counted != AdoptionView::not_counted) return counted;
  }
  return count_adopting_neighbours(farmers, view, practice, i);
}

struct ReviewOutputs {
  sim::Outbox<ApplicationMessage>& applications;
  BlockSums& paid;      // per scheme: paid this month
  BlockSums& released;  // per scheme: promised money no longer owed (payments stopped, farm exit)
};

// Immediate decision keeps the first model's behaviour exactly (pure diffusion, Bass limit).
void review_practice(const Scenario& scenario, std::size_t practice, sim::Day day, const AdoptionView& adoption,
                     Farmers& farmers);

// The full pipeline for a practice with decision = utility.
void review_practice_pipeline(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                              const AdoptionView& adoption, Farmers& farmers, ReviewOutputs& outputs);

// Monthly probability of becoming aware for a yearly hazard p + q·f over `days` days:
// 1 − exp(−h·days/365) (MODEL §7.1).
double awareness_probability(double external_per_year, double imitation_per_year, double adopted_fraction, sim::Day days);

void enter_stage(PracticeState& state, std::size_t farmer, Stage stage, sim::Day day);

// Whether `uniform` < probability(), where probability() computes 1 − exp(−y) (a monthly awareness
// probability, y = hazard × the month in years), mostly without its exp(): for y >= 0 the exact
// 1 − e^−y lies in [y − y²/2, y], and the computed one within 3·10⁻¹⁶ of it (exp and the
// subtraction round once each, glibc's exp within one unit in the last place; the caller's y and
// the exponent probability() rounds differ by as little), so a draw more than `margin` outside
// that band is decided by the band alone (which happens only for y below about 1: a draw is below
// 1). Only a draw inside the band — a fraction y²/2 + 2·margin of them, well under a percent a
// month — waits for the exp. Every answer is the one probability() gives (issue 16: one exp() per
// unaware farmer a month while a scheme is announced).
template <class Probability>
bool below_awareness(double uniform, double y, Probability&& probability) {
  constexpr double margin = 1e-12;
  if (y >= 0) {
    if (uniform >= y + margin) return false;
    if (uniform < y - 0.5 * y * y - margin) return true;
  }
  return uniform < probability();
}

}  // namespace kringloop::agents
