#include "agents/model/main_horizons.hpp"

#include <algorithm>

#include "agents/model/utility.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

void main_horizons_scalar(const MainHorizonRule& rule, const std::uint32_t* list, std::size_t count,
                          const MainHorizonRows& out) {
  for (std::size_t j = 0; j < count; ++j) {
    const std::size_t i = list[j];
    const double farmer = farmer_horizon_years(rule.scenario, rule.farmers, i, rule.day);
    const double base = std::min(farmer, policy_horizon_years(rule.scenario, rule.farmers, i, rule.government));
    out.farmer[j] = farmer;
    out.base[j] = base;
    out.base_annuity[j] = rule.annuity(base);
  }
}

void main_horizons(const MainHorizonRule& rule, const std::uint32_t* list, std::size_t count, const MainHorizonRows& out) {
  static const bool avx2 = sim::avx2_enabled();
  if (avx2) main_horizons_avx2(rule, list, count, out);
  else main_horizons_scalar(rule, list, count, out);
}

}  // namespace kringloop::agents
