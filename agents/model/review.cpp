#include "agents/model/review.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include <emmintrin.h>

#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

double awareness_probability(double external_per_year, double imitation_per_year, double adopted_fraction, sim::Day days) {
  const double hazard = external_per_year + imitation_per_year * adopted_fraction;
  return 1.0 - std::exp(-hazard * static_cast<double>(days) / sim::days_per_year);
}

void enter_stage(PracticeState& state, std::size_t farmer, Stage stage, sim::Day day) {
  state.stage[farmer] = stage;
  state.reached[farmer] |= stage_bit(stage);
  state.since[farmer] = day;
}

AdoptionView make_adoption_view(const Scenario& scenario, const Farmers& farmers) {
  const std::size_t practices = scenario.practices.size();
  AdoptionView view;
  for (std::size_t p = 0; p < practices; ++p)
    if (scenario.practices[p].decision != DecisionRule::external) view.reviewed.push_back(static_cast<std::uint8_t>(p));
  view.bytes_per_farmer = (practices + 7) / 8;
  view.adopted.assign(farmers.size() * view.bytes_per_farmer, 0);
  view.population_fraction.assign(practices, 0.0);
  view.stages.assign(practices, StageCounts{});
  if (practices >= 2 && practices <= 8 && farmers.neighbours_per_farmer > 0) {
    const std::size_t n = farmers.size(), k = static_cast<std::size_t>(farmers.neighbours_per_farmer);
    view.neighbour_adopters.assign(practices * n, AdoptionView::not_counted);
    view.previous_adopted.assign(n * view.bytes_per_farmer, 0);
    view.recount.assign(n, 0);
    // The in-neighbour lists, by a counting sort of the slots by the farmer they name (farmers
    // in ascending order within each list; which order does not matter, only who is in it).
    view.in_start.assign(n + 1, 0);
    for (const std::uint32_t j : farmers.neighbours) ++view.in_start[j + 1];
    for (std::size_t j = 0; j < n; ++j) view.in_start[j + 1] += view.in_start[j];
    view.in_neighbours.resize(farmers.neighbours.size());
    std::vector<std::uint32_t> fill(view.in_start.begin(), view.in_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t m = 0; m < k; ++m) view.in_neighbours[fill[farmers.neighbours[i * k + m]]++] = static_cast<std::uint32_t>(i);
  }
  return view;
}

