#include <catch2/catch.hpp>

#include <cstring>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "sim/parallel.hpp"

using namespace kringloop::sim;

namespace {
struct Message {
  std::uint32_t sender, sequence;
  double value;
  std::pair<std::uint32_t, std::uint32_t> order_key() const { return {sender, sequence}; }
};

std::vector<Message> emit_in_parallel(int threads, std::size_t senders) {
  oneapi::tbb::task_arena arena(threads);
  Outbox<Message> outbox;
  arena.execute([&] {
    parallel_blocks(senders, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i)
        for (std::uint32_t s = 0; s < i % 3; ++s) outbox.emit({static_cast<std::uint32_t>(i), s, i * 0.5 + s});
    });
  });
  return outbox.drain();
}
}  // namespace

TEST_CASE("outbox messages come out in key order whatever the thread count", "[sim][parallel][determinism]") {
  const auto threads = GENERATE(1, 2, 4);
  const auto messages = emit_in_parallel(threads, 20000);
  REQUIRE(messages.size() == 19999);  // sum of i % 3 over 0..19999
  for (std::size_t m = 1; m < messages.size(); ++m) REQUIRE(messages[m - 1].order_key() < messages[m].order_key());
  CHECK(messages.front().sender == 1);
  CHECK(messages.back().sender == 19999);
}

TEST_CASE("deterministic_sum is bitwise identical on 1, 2 and 4 threads", "[sim][parallel][determinism]") {
  // Values spanning many magnitudes make floating-point addition order visible: a reduction that
  // regrouped by thread count would differ in the last bits.
  auto value = [](std::size_t i) { return std::pow(1.0001, static_cast<double>(i % 9973)) * (i % 2 ? 1e-8 : 1e8); };
  const std::size_t n = 300000;
  std::vector<double> sums;
  for (int threads : {1, 2, 4}) {
    oneapi::tbb::task_arena arena(threads);
    sums.push_back(arena.execute([&] { return deterministic_sum(n, value); }));
  }
  CHECK(std::memcmp(&sums[0], &sums[1], sizeof(double)) == 0);
  CHECK(std::memcmp(&sums[0], &sums[2], sizeof(double)) == 0);
  double serial = 0;  // same grouping done by hand
  for (std::size_t b = 0; b < n; b += agents_per_block) {
    double block = 0;
    for (std::size_t i = b; i < std::min(n, b + agents_per_block); ++i) block += value(i);
    serial += block;
  }
  CHECK(std::memcmp(&sums[0], &serial, sizeof(double)) == 0);
}

TEST_CASE("parallel_blocks covers every index exactly once", "[sim][parallel]") {
  for (std::size_t n : {0ul, 1ul, agents_per_block, agents_per_block + 1, 10 * agents_per_block + 17}) {
    std::vector<int> visits(n, 0);
    parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) ++visits[i];
    });
    CHECK(std::count(visits.begin(), visits.end(), 1) == static_cast<std::ptrdiff_t>(n));
  }
}
