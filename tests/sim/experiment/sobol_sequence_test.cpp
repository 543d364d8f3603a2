#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "sim/experiment/joe_kuo_directions.hpp"
#include "sim/experiment/sobol_sequence.hpp"

using namespace kringloop::sim::experiment;

// Published values are dyadic rationals (k / 2^m), exact in double: compare with ==.

TEST_CASE("sobol sequence: the first points match the published Joe-Kuo sequence", "[sim][experiment]") {
  // Gray-code order with the origin first, as printed by Joe & Kuo's sobol.cc and by SciPy's
  // qmc.Sobol(d, scramble=False) and SALib's sobol_sequence.sample (SALib test_sobol_sequence).
  const std::vector<std::vector<double>> expected{
      {0, 0, 0},           {0.5, 0.5, 0.5},       {0.75, 0.25, 0.25},   {0.25, 0.75, 0.75},
      {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375},
      {0.1875, 0.3125, 0.9375}, {0.6875, 0.8125, 0.4375},
  };
  SobolSequence sequence(3);
  for (const auto& point : expected) CHECK(sequence.next() == point);
}

TEST_CASE("sobol sequence: dimensions 1-2 continue as published", "[sim][experiment]") {
  const std::vector<std::pair<double, double>> expected{
      {0.1875, 0.3125}, {0.6875, 0.8125}, {0.9375, 0.0625}, {0.4375, 0.5625}, {0.3125, 0.1875},
      {0.8125, 0.6875}, {0.5625, 0.4375}, {0.0625, 0.9375}, {0.09375, 0.46875}, {0.59375, 0.96875},
  };
  SobolSequence sequence(2);
  sequence.skip(8);
  for (const auto& [first, second] : expected) CHECK(sequence.next() == std::vector<double>{first, second});
}

TEST_CASE("sobol sequence: point 4 in 5 dimensions matches the published value", "[sim][experiment]") {
  SobolSequence sequence(5);
  sequence.skip(4);
  CHECK(sequence.index() == 4);
  CHECK(sequence.next() == std::vector<double>{0.375, 0.375, 0.625, 0.875, 0.375});
}

TEST_CASE("sobol sequence: skip(n) lands where n calls to next() do", "[sim][experiment]") {
  SobolSequence stepped(SobolSequence::max_dimensions), jumped(SobolSequence::max_dimensions);
  for (int i = 0; i < 1000; ++i) stepped.next();
  jumped.skip(600);
  jumped.skip(400);
  CHECK(jumped.next() == stepped.next());
  CHECK(jumped.index() == 1001);
}

TEST_CASE("sobol sequence: every dimension of the first 2^m points hits each 1/2^m cell once",
          "[sim][experiment]") {
  // A (0, m, 1)-net in every coordinate: true of any correct direction numbers (odd m_k), so this
  // checks all 64 dimensions and the recurrence beyond each row's degree.
  constexpr std::size_t m = 12, count = std::size_t{1} << m;
  SobolSequence sequence(SobolSequence::max_dimensions);
  std::vector<std::set<std::uint32_t>> cells(SobolSequence::max_dimensions);
  for (std::size_t n = 0; n < count; ++n) {
    const auto& integers = sequence.next_integers();
    for (std::size_t d = 0; d < integers.size(); ++d) cells[d].insert(integers[d] >> (32 - m));
  }
  for (std::size_t d = 0; d < cells.size(); ++d) {
    INFO("dimension " << d + 1);
    CHECK(cells[d].size() == count);
  }
}

TEST_CASE("sobol sequence: dimensions 1-2 form a (0, m, 2)-net", "[sim][experiment]") {
  // For the first two dimensions every elementary box 2^−a × 2^−(m−a) holds exactly one of the first
  // 2^m points (Sobol' 1967): the strongest 2-d uniformity a base-2 sequence can have.
  constexpr std::size_t m = 8, count = std::size_t{1} << m;
  SobolSequence sequence(2);
  std::vector<std::vector<std::uint32_t>> points;
  for (std::size_t n = 0; n < count; ++n) points.push_back(sequence.next_integers());
  for (std::size_t a = 0; a <= m; ++a) {
    std::set<std::pair<std::uint32_t, std::uint32_t>> boxes;
    for (const auto& p : points) {
      const std::uint32_t row = a == 0 ? 0 : p[0] >> (32 - a);
      const std::uint32_t column = a == m ? 0 : p[1] >> (32 - (m - a));
      boxes.insert({row, column});
    }
    CHECK(boxes.size() == count);
  }
}

TEST_CASE("sobol sequence: the direction table obeys the rules of its construction", "[sim][experiment]") {
  std::set<std::pair<std::uint32_t, std::uint32_t>> polynomials;
  std::uint32_t previous_degree = 1;
  for (std::size_t r = 0; r < joe_kuo::rows.size(); ++r) {
    const auto& row = joe_kuo::rows[r];
    INFO("dimension " << r + 2);
    CHECK(row.degree >= previous_degree);  // rows are sorted by polynomial degree
    previous_degree = row.degree;
    CHECK(row.coefficients < (1u << (row.degree - 1)));  // a holds the s − 1 inner coefficients
    CHECK(polynomials.insert({row.degree, row.coefficients}).second);  // one polynomial per dimension
    for (std::uint32_t k = 1; k <= row.initial.size(); ++k) {
      const std::uint32_t value = row.initial[k - 1];
      if (k <= row.degree) {
        CHECK(value % 2 == 1);        // m_k odd
        CHECK(value < (1u << k));     // m_k < 2^k
      } else {
        CHECK(value == 0);
      }
    }
  }
}

TEST_CASE("sobol sequence: unsupported dimension counts throw", "[sim][experiment]") {
  CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolSequence(SobolSequence::max_dimensions + 1), std::invalid_argument);
}