namespace {

// bit_bytes[b]: byte p of the result is bit p of b. Adding bit_bytes of the neighbours' adoption
// bytes counts their adopters of all 8 practices at once, one count per byte (k <= 64 < 256).
constexpr std::array<std::uint64_t, 256> make_bit_bytes() {
  std::array<std::uint64_t, 256> table{};
  for (unsigned b = 0; b < 256; ++b)
    for (unsigned p = 0; p < 8; ++p) table[b] |= std::uint64_t{(b >> p) & 1u} << (8 * p);
  return table;
}
constexpr std::array<std::uint64_t, 256> bit_bytes = make_bit_bytes();

// Fills view.neighbour_adopters from view.adopted for the reviewed practices; an external
// practice's counts stay not_counted (no review reads them, and a farm's stage in it says nothing
// about whether a review needs the neighbours). One adoption byte per farmer (at most 8 practices;
// make_adoption_view sees to it). The first month counts every farmer; after that only those with
// a neighbour whose byte differs from the month before (view.previous_adopted), found through the
// in-neighbour lists: a farmer none of whose neighbours changed keeps a count that is still exact.
void count_neighbour_adopters(const Farmers& farmers, AdoptionView& view) {
  const std::size_t n = farmers.size();
  const std::size_t reviewed = view.reviewed.size();
  const int k = farmers.neighbours_per_farmer;
  // Plain local pointers: the byte stores below could alias anything held in memory.
  const std::uint8_t* const adopted = view.adopted.data();
  const std::uint32_t* const all_neighbours = farmers.neighbours.data();
  std::array<std::uint8_t*, 8> counts{};  // the row of each reviewed practice
  std::array<unsigned, 8> shift{};        // and its byte in the packed counts
  for (std::size_t r = 0; r < reviewed; ++r) {
    const std::size_t p = view.reviewed[r];
    counts[r] = view.neighbour_adopters.data() + p * n;
    shift[r] = static_cast<unsigned>(8 * p);
  }
  auto count = [=](std::size_t i) {
    const std::uint32_t* neighbours = all_neighbours + i * static_cast<std::size_t>(k);
    std::uint64_t packed = 0;
    for (int m = 0; m < k; ++m) packed += bit_bytes[adopted[neighbours[m]]];
    for (std::size_t r = 0; r < reviewed; ++r) counts[r][i] = static_cast<std::uint8_t>(packed >> shift[r]);
  };
  if (!view.counted) {
    sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) count(i);
    });
    view.counted = true;
    return;
  }
  // The farmers who see a changed byte: eight bytes compared at a time (most are unchanged), in
  // parallel blocks of the farms that changed. Two blocks may flag the same farmer; each stores
  // the same 1 (a relaxed atomic store, so no data race), and the set of flags is the same in any
  // order. (Serial, this was about 1% of a run at a million farms on the main thread: issue 16.)
  const std::uint8_t* const before = view.previous_adopted.data();
  std::uint8_t* const recount = view.recount.data();
  std::atomic<bool> changed{false};
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    bool any = false;
    for (std::size_t first = begin; first < end; first += 8) {
      const std::size_t last = std::min(end, first + 8);
      std::uint64_t now = 0, then = 0;
      std::memcpy(&now, adopted + first, last - first);
      std::memcpy(&then, before + first, last - first);
      if (now == then) continue;
      for (std::size_t j = first; j < last; ++j) {
        if (adopted[j] == before[j]) continue;
        any = true;
        for (std::uint32_t e = view.in_start[j]; e < view.in_start[j + 1]; ++e)
          std::atomic_ref<std::uint8_t>(recount[view.in_neighbours[e]]).store(1, std::memory_order_relaxed);
      }
    }
    if (any) changed.store(true, std::memory_order_relaxed);
  });
  if (!changed.load()) return;
  // The flagged farmers, found eight flags at a time (most words hold none: a test per farmer was
  // mispredicted wherever flags are scattered; issue 16), each recounted in farmer order.
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
      std::uint64_t flags;
      std::memcpy(&flags, recount + i, 8);
      if (flags == 0) continue;
      std::memset(recount + i, 0, 8);
      for (; flags != 0; flags &= flags - 1) count(i + static_cast<std::size_t>(std::countr_zero(flags)) / 8);
    }
    for (; i < end; ++i) {
      if (!recount[i]) continue;
      recount[i] = 0;
      count(i);
    }
  });
}

