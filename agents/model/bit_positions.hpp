// Entry m: the positions (0–7) of the set bits of m, in increasing order, one byte each. The vector
// list builders (review_lists_avx2.cpp, stage_tally_avx2.cpp) turn eight bits of a compare at a time
// into list entries with it: the positions widened, the first farmer's number added, stored at once.
#pragma once
#include <array>
#include <cstdint>

namespace kringloop::agents {

inline constexpr std::array<std::uint64_t, 256> bit_positions = [] {
  std::array<std::uint64_t, 256> table{};
  for (unsigned m = 0; m < 256; ++m) {
    unsigned n = 0;
    for (unsigned bit = 0; bit < 8; ++bit)
      if (m & (1u << bit)) table[m] |= std::uint64_t{bit} << (8 * n++);
  }
  return table;
}();

}  // namespace kringloop::agents
