// The recorder's stage tally (stage_tally.hpp) in its two implementations gives the same counts and
// adopter list: the AVX2 one, thirty-two farmers at a time, against the reference, one farmer at a
// time; and the reference is what it says, against counting by hand. Checked on every block length
// from 0 to 70 and a whole block, starting anywhere, with every stage and exited farms, and on a
// block long enough that the byte-lane counts must be added up before they overflow.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "agents/model/stage_tally.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

using namespace kringloop;

namespace {

struct Tallied {
  agents::StageTally tally;
  std::vector<std::uint16_t> adopters;
};

Tallied tally_with(agents::StageTallyFunction tally_stages, const std::vector<std::uint8_t>& active,
                   const std::vector<agents::Stage>& stage, std::size_t begin, std::size_t end) {
  std::vector<std::uint16_t> rows(end - begin + 8, 0xDEADu);
  Tallied out;
  tally_stages(active.data(), stage.data(), begin, end, rows.data(), out.tally);
  out.adopters.assign(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(out.tally.adopters));
  return out;
}

}  // namespace

SCENARIO("The AVX2 stage tally is the reference's, and the reference counts the active farms' stages",
         "[agents][speed]") {
  // Without AVX2 the vector path cannot run here (illegal instruction): the reference is then
  // compared with itself, and its own check below still runs.
  const bool avx2 = agents::tally_stages_avx2_available();
  if (!avx2) WARN("no AVX2 on this processor: only the reference is run");
  const auto fastest = avx2 ? agents::tally_stages_avx2 : agents::tally_stages_scalar;
  // Longer than 255 rounds of 32 farmers: the byte lanes are added up before they overflow.
  const std::size_t n = 255 * 32 + 300;
  std::vector<agents::Stage> stage(n);
  std::vector<std::uint8_t> active(n);
  sim::RandomStream random(9, 0, 0, sim::Stream::population);
  for (std::size_t i = 0; i < n; ++i) {
    stage[i] = static_cast<agents::Stage>(random.uniform() * agents::stage_count);
    active[i] = random.uniform() < 0.8 ? static_cast<std::uint8_t>(1 + random.uniform() * 3) : 0;
  }
  // A stretch where every farm is an active adopter: one stage's byte lanes count up on every round.
  for (std::size_t i = 300; i < 300 + 255 * 32; ++i) stage[i] = agents::Stage::adopted, active[i] = 1;
  std::vector<std::pair<std::size_t, std::size_t>> blocks{{0, sim::agents_per_block}, {77, 77 + sim::agents_per_block}, {0, n}};
  for (std::size_t length = 0; length <= 70; ++length) blocks.emplace_back(13 + length, 13 + 2 * length);
  for (const auto& [begin, end] : blocks) {
    INFO("farmers " << begin << " to " << end);
    const Tallied fast = tally_with(fastest, active, stage, begin, end);
    const Tallied reference = tally_with(agents::tally_stages_scalar, active, stage, begin, end);
    REQUIRE(fast.tally.stages == reference.tally.stages);
    REQUIRE(fast.adopters == reference.adopters);
    // The reference by hand: active farms by stage; the active adopters' offsets in farmer order.
    std::array<std::int64_t, agents::stage_count> counts{};
    std::vector<std::uint16_t> adopters;
    for (std::size_t i = begin; i < end; ++i) {
      if (!active[i]) continue;
      ++counts[static_cast<std::size_t>(stage[i])];
      if (stage[i] == agents::Stage::adopted) adopters.push_back(static_cast<std::uint16_t>(i - begin));
    }
    CHECK(reference.tally.stages == counts);
    CHECK(reference.adopters == adopters);
  }
}

SCENARIO("The AVX2 count of set bits is the reference's, and the reference counts by hand", "[agents][speed]") {
  const bool avx2 = agents::tally_stages_avx2_available();
  if (!avx2) WARN("no AVX2 on this processor: only the reference is run");
  const auto fastest = avx2 ? agents::count_set_bits_avx2 : agents::count_set_bits_scalar;
  // Longer than 255 rounds of 32 bytes, with a stretch of all-ones bytes: every byte lane counts up
  // on every round, and must be added up before it wraps.
  const std::size_t n = 255 * 32 * 2 + 77;
  std::vector<std::uint8_t> bytes(n);
  sim::RandomStream random(21, 0, 0, sim::Stream::population);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(random.below(256));
  std::fill(bytes.begin() + 100, bytes.begin() + 100 + 255 * 32, std::uint8_t{0xFF});
  std::vector<std::pair<std::size_t, std::size_t>> ranges{{0, n}, {5, 5 + 2048}};
  for (std::size_t length = 0; length <= 70; ++length) ranges.emplace_back(3 + length, 3 + 2 * length);
  for (const auto& [begin, end] : ranges) {
    INFO("bytes " << begin << " to " << end);
    std::array<std::int64_t, 8> by_hand{};
    for (std::size_t i = begin; i < end; ++i)
      for (unsigned b = 0; b < 8; ++b) by_hand[b] += (bytes[i] >> b) & 1u;
    CHECK(agents::count_set_bits_scalar(bytes.data() + begin, end - begin) == by_hand);
    CHECK(fastest(bytes.data() + begin, end - begin) == by_hand);
  }
}
