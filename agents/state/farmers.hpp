// Farmer state as a structure of arrays (MODEL §2): one vector per variable, indexed by farmer id,
// so the monthly review streams through exactly the bytes it needs and a parallel block writes only
// its own rows. Per-practice variables are one array per practice ([practice][farmer]), per-
// institution trust one array per institution ([institution][farmer]), leases a fixed number of
// slots per farmer ([farmer × lease_slots + slot]): fixed slots keep the state flat (no per-farmer
// allocation); a farmer that wins more parcels than slots merges them into a slot of the same kind.
//
// Byte budget per farmer (default: 4 practices, 2 governments + 2 intermediaries, k = 8), < 1 KiB:
//   identity, place: type 1, innovativeness 1, region 1, x 4, y 4                       =  11
//   farm: owned_ha 4, birth_day 4, retire_day 4, has_successor 1, active 1, liquidity 4,
//         risk 4, learning factor 4, peer trust 4, coalition 4, forms joined 1,
//         free to join 1                                                                 =  36
//   leases: 3 slots × (area 4, end 4, kind 1, landlord 1), next farm event 4              =  34
//   trust: 4 institutions × (value 4 + last-month copy 4 + last contact 4)                =  48
//   per practice: stage 1, reached 1, flags 1, since 4, codified 4, tacit 4, parts 1,
//                 scheme 1, payments_left 1, next_payment 4, annual_payment 4,
//                 margin offsets 4 + 4, cost factor 4                          = 38 × 4  = 152
//   knowledge institutes: trust 4 each (default 2)                                        =   8
//   scratch: adopted bits, 1 byte per 8 practices, adopting neighbours 1 per practice
//            (agents/model/review.hpp)                                                   =   5
//   network: k neighbour ids                                                  = 4 × 8    =  32
//   total                                                                                 ≈ 326 B
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>
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

// Bits of PracticeState::flags.
namespace practice_flag {
inline constexpr std::uint8_t experiment_applied = 1;  // applied to (or received) an experiment fund
inline constexpr std::uint8_t business_plan = 2;       // a coalition's bureau drew up a business plan (003 L531–539)
}

struct PracticeState {
  std::vector<Stage> stage;
  std::vector<std::uint8_t> reached;  // bit set of stages ever reached
  std::vector<std::uint8_t> flags;    // practice_flag bits
  std::vector<sim::Day> since;        // day the current stage was entered (or the wait was reset)
  // Knowledge of the practice (MODEL §7.6), 0–1 together: codified (what can be written down, at
  // most a third of what is needed, 004 L275–276) and tacit (from trying, watching, field days,
  // meetings and doing). Planning needs codified + tacit ≥ the practice's threshold.
  std::vector<float> codified, tacit;
  float knowledge(std::size_t farmer) const { return codified[farmer] + tacit[farmer]; }
  // Land parts the practice is applied to: bit 0 owned land, bit 1 + s lease slot s (MODEL §7.2:
  // a land-bound practice may be adopted on owned land only). all_parts for farm-level practices.
  std::vector<std::uint8_t> parts;
  // The scheme applied to (stage applied) or paying (stage adopted); no_index when none.
  std::vector<std::uint8_t> scheme;
  std::vector<std::uint8_t> payments_left;
  std::vector<sim::Day> next_payment;
  std::vector<float> annual_payment;
  // This farm's own economics of the practice (drawn once; farms differ, so uptake responds
  // smoothly to payments instead of jumping at one margin): margin deviation per ha and per farm
  // (type offset included), and the factor on the investment.
  std::vector<float> margin_offset_ha, margin_offset_farm, cost_factor;
};

inline constexpr std::size_t lease_slots = 3;
inline constexpr std::uint8_t all_parts = 0x0F;
constexpr std::uint8_t lease_part(std::size_t slot) { return static_cast<std::uint8_t>(2u << slot); }

struct Farmers {
  std::vector<FarmType> type;
  std::vector<Innovativeness> innovativeness;
  std::vector<std::uint8_t> region;  // index into Scenario::regions (MODEL §2 Space)
  std::vector<float> x_km, y_km;

  std::vector<float> owned_ha;
  std::vector<sim::Day> birth_day;         // negative: born before the start
  std::vector<sim::Day> retire_day;        // day the current farmer hands over or exits
  std::vector<std::uint8_t> has_successor;
  std::vector<std::uint8_t> active;        // 0 after the farm exits (its land went to the pool)
  std::vector<float> liquidity_eur;
  std::vector<float> risk_aversion;
  std::vector<float> learning_factor;      // this farmer's learning rate relative to the scenario's
  std::vector<float> peer_trust;           // trust in fellow farmers (MODEL §7.3 peer trust)
  std::vector<std::uint32_t> coalition;    // the coalition the farmer is in (agents/state/coalitions.hpp), or none
  std::vector<std::uint8_t> joined_forms;  // bit f: ever a member of a coalition of form f (reach)
  // 1 while the farm is active and in no coalition, kept so where either changes: recruitment asks
  // it of every neighbour of every attendee, one byte where active and coalition were two
  // scattered reads (issue 16).
  std::vector<std::uint8_t> free_to_join;

