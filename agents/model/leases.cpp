#include "agents/model/leases.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

// Parcels per parallel task when each parcel reads a few farms at random places (a cache miss
// each): a few hundred are worth handing to another thread, where parallel_blocks would keep up
// to 4,096 on the calling one (the parcels sold or re-let in a month at a million farms; issue 16).
constexpr std::size_t random_farm_grain = 256;

// Term of a new or renewed lease: one-year leases are 1 year (003 L1643–1644); liberalised ones
// at most the legal maximum (003 L627–628).
double lease_term_years(const Scenario& scenario, const LandlordSettings& landlord, Tenure kind) {
  if (kind == Tenure::one_year) return 1.0;
  if (kind == Tenure::liberalised) return std::min(landlord.term_years, scenario.land.liberalised_max_years);
  return landlord.term_years;
}

double renewal_probability(const LandlordSettings& landlord, bool sustainable) {
  const double p = landlord.renewal_probability;
  return sustainable ? p + landlord.sustainability_weight * (1 - p) : p;
}

// A lease handed back takes the practice off that land.
void drop_part(Farmers& farmers, std::size_t farmer, std::size_t slot) {
  for (auto& state : farmers.practice) state.parts[farmer] &= static_cast<std::uint8_t>(~lease_part(slot));
}

// The farm stops (no successor, no entrant, 003 L584–585): its owned land is sold to a neighbour
// with probability land.sale_share (scale enlargement) or let by the owner-landlord through the
// lease market; its leases go back to their landlords; its contracts end (money released).
void exit_farm(const Scenario& scenario, std::size_t i, Farmers& farmers, sim::Outbox<ParcelMessage>& parcels,
               BlockSums& released, bool sell) {
  const auto id = static_cast<std::uint32_t>(i);
  if (farmers.owned_ha[i] > 0)
    parcels.emit({id, static_cast<std::uint8_t>(lease_slots),
                  scenario.land.initial_landlord[static_cast<std::size_t>(Tenure::owned)], farmers.owned_ha[i], sell});
  farmers.owned_ha[i] = 0;
  for (std::size_t slot = 0; slot < lease_slots; ++slot) {
    const std::size_t index = i * lease_slots + slot;
    if (farmers.lease_ha[index] > 0)
      parcels.emit({id, static_cast<std::uint8_t>(slot), farmers.lease_landlord[index], farmers.lease_ha[index]});
    farmers.lease_ha[index] = 0;
  }
  for (auto& state : farmers.practice) {
    state.parts[i] = 0;
    if (state.scheme[i] != no_index && state.payments_left[i] > 0)
      released.add(i, state.scheme[i], static_cast<double>(state.annual_payment[i]) * state.payments_left[i]);
    state.payments_left[i] = 0;
  }
  farmers.active[i] = 0;
  farmers.free_to_join[i] = 0;
}

// Owned land of exiting farms goes to an active neighbour of the seller (the first of a random
// order over its network neighbours, then random farms of the region): the buyer's owned land
// grows, and a practice it applies to its owned land covers the bought land too (assumption).
// Unsold land (no active buyer found) is let through the lease market instead.
void sell_exit_land(const Scenario& scenario, sim::Day day, std::vector<Parcel>& for_sale, Farmers& farmers,
                    std::vector<Parcel>& pool) {
  const std::size_t n = farmers.size();
  const int k = farmers.neighbours_per_farmer;
  // Each parcel's buyer comes from its own stream and from who farms, which the sale does not
  // change: found for all parcels side by side (reading neighbours at random farms), then the land
  // goes to the buyers in sale order, so a buyer of two parcels adds them in the same order.
  std::vector<std::uint32_t> buyers(for_sale.size());
  sim::parallel_items(for_sale.size(), random_farm_grain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      const Parcel& parcel = for_sale[s];
      sim::RandomStream random(scenario.run.seed, parcel.origin_farmer, day, sim::Stream::lease,
                               static_cast<std::uint16_t>(60001 + s % 5000));
      std::size_t buyer = n;
      const int tries = std::max(k, scenario.land.relet_candidates);
      const int offset = k > 0 ? static_cast<int>(random.below(static_cast<std::uint32_t>(k))) : 0;
      for (int c = 0; c < tries && buyer == n; ++c) {
        const std::size_t candidate = c < k ? farmers.neighbours_of(parcel.origin_farmer)[(c + offset) % k]
                                            : random.below(static_cast<std::uint32_t>(n));
        if (farmers.active[candidate]) buyer = candidate;
      }
      buyers[s] = static_cast<std::uint32_t>(buyer);
    }
  });
  for (std::size_t s = 0; s < for_sale.size(); ++s) {
    if (buyers[s] == n) {
      pool.push_back(for_sale[s]);
      continue;
    }
    farmers.owned_ha[buyers[s]] += static_cast<float>(for_sale[s].area_ha);
  }
  for_sale.clear();
}

}  // namespace

