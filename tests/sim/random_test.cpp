#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "sim/random.hpp"

using namespace kringloop::sim;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors", "[sim][random]") {
  // Random123 tests/kat_vectors: counter (4 words), key (2 words) -> output (4 words).
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) == Philox4x32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        Philox4x32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        Philox4x32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("random streams are pure functions of their key", "[sim][random]") {
  RandomStream a(42, 7, 100, Stream::awareness), b(42, 7, 100, Stream::awareness);
  for (int i = 0; i < 10; ++i) CHECK(a.next_u64() == b.next_u64());

  SECTION("every part of the key changes the numbers") {
    const std::uint64_t reference = RandomStream(42, 7, 100, Stream::awareness).next_u64();
    CHECK(RandomStream(43, 7, 100, Stream::awareness).next_u64() != reference);
    CHECK(RandomStream(42, 8, 100, Stream::awareness).next_u64() != reference);
    CHECK(RandomStream(42, 7, 101, Stream::awareness).next_u64() != reference);
    CHECK(RandomStream(42, 7, 100, Stream::decision).next_u64() != reference);
    CHECK(RandomStream(42, 7, 100, Stream::awareness, 1).next_u64() != reference);
  }
  SECTION("successive draws differ (no repeated block)") {
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(a.next_u64());
    CHECK(seen.size() == 1000);
  }
}

TEST_CASE("uniform draws have the right moments", "[sim][random]") {
  // 200,000 draws: the standard error of the mean of U(0,1) is 0.289/sqrt(n) = 0.00065, so 0.003
  // is more than 4 standard errors; a biased or truncated conversion would miss it by far more.
  RandomStream random(1, 0, 0, Stream::experiment);
  const int n = 200000;
  double sum = 0, sum_squares = 0, low = 1, high = 0;
  for (int i = 0; i < n; ++i) {
    const double u = random.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u, sum_squares += u * u, low = std::min(low, u), high = std::max(high, u);
  }
  CHECK(sum / n == Approx(0.5).margin(0.003));
  CHECK(sum_squares / n - (sum / n) * (sum / n) == Approx(1.0 / 12).margin(0.002));
  CHECK(low < 1e-4);
  CHECK(high > 1 - 1e-4);
}

TEST_CASE("bounded integers and normals are unbiased", "[sim][random]") {
  RandomStream random(9, 3, 0, Stream::experiment);
  std::array<int, 7> counts{};
  const int n = 70000;
  for (int i = 0; i < n; ++i) ++counts[random.below(7)];
  for (int c : counts) CHECK(c == Approx(n / 7.0).margin(5 * std::sqrt(n / 7.0)));  // 5 sigma of a binomial count

  double sum = 0, sum_squares = 0;
  for (int i = 0; i < n; ++i) {
    const double z = random.normal();
    sum += z, sum_squares += z * z;
  }
  CHECK(sum / n == Approx(0.0).margin(0.02));          // se = 1/sqrt(70000) = 0.0038
  CHECK(sum_squares / n == Approx(1.0).margin(0.03));  // se of the second moment = sqrt(2/n) = 0.0053
}

TEST_CASE("derived seeds are distinct and reproducible", "[sim][random]") {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t point = 0; point < 100; ++point)
    for (std::uint64_t replication = 0; replication < 10; ++replication) seeds.insert(derive_seed(5, point, replication));
  CHECK(seeds.size() == 1000);
  CHECK(derive_seed(5, 3, 4) == derive_seed(5, 3, 4));
  CHECK(derive_seed(5, 3, 4) != derive_seed(6, 3, 4));
  CHECK(derive_seed(5, 3, 4) < (1ull << 63));
}
