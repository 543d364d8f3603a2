// Resolving a section name to its index, with one clear error naming the key and the allowed names.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>

#include "sim/errors.hpp"

namespace kringloop::agents {

// Index of `name` in `items` (by .name) within [first, last), or throws ConfigError.
template <class Items>
std::uint8_t index_of(const Items& items, const std::string& name, const std::string& key, std::size_t first = 0,
                      std::size_t last = SIZE_MAX) {
  std::string allowed;
  for (std::size_t i = first; i < std::min(last, items.size()); ++i) {
    if (items[i].name == name) return static_cast<std::uint8_t>(i);
    allowed += (allowed.empty() ? "" : ", ") + items[i].name;
  }
  throw sim::ConfigError(key + " = '" + name + "': not a known name (allowed: " +
                         (allowed.empty() ? "none defined" : allowed) + ")");
}

}  // namespace kringloop::agents
