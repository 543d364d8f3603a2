#include "agents/model/land_exchange.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include <emmintrin.h>

#include "agents/model/review.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

namespace {

inline constexpr std::uint32_t no_partner = std::numeric_limits<std::uint32_t>::max();

// Indices of the exchange stream (sim::Stream::exchange): one per kind of draw.
enum : std::uint16_t { draw_initial = 0, draw_conflict = 1, draw_awareness = 2, draw_meet = 3 };

bool complementary(FarmType a, FarmType b) {
  return (a == FarmType::arable && b == FarmType::dairy) || (a == FarmType::dairy && b == FarmType::arable);
}

bool knows(Stage stage) { return stage == Stage::aware || stage == Stage::adopted; }

// Farms that get candidate lists: of an eligible type, arable or dairy (the two sides of exchange).
TypeMask candidate_types(const PracticeSettings& practice) {
  TypeMask types{};
  for (std::size_t t = 0; t < farm_type_count; ++t)
    types[t] = practice.eligible_types[t] && (t == static_cast<std::size_t>(FarmType::arable) || t == static_cast<std::size_t>(FarmType::dairy));
  return types;
}

// Asks the memory for what a running pair reads of `farm` (season step 1), a few pairs ahead: the
// pairs' farms are spread over the population, and waiting for each farm's arrays in turn made
// the running pairs the slowest part of the season at a million farms.
void prefetch_pair_farm(const Farmers& farmers, std::uint32_t farm) {
  __builtin_prefetch(&farmers.liquidity_eur[farm]);
}

// `area` when `counted`, else +0, by a bit mask (the compiler turns `counted ? area : 0.0` back into
// a branch).
double area_if(double area, bool counted) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(area) & (std::uint64_t{0} - std::uint64_t{counted}));
}

}  // namespace

double exchange_gain_eur(const ExchangeSettings& settings, const PracticeSettings& practice, const Farmers& farmers,
                         std::size_t farm, std::size_t partner) {
  const double exchanged_ha = settings.land_share * std::min(farmers.area_ha(farm), farmers.area_ha(partner));
  const double margin = practice.margin_per_ha_year + farmers.practice[settings.practice_index].margin_offset_ha[farm];
  const double factor = settings.regulation == ExchangeRegulation::cluster ? 1.0 : settings.farm_level_gain_factor;
  return exchanged_ha * margin * factor - settings.cost_eur_per_year;
}

LandExchange::LandExchange(const Scenario& scenario, Farmers& farmers) : scenario_(scenario) {
  if (!enabled()) return;
  const ExchangeSettings& x = scenario.exchange;
  const PracticeSettings& practice = scenario.practices[x.practice_index];
  const std::size_t n = farmers.size();
  pairs_.partners.assign(n, 0);
  links_.assign(n * static_cast<std::size_t>(x.max_partners), no_partner);
  build_candidates(farmers);
  PracticeState& state = farmers.practice[x.practice_index];
  for (std::size_t f = 0; f < n; ++f) {
    if (!practice.eligible_types[static_cast<std::size_t>(farmers.type[f])]) continue;
    const auto i = static_cast<std::uint32_t>(f);
    sim::RandomStream draw(scenario.run.seed, i, 0, sim::Stream::exchange, draw_initial);
    if (draw.bernoulli(x.initial_aware_share)) enter_stage(state, i, Stage::aware, 0);
  }
  run_history(farmers);
}

// Drenthe's exchange is decades old (001 L31–33, L117–118): a run that starts "now" should start
// from the pairs, pair ages and peer trust those decades left, not from nobody exchanging. The same
// seasonal rules run for exchange.history_years before day 0 on the day-0 farms (no exits, no
// payments: the population's history is not modelled), so the start state comes from the mechanism
// and is not set by hand. Pairs formed then keep their negative formation day (pair ages are real);
// their counts are not the run's.
void LandExchange::run_history(Farmers& farmers) {
  const int years = scenario_.exchange.history_years;
  if (years <= 0) return;
  history_ = true;
  for (int y = -years; y < 0; ++y) season(sim::years_to_days(y) + scenario_.exchange.season_day, farmers);
  history_ = false;
  counts_ = {};
}

