// The monthly trust update of a run of active farmers (gossip, drift, enforcement; trust.hpp has
// the rules), in two implementations that give bitwise the same trust and contacts: one
// institution at a time (the reference, and the path without AVX2), and four institutions side by
// side in the lanes of AVX2 registers (issue 16: the trust pass was the largest single cost of the
// full model). trust.cpp chooses; tests/agents/trust_rows_test.cpp holds them to each other.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// What the update of one month needs, per institution padded with zeros to a multiple of four
// (the AVX2 kernel reads four at a time; a padded institution has no hit, penalty or region).
struct TrustMonthRule {
  sim::Day day = 0;
  sim::Day memory_days = 0;  // drift acts after this many days without contact
  double gossip = 0;         // g per month
  double drift = 0;          // 1 − exp(−δ Δt)
  std::size_t institutions = 0;
  std::size_t draws = 0;                 // enforcement draws per farmer (institutions 0..draws−1)
  std::vector<double> initial{};         // initial trust mean (drift target)
  std::vector<double> hit{};             // P(enforcement event this month)
  std::vector<double> penalty{};         // trust lost in one
  std::vector<RegionMask> regions{};     // where the institution enforces
  std::vector<double> population_mean{}; // the neighbourhood mean of every farmer when well mixed
};

TrustMonthRule make_trust_month_rule(const Scenario& scenario, const Farmers& farmers, sim::Day day, sim::Day month_days);

// Updates the farmers active[first..last) (rows of the list active[0..count): the ones further on
// are prefetched); uniforms holds the draws of active[first..last), `rule.draws` per farmer.
using TrustRowsFunction = void (*)(const TrustMonthRule& rule, Farmers& farmers, const std::uint32_t* active,
                                   std::size_t first, std::size_t last, std::size_t count, const double* uniforms);
void update_trust_rows_scalar(const TrustMonthRule& rule, Farmers& farmers, const std::uint32_t* active,
                              std::size_t first, std::size_t last, std::size_t count, const double* uniforms);
void update_trust_rows_avx2(const TrustMonthRule& rule, Farmers& farmers, const std::uint32_t* active,
                            std::size_t first, std::size_t last, std::size_t count, const double* uniforms);
bool trust_rows_avx2_available();

// The neighbours' rows are scattered over memory, and the trust update between two farmers is
// long enough that the processor does not run ahead to the next farmer's reads by itself: asking
// now for the rows of the farmer `trust_prefetch_distance` places ahead overlaps those cache
// misses with this farmer's work. A prefetch is only a hint and changes no result.
constexpr std::size_t trust_prefetch_distance = 8;
// Rows that all fit in this many bytes stay in the core's own cache from one farmer to the next
// (a default run's 3,000 farms: 48 KB): there are no misses to overlap, and the fixed-shape kernel
// leaves the prefetches out (a quarter of its instructions in a default run: 87.9 M → 64.2 M,
// callgrind; issue 16).
constexpr std::size_t trust_prefetch_min_bytes = 256 * 1024;

inline void prefetch_trust_neighbours(const Farmers& farmers, std::size_t i) {
  const std::uint32_t* neighbours = farmers.neighbours_of(i);
  for (int m = 0; m < farmers.neighbours_per_farmer; ++m) __builtin_prefetch(farmers.trust_seen_of(neighbours[m]));
}

}  // namespace kringloop::agents
