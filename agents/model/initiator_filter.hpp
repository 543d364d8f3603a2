// Coalition initiatives (coalition_forming.cpp) look at every farmer every month; most can start
// nothing. This filter finds, sixteen farmers at a time in SSE2 byte lanes, the few that might, so
// that only those are tested one by one (issue 16: the one-by-one test of every practice of every
// farmer was about 5% of the full model). tests/agents/speed_invariants_test.cpp holds it to the rule.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include <emmintrin.h>

#include "agents/state/coalitions.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// Sixteen 32-bit lane masks (all ones or zero), four registers of four, as sixteen byte masks.
inline __m128i byte_masks(__m128i a, __m128i b, __m128i c, __m128i d) {
  return _mm_packs_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
}

// Which of the sixteen farmers from i might start a coalition this month (bit b: farmer i + b):
// active, in no coalition, and for some pursued practice either motivated (interested or planning)
// and trusting fellow farmers enough to cooperate, or an innovator who has adopted (whether the
// front-runner's years have passed is left to the farmer-by-farmer test). A superset of the farmers
// that test picks, worked out in SSE2 byte lanes (issue 16: most farmers are none of these, and
// testing every practice of every farmer one by one was about 5% of the full model).
struct InitiatorFilter {
  const Farmers& farmers;
  const std::vector<std::size_t>& pursued;
  bool front_runners;  // networks can start (p_front > 0)
  bool cooperation;    // cooperations can start (p_cooperate > 0, on a network)
  float theta;         // the peer trust a cooperation needs

  std::uint32_t possible(std::size_t i) const {
    const auto load = [](const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); };
    const __m128i zero = _mm_setzero_si128();
    const std::uint32_t* coalition = farmers.coalition.data() + i;
    const __m128i none = _mm_set1_epi32(static_cast<int>(no_coalition));
    const __m128i free = byte_masks(_mm_cmpeq_epi32(load(coalition), none), _mm_cmpeq_epi32(load(coalition + 4), none),
                                    _mm_cmpeq_epi32(load(coalition + 8), none), _mm_cmpeq_epi32(load(coalition + 12), none));
    const __m128i can_start = _mm_andnot_si128(_mm_cmpeq_epi8(load(farmers.active.data() + i), zero), free);
    __m128i trusting = zero, innovator = zero;
    if (cooperation) {
      const float* trust = farmers.peer_trust.data() + i;
      const __m128 threshold = _mm_set1_ps(theta);
      const auto at_least = [&](std::size_t j) { return _mm_castps_si128(_mm_cmpge_ps(_mm_loadu_ps(trust + j), threshold)); };
      trusting = byte_masks(at_least(0), at_least(4), at_least(8), at_least(12));
    }
    if (front_runners)
      innovator = _mm_cmpeq_epi8(load(farmers.innovativeness.data() + i),
                                 _mm_set1_epi8(static_cast<char>(Innovativeness::innovator)));
    const __m128i interested = _mm_set1_epi8(static_cast<char>(Stage::interested));
    const __m128i planning = _mm_set1_epi8(static_cast<char>(Stage::planning));
    const __m128i adopted = _mm_set1_epi8(static_cast<char>(Stage::adopted));
    __m128i any = zero;
    for (const std::size_t p : pursued) {
      const __m128i stage = load(farmers.practice[p].stage.data() + i);
      const __m128i motivated = _mm_or_si128(_mm_cmpeq_epi8(stage, interested), _mm_cmpeq_epi8(stage, planning));
      any = _mm_or_si128(any, _mm_or_si128(_mm_and_si128(motivated, trusting),
                                           _mm_and_si128(_mm_cmpeq_epi8(stage, adopted), innovator)));
    }
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_and_si128(any, can_start)));
  }
};

}  // namespace kringloop::agents