// Candidates: the k nearest active farms of the complementary type (an arable farm's nearest dairy
// farms and the other way round) within max_distance_km, by the grid kNN of the social network
// searched bipartitely and only that far (no rewiring, no all-pairs search), so every candidate is
// a farm the farm could exchange with — also across the edge of a wholly arable or wholly livestock
// area (001 L151–159) — and a farm with no partner type nearby costs a bounded search.
// Rebuilt when a tenth of those farms has stopped since the last build: a farm whose neighbours
// retired looks for partners among the farms still farming nearby, and over decades of exits the
// candidate lists would otherwise run empty and exchange decline for no reason in the model.
void LandExchange::build_candidates(const Farmers& farmers) {
  const ExchangeSettings& x = scenario_.exchange;
  const PracticeSettings& practice = scenario_.practices[x.practice_index];
  const std::size_t n = farmers.size();
  // The farms with candidates, in id order, with their places and sides: each block of farms lists
  // its own in parallel, and the lists are joined in block order (the same list as one pass).
  const TypeMask with_candidates = candidate_types(practice);
  std::vector<std::uint8_t> in_set(n, 0);
  const std::size_t blocks = (n + sim::agents_per_block - 1) / sim::agents_per_block;
  std::vector<std::size_t> first(blocks + 1, 0);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      in_set[i] = farmers.active[i] && with_candidates[static_cast<std::size_t>(farmers.type[i])];
      count += in_set[i];
    }
    first[begin / sim::agents_per_block + 1] = count;
  });
  for (std::size_t b = 0; b < blocks; ++b) first[b + 1] += first[b];
  std::vector<std::uint32_t> eligible(first[blocks]);
  std::vector<float> xs(eligible.size()), ys(eligible.size());
  std::vector<std::uint8_t> arable(eligible.size());
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    std::size_t e = first[begin / sim::agents_per_block];
    for (std::size_t i = begin; i < end; ++i) {
      if (!in_set[i]) continue;
      eligible[e] = static_cast<std::uint32_t>(i), xs[e] = farmers.x_km[i], ys[e] = farmers.y_km[i];
      arable[e] = farmers.type[i] == FarmType::arable;
      ++e;
    }
  });
  const int k = eligible.size() > 1 ? x.candidates : 0;
  if (k > 0 && k == pairs_.candidates_per_farmer && !candidate_set_.empty() && x.max_distance_km == built_max_distance_km_ &&
      std::all_of(eligible.begin(), eligible.end(), [&](std::uint32_t f) { return candidate_set_[f] != 0; })) {
    update_candidates(farmers, eligible, xs, ys, arable, in_set);
  } else {
    pairs_.candidates_per_farmer = k;
    pairs_.candidates.assign(n * static_cast<std::size_t>(k), no_partner);
    if (k > 0) {
      const std::vector<std::uint32_t> nearest = build_knn_network(xs, ys, k, 0.0, scenario_.population.region_width_km,
                                                                   scenario_.population.region_height_km, scenario_.run.seed,
                                                                   &arable, x.max_distance_km);
      const std::vector<std::uint8_t> all(eligible.size(), 1);
      store_candidates(eligible, nearest, all);
    }
  }
  candidates_built_for_ = eligible.size();
  candidate_set_ = std::move(in_set);
  built_max_distance_km_ = x.max_distance_km;
}

