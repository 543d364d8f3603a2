#include "agents/model/stage_tally.hpp"

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

void tally_stages(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                  std::uint16_t* adopter_rows, StageTally& tally) {
  static const bool avx2 = sim::avx2_enabled();
  if (avx2) tally_stages_avx2(active, stage, begin, end, adopter_rows, tally);
  else tally_stages_scalar(active, stage, begin, end, adopter_rows, tally);
}

}  // namespace kringloop::agents