// The stages of one practice over the active farms of [begin, end) added to `counts`, and bit
// p % 8 of each adopter's byte p / 8 set in `adopted`. Sixteen farmers at a time in SSE2 byte lanes
// (the x86-64 baseline): each stage's count is a lane-wise compare and subtract, added up every
// 255 rounds before a lane could overflow. Exact integers, so the same counts as one farmer at a
// time. Exited farms are neither counted nor seen by their former neighbours; exits are scattered
// at random, and here cost no branch (an exited farm adds 0 and sets no bit).
void count_stages(const std::uint8_t* active, const Stage* stage, std::size_t p, std::size_t bytes, StageCounts& counts,
                  std::uint8_t* adopted, std::size_t begin, std::size_t end) {
  const auto* stages = reinterpret_cast<const std::uint8_t*>(stage);
  const auto bit = static_cast<std::uint8_t>(1u << (p % 8));
  const __m128i zero = _mm_setzero_si128();
  const __m128i adopted_stage = _mm_set1_epi8(static_cast<char>(Stage::adopted));
  const __m128i bit_lanes = _mm_set1_epi8(static_cast<char>(bit));
  std::size_t i = begin;
  while (end - i >= 16) {
    __m128i lanes[stage_count];
    for (__m128i& lane : lanes) lane = zero;
    for (std::size_t round = 0; round < 255 && end - i >= 16; ++round, i += 16) {
      const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(stages + i));
      const __m128i exited = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(active + i)), zero);
      for (std::size_t k = 0; k < stage_count; ++k)
        lanes[k] = _mm_sub_epi8(lanes[k], _mm_andnot_si128(exited, _mm_cmpeq_epi8(s, _mm_set1_epi8(static_cast<char>(k)))));
      if (bytes == 1) {
        const __m128i adopter = _mm_andnot_si128(exited, _mm_cmpeq_epi8(s, adopted_stage));
        auto* out = reinterpret_cast<__m128i*>(adopted + i);
        _mm_storeu_si128(out, _mm_or_si128(_mm_loadu_si128(out), _mm_and_si128(adopter, bit_lanes)));
      } else {
        for (std::size_t j = i; j < i + 16; ++j)
          adopted[j * bytes + p / 8] |= static_cast<std::uint8_t>(bit * ((active[j] != 0) & (stage[j] == Stage::adopted)));
      }
    }
    for (std::size_t k = 0; k < stage_count; ++k) {
      const __m128i sums = _mm_sad_epu8(lanes[k], zero);  // two 64-bit sums of eight bytes each
      counts[k] += _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
  }
  for (; i < end; ++i) {
    const unsigned on = active[i] != 0;
    counts[static_cast<std::size_t>(stage[i])] += on;
    adopted[i * bytes + p / 8] |= static_cast<std::uint8_t>(bit * (on & unsigned{stage[i] == Stage::adopted}));
  }
}

}  // namespace

// Stage counts are exact integer sums; the population fraction adopters / farmers is bitwise the
// deterministic sum of 0/1 it replaces (every partial sum is an integer below 2^53).
// Only the reviewed practices are taken (AdoptionView::reviewed).
void snapshot_adoption(const Farmers& farmers, AdoptionView& view) {
  const std::size_t n = farmers.size();
  const std::size_t practices = farmers.practice.size();
  const std::size_t bytes = view.bytes_per_farmer;
  const std::size_t blocks = (n + sim::agents_per_block - 1) / sim::agents_per_block;
  std::vector<StageCounts> partial(blocks * practices, StageCounts{});
  // Last month's bytes are kept to see which changed (count_neighbour_adopters); the buffer of
  // the month before that is cleared block by block below and filled anew.
  if (!view.neighbour_adopters.empty()) view.adopted.swap(view.previous_adopted);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    StageCounts* counts = partial.data() + begin / sim::agents_per_block * practices;
    std::fill(view.adopted.begin() + static_cast<std::ptrdiff_t>(begin * bytes),
              view.adopted.begin() + static_cast<std::ptrdiff_t>(end * bytes), std::uint8_t{0});
    std::uint8_t* const adopted = view.adopted.data();
    for (const std::size_t p : view.reviewed)
      count_stages(farmers.active.data(), farmers.practice[p].stage.data(), p, bytes, counts[p], adopted, begin, end);
  });
  for (const std::size_t p : view.reviewed) {
    StageCounts total{};
    for (std::size_t b = 0; b < blocks; ++b)
      for (std::size_t s = 0; s < stage_count; ++s) total[s] += partial[b * practices + p][s];
    view.stages[p] = total;
    // Every active farm is in exactly one stage of every practice: the stage counts sum to them.
    double active = 0;
    for (const std::int64_t count : total) active += static_cast<double>(count);
    const auto adopters = static_cast<double>(total[static_cast<std::size_t>(Stage::adopted)]);
    view.population_fraction[p] = farmers.neighbours.empty() && active > 0 ? adopters / active : 0.0;
  }
  if (!view.neighbour_adopters.empty()) count_neighbour_adopters(farmers, view);
}