// A rebuild after farms stopped: the farms eligible now are among those of the last build (farms
// stop and none start; types do not change), so a farm whose candidates all still farm keeps
// exactly its list — they are still its k nearest of the other side within reach, and no nearer
// farm has appeared — and only the farms that lost a candidate are searched again (about half of
// them after a tenth of the farms stopped). The rows of the farms that stopped are cleared. The
// lists are those a search for every farm gives.
void LandExchange::update_candidates(const Farmers& farmers, const std::vector<std::uint32_t>& eligible,
                                     const std::vector<float>& xs, const std::vector<float>& ys,
                                     const std::vector<std::uint8_t>& arable, const std::vector<std::uint8_t>& in_set) {
  const auto k = static_cast<std::size_t>(pairs_.candidates_per_farmer);
  // Each farm's row is its own: the rows are looked at and cleared in parallel blocks.
  std::vector<std::uint8_t> lost(eligible.size(), 0);
  sim::parallel_blocks(eligible.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t e = begin; e < end; ++e) {
      const std::uint32_t* row = pairs_.candidates_of(eligible[e]);
      for (std::size_t m = 0; m < k; ++m) lost[e] |= row[m] != no_partner && in_set[row[m]] == 0;
    }
  });
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t f = begin; f < end; ++f)
      if (candidate_set_[f] != 0 && in_set[f] == 0)
        std::fill_n(pairs_.candidates.begin() + static_cast<std::ptrdiff_t>(f * k), k, no_partner);
  });
  const std::vector<std::uint32_t> nearest =
      nearest_of_other_side(xs, ys, static_cast<int>(k), scenario_.population.region_width_km,
                            scenario_.population.region_height_km, arable, scenario_.exchange.max_distance_km, lost);
  store_candidates(eligible, nearest, lost);
}

// Rows of the search (indices into `eligible`) as farm ids, for the farms with rows[e] != 0.
void LandExchange::store_candidates(const std::vector<std::uint32_t>& eligible, const std::vector<std::uint32_t>& nearest,
                                    const std::vector<std::uint8_t>& rows) {
  const auto k = static_cast<std::size_t>(pairs_.candidates_per_farmer);
  sim::parallel_blocks(eligible.size(), [&](std::size_t begin, std::size_t end) {  // each farm's own row
    for (std::size_t e = begin; e < end; ++e) {
      if (rows[e] == 0) continue;
      for (std::size_t m = 0; m < k; ++m) {
        const std::uint32_t j = nearest[e * k + m];
        pairs_.candidates[eligible[e] * k + m] = j == no_neighbour ? no_partner : eligible[j];
      }
    }
  });
}

bool LandExchange::linked(std::uint32_t a, std::uint32_t b) const {
  const auto m = static_cast<std::size_t>(scenario_.exchange.max_partners);
  return std::find(links_.begin() + static_cast<std::ptrdiff_t>(a * m), links_.begin() + static_cast<std::ptrdiff_t>((a + 1) * m), b) !=
         links_.begin() + static_cast<std::ptrdiff_t>((a + 1) * m);
}

bool LandExchange::can_pair(const Farmers& farmers, std::uint32_t farm) const {
  const ExchangeSettings& x = scenario_.exchange;
  return farmers.active[farm] && knows(farmers.practice[x.practice_index].stage[farm]) &&
         pairs_.partners[farm] < x.max_partners && farmers.peer_trust[farm] >= x.trust_threshold;
}

// can_pair for every farm, as its number of free places (0: cannot pair), for the formation pass.
// Most candidates a farm approaches cannot pair (their places are taken, their trust is too low),
// and this one byte per farm, at hand in the cache, answers that where can_pair read four arrays at
// the candidate's id. During the pass only the partner counts change (a new pair's farms move
// from aware to adopted, both knowing of exchange), so places taken are counted down as pairs form.
std::vector<std::uint8_t> LandExchange::free_places(const Farmers& farmers) const {
  std::vector<std::uint8_t> places(farmers.size(), 0);
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (can_pair(farmers, static_cast<std::uint32_t>(i)))
        places[i] = static_cast<std::uint8_t>(scenario_.exchange.max_partners - pairs_.partners[i]);
  });
  return places;
}

