#include "sim/random_batch.hpp"

#include <immintrin.h>

#include "sim/cpu_features.hpp"

namespace kringloop::sim {

namespace {

double uniform_of(std::uint32_t high, std::uint32_t low) {
  return static_cast<double>(((std::uint64_t{high} << 32) | low) >> 11) * 0x1.0p-53;
}

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
__attribute__((target("avx2"))) void philox8(std::uint32_t block, std::uint32_t stream, std::uint32_t day,
                                             const std::uint32_t* agents, std::array<std::uint32_t, 2> key,
                                             std::uint32_t (&result)[4][8]) {
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
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(result[0]), c0);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(result[1]), c1);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(result[2]), c2);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(result[3]), c3);
}

__attribute__((target("avx2"))) void batch_uniforms_avx2(std::uint64_t seed, std::int32_t day, Stream stream,
                                                         std::uint16_t index, const std::uint32_t* agents,
                                                         std::size_t count, std::size_t draws, double* out) {
  const std::array<std::uint32_t, 2> key{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
  const std::uint32_t stream_word = (static_cast<std::uint32_t>(stream) << 16) | index;
  const auto day_word = static_cast<std::uint32_t>(day);
  std::size_t a = 0;
  std::uint32_t result[4][8];
  for (; a + 8 <= count; a += 8) {
    // Draw d is half d % 2 of block d / 2 (RandomStream::next_u64).
    for (std::size_t d = 0; d < draws; d += 2) {
      philox8(static_cast<std::uint32_t>(d / 2), stream_word, day_word, agents + a, key, result);
      for (std::size_t lane = 0; lane < 8; ++lane) {
        out[(a + lane) * draws + d] = uniform_of(result[0][lane], result[1][lane]);
        if (d + 1 < draws) out[(a + lane) * draws + d + 1] = uniform_of(result[2][lane], result[3][lane]);
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
