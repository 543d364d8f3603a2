// Cross-farmer effects of the parallel farmer review, sent through sim::Outbox and applied after
// the batch in key order (MODEL §3), and per-block partial sums for money: both make the result
// independent of the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/parallel.hpp"
#include "sim/time.hpp"

namespace kringloop::agents {

// An application to a scheme's budget. All of one month's applications carry the same day, so
// the key orders them by farmer id: first come, first served, resolved deterministically.
struct ApplicationMessage {
  std::uint32_t farmer;
  std::uint8_t scheme;
  sim::Day decision_day;
  std::uint8_t parts = 0;  // the contract: land parts, investment, grant and yearly payment applied for
  float investment_eur = 0, grant_eur = 0, annual_eur = 0;
  bool priority = false;   // a decision-oriented coalition member applying to its director's scheme
  std::uint64_t order_key() const { return (std::uint64_t{farmer} << 8) | scheme; }
};

// Land handed back to a landlord (lease not renewed, farm exit), or owned land of an exiting farm
// offered for sale to a neighbour (scale enlargement).
struct ParcelMessage {
  std::uint32_t farmer;
  std::uint8_t part;      // lease slot, or lease_slots for owned land
  std::uint8_t landlord;
  double area_ha;
  bool for_sale = false;
  std::uint64_t order_key() const { return (std::uint64_t{farmer} << 8) | part; }
};

// Partial sums per fixed block of farmers and per column (e.g. scheme), totalled in block order:
// the same grouping of floating-point additions on any thread count (as sim::deterministic_sum).
class BlockSums {
 public:
  BlockSums(std::size_t farmers, std::size_t columns)
      : columns_(columns), values_(((farmers + sim::agents_per_block - 1) / sim::agents_per_block) * columns, 0.0) {}
  // Only the task that owns the block of `farmer` may call this.
  void add(std::size_t farmer, std::size_t column, double value) {
    values_[(farmer / sim::agents_per_block) * columns_ + column] += value;
  }
  double total(std::size_t column) const {
    double sum = 0;
    for (std::size_t b = 0; b * columns_ < values_.size(); ++b) sum += values_[b * columns_ + column];
    return sum;
  }

 private:
  std::size_t columns_;
  std::vector<double> values_;
};

}  // namespace kringloop::agents