// The farms that go looking for a partner this season, in id order: eligible (only they have
// candidates; an ineligible farm made aware by another rule, e.g. a declared coalition with this
// goal, has none), with a free place at the start of the formation pass, and whose meeting draw
// comes up. Each draw is the farm's own stream, read whatever happens to the others, so the draws
// are made in parallel blocks (issue 16: one per farm in the serial pass at a million farms); the
// pass still skips a farm whose places were all taken by a farm before it, as it skipped it before
// drawing.
std::vector<std::uint32_t> LandExchange::farms_meeting(const Farmers& farmers, const std::vector<std::uint8_t>& places,
                                                       sim::Day day) const {
  const ExchangeSettings& x = scenario_.exchange;
  const PracticeSettings& practice = scenario_.practices[x.practice_index];
  if (pairs_.candidates_per_farmer == 0) return {};
  const std::size_t n = farmers.size();
  std::vector<std::vector<std::uint32_t>> by_block((n + sim::agents_per_block - 1) / sim::agents_per_block);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t>& meeting = by_block[begin / sim::agents_per_block];
    for (std::size_t i = begin; i < end; ++i) {
      const auto a = static_cast<std::uint32_t>(i);
      if (!practice.eligible_types[static_cast<std::size_t>(farmers.type[a])] || places[a] == 0) continue;
      sim::RandomStream draw(scenario_.run.seed, a, day, sim::Stream::exchange, draw_meet);
      if (draw.bernoulli(x.meet_per_year)) meeting.push_back(a);
    }
  });
  std::vector<std::uint32_t> meeting;
  for (const auto& block : by_block) meeting.insert(meeting.end(), block.begin(), block.end());
  return meeting;
}

void LandExchange::form_pair(std::uint32_t a, std::uint32_t b, sim::Day day, Farmers& farmers) {
  if (farmers.type[a] != FarmType::arable) std::swap(a, b);
  pairs_.arable.push_back(a);
  pairs_.dairy.push_back(b);
  pairs_.formed_day.push_back(day);
  pairs_.ended_day.push_back(-1);
  pairs_.trust.push_back(std::min(farmers.peer_trust[a], farmers.peer_trust[b]));
  pairs_.end.push_back(PairEnd::running);
  pairs_.running.push_back(static_cast<std::uint32_t>(pairs_.size() - 1));
  const auto m = static_cast<std::size_t>(scenario_.exchange.max_partners);
  PracticeState& state = farmers.practice[scenario_.exchange.practice_index];
  for (const auto& [farm, partner] : {std::pair{a, b}, std::pair{b, a}}) {
    *std::find(links_.begin() + static_cast<std::ptrdiff_t>(farm * m), links_.begin() + static_cast<std::ptrdiff_t>((farm + 1) * m),
               no_partner) = partner;
    if (pairs_.partners[farm]++ == 0) {
      enter_stage(state, farm, Stage::adopted, day);
      state.parts[farm] = all_parts;
    }
  }
  ++counts_.formed;
}

void LandExchange::end_pair(std::uint32_t row, PairEnd reason, sim::Day day, Farmers& farmers) {
  pairs_.end[row] = reason;
  pairs_.ended_day[row] = day;
  const std::uint32_t a = pairs_.arable[row], b = pairs_.dairy[row];
  const auto m = static_cast<std::size_t>(scenario_.exchange.max_partners);
  PracticeState& state = farmers.practice[scenario_.exchange.practice_index];
  for (const auto& [farm, partner] : {std::pair{a, b}, std::pair{b, a}}) {
    *std::find(links_.begin() + static_cast<std::ptrdiff_t>(farm * m), links_.begin() + static_cast<std::ptrdiff_t>((farm + 1) * m),
               partner) = no_partner;
    // Still aware of exchange, and free to find another partner (an exited farm stays as it was).
    if (--pairs_.partners[farm] == 0 && farmers.active[farm]) enter_stage(state, farm, Stage::aware, day);
  }
  ++counts_.broken;
}

