#include "agents/model/stage_tally.hpp"

#include <algorithm>
#include <cstring>

#include "sim/cpu_features.hpp"

namespace kringloop::agents {

// Exits and stages are scattered at random: every farmer adds its activity (0 or 1) to its stage's
// count and is written to the adopter list, which counts it only when it is an active adopter. Four
// interleaved histograms: one would make every farmer wait for the previous one's increment of the
// same count (most farmers share a few stages).
void tally_stages_rest(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t from,
                       std::size_t end, std::uint16_t* adopter_rows, StageTally& tally) {
  std::array<std::array<std::int64_t, stage_count>, 4> histograms{};
  for (std::size_t i = from; i < end; ++i) {
    const std::int64_t on = active[i] != 0;
    histograms[i & 3u][static_cast<std::size_t>(stage[i])] += on;
    adopter_rows[tally.adopters] = static_cast<std::uint16_t>(i - begin);
    tally.adopters += static_cast<std::size_t>(on & std::int64_t{stage[i] == Stage::adopted});
  }
  for (const auto& histogram : histograms)
    for (std::size_t s = 0; s < stage_count; ++s) tally.stages[s] += histogram[s];
}

void tally_stages_scalar(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                         std::uint16_t* adopter_rows, StageTally& tally) {
  tally_stages_rest(active, stage, begin, begin, end, adopter_rows, tally);
}

// How many of the bytes have each bit set, eight bytes at a time: bit s of each byte is added in
// byte lanes of its own word (at most 255 words at a time, so no lane overflows). For the funnel:
// bit s of `reached` is stage s ever reached; a histogram of the 256 bit sets made every farmer
// wait for the previous one's increment of the same count (most farmers have the same set).
std::array<std::int64_t, 8> count_set_bits_scalar(const std::uint8_t* bytes, std::size_t count) {
  constexpr std::uint64_t lane_ones = 0x0101010101010101u;
  std::array<std::int64_t, 8> set{};
  std::size_t i = 0;
  while (count - i >= 8) {
    const std::size_t words = std::min<std::size_t>((count - i) / 8, 255);
    std::array<std::uint64_t, 8> lanes{};
    for (std::size_t w = 0; w < words; ++w, i += 8) {
      std::uint64_t x;
      std::memcpy(&x, bytes + i, sizeof x);
      for (std::size_t b = 0; b < 8; ++b) lanes[b] += (x >> b) & lane_ones;
    }
    for (std::size_t b = 0; b < 8; ++b) {
      const std::uint64_t pairs = (lanes[b] & 0x00FF00FF00FF00FFu) + ((lanes[b] >> 8) & 0x00FF00FF00FF00FFu);
      set[b] += static_cast<std::int64_t>((pairs * 0x0001000100010001u) >> 48);
    }
  }
  for (; i < count; ++i)
    for (std::size_t b = 0; b < 8; ++b) set[b] += (bytes[i] >> b) & 1u;
  return set;
}

void tally_stages(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                  std::uint16_t* adopter_rows, StageTally& tally) {
  static const bool avx2 = sim::avx2_enabled();
  if (avx2) tally_stages_avx2(active, stage, begin, end, adopter_rows, tally);
  else tally_stages_scalar(active, stage, begin, end, adopter_rows, tally);
}

std::array<std::int64_t, 8> count_set_bits(const std::uint8_t* bytes, std::size_t count) {
  static const bool avx2 = sim::avx2_enabled();
  return avx2 ? count_set_bits_avx2(bytes, count) : count_set_bits_scalar(bytes, count);
}

}  // namespace kringloop::agents