// Plot exchange (an external practice: farms in an exchange pair, MODEL §7.4b) is not what the
// landlord scores: its criteria concern how the farm manages the land itself (003 L1634–1638;
// assumption).
bool farms_sustainably(const Scenario& scenario, const Farmers& farmers, std::size_t farmer) {
  for (std::size_t p = 0; p < scenario.practices.size(); ++p)
    if (scenario.practices[p].land_bound && scenario.practices[p].decision != DecisionRule::external &&
        farmers.practice[p].stage[farmer] == Stage::adopted)
      return true;
  return false;
}

namespace {

// Lease expiry and retirement of farmer i on `day` (nothing happens when neither is due).
void farm_events(const Scenario& scenario, sim::Day day, Farmers& farmers, std::size_t i,
                 sim::Outbox<ParcelMessage>& parcels, BlockSums& released) {
  const auto& population = scenario.population;
  sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::lease);
  // Slot s renews with draw s of the farmer's lease stream, due or not, so the streams stay
  // aligned. Most months no lease is due: the draws are then taken only up to a due slot
  // (the same numbers, without computing the ones nobody compares).
  std::size_t drawn = 0;
  double u = 0;
  for (std::size_t slot = 0; slot < lease_slots; ++slot) {
    const std::size_t index = i * lease_slots + slot;
    if (farmers.lease_ha[index] <= 0 || farmers.lease_end[index] > day) continue;
    while (drawn <= slot) u = random.uniform(), ++drawn;
    const auto& landlord = scenario.landlords[farmers.lease_landlord[index]];
    if (u < renewal_probability(landlord, farms_sustainably(scenario, farmers, i))) {
      farmers.lease_end[index] = day + sim::years_to_days(lease_term_years(scenario, landlord, farmers.lease_kind[index]));
    } else {
      parcels.emit({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(slot), farmers.lease_landlord[index],
                    farmers.lease_ha[index]});
      farmers.lease_ha[index] = 0;
      drop_part(farmers, i, slot);
    }
  }
  if (day < farmers.retire_day[i]) return;
  // Hand-over at this farmer's own retirement age (retirement_age ± spread): a successor, or a
  // new entrant who takes over the whole farm with its contracts, or the farm exits.
  sim::RandomStream succession(scenario.run.seed, static_cast<std::uint32_t>(i), day, sim::Stream::succession);
  const bool entrant = succession.bernoulli(population.entrant_share);
  const bool sell = succession.bernoulli(scenario.land.sale_share);
  const double retire_u = succession.uniform();
  if (farmers.has_successor[i] || entrant || !scenario.land.farm_exits) {
    const double new_age = farmers.has_successor[i] || !scenario.land.farm_exits ? population.successor_age
                                                                                   : population.entrant_age;
    farmers.birth_day[i] = day - sim::years_to_days(new_age);
    farmers.retire_day[i] = farmers.birth_day[i] + sim::years_to_days(retirement_age_of(population, retire_u));
    farmers.has_successor[i] = succession.bernoulli(population.successor_share);
  } else {
    exit_farm(scenario, i, farmers, parcels, released, sell);  // 003 L584–585
  }
}

}  // namespace

void farm_month(const Scenario& scenario, sim::Day day, sim::Day month_days, Farmers& farmers,
                sim::Outbox<ParcelMessage>& parcels, BlockSums& released) {
  // Savings concern every farm every month; with savings at 0 they would add 0 to everyone.
  const double savings = scenario.decision.savings_eur_per_ha_year;
  if (savings != 0)
    sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        // A select, not a branch (exits are scattered; see snapshot_adoption): an exited farm
        // keeps its liquidity as it was.
        const float saved = farmers.liquidity_eur[i] +
                            static_cast<float>(savings * farmers.area_ha(i) * month_days / sim::days_per_year);
        farmers.liquidity_eur[i] = farmers.active[i] ? saved : farmers.liquidity_eur[i];
      }
    });
  // Lease ends and retirements are rare: only farmers whose next event day has come are looked at
  // (one 4-byte read for the others; speed, issue 16). A farmer's savings still come before its
  // own lease changes, as when both were one loop, so every number is the same.
  // The scan for a due farmer is a tight loop over one array with the day in a register (read
  // through the lambda's reference, the day was loaded again for every farmer).
  const sim::Day today = day;
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    const sim::Day* const next = farmers.next_farm_event.data();
    for (std::size_t i = begin; i < end; ++i) {
      while (i < end && next[i] > today) ++i;
      if (i == end) break;
      // An exited farm never comes back (exit_farm is the only writer of active = 0, and nothing
      // sets it again): it is never due again, so the scan no longer stops at it every month.
      if (farmers.active[i]) farm_events(scenario, today, farmers, i, parcels, released);
      farmers.next_farm_event[i] = farmers.active[i] ? farmers.farm_event_day(i) : std::numeric_limits<sim::Day>::max();
    }
  });
}