void LandExchange::season(sim::Day day, Farmers& farmers) {
  if (!enabled()) return;
  const ExchangeSettings& x = scenario_.exchange;
  const PracticeSettings& practice = scenario_.practices[x.practice_index];
  PracticeState& state = farmers.practice[x.practice_index];
  const std::uint64_t seed = scenario_.run.seed;

  // 1. Running pairs, in formation order.
  std::vector<std::uint32_t> still_running;
  still_running.reserve(pairs_.running.size());
  // Each pair's gains, for both farms, whether both farms still farm, and its conflict draw: they
  // read the farms' areas, margins and activity, which this pass does not change, and the pair's own
  // stream, so they are worked out for all pairs in parallel blocks first (the same expressions and
  // numbers; issue 16: this serial pass read both farms' rows at random places and made one Philox
  // block per pair).
  const std::size_t running = pairs_.running.size();
  std::vector<double> gains(2 * running), conflict(running);
  std::vector<std::uint8_t> both_active(running);
  sim::parallel_blocks(running, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const std::uint32_t row = pairs_.running[r];
      const std::uint32_t a = pairs_.arable[row], b = pairs_.dairy[row];
      both_active[r] = farmers.active[a] && farmers.active[b];
      gains[2 * r] = exchange_gain_eur(x, practice, farmers, a, b);
      gains[2 * r + 1] = exchange_gain_eur(x, practice, farmers, b, a);
    }
    sim::batch_uniforms(seed, day, sim::Stream::exchange, draw_conflict, pairs_.running.data() + begin, end - begin, 1,
                        conflict.data() + begin);
  });
  constexpr std::size_t ahead = 8;  // pairs: enough to cover a memory read, few enough to stay cached
  for (std::size_t r = 0; r < running; ++r) {
    if (r + ahead < running) {
      const std::uint32_t later = pairs_.running[r + ahead];
      prefetch_pair_farm(farmers, pairs_.arable[later]);
      prefetch_pair_farm(farmers, pairs_.dairy[later]);
    }
    const std::uint32_t row = pairs_.running[r];
    const std::uint32_t a = pairs_.arable[row], b = pairs_.dairy[row];
    if (!both_active[r]) {
      end_pair(row, PairEnd::farm_exit, day, farmers);
      continue;
    }
    const double gain_a = gains[2 * r], gain_b = gains[2 * r + 1];
    if (gain_a <= 0 || gain_b <= 0) {
      end_pair(row, PairEnd::no_gain, day, farmers);
      continue;
    }
    float& trust = pairs_.trust[row];
    if (conflict[r] < x.conflict_per_year) {  // bernoulli(conflict_per_year)
      trust = static_cast<float>(std::max(0.0, trust - x.conflict_loss));
      if (trust < x.break_trust) {
        // A pair that falls apart leaves both farmers less trusting of fellow farmers.
        farmers.peer_trust[a] *= static_cast<float>(1 - x.conflict_loss);
        farmers.peer_trust[b] *= static_cast<float>(1 - x.conflict_loss);
        end_pair(row, PairEnd::trust_loss, day, farmers);
        continue;
      }
    } else {
      trust += static_cast<float>(x.trust_gain_per_year * (1 - trust));
    }
    if (!history_) {
      farmers.liquidity_eur[a] += static_cast<float>(gain_a);
      farmers.liquidity_eur[b] += static_cast<float>(gain_b);
    }
    still_running.push_back(row);
  }
  pairs_.running = std::move(still_running);
  // Trust built year by year: each farm in a pair once per season, however many pairs it has.
  // Every farm is visited, so the update is selected rather than branched on (being in a pair is
  // random from farm to farm); a farm in no pair keeps its trust unchanged.
  // Each farm's update is its own, so the farms are taken in parallel blocks; the counts are sums
  // of 0s and 1s, exact in any grouping (issue 16: these passes were serial while the other
  // thread waited).
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const float trust = farmers.peer_trust[i];
      const float built = trust + static_cast<float>(x.trust_gain_per_year * (1 - trust));
      farmers.peer_trust[i] = pairs_.partners[i] > 0 ? built : trust;
    }
  });

  // 2. Awareness: p + q · (share of network neighbours exchanging), over a year.
  const int k = farmers.neighbours_per_farmer;
  const auto [active, exchanging] = sim::deterministic_sums<2>(farmers.size(), [&](std::size_t i) {
    return std::array<double, 2>{double(farmers.active[i] != 0), double(pairs_.partners[i] > 0)};
  });
  const double population_fraction = active > 0 ? exchanging / active : 0.0;
  // The chance for each number of exchanging neighbours (0..k), computed once: the share of k
  // neighbours takes only k + 1 values, and the chance costs an exp.
  std::vector<double> chance;
  for (int adopting = 0; k > 0 && adopting <= k; ++adopting)
    chance.push_back(awareness_probability(practice.external_per_year, practice.imitation_per_year,
                                           static_cast<double>(adopting) / k, 365));
  // Each farm draws from its own stream and changes only its own stage; the partner counts it reads
  // do not change here: in parallel blocks, the same on any thread count.
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (state.stage[i] != Stage::unaware || !farmers.active[i] ||
          !practice.eligible_types[static_cast<std::size_t>(farmers.type[i])])
        continue;
      double probability = 0;
      if (k > 0) {
        int adopting = 0;
        for (int m = 0; m < k; ++m) adopting += pairs_.partners[farmers.neighbours_of(i)[m]] > 0;
        probability = chance[static_cast<std::size_t>(adopting)];
      } else {
        probability = awareness_probability(practice.external_per_year, practice.imitation_per_year, population_fraction, 365);
      }
      sim::RandomStream draw(seed, static_cast<std::uint32_t>(i), day, sim::Stream::exchange, draw_awareness);
      if (draw.bernoulli(probability)) enter_stage(state, i, Stage::aware, day);
    }
  });

  // 3. Formation, farms in id order; each approaches its candidates nearest first.
  // Counted without branches (active farms of the candidate types are mixed at random).
  const TypeMask with_candidates = candidate_types(practice);
  const auto eligible_active = static_cast<std::size_t>(sim::deterministic_sum(farmers.size(), [&](std::size_t i) {
    return double((farmers.active[i] != 0) & with_candidates[static_cast<std::size_t>(farmers.type[i])]);
  }));
  if (eligible_active * 10 < candidates_built_for_ * 9) build_candidates(farmers);
  std::vector<std::uint8_t> places = free_places(farmers);
  const std::vector<std::uint32_t> meeting = farms_meeting(farmers, places, day);
  const std::vector<std::uint64_t> suitable = suitable_candidates(farmers, meeting, places);
  for (std::size_t f = 0; f < meeting.size(); ++f) {
    const std::uint32_t a = meeting[f];
    // The candidate rows of the farms that meet (about one in ten) are too sparse for the
    // processor to fetch ahead by itself; the list says which rows come next.
    if (f + 8 < meeting.size()) __builtin_prefetch(pairs_.candidates_of(meeting[f + 8]));
    // A farm that met may have been paired to its last free place by a farm before it.
    if (places[a] == 0) continue;
    const std::uint32_t* candidates = pairs_.candidates_of(a);
    // Nearest first, among the suitable: the first with a free place that is not yet a partner.
    for (std::uint64_t open = suitable[f]; open != 0; open &= open - 1) {
      const std::uint32_t b = candidates[std::countr_zero(open)];
      if (places[b] == 0 || linked(a, b)) continue;
      form_pair(a, b, day, farmers);
      --places[a], --places[b];
      break;
    }
  }
}

