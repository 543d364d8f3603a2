// batch_uniforms must give exactly RandomStream's numbers, whatever the number of agents (whole
// vectors of eight and the rest), of draws per agent (whole blocks and a half block), and whatever
// the key: the model takes draws from either and a run must not depend on which.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/random_batch.hpp"

using namespace kringloop::sim;

TEST_CASE("batched uniforms are bitwise RandomStream's", "[sim][random]") {
  RandomStream pick(2024, 0, 0, Stream::bootstrap);
  for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{42}, std::uint64_t{0x7FFFFFFFFFFFFFFFull}}) {
    for (const std::int32_t day : {0, 31, 10957, -5}) {
      for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{9},
                                      std::size_t{37}, std::size_t{256}}) {
        for (std::size_t draws = 1; draws <= 5; ++draws) {
          std::vector<std::uint32_t> agents(count);
          for (auto& agent : agents) agent = static_cast<std::uint32_t>(pick.next_u64());
          if (count > 1) agents[1] = 0xFFFFFFFFu;
          const auto stream = draws % 2 ? Stream::trust : Stream::awareness;
          const auto index = static_cast<std::uint16_t>(draws * 977);
          std::vector<double> out(count * draws, -1.0);
          batch_uniforms(seed, day, stream, index, agents.data(), count, draws, out.data());
          for (std::size_t a = 0; a < count; ++a) {
            RandomStream reference(seed, agents[a], day, stream, index);
            for (std::size_t d = 0; d < draws; ++d) {
              INFO("seed " << seed << " day " << day << " agent " << a << " of " << count << " draw " << d);
              REQUIRE(out[a * draws + d] == reference.uniform());
            }
          }
        }
      }
    }
  }
}

TEST_CASE("batched uniforms report whether they run vectorised", "[sim][random]") {
  // Informational: both paths give the same numbers (above); this machine's path is in the log.
  WARN("batch_uniforms vectorised (AVX2): " << (batch_uniforms_vectorised() ? "yes" : "no"));
  SUCCEED();
}
