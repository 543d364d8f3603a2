// Sobol' low-discrepancy sequence (Sobol' 1967) with the direction numbers of Joe & Kuo (2008,
// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30,
// table "new-joe-kuo-6.21201"), generated in Gray-code order (Antonov & Saleev 1979), so point n
// costs one XOR per dimension. This is the same sequence as SALib's `sobol_sequence` and SciPy's
// unscrambled `qmc.Sobol`: point 0 is the origin, then (0.5, 0.5, …), (0.75, 0.25, …), …
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kringloop::sim::experiment {

class SobolSequence {
 public:
  // Dimension 1 is van der Corput in base 2; dimensions 2 … max_dimensions use the Joe-Kuo table.
  static constexpr std::size_t max_dimensions = 64;
  // 32-bit direction numbers: the sequence has 2^32 distinct points and 32 bits of resolution.
  static constexpr std::size_t bits = 32;

  // Throws std::invalid_argument when `dimensions` is 0 or above max_dimensions.
  explicit SobolSequence(std::size_t dimensions);

  std::size_t dimensions() const { return dimensions_; }
  // Index of the point that next() returns (0 is the origin).
  std::uint64_t index() const { return index_; }

  // The next point in [0, 1)^dimensions, as 32-bit integers (value = integer / 2^32). Integers let
  // a caller apply a digital shift (an XOR, which keeps the net structure) before converting.
  const std::vector<std::uint32_t>& next_integers();
  // The next point in [0, 1)^dimensions.
  std::vector<double> next();
  // Advances past `count` points without returning them.
  void skip(std::uint64_t count);

  static double to_unit(std::uint32_t integer) { return static_cast<double>(integer) * 0x1.0p-32; }

 private:
  std::size_t dimensions_;
  std::vector<std::uint32_t> directions_;  // dimensions × bits, row-major: V_{d,k} scaled to 2^32
  std::vector<std::uint32_t> state_;       // the current point's integers
  std::uint64_t index_ = 0;                // index of the point next() returns; state_ holds index_ − 1
};

}  // namespace kringloop::sim::experiment
