#include <algorithm>
#include <cmath>

#include <oneapi/tbb/parallel_sort.h>

#include "agents/state/farmers.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

double retirement_age_of(const PopulationSettings& population, double u) {
  return population.retirement_age + population.retirement_age_spread * (2 * u - 1);
}

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

// The farm type at height y in `region`: one draw from the type shares, or, in a specialised band
// (001 L151–159), from the band's types only (the same single draw, so streams stay aligned).
FarmType draw_type(sim::RandomStream& random, const RegionSettings& region, double y_km) {
  const auto& shares = region.type_share;
  if (y_km < region.livestock_only_share * region.height_km) {
    const double dairy = shares[static_cast<std::size_t>(FarmType::dairy)];
    const double intensive = shares[static_cast<std::size_t>(FarmType::intensive_livestock)];
    return random.uniform() * (dairy + intensive) < dairy ? FarmType::dairy : FarmType::intensive_livestock;
  }
  if (y_km >= (1 - region.arable_only_share) * region.height_km) {
    random.uniform();
    return FarmType::arable;
  }
  return static_cast<FarmType>(draw_category(random, shares));
}

// Initial remaining term of a lease of `kind`: uniform over its term, so expiries are spread out.
double initial_remaining_years(const Scenario& scenario, Tenure kind, double u) {
  switch (kind) {
    case Tenure::regular: return u * scenario.land.regular_continuation_years;
    case Tenure::liberalised: return u * scenario.land.liberalised_max_years;  // 003 L627–628
    default: return u * 1.0;                                                   // 003 L1643–1644
  }
}

// Farm, land, age, liquidity, risk aversion, trust (MODEL §2, §5) of farmer i, drawn from the
// streams of draw number `draw` (space_filling_order). A second population stream (index 1), so
// the draws of identity and place stay those of the first model version.
void generate_farm_state(const Scenario& scenario, Farmers& farmers, std::size_t i, std::uint32_t draw) {
  const auto& population = scenario.population;
  sim::RandomStream random(scenario.run.seed, draw, 0, sim::Stream::population, 1);
  const auto type = static_cast<std::size_t>(farmers.type[i]);
  const double area = random.lognormal(population.median_farm_ha[type], population.farm_size_sigma);
  const auto tenure = static_cast<Tenure>(draw_category(random, scenario.land.main_tenure_share));
  const double remaining_u = random.uniform();
  if (tenure == Tenure::owned) {
    farmers.owned_ha[i] = static_cast<float>(area);
  } else {
    const double leased = area * scenario.land.leased_fraction;
    farmers.owned_ha[i] = static_cast<float>(area - leased);
    const std::size_t slot = i * lease_slots;
    farmers.lease_ha[slot] = static_cast<float>(leased);
    farmers.lease_kind[slot] = tenure;
    farmers.lease_landlord[slot] = scenario.land.initial_landlord[static_cast<std::size_t>(tenure)];
    // +1 day: no lease expires on day 0, before the first review could see it.
    farmers.lease_end[slot] = 1 + sim::years_to_days(initial_remaining_years(scenario, tenure, remaining_u));
  }
  // Ages from a normal truncated to [20, this farmer's retirement age) by rejection on a stream of
  // its own: nobody starts past retirement (a month-1 wave of exits would be an artefact).
  sim::RandomStream age_draws(scenario.run.seed, draw, 0, sim::Stream::population, 2);
  const double retire_at = retirement_age_of(population, age_draws.uniform());
  double age = population.age_mean;
  for (int attempt = 0; attempt < 64; ++attempt) {
    age = age_draws.normal(population.age_mean, population.age_sd);
    if (age >= 20.0 && age < retire_at) break;
    age = std::clamp(age, 20.0, retire_at - 1.0 / 12);
  }
  farmers.birth_day[i] = -sim::years_to_days(age);
  farmers.retire_day[i] = farmers.birth_day[i] + sim::years_to_days(retire_at);
  farmers.has_successor[i] = random.bernoulli(population.successor_share);
  farmers.learning_factor[i] = static_cast<float>(age_draws.lognormal(1.0, scenario.decision.learning_sd));
  // Trust in fellow farmers, on a stream of its own (the other draws stay as they were).
  sim::RandomStream peer_draws(scenario.run.seed, static_cast<std::uint32_t>(i), 0, sim::Stream::coalition, 0);
  farmers.peer_trust[i] = static_cast<float>(
      std::clamp(peer_draws.normal(scenario.coalition.peer_trust_mean, scenario.coalition.peer_trust_sd), 0.0, 1.0));
  // Trust in each knowledge institute, on a stream of its own per institute.
  for (std::size_t k = 0; k < scenario.institutes.size(); ++k) {
    sim::RandomStream institute_draws(scenario.run.seed, static_cast<std::uint32_t>(i), 0, sim::Stream::knowledge,
                                      static_cast<std::uint16_t>(k));
    const InstituteSettings& institute = scenario.institutes[k];
    farmers.institute_trust[k][i] = static_cast<float>(
        std::clamp(institute_draws.normal(institute.initial_trust_mean, institute.initial_trust_sd), 0.0, 1.0));
  }
  farmers.liquidity_eur[i] = static_cast<float>(random.lognormal(population.liquidity_median_eur, population.liquidity_sigma));
  farmers.risk_aversion[i] = static_cast<float>(std::max(
      0.0, population.risk_aversion_mean + population.risk_aversion_spread * (2 * random.uniform() - 1)));
  for (std::size_t k = 0; k < scenario.institutions.size(); ++k) {
    const auto& institution = scenario.institutions[k];
    const double trust = std::clamp(random.normal(institution.initial_trust_mean, institution.initial_trust_sd), 0.0, 1.0);
    farmers.trust[k][i] = farmers.trust_seen[i * scenario.institutions.size() + k] = static_cast<float>(trust);
  }
  // The farm's own economics per practice (a stream per practice): margin deviation around the
  // mean plus the type's offset, and a lognormal investment factor.
  const auto type_index = static_cast<std::size_t>(farmers.type[i]);
  for (std::size_t p = 0; p < scenario.practices.size(); ++p) {
    const PracticeSettings& practice = scenario.practices[p];
    sim::RandomStream economics(scenario.run.seed, draw, 0, sim::Stream::population,
                                static_cast<std::uint16_t>(16 + p));
    PracticeState& state = farmers.practice[p];
    state.margin_offset_ha[i] = static_cast<float>(practice.margin_type_offset_per_ha_year[type_index] +
                                                   economics.normal(0.0, practice.margin_sd_per_ha_year));
    state.margin_offset_farm[i] = static_cast<float>(economics.normal(0.0, practice.margin_sd_per_farm_year));
    state.cost_factor[i] = static_cast<float>(economics.lognormal(1.0, practice.investment_sd));
  }
}

