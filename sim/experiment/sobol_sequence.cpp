#include "sim/experiment/sobol_sequence.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "sim/experiment/joe_kuo_directions.hpp"

namespace kringloop::sim::experiment {

namespace {

// Direction numbers V_{d,k} = m_k / 2^k as 32-bit fractions, extended past the degree s by the
// recurrence of Bratley & Fox (1988, ACM TOMS 14, algorithm 659) as Joe & Kuo state it:
// V_k = V_{k−s} ⊕ (V_{k−s} >> s) ⊕ ⊕_{j=1}^{s−1} a_j V_{k−j}, with a_j the bits of `a`.
void fill_directions(std::uint32_t* directions, std::size_t dimension) {
  constexpr std::size_t bits = SobolSequence::bits;
  if (dimension == 0) {  // van der Corput: V_k = 2^−k
    for (std::size_t k = 0; k < bits; ++k) directions[k] = std::uint32_t{1} << (bits - 1 - k);
    return;
  }
  const joe_kuo::DirectionRow& row = joe_kuo::rows[dimension - 1];
  const std::size_t degree = row.degree;
  for (std::size_t k = 0; k < bits; ++k) {
    if (k < degree) {
      directions[k] = row.initial[k] << (bits - 1 - k);
      continue;
    }
    std::uint32_t value = directions[k - degree] ^ (directions[k - degree] >> degree);
    for (std::size_t j = 1; j < degree; ++j) {
      if ((row.coefficients >> (degree - 1 - j)) & 1u) value ^= directions[k - j];
    }
    directions[k] = value;
  }
}

}  // namespace

static_assert(joe_kuo::rows.size() + 1 == SobolSequence::max_dimensions);

SobolSequence::SobolSequence(std::size_t dimensions)
    : dimensions_(dimensions), directions_(dimensions * bits), state_(dimensions, 0) {
  if (dimensions == 0 || dimensions > max_dimensions) {
    throw std::invalid_argument("Sobol sequence: " + std::to_string(dimensions) +
                                " dimensions requested; supported are 1 to " + std::to_string(max_dimensions));
  }
  for (std::size_t d = 0; d < dimensions; ++d) fill_directions(&directions_[d * bits], d);
}

const std::vector<std::uint32_t>& SobolSequence::next_integers() {
  if (index_ > 0) {
    // Gray-code order: point n differs from point n−1 by the direction of the lowest zero bit of n−1.
    const auto bit = static_cast<std::size_t>(std::countr_one(index_ - 1));
    if (bit >= bits) throw std::out_of_range("Sobol sequence: all 2^32 points have been used");
    for (std::size_t d = 0; d < dimensions_; ++d) state_[d] ^= directions_[d * bits + bit];
  }
  ++index_;
  return state_;
}

std::vector<double> SobolSequence::next() {
  const std::vector<std::uint32_t>& integers = next_integers();
  std::vector<double> point(integers.size());
  for (std::size_t d = 0; d < integers.size(); ++d) point[d] = to_unit(integers[d]);
  return point;
}

void SobolSequence::skip(std::uint64_t count) {
  // Jump straight to point index_ + count − 1 (the one state_ must hold): in Gray-code order point n
  // is the XOR of the directions at the set bits of gray(n) = n ⊕ (n >> 1).
  const std::uint64_t target = index_ + count;
  if (target > (std::uint64_t{1} << bits)) throw std::out_of_range("Sobol sequence: cannot skip past 2^32 points");
  std::fill(state_.begin(), state_.end(), 0u);
  if (target > 0) {
    const std::uint64_t gray = (target - 1) ^ ((target - 1) >> 1);
    for (std::size_t k = 0; k < bits; ++k) {
      if (!((gray >> k) & 1u)) continue;
      for (std::size_t d = 0; d < dimensions_; ++d) state_[d] ^= directions_[d * bits + k];
    }
  }
  index_ = target;
}

}  // namespace kringloop::sim::experiment
