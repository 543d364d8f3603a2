// The trust update of trust_rows.hpp with four institutions in the four double lanes of an AVX2
// register. Each lane does what update_trust_rows_scalar does for its institution, operation for
// operation in double precision and in the same order (the neighbours' sum from +0 in neighbour
// order, then ÷ k, gossip, drift, enforcement, clamp, rounding to float), so the results are
// bitwise the same. The function is compiled for AVX2 alone (not FMA: a fused multiply-add would
// round once where the reference rounds twice) and chosen at run time.
#include <algorithm>
#include <array>

#include <immintrin.h>

#include "agents/model/trust_rows.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

namespace {

// Lanes [0, lanes) of four 32-bit elements set (the mask of the maskload/maskstore instructions).
__attribute__((target("avx2"))) __m128i first_lanes(std::size_t lanes) {
  const __m128i index = _mm_setr_epi32(0, 1, 2, 3);
  return _mm_cmpgt_epi32(_mm_set1_epi32(static_cast<int>(lanes)), index);
}

// Four floats from `row` (lanes beyond `lanes` read as 0, and not read at all), widened to double.
__attribute__((target("avx2"))) __m256d load_widened(const float* row, std::size_t lanes, __m128i mask) {
  return _mm256_cvtps_pd(lanes == 4 ? _mm_loadu_ps(row) : _mm_maskload_ps(row, mask));
}

// update_trust_rows_avx2 for the usual shapes: K neighbours and Groups groups of four institutions
// known when compiled (one group: 1 to 4 institutions, the default and most shipped scenarios
// have 4; two: 5 to 8), the neighbour loop unrolled, the rule's vectors and the trust arrays held
// in registers or on the stack for the whole run of farmers (the general loop reloaded them for
// every farmer and group, and its masks and lane counts took a fifth of its instructions; issue
// 16). Only a last, partial group is masked. The same operations on the same values in the same
// order as the general loop, so the same bits.
// `Institutions`: their number when known too (4: the row stride a shift, no partial group), or 0.
// `Prefetch`: whether to ask for the rows of the farmer trust_prefetch_distance places ahead.
template <int K, int Groups, int Institutions, bool Prefetch>
__attribute__((target("avx2"))) void update_fixed_shape(const TrustMonthRule& rule, Farmers& farmers,
                                                        const std::uint32_t* active, std::size_t first,
                                                        std::size_t last, std::size_t count, const double* uniforms) {
  static_assert(Institutions == 0 || (Institutions > 4 * (Groups - 1) && Institutions <= 4 * Groups));
  const std::size_t institutions = Institutions > 0 ? std::size_t{Institutions} : rule.institutions;
  const std::size_t last_lanes = institutions - 4 * (Groups - 1);  // 1..4 in the last group
  const __m128i last_mask = first_lanes(last_lanes);
  const float* const seen = farmers.trust_seen.data();
  sim::Day* const contacts = farmers.last_contact.data();
  const std::uint32_t* const all_neighbours = farmers.neighbours.data();
  const std::uint8_t* const regions_of = farmers.region.data();
  std::array<float*, 4 * Groups> out_rows{};
  for (std::size_t k = 0; k < institutions; ++k) out_rows[k] = farmers.trust[k].data();
  const __m256d k_double = _mm256_set1_pd(static_cast<double>(K));
  const __m256d gossip = _mm256_set1_pd(rule.gossip), drift = _mm256_set1_pd(rule.drift);
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  const __m128i day = _mm_set1_epi32(rule.day);
  const __m128i memory_less_one = _mm_set1_epi32(rule.memory_days - 1);  // d >= m  ⇔  d > m − 1
  const __m128i one_bit = _mm_set1_epi32(1);
  const std::size_t draws = rule.draws;
  __m256d initial[Groups], hit[Groups], penalty[Groups];
  __m128i regions[Groups], draw_masks[Groups];
  for (int g = 0; g < Groups; ++g) {
    initial[g] = _mm256_loadu_pd(rule.initial.data() + 4 * g);
    hit[g] = _mm256_loadu_pd(rule.hit.data() + 4 * g);
    penalty[g] = _mm256_loadu_pd(rule.penalty.data() + 4 * g);
    regions[g] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rule.regions.data() + 4 * g));
    draw_masks[g] = first_lanes(std::min<std::size_t>(4, draws > 4u * g ? draws - 4u * g : 0));
  }
  for (std::size_t row = first; row < last; ++row) {
    const std::size_t i = active[row];
    if (Prefetch && row + trust_prefetch_distance < count) {
      const std::uint32_t* ahead = all_neighbours + std::size_t{active[row + trust_prefetch_distance]} * K;
      for (int m = 0; m < K; ++m) __builtin_prefetch(seen + std::size_t{ahead[m]} * institutions);
    }
    const std::uint32_t* neighbours = all_neighbours + i * K;
    const double* uniform = uniforms + (row - first) * draws;
    const __m128i region = _mm_set1_epi32(regions_of[i]);
    for (int g = 0; g < Groups; ++g) {
      const bool partial = g == Groups - 1 && last_lanes < 4;
      const std::size_t offset = 4 * static_cast<std::size_t>(g), lanes = partial ? last_lanes : 4;
      __m256d sum = zero;
      for (int m = 0; m < K; ++m)
        sum = _mm256_add_pd(sum, load_widened(seen + std::size_t{neighbours[m]} * institutions + offset, lanes, last_mask));
      const __m256d mean = _mm256_div_pd(sum, k_double);
      __m256d trust = load_widened(seen + i * institutions + offset, lanes, last_mask);
      trust = _mm256_add_pd(trust, _mm256_mul_pd(gossip, _mm256_sub_pd(mean, trust)));
      // Drift after memory_days without contact.
      sim::Day* const contact = contacts + i * institutions + offset;
      const __m128i last_contact =
          partial ? _mm_maskload_epi32(contact, last_mask) : _mm_loadu_si128(reinterpret_cast<const __m128i*>(contact));
      const __m128i quiet = _mm_cmpgt_epi32(_mm_sub_epi32(day, last_contact), memory_less_one);
      const __m256d drifted = _mm256_add_pd(trust, _mm256_mul_pd(drift, _mm256_sub_pd(initial[g], trust)));
      trust = _mm256_blendv_pd(trust, drifted, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(quiet)));
      // Enforcement, as in the general loop (a lane past `draws` loads no draw and has hit 0).
      if (offset < draws) {
        const __m256d u = _mm256_maskload_pd(uniform + offset, _mm256_cvtepi32_epi64(draw_masks[g]));
        const __m128i covered = _mm_cmpeq_epi32(_mm_and_si128(_mm_srlv_epi32(regions[g], region), one_bit), one_bit);
        const __m256d below = _mm256_cmp_pd(u, hit[g], _CMP_LT_OQ);
        const __m256d fire = _mm256_and_pd(below, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(covered)));
        trust = _mm256_blendv_pd(trust, _mm256_sub_pd(trust, penalty[g]), fire);
        const __m128i fire32 = _mm_castps_si128(_mm256_castps256_ps128(
            _mm256_permutevar8x32_ps(_mm256_castpd_ps(fire), _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7))));
        _mm_maskstore_epi32(contact, partial ? _mm_and_si128(fire32, last_mask) : fire32, day);
      }
      trust = _mm256_min_pd(one, _mm256_max_pd(zero, trust));
      alignas(16) float out[4];
      _mm_store_ps(out, _mm256_cvtpd_ps(trust));
      if (partial) {
        for (std::size_t j = 0; j < last_lanes; ++j) out_rows[offset + j][i] = out[j];
      } else {
        out_rows[offset][i] = out[0], out_rows[offset + 1][i] = out[1];
        out_rows[offset + 2][i] = out[2], out_rows[offset + 3][i] = out[3];
      }
    }
  }
  _mm256_zeroupper();
}

