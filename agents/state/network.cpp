#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "agents/state/exchange.hpp"
#include "agents/state/farmers.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace kringloop::agents {

namespace {

// Farms are binned into a uniform grid of about two farms per cell; the search for a farm's k
// nearest grows ring by ring until the k-th distance found is inside the searched square. This is
// O(n·k) for the uniform layouts we generate, so a million farms take about a second, where the
// all-pairs alternative would take hours.
// With `wanted`, only the rows of the farms with wanted[i] != 0 are searched (the others stay 0):
// each farm's search reads only the grid, so its row is the same as in the search for all farms.
std::vector<std::uint32_t> search_knn(const std::vector<float>& x_km, const std::vector<float>& y_km, int k, double rewiring,
                                      double width_km, double height_km, std::uint64_t seed,
                                      const std::vector<std::uint8_t>* side, double max_distance_km,
                                      const std::vector<std::uint8_t>* wanted) {
  const std::size_t n = x_km.size();
  const auto kk = static_cast<std::size_t>(k);
  std::vector<std::uint32_t> neighbours(n * kk);
  if (n <= kk && side == nullptr) return neighbours;
  if (n == 0 || kk == 0) return neighbours;

  // Cells of about two of the farms a search offers: of all farms, or in a bipartite search of the
  // other sides' farms as the side with the fewest partners sees them (a dairy farm offered only
  // the arable farms, under one in two of a cell's farms by default, so with cells of two farms of
  // any side it went through two to three times as many cells; issue 16). At most k/2 times the
  // area of two farms, so a side with hardly any partners does not make the others search crowded
  // cells. The k nearest found do not depend on the cells' size.
  double farms_per_cell = 2.0;
  if (side != nullptr) {
    std::vector<std::size_t> in_group(std::size_t{*std::max_element(side->begin(), side->end())} + 1, 0);
    for (const std::uint8_t g : *side) ++in_group[g];
    std::size_t fewest_partners = n;
    for (const std::size_t count : in_group)
      if (count > 0) fewest_partners = std::min(fewest_partners, n - count);
    const double sparser = static_cast<double>(n) / static_cast<double>(std::max<std::size_t>(1, fewest_partners));
    farms_per_cell *= std::clamp(sparser, 1.0, std::max(1.0, static_cast<double>(k) / 2.0));
  }
  const double cell_km = std::sqrt(width_km * height_km * farms_per_cell / static_cast<double>(n));
  const int columns = std::max(1, static_cast<int>(std::ceil(width_km / cell_km)));
  const int rows = std::max(1, static_cast<int>(std::ceil(height_km / cell_km)));
  auto cell_of = [&](std::size_t i) {
    const int cx = std::clamp(static_cast<int>(x_km[i] / cell_km), 0, columns - 1);
    const int cy = std::clamp(static_cast<int>(y_km[i] / cell_km), 0, rows - 1);
    return static_cast<std::size_t>(cy) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(cx);
  };
  // Counting sort of farm ids by cell and, in a bipartite search, by side within the cell (ids stay
  // ascending inside each): a search then reads only the other sides' farms of a cell, where
  // testing every farm's side read twice as many and mispredicted the test about every other farm
  // (sides are mixed at random). The farms offered, and so the k nearest, are the same.
  const std::size_t groups = side == nullptr ? 1 : std::size_t{*std::max_element(side->begin(), side->end())} + 1;
  auto group_of = [&](std::size_t i) { return side == nullptr ? std::size_t{0} : std::size_t{(*side)[i]}; };
  const std::size_t cells = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
  std::vector<std::uint32_t> group_start(cells * groups + 1, 0), by_cell(n);  // [cell × groups + group]
  for (std::size_t i = 0; i < n; ++i) ++group_start[cell_of(i) * groups + group_of(i) + 1];
  for (std::size_t g = 0; g < cells * groups; ++g) group_start[g + 1] += group_start[g];
  {
    std::vector<std::uint32_t> fill(group_start.begin(), group_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) by_cell[fill[cell_of(i) * groups + group_of(i)]++] = static_cast<std::uint32_t>(i);
  }
  // Positions in cell order, and farms visited in cell order: the cells a search reads are then
  // adjacent in memory and mostly still in cache from the farm before, where reading positions by
  // farm id missed the cache for nearly every candidate at a million farms (issue 16). Each farm's
  // candidates, and so its neighbours, are exactly what they were.
  std::vector<float> cell_x(n), cell_y(n);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t slot = begin; slot < end; ++slot) cell_x[slot] = x_km[by_cell[slot]], cell_y[slot] = y_km[by_cell[slot]];
  });

  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    // The k nearest so far, ascending by (squared distance, id), each pair packed in 64 bits: the
    // distance's bits above the id (a squared distance is +0 or positive, whose bits order as the
    // numbers do), so one integer comparison orders them as the pairs. A candidate is compared
    // with the k-th and, when nearer, merged in by a min and a max per place, without a branch
    // (the insertion loop that stopped at the candidate's place was mispredicted on nearly every
    // insertion; issue 16). Places not yet filled hold `empty`, above every pair. The same k
    // nearest in the same order.
    constexpr std::uint64_t empty = ~std::uint64_t{0};
    std::vector<std::uint64_t> nearest(kk, empty);
    auto offer = [&](float distance, std::uint32_t j) {
      const std::uint64_t candidate = std::uint64_t{std::bit_cast<std::uint32_t>(distance)} << 32 | j;
      if (!(candidate < nearest[kk - 1])) return;
      for (std::size_t at = kk - 1; at > 0; --at) nearest[at] = std::min(nearest[at], std::max(nearest[at - 1], candidate));
      nearest[0] = std::min(nearest[0], candidate);
    };
    auto distance_of = [](std::uint64_t pair) { return std::bit_cast<float>(static_cast<std::uint32_t>(pair >> 32)); };
    auto farm_of = [](std::uint64_t pair) { return static_cast<std::uint32_t>(pair); };
    for (std::size_t visit = begin; visit < end; ++visit) {
      const std::size_t i = by_cell[visit];
      if (wanted != nullptr && (*wanted)[i] == 0) continue;
      const float xi = cell_x[visit], yi = cell_y[visit];
      // The slots of a cell this farm reads: all of them, or (bipartite) those before and after
      // its own side's.
      const std::size_t own = group_of(i);
      auto offer_slots = [&](std::uint32_t first, std::uint32_t last) {
        for (std::uint32_t slot = first; slot < last; ++slot) {
          const std::uint32_t j = by_cell[slot];
          if (j == i) continue;
          const float dx = xi - cell_x[slot], dy = yi - cell_y[slot];
          offer(dx * dx + dy * dy, j);
        }
      };
      const int cx = std::clamp(static_cast<int>(xi / cell_km), 0, columns - 1);
      const int cy = std::clamp(static_cast<int>(yi / cell_km), 0, rows - 1);
      std::fill(nearest.begin(), nearest.end(), empty);
      for (int ring = 0;; ++ring) {
        for (int gy = cy - ring; gy <= cy + ring; ++gy) {
          if (gy < 0 || gy >= rows) continue;
          // The whole row on the ring's top and bottom edges, only its two ends in between.
          const int step = (gy == cy - ring || gy == cy + ring) ? 1 : std::max(1, 2 * ring);
          for (int gx = cx - ring; gx <= cx + ring; gx += step) {
            if (gx < 0 || gx >= columns) continue;
            const std::size_t c = static_cast<std::size_t>(gy) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(gx);
            const std::uint32_t* const start = group_start.data() + c * groups;
            if (side == nullptr) {
              offer_slots(start[0], start[1]);
            } else {
              offer_slots(start[0], start[own]);
              offer_slots(start[own + 1], start[groups]);
            }
          }
        }
        // Every farm outside the searched square lies beyond one of its sides that are inside the
        // grid (none lies beyond the grid: positions outside it are binned into its edge cells),
        // so at least `reach` away: the distance to the nearest such side. That is at least
        // ring × cell, and usually more, which ends most searches a ring earlier (issue 16). The
        // k nearest found are the same.
        double reach = std::numeric_limits<double>::infinity();
        if (cx - ring > 0) reach = std::min(reach, static_cast<double>(xi) - (cx - ring) * cell_km);
        if (cx + ring < columns - 1) reach = std::min(reach, (cx + ring + 1) * cell_km - static_cast<double>(xi));
        if (cy - ring > 0) reach = std::min(reach, static_cast<double>(yi) - (cy - ring) * cell_km);
        if (cy + ring < rows - 1) reach = std::min(reach, (cy + ring + 1) * cell_km - static_cast<double>(yi));
        const bool covers_all = std::isinf(reach);  // no side inside the grid: every cell searched
        if (covers_all || (nearest[kk - 1] != empty && distance_of(nearest[kk - 1]) <= reach * reach) ||
            reach >= max_distance_km)
          break;
      }
      sim::RandomStream random(seed, static_cast<std::uint32_t>(i), 0, sim::Stream::network);
      // Unfilled places (bipartite: too few farms) and neighbours beyond reach name no farm.
      const double max_distance2 = max_distance_km * max_distance_km;
      auto neighbour_at = [&](std::size_t m) {
        return nearest[m] == empty || distance_of(nearest[m]) > max_distance2 ? no_neighbour : farm_of(nearest[m]);
      };
      for (std::size_t m = 0; m < kk; ++m) {
        std::uint32_t neighbour = neighbour_at(m);
        if (neighbour == no_neighbour) {
          neighbours[i * kk + m] = neighbour;
          continue;
        }
        // No draw without rewiring (the exchange candidates): uniform() < 0 is never true anyway.
        if (rewiring > 0 && random.uniform() < rewiring) {
          do neighbour = random.below(static_cast<std::uint32_t>(n));
          while (neighbour == i);
        }
        neighbours[i * kk + m] = neighbour;
      }
    }
  });
  return neighbours;
}

}  // namespace

std::vector<std::uint32_t> build_knn_network(const std::vector<float>& x_km, const std::vector<float>& y_km, int k,
                                             double rewiring, double width_km, double height_km, std::uint64_t seed,
                                             const std::vector<std::uint8_t>* side, double max_distance_km) {
  return search_knn(x_km, y_km, k, rewiring, width_km, height_km, seed, side, max_distance_km, nullptr);
}

std::vector<std::uint32_t> nearest_of_other_side(const std::vector<float>& x_km, const std::vector<float>& y_km, int k,
                                                 double width_km, double height_km, const std::vector<std::uint8_t>& side,
                                                 double max_distance_km, const std::vector<std::uint8_t>& wanted) {
  return search_knn(x_km, y_km, k, 0.0, width_km, height_km, 0, &side, max_distance_km, &wanted);
}

}  // namespace kringloop::agents
