// Keys that must sum to a total (shares of a population, of the land): when a sweep varies some of
// a group, the group's other keys absorb the difference, each keeping its proportion of what the
// base scenario gives them:
//   other_j = base_j × (total − Σ varied) / Σ_k base_k   (k over the keys not varied)
// The adjusted keys are "derived": stored with the sweep (SweepIdentity::derived_names) and set by
// every run, so its recorded command repeats it. The engine knows no groups; the model lists them.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kringloop::sim::experiment {

struct ShareGroup {
  std::vector<std::string> keys;
  double total = 1.0;
};

struct DerivedKeys {
  std::vector<std::string> names;           // Q keys, in group order
  std::vector<std::vector<double>> values;  // D × Q
};

// `names` and `points` are the design's factors and the values the runs use; base(point, key) is the
// key's value in the base scenario of that point. Throws ConfigError, naming the group and the
// point, when every key of a group is varied, when the varied keys of a point exceed the total, or
// when the other keys are all 0 and cannot make up the rest.
DerivedKeys renormalise_shares(const std::vector<ShareGroup>& groups, const std::vector<std::string>& names,
                               const std::vector<std::vector<double>>& points,
                               const std::function<double(std::size_t point, const std::string& key)>& base);

}  // namespace kringloop::sim::experiment