// For each farm that meets, bit m set when its candidate m is one it could exchange with, by the
// tests that the formation pass does not undo: a free place at the start of the pass (places are
// only taken during it), of the complementary type, within max_distance_km, and a gain for both
// farms (areas and margins; forming a pair changes neither). The bits stop at the end of the list
// (no_partner); a list has at most 64 (exchange.candidates). What changes as pairs form — places
// taken, new partners — the serial pass tests itself, on the suitable candidates only and in the
// same order, so the same pairs form. Worked out for all meeting farms in parallel (issue 16: the
// gains and distances were most of a serial pass that the other thread waited on).
std::vector<std::uint64_t> LandExchange::suitable_candidates(const Farmers& farmers, const std::vector<std::uint32_t>& meeting,
                                                             const std::vector<std::uint8_t>& places) const {
  const ExchangeSettings& x = scenario_.exchange;
  const PracticeSettings& practice = scenario_.practices[x.practice_index];
  const double max_distance2 = x.max_distance_km * x.max_distance_km;
  std::vector<std::uint64_t> suitable(meeting.size(), 0);
  sim::parallel_items(meeting.size(), 256, [&](std::size_t begin, std::size_t end) {
    for (std::size_t f = begin; f < end; ++f) {
      const std::uint32_t a = meeting[f];
      const std::uint32_t* candidates = pairs_.candidates_of(a);
      for (int m = 0; m < pairs_.candidates_per_farmer; ++m) {
        const std::uint32_t b = candidates[m];
        if (b == no_partner) break;
        if (places[b] == 0 || !complementary(farmers.type[a], farmers.type[b])) continue;
        const double dx = farmers.x_km[a] - farmers.x_km[b], dy = farmers.y_km[a] - farmers.y_km[b];
        if (dx * dx + dy * dy > max_distance2) continue;
        if (exchange_gain_eur(x, practice, farmers, a, b) <= 0 || exchange_gain_eur(x, practice, farmers, b, a) <= 0) continue;
        suitable[f] |= std::uint64_t{1} << m;
      }
    }
  });
  return suitable;
}