// Bits of v spread to the even positions (Morton code half).
std::uint64_t spread_bits(std::uint32_t v) {
  std::uint64_t x = v;
  x = (x | (x << 16)) & 0x0000FFFF0000FFFFull;
  x = (x | (x << 8)) & 0x00FF00FF00FF00FFull;
  x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0Full;
  x = (x | (x << 2)) & 0x3333333333333333ull;
  x = (x | (x << 1)) & 0x5555555555555555ull;
  return x;
}

// The draw numbers in the order of their farms along a Z-order (Morton) curve over the region:
// farmer i is draw order[i]. Farms near each other get near numbers, so a farmer's network
// neighbours (mostly the nearest farms) sit near it in every per-farmer array, and the monthly
// passes that read the neighbours (trust gossip, adopting neighbours) mostly hit the cache
// instead of reading memory at random (issue 16). Every farm is the farm it would be in draw
// order (drawn from the streams of its draw number); only the numbering, and with it the streams
// of the simulation, differ — the same population, another realisation of the run. The key
// (cell code, draw) is unique, so the order does not depend on the sort or the thread count.
std::vector<std::uint32_t> space_filling_order(const std::vector<float>& x_km, const std::vector<float>& y_km,
                                               double width_km, double height_km) {
  const std::size_t n = x_km.size();
  std::vector<std::uint64_t> keys(n);
  const double scale_x = 65535.0 / std::max(width_km, 1e-9), scale_y = 65535.0 / std::max(height_km, 1e-9);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t d = begin; d < end; ++d) {
      const auto qx = static_cast<std::uint32_t>(std::clamp(x_km[d] * scale_x, 0.0, 65535.0));
      const auto qy = static_cast<std::uint32_t>(std::clamp(y_km[d] * scale_y, 0.0, 65535.0));
      keys[d] = ((spread_bits(qx) | (spread_bits(qy) << 1)) << 32) | d;
    }
  });
  oneapi::tbb::parallel_sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> order(n);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) order[i] = static_cast<std::uint32_t>(keys[i] & 0xFFFFFFFFu);
  });
  return order;
}

}  // namespace

