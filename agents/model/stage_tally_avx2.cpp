// tally_stages thirty-two farmers at a time: the stage and activity bytes compared in AVX2 lanes,
// each stage's count kept in byte lanes (a compare and a subtract per stage) and added up every
// 255 rounds, before a lane could overflow (exact integers: the reference's counts); the active
// adopters as one bit per farmer, each eight bits turned into the positions of their set bits by a
// table, widened to offsets and stored at once (the entries past the list's new end are
// overwritten by the next store or ignored). The list in farmer order, as the reference makes it.
#include <array>
#include <bit>

#include <immintrin.h>

#include "agents/model/stage_tally.hpp"
#include "agents/model/bit_positions.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

namespace {

static_assert(stage_count == 8, "eight byte-lane counts");


// Appends offsets first + b for the set bits b of the 8-bit `bits`; writes eight entries.
__attribute__((target("avx2"))) inline void append(std::uint16_t* rows, std::size_t& count, unsigned bits,
                                                   std::uint16_t first) {
  const __m128i positions = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(&bit_positions[bits]));
  const __m128i offsets = _mm_add_epi16(_mm_cvtepu8_epi16(positions), _mm_set1_epi16(static_cast<short>(first)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(rows + count), offsets);
  count += static_cast<std::size_t>(std::popcount(bits));
}

}  // namespace

__attribute__((target("avx2"))) void tally_stages_avx2(const std::uint8_t* active, const Stage* stage,
                                                       std::size_t begin, std::size_t end,
                                                       std::uint16_t* adopter_rows, StageTally& tally) {
  const auto* stages = reinterpret_cast<const std::uint8_t*>(stage);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i adopted = _mm256_set1_epi8(static_cast<char>(Stage::adopted));
  std::size_t i = begin;
  while (end - i >= 32) {
    __m256i lanes[stage_count];
    for (__m256i& lane : lanes) lane = zero;
    for (std::size_t round = 0; round < 255 && end - i >= 32; ++round, i += 32) {
      const __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(stages + i));
      const __m256i exited = _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(active + i)), zero);
      for (std::size_t k = 0; k < stage_count; ++k)
        lanes[k] = _mm256_sub_epi8(lanes[k], _mm256_andnot_si256(exited, _mm256_cmpeq_epi8(s, _mm256_set1_epi8(static_cast<char>(k)))));
      const auto bits = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_andnot_si256(exited, _mm256_cmpeq_epi8(s, adopted))));
      const auto first = static_cast<std::uint16_t>(i - begin);
      append(adopter_rows, tally.adopters, bits & 0xFFu, first);
      append(adopter_rows, tally.adopters, (bits >> 8) & 0xFFu, static_cast<std::uint16_t>(first + 8));
      append(adopter_rows, tally.adopters, (bits >> 16) & 0xFFu, static_cast<std::uint16_t>(first + 16));
      append(adopter_rows, tally.adopters, bits >> 24, static_cast<std::uint16_t>(first + 24));
    }
    for (std::size_t k = 0; k < stage_count; ++k) {
      const __m256i sums = _mm256_sad_epu8(lanes[k], zero);  // four 64-bit sums of eight bytes each
      const __m128i pairs = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
      tally.stages[k] += _mm_cvtsi128_si64(pairs) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(pairs, pairs));
    }
  }
  // Leave no upper register halves set: the SSE code that follows would run slower (issue 16).
  _mm256_zeroupper();
  // The rest one at a time: the reference, continuing the list.
  tally_stages_rest(active, stage, begin, i, end, adopter_rows, tally);
}

// Bit b of 32 bytes shifted to each byte's top bit (a 16-bit shift moves it there in every byte)
// and gathered by movemask: its count is the popcount of that mask.
__attribute__((target("avx2,popcnt"))) std::array<std::int64_t, 8> count_set_bits_avx2(const std::uint8_t* bytes,
                                                                                       std::size_t count) {
  std::array<std::int64_t, 8> set{};
  std::size_t i = 0;
  for (; i + 32 <= count; i += 32) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    set[7] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(x)));
    set[6] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 1))));
    set[5] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 2))));
    set[4] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 3))));
    set[3] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 4))));
    set[2] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 5))));
    set[1] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 6))));
    set[0] += std::popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(x, 7))));
  }
  _mm256_zeroupper();
  const std::array<std::int64_t, 8> rest = count_set_bits_scalar(bytes + i, count - i);
  for (std::size_t b = 0; b < 8; ++b) set[b] += rest[b];
  return set;
}

bool tally_stages_avx2_available() { return sim::avx2_supported(); }

}  // namespace kringloop::agents