// update_fixed_shape with or without the prefetches.
template <int K, int Groups, int Institutions = 0>
__attribute__((target("avx2"))) void update_fixed_shape(bool prefetch, const TrustMonthRule& rule, Farmers& farmers,
                                                        const std::uint32_t* active, std::size_t first,
                                                        std::size_t last, std::size_t count, const double* uniforms) {
  if (prefetch) update_fixed_shape<K, Groups, Institutions, true>(rule, farmers, active, first, last, count, uniforms);
  else update_fixed_shape<K, Groups, Institutions, false>(rule, farmers, active, first, last, count, uniforms);
}

}  // namespace

__attribute__((target("avx2"))) void update_trust_rows_avx2(const TrustMonthRule& rule, Farmers& farmers,
                                                            const std::uint32_t* active, std::size_t first,
                                                            std::size_t last, std::size_t count,
                                                            const double* uniforms) {
  const std::size_t institutions = rule.institutions;
  const int k_neighbours = farmers.neighbours_per_farmer;
  const bool prefetch = farmers.trust_seen.size() * sizeof(float) >= trust_prefetch_min_bytes;
  if (k_neighbours == 8 && institutions == 4)
    return update_fixed_shape<8, 1, 4>(prefetch, rule, farmers, active, first, last, count, uniforms);
  if (k_neighbours == 8 && institutions >= 1 && institutions <= 3)
    return update_fixed_shape<8, 1>(prefetch, rule, farmers, active, first, last, count, uniforms);
  if (k_neighbours == 8 && institutions >= 5 && institutions <= 8)
    return update_fixed_shape<8, 2>(prefetch, rule, farmers, active, first, last, count, uniforms);
  const float* const seen = farmers.trust_seen.data();
  sim::Day* const contacts = farmers.last_contact.data();
  const __m256d k_double = _mm256_set1_pd(static_cast<double>(k_neighbours));
  const __m256d gossip = _mm256_set1_pd(rule.gossip), drift = _mm256_set1_pd(rule.drift);
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  const __m128i day = _mm_set1_epi32(rule.day);
  const __m128i memory_less_one = _mm_set1_epi32(rule.memory_days - 1);  // d >= m  ⇔  d > m − 1
  const __m128i one_bit = _mm_set1_epi32(1);
  for (std::size_t row = first; row < last; ++row) {
    const std::size_t i = active[row];
    if (k_neighbours > 0 && row + trust_prefetch_distance < count)
      prefetch_trust_neighbours(farmers, active[row + trust_prefetch_distance]);
    const std::uint32_t* neighbours = farmers.neighbours_of(i);
    const double* uniform = uniforms + (row - first) * rule.draws;
    const __m128i region = _mm_set1_epi32(farmers.region[i]);
    for (std::size_t g = 0; g < institutions; g += 4) {
      const std::size_t lanes = std::min<std::size_t>(4, institutions - g);
      const __m128i lane_mask = first_lanes(lanes);
      __m256d mean;
      if (k_neighbours > 0) {
        __m256d sum = zero;
        for (int m = 0; m < k_neighbours; ++m)
          sum = _mm256_add_pd(sum, load_widened(seen + std::size_t{neighbours[m]} * institutions + g, lanes, lane_mask));
        mean = _mm256_div_pd(sum, k_double);
      } else {
        mean = _mm256_loadu_pd(rule.population_mean.data() + g);
      }
      __m256d trust = load_widened(seen + i * institutions + g, lanes, lane_mask);
      trust = _mm256_add_pd(trust, _mm256_mul_pd(gossip, _mm256_sub_pd(mean, trust)));
      // Drift after memory_days without contact.
      sim::Day* const contact = contacts + i * institutions + g;
      const __m128i last_contact = _mm_maskload_epi32(contact, lane_mask);
      const __m128i quiet = _mm_cmpgt_epi32(_mm_sub_epi32(day, last_contact), memory_less_one);
      const __m256d initial = _mm256_loadu_pd(rule.initial.data() + g);
      const __m256d drifted = _mm256_add_pd(trust, _mm256_mul_pd(drift, _mm256_sub_pd(initial, trust)));
      trust = _mm256_blendv_pd(trust, drifted, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(quiet)));
      // Enforcement: institutions below `draws` whose draw falls under the month's probability, in
      // the regions they govern (a lane past `draws` loads no draw and has hit 0: never fires).
      if (g < rule.draws) {
        const __m128i draw_mask = first_lanes(std::min<std::size_t>(4, rule.draws - g));
        const __m256d u = _mm256_maskload_pd(uniform + g, _mm256_cvtepi32_epi64(draw_mask));
        const __m128i regions = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rule.regions.data() + g));
        const __m128i covered = _mm_cmpeq_epi32(_mm_and_si128(_mm_srlv_epi32(regions, region), one_bit), one_bit);
        const __m256d below = _mm256_cmp_pd(u, _mm256_loadu_pd(rule.hit.data() + g), _CMP_LT_OQ);
        const __m256d fire = _mm256_and_pd(below, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(covered)));
        const __m256d penalty = _mm256_loadu_pd(rule.penalty.data() + g);
        trust = _mm256_blendv_pd(trust, _mm256_sub_pd(trust, penalty), fire);
        // The 64-bit lanes of `fire` narrowed to 32 (the low half of each is the whole mask).
        const __m128i fire32 = _mm_castps_si128(_mm256_castps256_ps128(
            _mm256_permutevar8x32_ps(_mm256_castpd_ps(fire), _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7))));
        _mm_maskstore_epi32(contact, _mm_and_si128(fire32, lane_mask), day);
      }
      // std::clamp(trust, 0, 1): max and min return their second operand when both are equal or
      // one is NaN, so trust keeps its sign at ±0 and its NaN, as std::clamp does.
      trust = _mm256_min_pd(one, _mm256_max_pd(zero, trust));
      alignas(16) float out[4];
      _mm_store_ps(out, _mm256_cvtpd_ps(trust));
      for (std::size_t j = 0; j < lanes; ++j) farmers.trust[g + j][i] = out[j];
    }
  }
  // Leave no upper register halves set: the SSE code that follows would run slower (issue 16).
  _mm256_zeroupper();
}

bool trust_rows_avx2_available() { return sim::avx2_supported(); }

}  // namespace kringloop::agents
