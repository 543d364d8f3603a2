#include "sim/experiment/share_groups.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/errors.hpp"

namespace kringloop::sim::experiment {

namespace {

// Sums are compared with a margin of a few roundings: 0.1 + 0.2 is not 0.3 in binary.
constexpr double tolerance = 1e-9;

std::string join(const std::vector<std::string>& keys) {
  std::string text;
  for (const auto& key : keys) text += (text.empty() ? "" : ", ") + key;
  return text;
}

std::string number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

DerivedKeys renormalise_shares(const std::vector<ShareGroup>& groups, const std::vector<std::string>& names,
                               const std::vector<std::vector<double>>& points,
                               const std::function<double(std::size_t point, const std::string& key)>& base) {
  DerivedKeys derived;
  derived.values.assign(points.size(), {});
  for (const ShareGroup& group : groups) {
    std::vector<std::size_t> varied;  // factor index of each varied key of the group
    std::vector<std::string> others;
    for (const auto& key : group.keys) {
      const auto found = std::find(names.begin(), names.end(), key);
      if (found != names.end()) varied.push_back(static_cast<std::size_t>(found - names.begin()));
      else others.push_back(key);
    }
    if (varied.empty()) continue;
    if (others.empty())
      throw ConfigError("--vary: every key of the group " + join(group.keys) + " (which must sum to " +
                        number(group.total) + ") is varied; leave one out to absorb the difference");
    for (std::size_t d = 0; d < points.size(); ++d) {
      double varied_sum = 0, others_sum = 0;
      for (std::size_t i : varied) varied_sum += points[d][i];
      for (const auto& key : others) others_sum += base(d, key);
      const double rest = group.total - varied_sum;
      if (rest < -tolerance)
        throw ConfigError("design point " + std::to_string(d) + ": the varied keys of " + join(group.keys) +
                          " sum to " + number(varied_sum) + ", more than " + number(group.total) +
                          "; narrow their ranges so the others can make up the rest");
      if (others_sum <= 0 && rest > tolerance)
        throw ConfigError("design point " + std::to_string(d) + ": " + join(others) +
                          " are all 0 in the base scenario and cannot make up the rest of " + join(group.keys) +
                          " (" + number(rest) + "); give them shares in the scenario");
      for (const auto& key : others)
        derived.values[d].push_back(others_sum > 0 ? std::max(0.0, rest) * base(d, key) / others_sum : 0.0);
    }
    derived.names.insert(derived.names.end(), others.begin(), others.end());
  }
  if (derived.names.empty()) derived.values.clear();
  return derived;
}

}  // namespace kringloop::sim::experiment
