#include "agents/state/farmers.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

template <std::size_t N>
std::size_t draw_category(sim::RandomStream& random, const std::array<double, N>& shares) {
  double u = random.uniform(), cumulative = 0;
  for (std::size_t i = 0; i < N; ++i) {
    cumulative += shares[i];
    if (u < cumulative) return i;
  }
  return N - 1;
}

}  // namespace

Farmers generate_farmers(const Scenario& scenario) {
  const auto n = static_cast<std::size_t>(scenario.population.farmers);
  const auto& population = scenario.population;
  Farmers farmers;
  farmers.type.resize(n);
  farmers.innovativeness.resize(n);
  farmers.x_km.resize(n);
  farmers.y_km.resize(n);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(i), 0, sim::Stream::population);
      farmers.x_km[i] = static_cast<float>(random.uniform() * population.region_width_km);
      farmers.y_km[i] = static_cast<float>(random.uniform() * population.region_height_km);
      farmers.type[i] = static_cast<FarmType>(draw_category(random, population.type_share));
      farmers.innovativeness[i] = static_cast<Innovativeness>(draw_category(random, population.innovativeness_share));
    }
  });
  farmers.practice.resize(scenario.practices.size());
  for (auto& practice : farmers.practice) {
    practice.stage.assign(n, Stage::unaware);
    practice.reached.assign(n, stage_bit(Stage::unaware));
    practice.since.assign(n, 0);
  }
  if (scenario.network.mode == NetworkMode::knn) {
    farmers.neighbours_per_farmer = scenario.network.neighbours;
    farmers.neighbours = build_knn_network(farmers.x_km, farmers.y_km, scenario.network.neighbours,
                                           scenario.network.rewiring, population.region_width_km,
                                           population.region_height_km, scenario.run.seed);
  }
  return farmers;
}

}  // namespace kringloop::agents