namespace {

// The areas of farms [first, first + count) (Farmers::area_ha: owned land, then each slot in turn,
// in double) as two addends of the exchange share: `counted` the farm's area if it is active, else
// +0; `paired` the same if it is also in a pair. Four farms at a time in SSE2 (the x86-64
// baseline): the slots of four farms deinterleaved by shuffles, each lane's additions in the same
// order as area_ha's, and the tests as bit masks. The rest one at a time.
void exchange_addends(const Farmers& farmers, const std::uint8_t* partners, std::size_t first, std::size_t count,
                      double* counted, double* paired) {
  static_assert(lease_slots == 3, "four farms' slots are three vectors of four");
  const float* const owned = farmers.owned_ha.data() + first;
  const float* const slots = farmers.lease_ha.data() + first * lease_slots;
  const std::uint8_t* const active = farmers.active.data() + first;
  const __m128i zero = _mm_setzero_si128();
  auto masks = [&](const std::uint8_t* bytes) {  // all ones in the 64-bit lanes of the nonzero bytes
    std::uint32_t four;
    std::memcpy(&four, bytes, 4);
    const __m128i words = _mm_unpacklo_epi16(_mm_unpacklo_epi8(_mm_cvtsi32_si128(static_cast<int>(four)), zero), zero);
    const __m128i set = _mm_xor_si128(_mm_cmpeq_epi32(words, zero), _mm_set1_epi32(-1));
    return std::pair{_mm_castsi128_pd(_mm_unpacklo_epi32(set, set)), _mm_castsi128_pd(_mm_unpackhi_epi32(set, set))};
  };
  std::size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const __m128 v0 = _mm_loadu_ps(slots + 3 * j), v1 = _mm_loadu_ps(slots + 3 * j + 4), v2 = _mm_loadu_ps(slots + 3 * j + 8);
    // v0 = a0 a1 a2 b0, v1 = b1 b2 c0 c1, v2 = c2 d0 d1 d2 → slot s of farms a, b, c, d.
    const __m128 s0 = _mm_shuffle_ps(v0, _mm_shuffle_ps(v1, v2, _MM_SHUFFLE(1, 1, 2, 2)), _MM_SHUFFLE(2, 0, 3, 0));
    const __m128 s1 = _mm_shuffle_ps(_mm_shuffle_ps(v0, v1, _MM_SHUFFLE(0, 0, 1, 1)),
                                     _mm_shuffle_ps(v1, v2, _MM_SHUFFLE(2, 2, 3, 3)), _MM_SHUFFLE(2, 0, 2, 0));
    const __m128 s2 = _mm_shuffle_ps(_mm_shuffle_ps(v0, v1, _MM_SHUFFLE(1, 1, 2, 2)),
                                     _mm_shuffle_ps(v2, v2, _MM_SHUFFLE(3, 3, 0, 0)), _MM_SHUFFLE(2, 0, 2, 0));
    const __m128 o = _mm_loadu_ps(owned + j);
    auto low = [](__m128 x) { return _mm_cvtps_pd(x); };
    auto high = [](__m128 x) { return _mm_cvtps_pd(_mm_movehl_ps(x, x)); };
    const __m128d area_ab = _mm_add_pd(_mm_add_pd(_mm_add_pd(low(o), low(s0)), low(s1)), low(s2));
    const __m128d area_cd = _mm_add_pd(_mm_add_pd(_mm_add_pd(high(o), high(s0)), high(s1)), high(s2));
    const auto [on_ab, on_cd] = masks(active + j);
    const auto [pair_ab, pair_cd] = masks(partners + first + j);
    _mm_storeu_pd(counted + j, _mm_and_pd(area_ab, on_ab));
    _mm_storeu_pd(counted + j + 2, _mm_and_pd(area_cd, on_cd));
    _mm_storeu_pd(paired + j, _mm_and_pd(area_ab, _mm_and_pd(on_ab, pair_ab)));
    _mm_storeu_pd(paired + j + 2, _mm_and_pd(area_cd, _mm_and_pd(on_cd, pair_cd)));
  }
  for (; j < count; ++j) {
    const double area = farmers.area_ha(first + j);
    const bool on = active[j] != 0;
    counted[j] = area_if(area, on);
    paired[j] = area_if(area, on & (partners[first + j] > 0));
  }
}

}  // namespace

