// The horizon terms that every option of a practice's main government starts from (MODEL §7.2),
// for a list of farmers at once: the farmer's own horizon (farmer_horizon_years), H = min(that,
// the believed policy horizon of the main government: policy_horizon_years) and the annuity A(H).
// The review needs them for every aware, interested and planning farmer every month; one farmer
// at a time, two divisions stand at the head of a chain the rest of the evaluation waits on
// (issue 16: these were about 7% of a default run), four farmers side by side overlap them.
// Two implementations that give bitwise the same numbers: one farmer at a time through the
// functions of utility.hpp (the reference, and the path without AVX2), and four farmers in the
// lanes of AVX2 registers, chosen at run time. tests/agents/main_horizons_test.cpp holds them to
// each other.
#pragma once
#include <cstddef>
#include <cstdint>

#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// One farmer's: its own horizon, H and A(H).
struct MainHorizon {
  double farmer = 0, base = 0, base_annuity = 0;
};

// Where the horizons of farmer list[j] go: farmer[j], base[j] (H) and base_annuity[j] (A(H)).
struct MainHorizonRows {
  double* farmer;
  double* base;
  double* base_annuity;
  MainHorizon at(std::size_t j) const { return {farmer[j], base[j], base_annuity[j]}; }
};

// One month's horizons for one practice whose main government is `government` (no_index: none,
// so the policy horizon is the longest one). Reads only the farmers' birth days, successors and
// trust in `government`, so a review that changes none of these for other farmers may use
// horizons computed before it.
struct MainHorizonRule {
  const Scenario& scenario;
  const Farmers& farmers;
  const AnnuityTable& annuity;
  sim::Day day;
  std::uint8_t government;
};

void main_horizons_scalar(const MainHorizonRule& rule, const std::uint32_t* list, std::size_t count,
                          const MainHorizonRows& out);
void main_horizons_avx2(const MainHorizonRule& rule, const std::uint32_t* list, std::size_t count,
                        const MainHorizonRows& out);
bool main_horizons_avx2_available();

// The fastest of the two this processor runs.
void main_horizons(const MainHorizonRule& rule, const std::uint32_t* list, std::size_t count, const MainHorizonRows& out);

}  // namespace kringloop::agents
