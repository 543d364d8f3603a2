// Non-negative integer options (--samples, --seed, --replications, --bootstrap, ...).
//
// Program_options reads `std::uint64_t` through lexical_cast, which takes "-1" as 2^64 − 1: `--seed
// -1` became seed 18446744073709551615 and `--samples -1` a request for 2^64 points. Declaring such
// an option as `po::value<Count>()` makes "-1", "1e9", "12abc" and values beyond 2^64 − 1 a command
// line error naming the option, before anything is allocated. Ranges beyond "non-negative" (at
// least 1, at most a limit) are checked where the value is used.
#pragma once
#include <boost/any.hpp>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace kringloop::sim::cli {

struct Count {
  std::uint64_t value = 0;
  Count() = default;
  Count(std::uint64_t v) : value(v) {}  // NOLINT: implicit, so defaults read naturally
  operator std::uint64_t() const { return value; }
};

// Found by Program_options through argument-dependent lookup on `Count*`.
inline void validate(boost::any& result, const std::vector<std::string>& texts, Count*, int) {
  namespace po = boost::program_options;
  po::validators::check_first_occurrence(result);
  const std::string& text = po::validators::get_single_string(texts);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    throw po::invalid_option_value(text);  // "the argument ('-1') for option '--seed' is invalid"
  result = Count{value};
}

}  // namespace kringloop::sim::cli