double LandExchange::exchange_share(const Farmers& farmers) const {
  if (!enabled()) return 0.0;
  // Every month over every farm, so without branches: whether a farm is active and in a pair
  // changes at random from one farm to the next, and the mispredicted tests cost more than the
  // additions. A farm left out adds +0, which leaves a sum that starts at +0 bitwise unchanged, so
  // both sums are those of adding only the farms counted, in the same order. The addends are
  // worked out a chunk at a time first, four farms side by side (exchange_addends); the two sums
  // in farm order then only add them (half the instructions of one loop doing both, issue 16).
  constexpr std::size_t chunk = 256;
  std::array<double, chunk> counted, paired;
  double in_exchange = 0, total = 0;
  for (std::size_t first = 0; first < farmers.size(); first += chunk) {
    const std::size_t count = std::min(chunk, farmers.size() - first);
    exchange_addends(farmers, pairs_.partners.data(), first, count, counted.data(), paired.data());
    for (std::size_t j = 0; j < count; ++j) {
      total += counted[j];
      in_exchange += paired[j];
    }
  }
  return total > 0 ? in_exchange / total : 0.0;
}

std::vector<double> LandExchange::exchange_share_by_region(const Farmers& farmers, std::size_t regions) const {
  std::vector<double> in_exchange(regions, 0.0), total(regions, 0.0);
  if (!enabled()) return in_exchange;
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    if (!farmers.active[i]) continue;
    const double area = farmers.area_ha(i);
    total[farmers.region[i]] += area;
    if (pairs_.partners[i] > 0) in_exchange[farmers.region[i]] += area;
  }
  for (std::size_t r = 0; r < regions; ++r) in_exchange[r] = total[r] > 0 ? in_exchange[r] / total[r] : 0.0;
  return in_exchange;
}

double LandExchange::mean_pair_age_years(sim::Day day) const {
  if (pairs_.running.empty()) return 0.0;
  double sum = 0;
  for (const std::uint32_t row : pairs_.running) sum += sim::days_to_years(day - pairs_.formed_day[row]);
  return sum / static_cast<double>(pairs_.running.size());
}

}  // namespace kringloop::agents
