// make_sobol: the Saltelli (2002, 2010) sampling scheme on a Sobol' sequence.
#include <stdexcept>
#include <string>

#include "sim/experiment/design.hpp"
#include "sim/experiment/factor_checks.hpp"
#include "sim/experiment/seeded_random.hpp"
#include "sim/experiment/sobol_sequence.hpp"

namespace kringloop::sim::experiment {

Design make_sobol(const std::vector<Factor>& factors, std::size_t base_samples, std::uint64_t seed,
                  SobolScramble scramble) {
  constexpr std::string_view design_name = "sobol";
  detail::check_factors(factors, design_name);
  detail::require_ranges(factors, design_name);
  const std::size_t factor_count = factors.size();
  if (2 * factor_count > SobolSequence::max_dimensions) {
    throw std::invalid_argument("sobol design: " + std::to_string(factor_count) + " factors; at most " +
                                std::to_string(SobolSequence::max_dimensions / 2) +
                                " are supported (the Sobol' sequence here carries " +
                                std::to_string(SobolSequence::max_dimensions) + " dimensions, 2 per factor)");
  }
  detail::require_at_least(base_samples, 2, "the base sample count N", design_name);
  const SaltelliRows rows{factor_count};
  const std::size_t count = detail::checked_point_count(base_samples, rows.block(), design_name);

  // One shift word per dimension, drawn whether or not it is used, so `none` and `digital_shift`
  // differ only in the XOR.
  const std::size_t dimensions = 2 * factor_count;
  std::vector<std::uint32_t> shift(dimensions, 0);
  SeededRandom random(seed, RandomPurpose::sobol_shift);
  for (std::uint32_t& word : shift) {
    const auto drawn = static_cast<std::uint32_t>(random.next_u64() >> 32);
    if (scramble == SobolScramble::digital_shift) word = drawn;
  }

  Design design;
  design.kind = DesignKind::sobol;
  design.names = detail::names_of(factors);
  design.base_samples = base_samples;
  design.points.assign(count, std::vector<double>(factor_count));

  SobolSequence sequence(dimensions);
  sequence.skip(1);  // the origin; see design.hpp
  for (std::size_t j = 0; j < base_samples; ++j) {
    const std::vector<std::uint32_t>& integers = sequence.next_integers();
    std::vector<double> a(factor_count), b(factor_count);
    for (std::size_t i = 0; i < factor_count; ++i) {
      a[i] = detail::at_fraction(factors[i], SobolSequence::to_unit(integers[i] ^ shift[i]));
      b[i] = detail::at_fraction(factors[i], SobolSequence::to_unit(integers[factor_count + i] ^ shift[factor_count + i]));
    }
    design.points[rows.a(j)] = a;
    for (std::size_t i = 0; i < factor_count; ++i) {
      std::vector<double>& ab = design.points[rows.ab(j, i)];
      ab = a;
      ab[i] = b[i];
    }
    design.points[rows.b(j)] = std::move(b);
  }
  return design;
}

}  // namespace kringloop::sim::experiment
