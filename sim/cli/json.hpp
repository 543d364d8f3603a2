// JSON for programs (`inspect --json`, `options --json`) with nlohmann::json from Debian. Keys keep
// the order they were added in (ordered_json), so output reads in file order like the text form.
#pragma once
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace kringloop::sim::cli {

using Json = nlohmann::ordered_json;

// A number as programs expect it: integral values (below 1e15, exact in a double) as JSON
// integers, so a seed or a count reads back as an int; NaN and infinities as null (JSON has none).
inline Json json_number(double number) {
  if (!std::isfinite(number)) return nullptr;
  if (number == std::floor(number) && std::fabs(number) < 1e15) return static_cast<std::int64_t>(number);
  return number;
}

// One line; invalid UTF-8 in a string (from a damaged file) becomes U+FFFD instead of an exception.
inline std::string dump_json(const Json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kringloop::sim::cli
