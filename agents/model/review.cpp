#include "agents/model/review.hpp"

#include <cmath>
#include <vector>

#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

double awareness_probability(double external_per_year, double imitation_per_year, double adopted_fraction, sim::Day days) {
  const double hazard = external_per_year + imitation_per_year * adopted_fraction;
  return 1.0 - std::exp(-hazard * static_cast<double>(days) / sim::days_per_year);
}

void enter_stage(PracticeState& state, std::size_t farmer, Stage stage, sim::Day day) {
  state.stage[farmer] = stage;
  state.reached[farmer] |= stage_bit(stage);
  state.since[farmer] = day;
}

double adopted_snapshot(const Farmers& farmers, const PracticeState& state, std::vector<std::uint8_t>& adopted) {
  const std::size_t n = farmers.size();
  adopted.resize(n);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) adopted[i] = state.stage[i] == Stage::adopted;
  });
  if (!farmers.neighbours.empty()) return 0;
  return sim::deterministic_sum(n, [&](std::size_t i) { return double(adopted[i]); }) / double(n);
}

namespace {

double neighbour_fraction(const Farmers& farmers, const std::vector<std::uint8_t>& adopted, std::size_t i,
                          double population_fraction) {
  const int k = farmers.neighbours_per_farmer;
  if (k == 0) return population_fraction;
  return static_cast<double>(adopting_neighbours(farmers, adopted, i)) / k;
}

}  // namespace

void review_practice(const Scenario& scenario, std::size_t practice_index, sim::Day day, Farmers& farmers) {
  const PracticeSettings& practice = scenario.practices[practice_index];
  PracticeState& state = farmers.practice[practice_index];
  const std::size_t n = farmers.size();
  const sim::Day month_days = sim::days_in_month[static_cast<std::size_t>(sim::month_of(day) % sim::months_per_year)];

  // Snapshot of adopters at the start of the month: what neighbours see is last month's state,
  // whatever order the parallel blocks run in.
  std::vector<std::uint8_t> adopted;
  const double population_fraction = adopted_snapshot(farmers, state, adopted);

  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (state.stage[i] != Stage::unaware) continue;
      const double fraction = neighbour_fraction(farmers, adopted, i, population_fraction);
      const double probability =
          awareness_probability(practice.external_per_year, practice.imitation_per_year, fraction, month_days);
      sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::awareness,
                               static_cast<std::uint16_t>(practice_index));
      if (!random.bernoulli(probability)) continue;
      enter_stage(state, i, Stage::aware, day);
      // Pure diffusion: awareness is adoption (the Bass limit, MODEL P11).
      state.reached[i] |= stage_bit(Stage::interested) | stage_bit(Stage::planning) | stage_bit(Stage::applied);
      enter_stage(state, i, Stage::adopted, day);
      state.parts[i] = all_parts;
    }
  });
}

}  // namespace kringloop::agents
