#include "sim/random_batch.hpp"

#include <immintrin.h>

#include "sim/cpu_features.hpp"

namespace kringloop::sim {

namespace {

// One agent at a time, through philox4x32_10: the reference, and the path without AVX2.
void batch_uniforms_scalar(std::uint64_t seed, std::int32_t day, Stream stream, std::uint16_t index,
                           const std::uint32_t* agents, std::size_t count, std::size_t draws, double* out) {
  for (std::size_t a = 0; a < count; ++a) {
    RandomStream random(seed, agents[a], day, stream, index);
    for (std::size_t d = 0; d < draws; ++d) out[a * draws + d] = random.uniform();
  }
}

// 32 × 32 → 64-bit products of eight lanes by one multiplier, split into high and low halves
// (the even lanes' products come from _mm256_mul_epu32 directly, the odd lanes' after a shift).
__attribute__((target("avx2"))) inline void multiply_high_low(__m256i a, __m256i multiplier, __m256i& high, __m256i& low) {
  const __m256i even = _mm256_mul_epu32(a, multiplier);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), multiplier);
  low = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

// Philox4x32-10 of eight counters {block, stream, day, agent[0..7]}: the rounds of
// philox4x32_10, lane by lane.
__attribute__((target("avx2"))) inline void philox8(std::uint32_t block, std::uint32_t stream, std::uint32_t day,
                                                    const std::uint32_t* agents, std::array<std::uint32_t, 2> key,
                                                    __m256i (&result)[4]) {
  const __m256i multiplier0 = _mm256_set1_epi32(static_cast<int>(0xD2511F53u));
  const __m256i multiplier1 = _mm256_set1_epi32(static_cast<int>(0xCD9E8D57u));
  __m256i c0 = _mm256_set1_epi32(static_cast<int>(block)), c1 = _mm256_set1_epi32(static_cast<int>(stream));
  __m256i c2 = _mm256_set1_epi32(static_cast<int>(day));
  __m256i c3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(agents));
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    __m256i high0, low0, high1, low1;
    multiply_high_low(c0, multiplier0, high0, low0);
    multiply_high_low(c2, multiplier1, high1, low1);
    const __m256i next0 = _mm256_xor_si256(_mm256_xor_si256(high1, c1), _mm256_set1_epi32(static_cast<int>(k0)));
    const __m256i next2 = _mm256_xor_si256(_mm256_xor_si256(high0, c3), _mm256_set1_epi32(static_cast<int>(k1)));
    c0 = next0, c1 = low1, c2 = next2, c3 = low0;
    k0 += 0x9E3779B9u, k1 += 0xBB67AE85u;
  }
  result[0] = c0, result[1] = c1, result[2] = c2, result[3] = c3;
}

// RandomStream::uniform's double of two 32-bit words, static_cast<double>((high << 32 | low) >> 11)
// × 2^-53, for four lanes: `top` and `bottom` the top 21 and low 32 bits of (high << 32 | low)
// >> 11, each widened to 64 bits under the exponent of 2^52, read as a double and less 2^52 (an exact
// double of the integer), recombined exactly (the sum is below 2^53) and scaled by 2^-53: bitwise
// uniform_of's value.
__attribute__((target("avx2"))) inline void uniforms4(__m128i top, __m128i bottom, __m256d& out) {
  const __m256i magic = _mm256_set1_epi64x(0x4330000000000000);  // the bits of 2^52
  const __m256d two52 = _mm256_set1_pd(0x1.0p52);
  const __m256d high = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_cvtepu32_epi64(top), magic)), two52);
  const __m256d low = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_cvtepu32_epi64(bottom), magic)), two52);
  out = _mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(high, _mm256_set1_pd(0x1.0p32)), low), _mm256_set1_pd(0x1.0p-53));
}