void relet_pool(const Scenario& scenario, sim::Day day, std::vector<ParcelMessage> released, Farmers& farmers,
                InstitutionState& institutions) {
  for (const auto& message : released)
    (message.for_sale ? institutions.for_sale : institutions.pool)
        .push_back({message.area_ha, message.farmer, message.landlord, day});
  if (institutions.pool.empty() && institutions.for_sale.empty()) return;
  const std::size_t n = farmers.size();
  const int k = farmers.neighbours_per_farmer;
  const int wanted = scenario.land.relet_candidates;
  std::vector<Parcel> unlet;
  sell_exit_land(scenario, day, institutions.for_sale, farmers, institutions.pool);
  const std::vector<Parcel>& pool = institutions.pool;
  // 1. Each parcel's candidates, their bids and the landlord's score of each: from the parcel's own
  // stream and from what the letting does not change (who farms, who farms sustainably), so the
  // parcels are scored in parallel. Only which slot takes the land depends on the parcels let
  // before, and that is left to the second step, in pool order (issue 16: the scoring read four
  // arrays at random farms while the other thread waited).
  const auto per_parcel = static_cast<std::size_t>(std::max(0, wanted));
  std::vector<std::uint32_t> candidates(pool.size() * per_parcel);
  std::vector<double> scores(pool.size() * per_parcel);
  std::vector<std::uint8_t> counts(pool.size(), 0);
  sim::parallel_items(pool.size(), random_farm_grain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t parcel_index = begin; parcel_index < end; ++parcel_index) {
      const Parcel& parcel = pool[parcel_index];
      const LandlordSettings& landlord = scenario.landlords[parcel.landlord];
      sim::RandomStream random(scenario.run.seed, parcel.origin_farmer, day, sim::Stream::lease,
                               static_cast<std::uint16_t>(1 + parcel_index % 60000));
      std::size_t count = 0;
      for (int c = 0; c < wanted; ++c) {
        // Nearby farms first (the parcel's former neighbours), then random farms of the region.
        const std::size_t candidate = c < k && c < wanted - 2 ? farmers.neighbours_of(parcel.origin_farmer)[c]
                                                              : random.below(static_cast<std::uint32_t>(n));
        const double bid = 0.8 + 0.4 * random.uniform();  // rent bid relative to the asking rent
        if (!farmers.active[candidate]) continue;
        const double sustainability = farms_sustainably(scenario, farmers, candidate) ? 1.0 : 0.0;
        candidates[parcel_index * per_parcel + count] = static_cast<std::uint32_t>(candidate);
        scores[parcel_index * per_parcel + count] =
            (1 - landlord.sustainability_weight) * bid / 1.2 + landlord.sustainability_weight * sustainability;
        ++count;
      }
      counts[parcel_index] = static_cast<std::uint8_t>(count);
    }
  });
  // 2. The letting, parcel by parcel: the best-scored candidate with room (a free slot, or one
  // holding the same landlord's lease of the kind it lets).
  // The candidates are known ahead: their lease rows (scattered) are asked for a few parcels early,
  // overlapping the cache misses (a prefetch is only a hint and changes no result).
  constexpr std::size_t prefetch_parcels = 4;
  for (std::size_t parcel_index = 0; parcel_index < pool.size(); ++parcel_index) {
    if (parcel_index + prefetch_parcels < pool.size()) {
      const std::size_t ahead = parcel_index + prefetch_parcels;
      for (std::size_t c = 0; c < counts[ahead]; ++c) {
        const std::size_t row = std::size_t{candidates[ahead * per_parcel + c]} * lease_slots;
        __builtin_prefetch(&farmers.lease_ha[row]), __builtin_prefetch(&farmers.lease_kind[row]);
        __builtin_prefetch(&farmers.lease_landlord[row]);
      }
    }
    const Parcel& parcel = pool[parcel_index];
    const LandlordSettings& landlord = scenario.landlords[parcel.landlord];
    double best_score = -1;
    std::size_t best = n, best_slot = lease_slots;
    for (std::size_t c = 0; c < counts[parcel_index]; ++c) {
      const std::size_t candidate = candidates[parcel_index * per_parcel + c];
      std::size_t slot = lease_slots;
      for (std::size_t s = 0; s < lease_slots && slot == lease_slots; ++s) {
        const std::size_t index = candidate * lease_slots + s;
        if (farmers.lease_ha[index] <= 0 ||
            (farmers.lease_kind[index] == landlord.relet_kind && farmers.lease_landlord[index] == parcel.landlord))
          slot = s;
      }
      if (slot == lease_slots) continue;  // no room: every slot holds another kind of lease
      const double score = scores[parcel_index * per_parcel + c];
      if (score > best_score || (score == best_score && candidate < best))
        best_score = score, best = candidate, best_slot = slot;
    }
    if (best == n) {
      unlet.push_back(parcel);
      continue;
    }
    const std::size_t index = best * lease_slots + best_slot;
    const sim::Day end = day + sim::years_to_days(lease_term_years(scenario, landlord, landlord.relet_kind));
    farmers.lease_end[index] = farmers.lease_ha[index] > 0 ? std::max(farmers.lease_end[index], end) : end;
    farmers.lease_ha[index] += static_cast<float>(parcel.area_ha);
    farmers.lease_kind[index] = landlord.relet_kind;
    farmers.lease_landlord[index] = parcel.landlord;
    farmers.next_farm_event[best] = std::min(farmers.next_farm_event[best], farmers.lease_end[index]);
  }
  institutions.pool = std::move(unlet);
}

}  // namespace kringloop::agents
