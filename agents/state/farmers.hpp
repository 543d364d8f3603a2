// Farmer state as a structure of arrays (MODEL §2): one vector per variable, indexed by farmer id,
// so the monthly review streams through exactly the bytes it needs and a parallel block writes only
// its own rows. Per-practice variables are one array per practice ([practice][farmer]).
//
// Byte budget per farmer (default: 4 practices, k = 8 neighbours), kept under 1 KiB:
//   identity and place: type 1, innovativeness 1, x 4, y 4                       =  10
//   per practice: stage 1, reached 1, since 4                    = 6 × 4 practices =  24
//   network: k neighbour ids                                      = 4 × 8          =  32
//   total                                                                          ≈  66 B
#pragma once
#include <cstdint>
#include <vector>

#include "agents/scenario/scenario.hpp"
#include "sim/time.hpp"

namespace kringloop::agents {

// Adoption pipeline stages (MODEL §7.1), in funnel order; dropped and abandoned are exits.
enum class Stage : std::uint8_t { unaware, aware, interested, planning, applied, adopted, dropped, abandoned };
inline constexpr std::size_t stage_count = 8;
inline constexpr const char* stage_names[stage_count] = {"unaware", "aware",   "interested", "planning",
                                                          "applied", "adopted", "dropped",    "abandoned"};
// Bit of a stage in `reached`: the funnel counts farmers that ever reached a stage.
constexpr std::uint8_t stage_bit(Stage stage) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(stage)); }

struct PracticeState {
  std::vector<Stage> stage;
  std::vector<std::uint8_t> reached;  // bit set of stages ever reached
  std::vector<sim::Day> since;        // day the current stage was entered
};

struct Farmers {
  std::vector<FarmType> type;
  std::vector<Innovativeness> innovativeness;
  std::vector<float> x_km, y_km;
  std::vector<PracticeState> practice;  // one per scenario practice

  // Social network: `neighbours_per_farmer` ids per farmer, row-major (empty when well mixed).
  int neighbours_per_farmer = 0;
  std::vector<std::uint32_t> neighbours;

  std::size_t size() const { return type.size(); }
  const std::uint32_t* neighbours_of(std::size_t farmer) const {
    return neighbours.data() + farmer * static_cast<std::size_t>(neighbours_per_farmer);
  }
};

// Generates the population and network from the scenario; everything derives from the seed and is
// identical on any thread count.
Farmers generate_farmers(const Scenario& scenario);

// k nearest farms (ties by id) with each tie rewired to a uniform random farm with probability
// `rewiring` (Watts-Strogatz small world). Exposed for tests.
std::vector<std::uint32_t> build_knn_network(const std::vector<float>& x_km, const std::vector<float>& y_km, int k,
                                             double rewiring, double width_km, double height_km, std::uint64_t seed);

}  // namespace kringloop::agents