// The same for eight lanes, as two vectors of four, without one conversion per draw.
__attribute__((target("avx2"))) inline void uniforms8(__m256i high, __m256i low, __m256d& first4, __m256d& last4) {
  const __m256i top = _mm256_srli_epi32(high, 11);
  const __m256i bottom = _mm256_or_si256(_mm256_slli_epi32(high, 21), _mm256_srli_epi32(low, 11));
  uniforms4(_mm256_castsi256_si128(top), _mm256_castsi256_si128(bottom), first4);
  uniforms4(_mm256_extracti128_si256(top, 1), _mm256_extracti128_si256(bottom, 1), last4);
}

__attribute__((target("avx2"))) void batch_uniforms_avx2(std::uint64_t seed, std::int32_t day, Stream stream,
                                                         std::uint16_t index, const std::uint32_t* agents,
                                                         std::size_t count, std::size_t draws, double* out) {
  const std::array<std::uint32_t, 2> key{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
  const std::uint32_t stream_word = (static_cast<std::uint32_t>(stream) << 16) | index;
  const auto day_word = static_cast<std::uint32_t>(day);
  std::size_t a = 0;
  __m256i result[4];
  for (; a + 8 <= count; a += 8) {
    // Draw d is half d % 2 of block d / 2 (RandomStream::next_u64).
    for (std::size_t d = 0; d < draws; d += 2) {
      philox8(static_cast<std::uint32_t>(d / 2), stream_word, day_word, agents + a, key, result);
      __m256d first[2], second[2];
      uniforms8(result[0], result[1], first[0], first[1]);
      if (draws == 1) {  // one draw per agent: the eight in a row
        _mm256_storeu_pd(out + a, first[0]);
        _mm256_storeu_pd(out + a + 4, first[1]);
        continue;
      }
      uniforms8(result[2], result[3], second[0], second[1]);
      if (draws == 2) {  // two per agent: interleaved, agent by agent
        for (int half = 0; half < 2; ++half) {
          const __m256d even = _mm256_unpacklo_pd(first[half], second[half]);  // a0 b0 | a2 b2
          const __m256d odd = _mm256_unpackhi_pd(first[half], second[half]);   // a1 b1 | a3 b3
          double* const at = out + (a + 4 * static_cast<std::size_t>(half)) * 2;
          _mm256_storeu_pd(at, _mm256_permute2f128_pd(even, odd, 0x20));
          _mm256_storeu_pd(at + 4, _mm256_permute2f128_pd(even, odd, 0x31));
        }
        continue;
      }
      alignas(32) double values[2][8];
      _mm256_store_pd(values[0], first[0]), _mm256_store_pd(values[0] + 4, first[1]);
      _mm256_store_pd(values[1], second[0]), _mm256_store_pd(values[1] + 4, second[1]);
      for (std::size_t lane = 0; lane < 8; ++lane) {
        out[(a + lane) * draws + d] = values[0][lane];
        if (d + 1 < draws) out[(a + lane) * draws + d + 1] = values[1][lane];
      }
    }
  }
  // Clean upper halves before any non-AVX code runs again: the compiler does not do it for a
  // function compiled for AVX2 inside a program that is not, and with the halves dirty every
  // SSE instruction afterwards ran slower (the whole model: +30% time).
  _mm256_zeroupper();
  batch_uniforms_scalar(seed, day, stream, index, agents + a, count - a, draws, out + a * draws);
}

using BatchFunction = void (*)(std::uint64_t, std::int32_t, Stream, std::uint16_t, const std::uint32_t*, std::size_t,
                               std::size_t, double*);

BatchFunction chosen() {
  static const BatchFunction function = avx2_enabled() ? batch_uniforms_avx2 : batch_uniforms_scalar;
  return function;
}

}  // namespace

void batch_uniforms(std::uint64_t seed, std::int32_t day, Stream stream, std::uint16_t index, const std::uint32_t* agents,
                    std::size_t count, std::size_t draws, double* out) {
  chosen()(seed, day, stream, index, agents, count, draws, out);
}

bool batch_uniforms_vectorised() { return chosen() == batch_uniforms_avx2; }

}  // namespace kringloop::sim
