// Counter-based random numbers (Philox4x32-10, Salmon et al. 2011, "Parallel random numbers: as
// easy as 1, 2, 3"). A draw is a pure function of (seed, agent, day, stream, draw index), so the
// numbers an agent sees do not depend on which thread runs it or in which order: this is what makes
// runs bitwise identical on any thread count (MODEL §3). A shared sequential generator would not.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

namespace kringloop::sim {

using Philox4x32 = std::array<std::uint32_t, 4>;

// One Philox4x32-10 block: 128 random bits from a 128-bit counter and a 64-bit key.
constexpr Philox4x32 philox4x32_10(Philox4x32 counter, std::array<std::uint32_t, 2> key) {
  constexpr std::uint32_t multiplier0 = 0xD2511F53u, multiplier1 = 0xCD9E8D57u;
  constexpr std::uint32_t weyl0 = 0x9E3779B9u, weyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t product0 = std::uint64_t{multiplier0} * counter[0];
    const std::uint64_t product1 = std::uint64_t{multiplier1} * counter[2];
    counter = {static_cast<std::uint32_t>(product1 >> 32) ^ counter[1] ^ key[0], static_cast<std::uint32_t>(product1),
               static_cast<std::uint32_t>(product0 >> 32) ^ counter[3] ^ key[1], static_cast<std::uint32_t>(product0)};
    key = {key[0] + weyl0, key[1] + weyl1};
  }
  return counter;
}

// Purposes of random draws. Each purpose is its own stream, so adding draws for one purpose never
// shifts the numbers of another (a new model rule does not reshuffle the population).
enum class Stream : std::uint32_t {
  population = 1, network = 2, awareness = 3, decision = 4, lead_time = 5, dropout = 6, lease = 7,
  election = 8, trust = 9, succession = 10, chain = 11, coalition = 12, knowledge = 13, exchange = 14,
  experiment = 15, bootstrap = 16,
};

// The numbers of one (seed, agent, day, stream): draw i is block i/2 of Philox, half i%2.
class RandomStream {
 public:
  // `index` separates streams of one purpose, e.g. one per practice or per scheme.
  RandomStream(std::uint64_t seed, std::uint32_t agent, std::int32_t day, Stream stream, std::uint16_t index = 0)
      : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
        agent_(agent), day_(static_cast<std::uint32_t>(day)),
        stream_((static_cast<std::uint32_t>(stream) << 16) | index) {}

  std::uint64_t next_u64() {
    if (half_ == 0) block_ = philox4x32_10({block_index_++, stream_, day_, agent_}, key_);
    const std::uint64_t value = (std::uint64_t{block_[2 * half_]} << 32) | block_[2 * half_ + 1];
    half_ ^= 1u;
    return value;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  bool bernoulli(double probability) { return uniform() < probability; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Uniform integer in [0, bound) without modulo bias (Lemire 2019).
  std::uint32_t below(std::uint32_t bound) {
    std::uint64_t product = (next_u64() >> 32) * bound;
    auto low = static_cast<std::uint32_t>(product);
    if (low < bound) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-bound) % bound;
      while (low < threshold) {
        product = (next_u64() >> 32) * bound;
        low = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }

  // Standard normal by Box-Muller; uses two uniforms per value (the second is discarded, which
  // keeps the number of draws per call fixed and the streams easy to reason about).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

 private:
  std::array<std::uint32_t, 2> key_;
  std::uint32_t agent_, day_, stream_;
  std::uint32_t block_index_ = 0;
  std::uint32_t half_ = 0;
  Philox4x32 block_{};
};

// Seed of run `replication` at design point `point` of a sweep with root seed `root`: a hash, so
// neighbouring runs get unrelated seeds, and any run can be repeated alone with `kringloop run`.
inline std::uint64_t derive_seed(std::uint64_t root, std::uint64_t point, std::uint64_t replication) {
  const Philox4x32 bits = philox4x32_10(
      {static_cast<std::uint32_t>(point), static_cast<std::uint32_t>(point >> 32),
       static_cast<std::uint32_t>(replication), 0x5EEDu},
      {static_cast<std::uint32_t>(root), static_cast<std::uint32_t>(root >> 32)});
  return ((std::uint64_t{bits[0]} << 32) | bits[1]) & 0x7FFFFFFFFFFFFFFFull;  // fits a signed int64 too
}

}  // namespace kringloop::sim