  // Lease slots: area 0 means empty.
  std::vector<float> lease_ha;
  std::vector<sim::Day> lease_end;
  std::vector<Tenure> lease_kind;
  std::vector<std::uint8_t> lease_landlord;
  // Earliest day the farm pass has something to do for the farmer (a lease ends, the farmer
  // retires): a lower bound of farm_event_day. The pass looks only at farmers whose day has come
  // (these events are rare), so whoever gives a farmer a lease or a retirement day must lower it
  // (relet_pool does; the farm pass recomputes it for the farmers it handled, and sets an exited
  // farm's to the largest day: it is never due again).
  std::vector<sim::Day> next_farm_event;

  std::vector<std::vector<float>> trust;  // [institution][farmer], in [0, 1]
  // Last month's trust, what neighbours gossip about: farmer-major [farmer × institutions + k], so
  // the gossip pass reads all of a neighbour's institutions from one cache line, not one per
  // institution (the neighbours are scattered; this read dominated the trust pass).
  std::vector<float> trust_seen;
  // Trust in each knowledge institute [institute][farmer] (whom a farmer listens to, MODEL §7.6):
  // kept apart from trust in institutions, as institutes take no part in gossip or elections.
  std::vector<std::vector<float>> institute_trust;
  // Day of the farmer's last interaction with each institution [farmer × institutions + k] (a
  // promise kept or broken, a payment, enforcement): drift acts only without interaction (§7.3).
  std::vector<sim::Day> last_contact;

  std::vector<PracticeState> practice;  // one per scenario practice

  // Social network: `neighbours_per_farmer` ids per farmer, row-major (empty when well mixed).
  int neighbours_per_farmer = 0;
  std::vector<std::uint32_t> neighbours;

  std::size_t size() const { return type.size(); }
  std::size_t institution_count() const { return trust.size(); }
  const float* trust_seen_of(std::size_t farmer) const { return trust_seen.data() + farmer * institution_count(); }
  const std::uint32_t* neighbours_of(std::size_t farmer) const {
    return neighbours.data() + farmer * static_cast<std::size_t>(neighbours_per_farmer);
  }
  double area_ha(std::size_t farmer) const {
    double area = owned_ha[farmer];
    for (std::size_t s = 0; s < lease_slots; ++s) area += lease_ha[farmer * lease_slots + s];
    return area;
  }
  // Area of the parts in `parts` (owned land, lease slots).
  double parts_area(std::size_t farmer, std::uint8_t parts) const {
    double area = (parts & 1u) ? owned_ha[farmer] : 0.0;
    for (std::size_t s = 0; s < lease_slots; ++s)
      if (parts & lease_part(s)) area += lease_ha[farmer * lease_slots + s];
    return area;
  }
  // The land parts the farm holds now (bit 0 owned land, bit 1 + s a non-empty lease slot s).
  std::uint8_t held_parts(std::size_t farmer) const {
    std::uint8_t parts = owned_ha[farmer] > 0 ? 1u : 0u;
    for (std::size_t s = 0; s < lease_slots; ++s)
      if (lease_ha[farmer * lease_slots + s] > 0) parts |= lease_part(s);
    return parts;
  }
  // First day a lease of the farmer ends or the farmer retires.
  sim::Day farm_event_day(std::size_t farmer) const {
    sim::Day first = retire_day[farmer];
    for (std::size_t s = 0; s < lease_slots; ++s)
      if (lease_ha[farmer * lease_slots + s] > 0) first = std::min(first, lease_end[farmer * lease_slots + s]);
    return first;
  }
  // Tenure class holding most of a farm's land, from its land by tenure class (owned on ties, then
  // regular, liberalised, one-year): the class of V4 and the outputs. The recorder sums each farm's
  // classes itself, together with the month's land by class.
  static Tenure main_tenure_of(double owned, double regular, double liberalised, double one_year) {
    Tenure best = Tenure::owned;
    double most = owned;
    if (regular > most) best = Tenure::regular, most = regular;
    if (liberalised > most) best = Tenure::liberalised, most = liberalised;
    if (one_year > most) best = Tenure::one_year;
    return best;
  }
};

// Retirement age of a farmer for a uniform draw u: retirement_age ± retirement_age_spread.
double retirement_age_of(const PopulationSettings& population, double u);

// Generates the population and network from the scenario; everything derives from the seed and is
// identical on any thread count.
Farmers generate_farmers(const Scenario& scenario);

// k nearest farms (ties by id) with each tie rewired to a uniform random farm with probability
// `rewiring` (Watts-Strogatz small world). Exposed for tests. With `side`, the search is bipartite:
// j is one of i's nearest only when side[j] != side[i] (an arable farm's nearest dairy farms), and a
// farm with fewer than k such farms in the whole grid gets no_neighbour in the slots left. With a
// finite `max_distance_km` the search stops there and farther farms are no_neighbour too, so a
// farm with few or no farms of the other side nearby does not search the whole grid.
inline constexpr std::uint32_t no_neighbour = 0xFFFFFFFFu;
std::vector<std::uint32_t> build_knn_network(const std::vector<float>& x_km, const std::vector<float>& y_km, int k,
                                             double rewiring, double width_km, double height_km, std::uint64_t seed,
                                             const std::vector<std::uint8_t>* side = nullptr,
                                             double max_distance_km = std::numeric_limits<double>::infinity());

}  // namespace kringloop::agents
