// main_horizons with four farmers in the four double lanes of an AVX2 register. Each lane does what
// main_horizons_scalar does for its farmer, operation for operation in double precision and in the
// same order (years to retirement, clamp, successor; vision × trust ÷ reference trust, cap; the
// smaller of the two; the annuity table's look-up and interpolation), so the results are bitwise
// the same. Compiled for AVX2 alone (not FMA: a fused multiply-add rounds once where the reference
// rounds twice) and chosen at run time.
#include <span>

#include <immintrin.h>

#include "agents/model/main_horizons.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

__attribute__((target("avx2"))) void main_horizons_avx2(const MainHorizonRule& rule, const std::uint32_t* list,
                                                        std::size_t count, const MainHorizonRows& out) {
  const std::span<const double> factor = rule.annuity.factors();
  // A table with fewer than two entries (none: an annuity of 0 everywhere) is left to the reference.
  if (factor.size() < 2) return main_horizons_scalar(rule, list, count, out);
  const Scenario& scenario = rule.scenario;
  const Farmers& farmers = rule.farmers;
  const __m256d zero = _mm256_setzero_pd();
  const __m256d max_horizon = _mm256_set1_pd(scenario.decision.max_horizon_years);
  const __m256d retirement = _mm256_set1_pd(scenario.population.retirement_age);
  const __m256d year = _mm256_set1_pd(static_cast<double>(sim::days_per_year));
  const __m128i day = _mm_set1_epi32(rule.day);
  const float* const trust = rule.government != no_index ? farmers.trust[rule.government].data() : nullptr;
  const __m256d vision = _mm256_set1_pd(trust ? scenario.institutions[rule.government].vision_years : 0.0);
  const __m256d reference = _mm256_set1_pd(scenario.trust.reference_trust);
  const __m256d top = _mm256_set1_pd(static_cast<double>(factor.size() - 1));
  const __m256d last = _mm256_set1_pd(factor.back());
  const auto* const birth_day = reinterpret_cast<const int*>(farmers.birth_day.data());
  const std::uint8_t* const successor = farmers.has_successor.data();
  std::size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const std::uint32_t* at = list + j;
    // farmer_horizon_years: std::clamp(retirement age − age, 0, max), max with a successor.
    // Loads of the four farmers' values put side by side, rather than gathers (a gather on this
    // processor took longer than its four loads; issue 16). The same values.
    const __m128i born = _mm_setr_epi32(birth_day[at[0]], birth_day[at[1]], birth_day[at[2]], birth_day[at[3]]);
    const __m128i lived = _mm_sub_epi32(day, born);
    const __m256d left = _mm256_sub_pd(retirement, _mm256_div_pd(_mm256_cvtepi32_pd(lived), year));
    __m256d farmer = _mm256_blendv_pd(left, max_horizon, _mm256_cmp_pd(max_horizon, left, _CMP_LT_OQ));
    farmer = _mm256_blendv_pd(farmer, zero, _mm256_cmp_pd(left, zero, _CMP_LT_OQ));
    const __m256i heir = _mm256_setr_epi64x(-std::int64_t{successor[at[0]] != 0}, -std::int64_t{successor[at[1]] != 0},
                                            -std::int64_t{successor[at[2]] != 0}, -std::int64_t{successor[at[3]] != 0});
    farmer = _mm256_blendv_pd(farmer, max_horizon, _mm256_castsi256_pd(heir));
    // policy_horizon_years: std::min(max, vision × trust ÷ reference); min_pd(a, b) is a < b ? a : b.
    __m256d policy = max_horizon;
    if (trust) {
      const __m256d believed = _mm256_cvtps_pd(_mm_setr_ps(trust[at[0]], trust[at[1]], trust[at[2]], trust[at[3]]));
      policy = _mm256_min_pd(_mm256_div_pd(_mm256_mul_pd(vision, believed), reference), max_horizon);
    }
    // H = std::min(farmer, policy) = policy < farmer ? policy : farmer.
    const __m256d base = _mm256_min_pd(policy, farmer);
    // AnnuityTable: 0 at H <= 0, the last entry at H >= top, else the two entries around H
    // interpolated (lanes outside look up entry 0 and are replaced).
    const __m256d inside = _mm256_and_pd(_mm256_cmp_pd(base, zero, _CMP_GT_OQ), _mm256_cmp_pd(base, top, _CMP_LT_OQ));
    const __m256d years = _mm256_blendv_pd(zero, base, inside);
    const __m128i whole = _mm256_cvttpd_epi32(years);
    alignas(16) std::int32_t entry[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(entry), whole);
    const double* const table = factor.data();
    const __m256d low = _mm256_setr_pd(table[entry[0]], table[entry[1]], table[entry[2]], table[entry[3]]);
    const __m256d high = _mm256_setr_pd(table[entry[0] + 1], table[entry[1] + 1], table[entry[2] + 1], table[entry[3] + 1]);
    const __m256d fraction = _mm256_sub_pd(years, _mm256_cvtepi32_pd(whole));
    __m256d annuity = _mm256_add_pd(low, _mm256_mul_pd(fraction, _mm256_sub_pd(high, low)));
    annuity = _mm256_blendv_pd(annuity, last, _mm256_cmp_pd(base, top, _CMP_GE_OQ));
    annuity = _mm256_blendv_pd(annuity, zero, _mm256_cmp_pd(base, zero, _CMP_LE_OQ));
    _mm256_storeu_pd(out.farmer + j, farmer);
    _mm256_storeu_pd(out.base + j, base);
    _mm256_storeu_pd(out.base_annuity + j, annuity);
  }
  // Leave no upper register halves set: the SSE code that follows would run slower (issue 16).
  _mm256_zeroupper();
  main_horizons_scalar(rule, list + j, count - j, {out.farmer + j, out.base + j, out.base_annuity + j});
}

bool main_horizons_avx2_available() { return sim::avx2_supported(); }

}  // namespace kringloop::agents
