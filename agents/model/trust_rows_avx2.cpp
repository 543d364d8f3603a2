// The trust update of trust_rows.hpp with four institutions in the four double lanes of an AVX2
// register. Each lane does what update_trust_rows_scalar does for its institution, operation for
// operation in double precision and in the same order (the neighbours' sum from +0 in neighbour
// order, then ÷ k, gossip, drift, enforcement, clamp, rounding to float), so the results are
// bitwise the same. The function is compiled for AVX2 alone (not FMA: a fused multiply-add would
// round once where the reference rounds twice) and chosen at run time.
#include <algorithm>

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

// update_trust_rows_avx2 for the usual shape, exactly four institutions and K neighbours known
// when compiled: no lane masks, the neighbour loop unrolled, the rule's vectors and the four trust
// arrays held in registers for the whole run of farmers (the general loop reloaded them for every
// farmer and group, and its masks and lane counts took a fifth of its instructions; issue 16). The
// same operations on the same values in the same order as the general loop, so the same bits.
template <int K>
__attribute__((target("avx2"))) void update_four_institutions(const TrustMonthRule& rule, Farmers& farmers,
                                                              const std::uint32_t* active, std::size_t first,
                                                              std::size_t last, std::size_t count,
                                                              const double* uniforms) {
  const float* const seen = farmers.trust_seen.data();
  sim::Day* const contacts = farmers.last_contact.data();
  const std::uint32_t* const all_neighbours = farmers.neighbours.data();
  const std::uint8_t* const regions_of = farmers.region.data();
  float* const out0 = farmers.trust[0].data();
  float* const out1 = farmers.trust[1].data();
  float* const out2 = farmers.trust[2].data();
  float* const out3 = farmers.trust[3].data();
  const __m256d k_double = _mm256_set1_pd(static_cast<double>(K));
  const __m256d gossip = _mm256_set1_pd(rule.gossip), drift = _mm256_set1_pd(rule.drift);
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  const __m256d initial = _mm256_loadu_pd(rule.initial.data());
  const __m256d hit = _mm256_loadu_pd(rule.hit.data()), penalty = _mm256_loadu_pd(rule.penalty.data());
  const __m128i regions = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rule.regions.data()));
  const __m128i day = _mm_set1_epi32(rule.day);
  const __m128i memory_less_one = _mm_set1_epi32(rule.memory_days - 1);  // d >= m  ⇔  d > m − 1
  const __m128i one_bit = _mm_set1_epi32(1);
  const std::size_t draws = rule.draws;
  const __m256i draw_mask = _mm256_cvtepi32_epi64(first_lanes(std::min<std::size_t>(4, draws)));
  for (std::size_t row = first; row < last; ++row) {
    const std::size_t i = active[row];
    if (row + trust_prefetch_distance < count) {
      const std::uint32_t* ahead = all_neighbours + std::size_t{active[row + trust_prefetch_distance]} * K;
      for (int m = 0; m < K; ++m) __builtin_prefetch(seen + std::size_t{ahead[m]} * 4);
    }
    const std::uint32_t* neighbours = all_neighbours + i * K;
    __m256d sum = zero;
    for (int m = 0; m < K; ++m) sum = _mm256_add_pd(sum, _mm256_cvtps_pd(_mm_loadu_ps(seen + std::size_t{neighbours[m]} * 4)));
    const __m256d mean = _mm256_div_pd(sum, k_double);
    __m256d trust = _mm256_cvtps_pd(_mm_loadu_ps(seen + i * 4));
    trust = _mm256_add_pd(trust, _mm256_mul_pd(gossip, _mm256_sub_pd(mean, trust)));
    // Drift after memory_days without contact.
    sim::Day* const contact = contacts + i * 4;
    const __m128i quiet = _mm_cmpgt_epi32(_mm_sub_epi32(day, _mm_loadu_si128(reinterpret_cast<const __m128i*>(contact))),
                                          memory_less_one);
    const __m256d drifted = _mm256_add_pd(trust, _mm256_mul_pd(drift, _mm256_sub_pd(initial, trust)));
    trust = _mm256_blendv_pd(trust, drifted, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(quiet)));
    // Enforcement, as in the general loop (a lane past `draws` loads no draw and has hit 0).
    if (draws > 0) {
      const __m256d u = _mm256_maskload_pd(uniforms + (row - first) * draws, draw_mask);
      const __m128i region = _mm_set1_epi32(regions_of[i]);
      const __m128i covered = _mm_cmpeq_epi32(_mm_and_si128(_mm_srlv_epi32(regions, region), one_bit), one_bit);
      const __m256d below = _mm256_cmp_pd(u, hit, _CMP_LT_OQ);
      const __m256d fire = _mm256_and_pd(below, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(covered)));
      trust = _mm256_blendv_pd(trust, _mm256_sub_pd(trust, penalty), fire);
      const __m128i fire32 = _mm_castps_si128(_mm256_castps256_ps128(
          _mm256_permutevar8x32_ps(_mm256_castpd_ps(fire), _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7))));
      _mm_maskstore_epi32(contact, fire32, day);
    }
    trust = _mm256_min_pd(one, _mm256_max_pd(zero, trust));
    alignas(16) float out[4];
    _mm_store_ps(out, _mm256_cvtpd_ps(trust));
    out0[i] = out[0], out1[i] = out[1], out2[i] = out[2], out3[i] = out[3];
  }
  _mm256_zeroupper();
}

}  // namespace

__attribute__((target("avx2"))) void update_trust_rows_avx2(const TrustMonthRule& rule, Farmers& farmers,
                                                            const std::uint32_t* active, std::size_t first,
                                                            std::size_t last, std::size_t count,
                                                            const double* uniforms) {
  const std::size_t institutions = rule.institutions;
  const int k_neighbours = farmers.neighbours_per_farmer;
  if (institutions == 4 && k_neighbours == 8)
    return update_four_institutions<8>(rule, farmers, active, first, last, count, uniforms);
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