Farmers generate_farmers(const Scenario& scenario) {
  const auto n = static_cast<std::size_t>(scenario.population.farmers);
  const auto& population = scenario.population;
  Farmers farmers;
  farmers.type.resize(n);
  farmers.region.resize(n);
  farmers.innovativeness.resize(n);
  farmers.x_km.resize(n);
  farmers.y_km.resize(n);
  farmers.owned_ha.assign(n, 0);
  farmers.birth_day.assign(n, 0);
  farmers.retire_day.assign(n, 0);
  farmers.learning_factor.assign(n, 1);
  farmers.peer_trust.assign(n, 0);
  farmers.coalition.assign(n, 0xFFFFFFFFu);
  farmers.joined_forms.assign(n, 0);
  farmers.free_to_join.assign(n, 1);
  farmers.has_successor.assign(n, 0);
  farmers.active.assign(n, 1);
  farmers.liquidity_eur.assign(n, 0);
  farmers.risk_aversion.assign(n, 0);
  farmers.lease_ha.assign(n * lease_slots, 0);
  farmers.lease_end.assign(n * lease_slots, 0);
  farmers.lease_kind.assign(n * lease_slots, Tenure::regular);
  farmers.lease_landlord.assign(n * lease_slots, 0);
  farmers.next_farm_event.assign(n, 0);
  farmers.trust.assign(scenario.institutions.size(), std::vector<float>(n, 0));
  farmers.trust_seen.assign(n * scenario.institutions.size(), 0);
  farmers.institute_trust.assign(scenario.institutes.size(), std::vector<float>(n, 0));
  farmers.last_contact.assign(n * scenario.institutions.size(), 0);
  farmers.practice.resize(scenario.practices.size());
  for (auto& practice : farmers.practice) {
    practice.stage.assign(n, Stage::unaware);
    practice.reached.assign(n, stage_bit(Stage::unaware));
    practice.flags.assign(n, 0);
    practice.since.assign(n, 0);
    practice.codified.assign(n, 0);
    practice.tacit.assign(n, 0);
    practice.parts.assign(n, 0);
    practice.scheme.assign(n, no_index);
    practice.payments_left.assign(n, 0);
    practice.next_payment.assign(n, 0);
    practice.annual_payment.assign(n, 0);
    practice.margin_offset_ha.assign(n, 0);
    practice.margin_offset_farm.assign(n, 0);
    practice.cost_factor.assign(n, 1);
  }
  // Regions own consecutive runs of draw numbers, in scenario order (one region: all of them, so the
  // draws are those of a scenario without regions).
  std::vector<std::uint8_t> draw_region(n, 0);
  for (std::size_t r = 1, first = 0; r < scenario.regions.size(); ++r) {
    first += static_cast<std::size_t>(scenario.regions[r - 1].farmers);
    std::fill(draw_region.begin() + static_cast<std::ptrdiff_t>(first), draw_region.end(), static_cast<std::uint8_t>(r));
  }
  // Places first (in draw order), then, on a network, the numbering along the Z-order curve.
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t d = begin; d < end; ++d) {
      const RegionSettings& region = scenario.regions[draw_region[d]];
      sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(d), 0, sim::Stream::population);
      farmers.x_km[d] = static_cast<float>(region.x_min_km + random.uniform() * region.width_km);
      farmers.y_km[d] = static_cast<float>(random.uniform() * region.height_km);
    }
  });
  std::vector<std::uint32_t> order;
  if (scenario.network.mode == NetworkMode::knn) {
    order = space_filling_order(farmers.x_km, farmers.y_km, population.region_width_km, population.region_height_km);
    std::vector<float> x(n), y(n);
    sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) x[i] = farmers.x_km[order[i]], y[i] = farmers.y_km[order[i]];
    });
    farmers.x_km = std::move(x);
    farmers.y_km = std::move(y);
  }
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t draw = order.empty() ? static_cast<std::uint32_t>(i) : order[i];
      sim::RandomStream random(scenario.run.seed, draw, 0, sim::Stream::population);
      random.uniform(), random.uniform();  // the place, drawn above
      farmers.region[i] = draw_region[draw];
      farmers.type[i] = draw_type(random, scenario.regions[draw_region[draw]], farmers.y_km[i]);
      farmers.innovativeness[i] = static_cast<Innovativeness>(draw_category(random, population.innovativeness_share));
      generate_farm_state(scenario, farmers, i, draw);
      farmers.next_farm_event[i] = farmers.farm_event_day(i);
    }
  });
  if (scenario.network.mode == NetworkMode::knn) {
    farmers.neighbours_per_farmer = scenario.network.neighbours;
    farmers.neighbours = build_knn_network(farmers.x_km, farmers.y_km, scenario.network.neighbours,
                                           scenario.network.rewiring, population.region_width_km,
                                           population.region_height_km, scenario.run.seed);
  }
  return farmers;
}

}  // namespace kringloop::agents