namespace {

double neighbour_fraction(const Farmers& farmers, const AdoptionView& adoption, std::size_t practice, std::size_t i) {
  const int k = farmers.neighbours_per_farmer;
  if (k == 0) return adoption.population_fraction[practice];
  return static_cast<double>(adopting_neighbours(farmers, adoption, practice, i)) / k;
}

}  // namespace

void review_practice(const Scenario& scenario, std::size_t practice_index, sim::Day day, const AdoptionView& adoption,
                     Farmers& farmers) {
  const PracticeSettings& practice = scenario.practices[practice_index];
  PracticeState& state = farmers.practice[practice_index];
  const std::size_t n = farmers.size();
  const sim::Day month_days = sim::days_in_month[static_cast<std::size_t>(sim::month_of(day) % sim::months_per_year)];

  // On a network the probability depends only on the number of adopting neighbours (k + 1
  // values): tabulated once a month with the same expression, so every farmer gets the bitwise
  // same number as before, without one exp() each (speed, issue 16).
  const int k = farmers.neighbours_per_farmer;
  std::vector<double> by_adopting;
  for (int adopting = 0; k > 0 && adopting <= k; ++adopting)
    by_adopting.push_back(awareness_probability(practice.external_per_year, practice.imitation_per_year,
                                                static_cast<double>(adopting) / k, month_days));
  // bernoulli(p) is `uniform < p`: a draw below the smallest probability of the table makes the
  // farmer aware whatever the neighbours do, one at or above the largest leaves him unaware. Only
  // between the two are the neighbours counted (scattered reads); the draw comes first (it is
  // the farmer's own stream, read by nothing else), so every outcome is the same (speed, issue 16).
  const double surely_below = k > 0 ? *std::min_element(by_adopting.begin(), by_adopting.end()) : 0.0;
  const double never_below = k > 0 ? *std::max_element(by_adopting.begin(), by_adopting.end()) : 0.0;
  // What neighbours see is last month's adoption (the view taken at the start of the month),
  // whatever order the parallel blocks run in.
  // The block's unaware farmers are listed without a branch and their draws computed together
  // (sim::batch_uniforms: RandomStream's numbers, bit for bit); they are then reviewed in order.
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    thread_local std::vector<std::uint32_t> unaware(sim::agents_per_block);
    thread_local std::vector<double> uniforms(sim::agents_per_block);
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      unaware[count] = static_cast<std::uint32_t>(i);
      count += state.stage[i] == Stage::unaware;
    }
    sim::batch_uniforms(scenario.run.seed, day, sim::Stream::awareness, static_cast<std::uint16_t>(practice_index),
                        unaware.data(), count, 1, uniforms.data());
    for (std::size_t row = 0; row < count; ++row) {
      const std::size_t i = unaware[row];
      const double u = uniforms[row];
      bool aware = false;
      if (k == 0)
        aware = u < awareness_probability(practice.external_per_year, practice.imitation_per_year,
                                          neighbour_fraction(farmers, adoption, practice_index, i), month_days);
      else if (u < surely_below)
        aware = true;
      else if (u < never_below)
        aware = u < by_adopting[static_cast<std::size_t>(adopting_neighbours(farmers, adoption, practice_index, i))];
      if (!aware) continue;
      enter_stage(state, i, Stage::aware, day);
      // Pure diffusion: awareness is adoption (the Bass limit, MODEL P11).
      state.reached[i] |= stage_bit(Stage::interested) | stage_bit(Stage::planning) | stage_bit(Stage::applied);
      enter_stage(state, i, Stage::adopted, day);
      state.parts[i] = all_parts;
    }
  });
}

}  // namespace kringloop::agents
