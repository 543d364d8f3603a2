// Strict parsing of scenario values: the whole text must be the value ("12abc" is not 12).
#pragma once
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kringloop::sim::config {

inline std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

inline std::optional<std::int64_t> parse_integer(std::string_view text) {
  const std::string value = trim(text);
  std::int64_t result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc{} || end != value.data() + value.size() || value.empty()) return std::nullopt;
  return result;
}

inline std::optional<double> parse_real(std::string_view text) {
  const std::string value = trim(text);
  double result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc{} || end != value.data() + value.size() || value.empty()) return std::nullopt;
  if (result != result) return std::nullopt;  // NaN is never a meaningful parameter
  return result;
}

inline std::optional<bool> parse_boolean(std::string_view text) {
  const std::string value = trim(text);
  if (value == "true" || value == "yes" || value == "on" || value == "1") return true;
  if (value == "false" || value == "no" || value == "off" || value == "0") return false;
  return std::nullopt;
}

inline std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item = trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace kringloop::sim::config
