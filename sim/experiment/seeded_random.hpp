// Seeded random numbers for building designs and bootstrapping indices. Serial code, so one
// std::mt19937_64 per task; its output sequence is fixed by the C++ standard, and the conversions
// below are our own (the standard leaves uniform_real_distribution and shuffle to the library), so a
// design is the same on every platform and compiler for one seed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace kringloop::sim::experiment {

// What the numbers are for. Each purpose seeds its own generator, so one sweep seed used for, say,
// an LHS design and its bootstrap does not reuse the same numbers for both.
enum class RandomPurpose : std::uint32_t { latin_hypercube = 1, sobol_shift = 2, morris = 3, bootstrap = 4, noise_bootstrap = 5 };

class SeededRandom {
 public:
  SeededRandom(std::uint64_t seed, RandomPurpose purpose) {
    // seed_seq mixes all 64 seed bits and the purpose (its algorithm is fixed by the standard too).
    std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                           static_cast<std::uint32_t>(purpose)};
    engine_.seed(sequence);
  }

  std::uint64_t next_u64() { return engine_(); }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound), bound ≥ 1, without modulo bias (rejection of the short last cycle).
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    for (;;) {
      const std::uint64_t value = engine_();
      if (value >= threshold) return value % bound;
    }
  }

  // A uniformly random permutation of 0 … count−1 (Fisher-Yates, Knuth's algorithm P).
  std::vector<std::size_t> permutation(std::size_t count) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = count; i > 1; --i) std::swap(order[i - 1], order[below(i)]);
    return order;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace kringloop::sim::experiment
