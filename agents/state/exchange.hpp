// Land exchange pairs (MODEL §7.4, P7) as a structure of arrays, one row per pair ever formed (rows
// are never reused, so the pair table of the output is the history). A farm may be in up to
// exchange.max_partners pairs at once; pairs that share a farm make one cluster sharing a rotation
// (001 L137–140). Plus the per-farm partner count and the candidate list from the grid kNN.
//
// Byte budget: per pair arable 4, dairy 4, formed 4, ended 4, trust 4, end reason 1 = 21 B (at
// most max_partners/2 pairs per eligible farm); per farm partners 1 + candidates 4 × k (k = 8:
// 33 B), only when the scenario has an exchange practice.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace kringloop::agents {

enum class PairEnd : std::uint8_t { running, farm_exit, trust_loss, no_gain };
inline constexpr const char* pair_end_names[] = {"running", "farm_exit", "trust_loss", "no_gain"};

struct ExchangePairs {
  std::vector<std::uint32_t> arable, dairy;
  std::vector<sim::Day> formed_day, ended_day;  // ended −1 while running
  std::vector<float> trust;                     // the pair's own trust (tie age as trust proxy, M7)
  std::vector<PairEnd> end;
  std::vector<std::uint32_t> running;           // rows of running pairs, in formation order

  std::vector<std::uint8_t> partners;           // [farmer]: running pairs the farm is in
  int candidates_per_farmer = 0;
  std::vector<std::uint32_t> candidates;        // [farmer × k]: nearest arable/dairy farms (only those rows)

  std::size_t size() const { return arable.size(); }
  const std::uint32_t* candidates_of(std::size_t farmer) const {
    return candidates.data() + farmer * static_cast<std::size_t>(candidates_per_farmer);
  }
};

// The bipartite search of build_knn_network (no rewiring) for the farms with wanted[i] != 0 only;
// the other rows are left 0. A wanted farm's row is the one build_knn_network gives it (network.cpp).
std::vector<std::uint32_t> nearest_of_other_side(const std::vector<float>& x_km, const std::vector<float>& y_km, int k,
                                                 double width_km, double height_km, const std::vector<std::uint8_t>& side,
                                                 double max_distance_km, const std::vector<std::uint8_t>& wanted);

}  // namespace kringloop::agents
