// list_reviews sixteen farmers at a time: the stage, activity and type bytes compared in SSE lanes
// (the type's eligibility looked up with a byte shuffle), one bit per farmer and list, and each
// eight bits turned into the positions of their set bits by a table, widened to farmer numbers and
// stored at once (the positions past the list's new end are overwritten by the next store or
// ignored). Lists in farmer order, as the reference makes them.
#include <array>
#include <bit>

#include <immintrin.h>

#include "agents/model/review_lists.hpp"
#include "agents/model/bit_positions.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

namespace {

static_assert(farm_type_count <= 16, "the type's eligibility is one byte shuffle");


// Appends farmers first + b for the set bits b of the 8-bit `bits`; writes eight entries.
__attribute__((target("avx2"))) inline void append(std::uint32_t* list, std::size_t& count, unsigned bits,
                                                   std::uint32_t first) {
  const __m128i positions = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(&bit_positions[bits]));
  const __m256i farmers = _mm256_add_epi32(_mm256_cvtepu8_epi32(positions), _mm256_set1_epi32(static_cast<int>(first)));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(list + count), farmers);
  count += static_cast<std::size_t>(std::popcount(bits));
}

// Both halves of a 16-bit mask.
__attribute__((target("avx2"))) inline void append16(std::uint32_t* list, std::size_t& count, unsigned bits,
                                                     std::uint32_t first) {
  append(list, count, bits & 0xFFu, first);
  append(list, count, bits >> 8, first + 8);
}

// One bit per farmer: reviewed and in the stage (byte lanes of all ones).
inline unsigned reviewed_in(__m128i reviewed, __m128i in_stage) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(reviewed, in_stage)));
}

}  // namespace

__attribute__((target("avx2"))) void list_reviews_avx2(const ReviewListInput& input, std::size_t begin,
                                                       std::size_t end, ReviewLists& lists) {
  alignas(16) std::array<std::uint8_t, 16> open{};
  for (std::size_t t = 0; t < farm_type_count; ++t) open[t] = input.eligible[t] ? 0xFF : 0;
  const __m128i eligible_by_type = _mm_load_si128(reinterpret_cast<const __m128i*>(open.data()));
  const __m128i zero = _mm_setzero_si128();
  const __m128i unaware = _mm_set1_epi8(static_cast<char>(Stage::unaware));
  const __m128i aware = _mm_set1_epi8(static_cast<char>(Stage::aware));
  const __m128i adopted = _mm_set1_epi8(static_cast<char>(Stage::adopted));
  const __m128i interested = _mm_set1_epi8(static_cast<char>(Stage::interested));
  const __m128i span = _mm_set1_epi8(static_cast<char>(Stage::applied) - static_cast<char>(Stage::interested));
  static_assert(Stage::interested < Stage::planning && Stage::planning < Stage::applied);
  const auto* stage = reinterpret_cast<const std::uint8_t*>(input.stage);
  const auto* type = reinterpret_cast<const std::uint8_t*>(input.type);
  // Each store writes eight entries from the list's end, which is at most the farmers listed so
  // far: the last store of the vector loop ends at or before end − begin entries.
  std::size_t i = begin;
  for (; i + 16 <= end; i += 16) {
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(stage + i));
    const __m128i on = _mm_loadu_si128(reinterpret_cast<const __m128i*>(input.active + i));
    const __m128i kind = _mm_loadu_si128(reinterpret_cast<const __m128i*>(type + i));
    // active != 0 and the type is open to the practice (types are below 16: the shuffle's index).
    const __m128i reviewed = _mm_andnot_si128(_mm_cmpeq_epi8(on, zero), _mm_shuffle_epi8(eligible_by_type, kind));
    // interested ≤ s ≤ applied: s − interested, unsigned, at most applied − interested.
    const __m128i offset = _mm_sub_epi8(s, interested);
    const __m128i in_between = _mm_cmpeq_epi8(_mm_min_epu8(offset, span), offset);
    const auto first = static_cast<std::uint32_t>(i);
    append16(lists.unaware, lists.unaware_count, reviewed_in(reviewed, _mm_cmpeq_epi8(s, unaware)), first);
    append16(lists.aware, lists.aware_count, reviewed_in(reviewed, _mm_cmpeq_epi8(s, aware)), first);
    append16(lists.adopted, lists.adopted_count, reviewed_in(reviewed, _mm_cmpeq_epi8(s, adopted)), first);
    append16(lists.between, lists.between_count, reviewed_in(reviewed, in_between), first);
  }
  // Leave no upper register halves set: the SSE code that follows would run slower (issue 16).
  _mm256_zeroupper();
  list_reviews_scalar(input, i, end, lists);
}

bool list_reviews_avx2_available() { return sim::avx2_supported(); }

}  // namespace kringloop::agents
