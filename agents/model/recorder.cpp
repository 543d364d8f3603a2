#include "agents/model/recorder.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

#include "agents/model/chain.hpp"
#include "agents/model/stage_tally.hpp"
#include "sim/parallel.hpp"

namespace kringloop::agents {

namespace {

// Per-month counts, reduced over fixed blocks of farmers and added in block order: integers are
// exact anyway, and the floating sums group identically on any thread count.
//
// What does not depend on the practice (farms by type, land by tenure class) is counted once a
// month, not once per practice.
struct FarmCounts {
  std::int64_t active = 0;
  std::array<std::int64_t, farm_type_count> farms_by_type{};
  std::array<double, tenure_count> land{};  // by tenure class of the land itself
  void add(const FarmCounts& other) {
    active += other.active;
    for (std::size_t t = 0; t < farm_type_count; ++t) farms_by_type[t] += other.farms_by_type[t];
    for (std::size_t t = 0; t < tenure_count; ++t) land[t] += other.land[t];
  }
};

struct PracticeCounts {
  std::array<std::int64_t, stage_count> stage{};
  std::array<std::int64_t, stage_count> reached{};  // farmers that ever reached each stage
  std::array<std::int64_t, farm_type_count> adopters_by_type{};
  std::array<std::int64_t, tenure_count> adopters_by_tenure{};
  double adopted_ha = 0, codified = 0, tacit = 0;
  std::array<double, tenure_count> adopted_land{};  // by tenure class of the land itself
  void add(const PracticeCounts& other) {
    for (std::size_t s = 0; s < stage_count; ++s) stage[s] += other.stage[s];
    for (std::size_t s = 0; s < stage_count; ++s) reached[s] += other.reached[s];
    for (std::size_t t = 0; t < farm_type_count; ++t) adopters_by_type[t] += other.adopters_by_type[t];
    for (std::size_t t = 0; t < tenure_count; ++t) adopters_by_tenure[t] += other.adopters_by_tenure[t];
    adopted_ha += other.adopted_ha;
    for (std::size_t t = 0; t < tenure_count; ++t) adopted_land[t] += other.adopted_land[t];
    codified += other.codified;
    tacit += other.tacit;
  }
};

// Everything the month's series count, in one pass over the farmers (one parallel pass instead
// of one per practice, per institution and for the farms: issue 16). Each sum still adds the
// same farmers in the same order, within the same fixed blocks, added in block order, so every
// number is bitwise what the separate passes gave.
struct MonthCounts {
  FarmCounts farms;
  std::vector<PracticeCounts> practices;
  std::vector<std::array<double, 2>> trust;  // [institution]: Σ trust, Σ trust² over the active farms
  void add(const MonthCounts& other) {
    farms.add(other.farms);
    for (std::size_t p = 0; p < practices.size(); ++p) practices[p].add(other.practices[p]);
    for (std::size_t k = 0; k < trust.size(); ++k)
      for (std::size_t j = 0; j < 2; ++j) trust[k][j] += other.trust[k][j];
  }
};

// Counts of four classes as 16-bit fields of a 64-bit word: counting is one addition to a
// register. A histogram in memory makes each increment wait for the previous one's store when the
// class repeats, as it does (most farms of a block are of one type, one tenure).
static_assert(sim::agents_per_block < (1u << 16));
struct PackedCounts4 {
  std::uint64_t word = 0;
  void add(std::size_t c) { word += std::uint64_t{1} << (16 * c); }
  std::int64_t operator[](std::size_t c) const { return static_cast<std::int64_t>((word >> (16 * c)) & 0xFFFFu); }
};

// Land by tenure class of the land itself, summed in registers.
struct TenureLand {
  double owned = 0, regular = 0, liberalised = 0, one_year = 0;
  void add(Tenure kind, double area) {
    switch (kind) {
      case Tenure::owned: owned += area; break;
      case Tenure::regular: regular += area; break;
      case Tenure::liberalised: liberalised += area; break;
      case Tenure::one_year: one_year += area; break;
    }
  }
};

// Σ trust and Σ trust² of four institutions (a group), farm by farm: the eight sums are
// independent chains of additions that the processor overlaps, where one institution at a time
// waits for each addition in turn. Missing lanes (fewer than four left) read zeros and are dropped.
struct TrustLanes {
  std::array<const float*, 4> trust;  // the block's rows
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  TrustLanes(const Farmers& farmers, std::size_t k0, std::size_t begin) {
    static const std::vector<float> zeros(sim::agents_per_block, 0.0f);
    for (std::size_t j = 0; j < 4; ++j)
      trust[j] = k0 + j < farmers.institution_count() ? farmers.trust[k0 + j].data() + begin : zeros.data();
  }
  void add(std::size_t r) {
    const double t0 = trust[0][r], t1 = trust[1][r], t2 = trust[2][r], t3 = trust[3][r];
    s0 += t0, s1 += t1, s2 += t2, s3 += t3;
    q0 += t0 * t0, q1 += t1 * t1, q2 += t2 * t2, q3 += t3 * t3;
  }
  void put(std::vector<std::array<double, 2>>& sums, std::size_t k0) const {
    const std::array<std::array<double, 2>, 4> lanes{{{s0, q0}, {s1, q1}, {s2, q2}, {s3, q3}}};
    for (std::size_t j = 0; j < 4 && k0 + j < sums.size(); ++j) sums[k0 + j] = lanes[j];
  }
};

// A block's active farms, as offsets from the block's first farmer in farmer order, with each
// one's main tenure class (Farmers::main_tenure_of, worked out once for all practices' adopters).
// Exits are scattered at random over the farmers (half the farms are gone after 30 years), so a
// test of `active` in every pass is a branch the processor mispredicts about every other farmer;
// the list is made once a block without a branch, and the passes run over it. The sums still add
// the same farmers in the same order. What is kept per farm is indexed by the farm's offset in the
// block (the adopter lists of tally_stages are offsets).
struct ActiveRows {
  std::size_t count = 0;
  std::array<std::uint16_t, sim::agents_per_block> row;
  std::array<Tenure, sim::agents_per_block> tenure;  // [offset]
  // With leases in the block: each farm's land as the farms' pass walked it, for the adopters of
  // every practice applied to all of it (most are), so their pass need not walk the slots again.
  // `parts`: the parts that hold land (bit 0 owned, 1 + s lease slot s), plus one_by_one_part when
  // a tenure class holds two of them: a block sum may add a class's area at once only when it is
  // the class's one addend (s + (a + b) is not always (s + a) + b; s + (a + 0) is s + a).
  // `land`: each class's area, which is then that one addend, a float; `area`: all the land,
  // summed as Farmers::parts_area sums it.
  static constexpr std::uint8_t one_by_one_part = 0x80;
  std::array<std::uint8_t, sim::agents_per_block> parts;
  std::array<std::array<float, tenure_count>, sim::agents_per_block> land;
  std::array<double, sim::agents_per_block> area;
};

// One practice over one block, but its knowledge (count_knowledge).
template <bool leases>
void count_practice(const Farmers& farmers, const PracticeState& state, const ActiveRows& active, PracticeCounts& c,
                    std::size_t begin, std::size_t end) {
  const std::uint8_t* const parts_of = state.parts.data();
  // The funnel counts every farmer that ever reached a stage, exited ones included.
  const std::array<std::int64_t, 8> reached = count_set_bits(state.reached.data() + begin, end - begin);
  static_assert(stage_count == 8);
  for (std::size_t s = 0; s < stage_count; ++s) c.reached[s] += reached[s];
  // Stages and adopters are of the active farms: counted and listed by tally_stages (thirty-two
  // farmers at a time).
  std::array<std::uint16_t, sim::agents_per_block + 8> adopter;  // offsets in the block
  StageTally tally;
  tally_stages(farmers.active.data(), state.stage.data(), begin, end, adopter.data(), tally);
  const std::size_t adopters_in_block = tally.adopters;
  PackedCounts4 by_type, by_tenure;
  double adopted_ha = 0;
  TenureLand land;  // the part of each tenure class's land under the practice
  for (std::size_t a = 0; a < adopters_in_block; ++a) {
    const std::size_t r = adopter[a], i = begin + r;
    by_type.add(static_cast<std::size_t>(farmers.type[i]));
    by_tenure.add(static_cast<std::size_t>(active.tenure[r]));
    const std::uint8_t parts = parts_of[i];
    if constexpr (!leases) {
      // Owned land only: Farmers::parts_area is the owned area or 0 (the +0 slots change nothing),
      // and a part not chosen adds +0 to sums that start at +0 instead of being skipped.
      const double area = parts & 1u ? double(farmers.owned_ha[i]) : 0.0;
      adopted_ha += area;
      land.owned += area;
      continue;
    }
    if ((active.parts[r] & ~(parts & all_parts)) == 0) {
      // Applied to all the farm's land: the same addends as the farms' pass, at most one per
      // class (the parts not chosen hold +0, which changes no sum).
      adopted_ha += active.area[r];
      land.owned += active.land[r][0];
      land.regular += active.land[r][1];
      land.liberalised += active.land[r][2];
      land.one_year += active.land[r][3];
      continue;
    }
    adopted_ha += farmers.parts_area(i, parts);
    // The part of each tenure class's land under the practice (empty slots skipped, as in the farms' pass).
    if (parts & 1u) land.owned += farmers.owned_ha[i];
    for (std::size_t slot = 0; slot < lease_slots; ++slot) {
      const std::size_t index = i * lease_slots + slot;
      const double area = farmers.lease_ha[index];
      if (!(parts & lease_part(slot)) || area == 0) continue;
      land.add(farmers.lease_kind[index], area);
    }
  }
  for (std::size_t s = 0; s < stage_count; ++s) c.stage[s] += tally.stages[s];
  for (std::size_t t = 0; t < farm_type_count; ++t) c.adopters_by_type[t] += by_type[t];
  for (std::size_t t = 0; t < tenure_count; ++t) c.adopters_by_tenure[t] += by_tenure[t];
  c.adopted_ha += adopted_ha;
  c.adopted_land = {land.owned, land.regular, land.liberalised, land.one_year};
}

// The knowledge sums (codified, tacit) of the practices in `practices`, over the block's active
// farms in farmer order, in one walk over the list. Each sum is a chain of additions, each waiting
// for the one before; the chains of up to four practices overlap, where one practice at a time
// waited for each of its own (issue 16). Each sum adds the same values in the same order.
//
// Only practices with decision = utility are walked: only the pipeline, the institutes and the
// coalitions change codified or tacit knowledge, and each only of those practices
// (build_knowledge.cpp, build_coalitions.cpp); the others' sums would add +0 to +0, which is
// bitwise the +0 they start at (issue 11: land exchange, an external practice, is counted every
// month).
template <std::size_t P>
void knowledge_walk(const Farmers& farmers, const std::size_t* practices, const ActiveRows& active, MonthCounts& counts,
                    std::size_t begin) {
  std::array<const float*, P> codified, tacit;
  for (std::size_t q = 0; q < P; ++q) {
    codified[q] = farmers.practice[practices[q]].codified.data() + begin;
    tacit[q] = farmers.practice[practices[q]].tacit.data() + begin;
  }
  std::array<double, P> codified_sum{}, tacit_sum{};
  for (std::size_t j = 0; j < active.count; ++j) {
    const std::size_t r = active.row[j];
    for (std::size_t q = 0; q < P; ++q) {
      codified_sum[q] += codified[q][r];
      tacit_sum[q] += tacit[q][r];
    }
  }
  for (std::size_t q = 0; q < P; ++q) {
    counts.practices[practices[q]].codified += codified_sum[q];
    counts.practices[practices[q]].tacit += tacit_sum[q];
  }
}

void count_knowledge(const Farmers& farmers, const std::vector<std::uint8_t>& learns, const ActiveRows& active,
                     MonthCounts& counts, std::size_t begin) {
  std::array<std::size_t, 4> group;
  std::size_t size = 0;
  auto walk = [&] {
    switch (size) {
      case 1: knowledge_walk<1>(farmers, group.data(), active, counts, begin); break;
      case 2: knowledge_walk<2>(farmers, group.data(), active, counts, begin); break;
      case 3: knowledge_walk<3>(farmers, group.data(), active, counts, begin); break;
      case 4: knowledge_walk<4>(farmers, group.data(), active, counts, begin); break;
      default: break;
    }
    size = 0;
  };
  for (std::size_t p = 0; p < learns.size(); ++p) {
    if (!learns[p]) continue;
    group[size++] = p;
    if (size == group.size()) walk();
  }
  walk();
}

// The farms (by type, land by tenure class) and every practice of one block; `leases`: whether any
// lease slot of the block holds land.
template <bool leases>
void count_farms_and_practices(const Farmers& farmers, const std::vector<std::uint8_t>& learns, MonthCounts& counts,
                               ActiveRows& active, std::size_t begin, std::size_t end) {
  FarmCounts& farms = counts.farms;
  // Land of each tenure class (P4 is about land); an exited farm holds no land.
  PackedCounts4 by_type;
  TenureLand land;
  // Without leases, the first four institutions' trust in the same pass: its chains of additions
  // overlap the one of the owned land (with leases, the walk over the slots is the bottleneck and
  // the trust pass is better apart).
  TrustLanes trust(farmers, 0, begin);
  if constexpr (leases)
    for (std::size_t j = 0; j < active.count; ++j) trust.add(active.row[j]);
  farms.active += static_cast<std::int64_t>(active.count);
  for (std::size_t j = 0; j < active.count; ++j) {
    if constexpr (!leases) trust.add(active.row[j]);
    const std::size_t i = begin + active.row[j];
    by_type.add(static_cast<std::size_t>(farmers.type[i]));
    const double owned = farmers.owned_ha[i];
    land.owned += owned;
    // The farm's own land by class (summed in slot order, owned land first), added to the block's
    // sums in the same walk over the slots. An empty slot adds 0 to sums that are never negative,
    // which changes nothing, so it is skipped.
    TenureLand farm{owned, 0, 0, 0};
    if constexpr (leases) {
      double area = owned;
      std::uint8_t parts = owned != 0 ? 1u : 0u;
      unsigned classes = parts;  // bit per tenure class with an addend
      for (std::size_t slot = 0; slot < lease_slots; ++slot) {
        const std::size_t index = i * lease_slots + slot;
        const double leased = farmers.lease_ha[index];
        area += leased;
        if (leased == 0) continue;
        const Tenure kind = farmers.lease_kind[index];
        land.add(kind, leased);
        farm.add(kind, leased);
        const unsigned bit = 1u << (static_cast<unsigned>(kind) & 3u);
        parts |= lease_part(slot) | (classes & bit ? ActiveRows::one_by_one_part : 0);
        classes |= bit;
      }
      active.parts[i - begin] = parts;
      active.land[i - begin] = {float(farm.owned), float(farm.regular), float(farm.liberalised), float(farm.one_year)};
      active.area[i - begin] = area;
    }
    active.tenure[i - begin] = Farmers::main_tenure_of(farm.owned, farm.regular, farm.liberalised, farm.one_year);
  }
  trust.put(counts.trust, 0);
  for (std::size_t t = 0; t < farm_type_count; ++t) farms.farms_by_type[t] += by_type[t];
  farms.land = {land.owned, land.regular, land.liberalised, land.one_year};
  count_knowledge(farmers, learns, active, counts, begin);
  for (std::size_t p = 0; p < farmers.practice.size(); ++p)
    count_practice<leases>(farmers, farmers.practice[p], active, counts.practices[p], begin, end);
}

// Whether every lease slot in `areas` is +0 (holds no land): the bits of 64 slots at a time,
// or'ed in a loop the compiler vectorises, up to the first 64 with a lease.
bool holds_no_lease(const float* areas, std::size_t count) {
  for (std::size_t first = 0; first < count; first += 64) {
    std::uint32_t bits = 0;
    for (std::size_t i = first; i < std::min(count, first + 64); ++i) bits |= std::bit_cast<std::uint32_t>(areas[i]);
    if (bits != 0) return false;
  }
  return true;
}

// One block, one quantity at a time (the block's rows stay in cache), each sum in local variables
// in farmer order: the same additions in the same order as one farmer at a time.
void count_block(const Farmers& farmers, const std::vector<std::uint8_t>& learns, MonthCounts& counts, std::size_t begin,
                 std::size_t end) {
  const std::uint8_t* const on = farmers.active.data();
  ActiveRows active;
  for (std::size_t i = begin; i < end; ++i) {
    active.row[active.count] = static_cast<std::uint16_t>(i - begin);
    active.count += on[i] != 0;
  }
  // Institutions from the fifth on, four at a time (the first four are counted with the land).
  for (std::size_t k0 = 4; k0 < counts.trust.size(); k0 += 4) {
    TrustLanes trust(farmers, k0, begin);
    for (std::size_t j = 0; j < active.count; ++j) trust.add(active.row[j]);
    trust.put(counts.trust, k0);
  }
  // A block without leases (every slot +0, as when no land is leased: the peer-equivalent
  // benchmark) is counted on owned land alone: the slots would add +0 to every sum, which changes
  // none, and the main tenure class of every farm is that of its owned land.
  if (holds_no_lease(farmers.lease_ha.data() + begin * lease_slots, (end - begin) * lease_slots))
    count_farms_and_practices<false>(farmers, learns, counts, active, begin, end);
  else
    count_farms_and_practices<true>(farmers, learns, counts, active, begin, end);
}

MonthCounts count_month(const Farmers& farmers, const std::vector<std::uint8_t>& learns) {
  MonthCounts empty;
  empty.practices.resize(farmers.practice.size());
  empty.trust.assign(farmers.institution_count(), std::array<double, 2>{});
  const std::size_t n = farmers.size();
  std::vector<MonthCounts> partial((n + sim::agents_per_block - 1) / sim::agents_per_block, empty);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    count_block(farmers, learns, partial[begin / sim::agents_per_block], begin, end);
  });
  MonthCounts total = empty;
  for (const auto& p : partial) total.add(p);
  return total;
}

// Mean and standard deviation of one institution's trust over the active farmers, from its sums.
std::pair<double, double> trust_moments(const std::array<double, 2>& sums, std::int64_t active_count) {
  const auto [sum, squares] = sums;
  if (active_count <= 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  const double mean = sum / double(active_count);
  return {mean, std::sqrt(std::max(0.0, squares / double(active_count) - mean * mean))};
}

std::vector<std::string> names_of(const auto& names, std::size_t first, std::size_t last) {
  std::vector<std::string> out;
  for (std::size_t i = first; i < last; ++i) out.emplace_back(names[i]);
  return out;
}

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

double years_to_half(const std::vector<double>& adopters, const std::vector<sim::Day>& month_end_days) {
  if (adopters.empty() || adopters.back() <= 0) return std::numeric_limits<double>::quiet_NaN();
  const double half = adopters.back() / 2.0;
  for (std::size_t m = 0; m < adopters.size(); ++m)
    if (adopters[m] >= half) return sim::days_to_years(month_end_days[m] + 1);
  return std::numeric_limits<double>::quiet_NaN();
}

double total_land_ha(const Farmers& farmers, const InstitutionState& institutions) {
  const std::size_t n = farmers.size();
  double total = sim::deterministic_sum(n, [&](std::size_t i) { return farmers.area_ha(i); });
  for (const auto& parcel : institutions.pool) total += parcel.area_ha;
  return total;
}

Recorder::Recorder(const Scenario& scenario) : scenario_(scenario) {
  for (const auto& practice : scenario.practices) learns_.push_back(practice.decision == DecisionRule::utility);
  for (const auto& practice : scenario.practices) {
    const std::string base = "practice/" + practice.name + "/";
    PracticeSeries s{};
    s.stage_count = record_.add_series(base + "stage_count", "farmers", "active farms in each pipeline stage at month end",
                                       names_of(stage_names, 0, stage_count));
    s.funnel = record_.add_series(base + "funnel", "farmers", "farmers that ever reached each stage (cumulative funnel)",
                                  names_of(stage_names, 1, 6));
    s.adopted_share = record_.add_series(base + "adopted_share", "fraction of farms", "share of active farms that have adopted");
    s.adopted_area = record_.add_series(base + "adopted_area_ha", "ha", "area the adopters apply the practice to");
    s.adopted_land_share = record_.add_series(base + "adopted_land_share", "fraction of farmland",
                                              "share of all farmland the practice is applied to");
    s.adopters_by_type = record_.add_series(base + "adopters_by_type", "farmers", "adopters by farm type",
                                            names_of(farm_type_names, 0, farm_type_count));
    s.adopters_by_tenure = record_.add_series(base + "adopters_by_tenure", "farmers",
                                              "adopters among active farms by the farm's main tenure class",
                                              names_of(tenure_names, 0, tenure_count));
    s.share_by_tenure = record_.add_series(base + "adopted_share_by_tenure", "fraction of land",
                                           "share of the land of each tenure class the practice is applied to",
                                           names_of(tenure_names, 0, tenure_count));
    s.dropouts = record_.add_series(base + "dropouts", "farmers", "farmers that ever dropped out (cumulative)");
    s.knowledge = record_.add_series(base + "knowledge_mean", "0–1",
                                     "mean knowledge (codified + tacit) of the practice over the active farms");
    s.codified = record_.add_series(base + "codified_mean", "0–1", "mean codified knowledge over the active farms (MODEL §7.6)");
    s.tacit = record_.add_series(base + "tacit_mean", "0–1", "mean tacit knowledge over the active farms (MODEL §7.6)");
    practice_series_.push_back(s);
  }
  for (const auto& institution : scenario.institutions) {
    trust_mean_.push_back(record_.add_series("trust/" + institution.name + "/mean", "0–1", "mean trust of the active farms"));
    trust_std_.push_back(record_.add_series("trust/" + institution.name + "/std", "0–1", "spread of the active farms' trust"));
  }
  for (const auto& scheme : scenario.schemes) {
    const std::string base = "scheme/" + scheme.name + "/";
    SchemeSeries s{};
    s.applications = record_.add_series(base + "applications", "per month", "applications received");
    s.awards = record_.add_series(base + "awards", "per month", "applications awarded");
    s.rejections = record_.add_series(base + "rejections", "per month", "applications rejected (budget, suitability)");
    s.late = record_.add_series(base + "late_decisions", "per month", "decisions later than the announced lead time");
    s.paid = record_.add_series(base + "paid_eur", "€ per month", "money paid");
    s.committed = record_.add_series(base + "committed_eur", "€", "promised and not yet paid");
    s.budget_left = record_.add_series(base + "budget_left_eur", "€", "budget neither paid, committed nor withdrawn");
    s.open = record_.add_series(base + "open", "0/1", "accepting applications at month end (closes when the rest cannot "
                                "fund a typical award, or by a reversal)");
    scheme_series_.push_back(s);
  }
  active_series_ = record_.add_series("population/active_farms", "farms", "farms still farming (not exited)");
  mean_area_series_ = record_.add_series("population/mean_farm_ha", "ha", "mean area of the active farms");
  land_series_ = record_.add_series("land/area_by_tenure_ha", "ha", "farmland by tenure class, and unlet land in the pool",
                                    {"owned", "regular", "liberalised", "one_year", "pool"});
  for (const auto& chain : scenario.chains)
    chain_series_.push_back(record_.add_series("chain/" + chain.name + "/capacity_used", "fraction of capacity",
                                               "share of the partner's capacity in use"));
  tenure_share_.resize(scenario.practices.size());
  type_share_.resize(scenario.practices.size());
  adopted_area_.resize(scenario.practices.size());
}

void Recorder::record_month(sim::Day last_day, const Farmers& farmers, InstitutionState& institutions,
                            const MonthContext& month) {
  record_.add_month(last_day);
  const MonthCounts month_counts = count_month(farmers, learns_);
  const FarmCounts& farms = month_counts.farms;
  const std::int64_t active = farms.active;
  double farmland = 0;
  for (double land : farms.land) farmland += land;
  record_.append(active_series_, static_cast<double>(active));
  record_.append(mean_area_series_, active > 0 ? farmland / static_cast<double>(active) : 0.0);
  for (std::size_t p = 0; p < practice_series_.size(); ++p) {
    const PracticeCounts& counts = month_counts.practices[p];
    const std::array<std::int64_t, stage_count>& reached = counts.reached;
    const PracticeSeries& s = practice_series_[p];
    const std::int64_t adopters = counts.stage[static_cast<std::size_t>(Stage::adopted)];
    record_.append(s.stage_count, counts.stage.begin(), counts.stage.end());
    record_.append(s.funnel, reached.begin() + 1, reached.begin() + 6);
    record_.append(s.adopted_share, share(adopters, active));
    record_.append(s.adopted_area, counts.adopted_ha);
    record_.append(s.adopted_land_share, farmland > 0 ? counts.adopted_ha / farmland : 0.0);
    record_.append(s.adopters_by_type, counts.adopters_by_type.begin(), counts.adopters_by_type.end());
    record_.append(s.adopters_by_tenure, counts.adopters_by_tenure.begin(), counts.adopters_by_tenure.end());
    record_.append(s.dropouts, static_cast<double>(reached[static_cast<std::size_t>(Stage::dropped)]));
    record_.append(s.knowledge, active > 0 ? (counts.codified + counts.tacit) / double(active) : 0.0);
    record_.append(s.codified, active > 0 ? counts.codified / double(active) : 0.0);
    record_.append(s.tacit, active > 0 ? counts.tacit / double(active) : 0.0);
    std::array<double, tenure_count> land_share;
    for (std::size_t t = 0; t < tenure_count; ++t)
      land_share[t] = tenure_share_[p][t] = farms.land[t] > 0 ? counts.adopted_land[t] / farms.land[t] : 0.0;
    record_.append(s.share_by_tenure, land_share.begin(), land_share.end());
    for (std::size_t t = 0; t < farm_type_count; ++t) type_share_[p][t] = share(counts.adopters_by_type[t], farms.farms_by_type[t]);
    adopted_area_[p] = counts.adopted_ha;
  }
  for (std::size_t k = 0; k < trust_mean_.size(); ++k) {
    const auto [mean, spread] = trust_moments(month_counts.trust[k], active);
    record_.append(trust_mean_[k], mean);
    record_.append(trust_std_[k], spread);
  }
  for (std::size_t s = 0; s < scheme_series_.size(); ++s) {
    SchemeState& state = institutions.schemes[s];
    const SchemeSeries& series = scheme_series_[s];
    record_.append(series.applications, static_cast<double>(state.month_applications));
    record_.append(series.awards, static_cast<double>(state.month_awards));
    record_.append(series.rejections, static_cast<double>(state.month_rejections));
    record_.append(series.late, static_cast<double>(state.month_late));
    record_.append(series.paid, state.month_paid_eur);
    record_.append(series.committed, state.committed_eur);
    record_.append(series.budget_left, state.budget_left(scenario_.schemes[s]));
    record_.append(series.open, month.schemes[s].open ? 1.0 : 0.0);
    state.month_applications = state.month_awards = state.month_rejections = state.month_late = 0;
    state.month_paid_eur = 0;
  }
  std::array<double, tenure_count + 1> land;
  std::copy(farms.land.begin(), farms.land.end(), land.begin());
  land[tenure_count] = 0.0;  // unlet land in the pool
  for (const auto& parcel : institutions.pool) land[tenure_count] += parcel.area_ha;
  record_.append(land_series_, land.begin(), land.end());
  for (std::size_t c = 0; c < chain_series_.size(); ++c)
    record_.append(chain_series_[c], chain_capacity_used(scenario_.chains[c], institutions.chains[c]));
  if (scenario_.run.snapshots && (sim::month_of(last_day) + 1) % sim::months_per_year == 0) record_snapshot(farmers);
}

void Recorder::record_snapshot(const Farmers& farmers) {
  const std::size_t n = farmers.size();
  // Where each farm is, what it is and how large, so a map can be drawn from the snapshots alone.
  // One snapshot at a time: a reference from record_.snapshot() lasts only until the next new one.
  auto map_snapshot = [&](const char* name, const char* unit, auto value_of) {
    auto& snapshot = record_.snapshot(name, unit, n);
    for (std::size_t i = 0; i < n; ++i) snapshot.values.push_back(static_cast<float>(value_of(i)));
  };
  map_snapshot("x_km", "km", [&](std::size_t i) { return farmers.x_km[i]; });
  map_snapshot("y_km", "km", [&](std::size_t i) { return farmers.y_km[i]; });
  map_snapshot("farm_type", "index (0 = arable, 1 = dairy, 2 = mixed, 3 = intensive_livestock)",
               [&](std::size_t i) { return static_cast<int>(farmers.type[i]); });
  map_snapshot("area_ha", "ha (owned + leased)", [&](std::size_t i) { return farmers.area_ha(i); });
  map_snapshot("active", "0/1 (0 after the farm exited)", [&](std::size_t i) { return farmers.active[i]; });
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    auto& snapshot = record_.snapshot("stage_" + scenario_.practices[p].name, "stage index (0 = unaware … 7 = abandoned)", n);
    for (std::size_t i = 0; i < n; ++i) snapshot.values.push_back(static_cast<float>(farmers.practice[p].stage[i]));
  }
  for (std::size_t k = 0; k < scenario_.institutions.size(); ++k) {
    auto& snapshot = record_.snapshot("trust_" + scenario_.institutions[k].name, "0–1", n);
    snapshot.values.insert(snapshot.values.end(), farmers.trust[k].begin(), farmers.trust[k].end());
  }
}

sim::output::RunRecord Recorder::finish(const Farmers& farmers, const InstitutionState& institutions) {
  double adopted_area = 0;
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    const std::string& name = scenario_.practices[p].name;
    const auto& stages = record_.series()[practice_series_[p].stage_count];
    std::vector<double> adopters;
    for (std::size_t m = 0; m < stages.months(); ++m)
      adopters.push_back(stages.values[m * stages.width() + static_cast<std::size_t>(Stage::adopted)]);
    const auto& shares = record_.series()[practice_series_[p].adopted_share].values;
    const auto& dropouts = record_.series()[practice_series_[p].dropouts].values;
    record_.set_summary("adoption." + name + ".final_share", shares.empty() ? 0.0 : shares.back());
    record_.set_summary("adoption." + name + ".t_half_years", years_to_half(adopters, record_.month_end_days()));
    record_.set_summary("dropouts." + name, dropouts.empty() ? 0.0 : dropouts.back());
    for (std::size_t t = 0; t < tenure_count; ++t)
      record_.set_summary("adoption_by_tenure." + name + "." + tenure_names[t], tenure_share_[p][t]);
    for (std::size_t t = 0; t < farm_type_count; ++t)
      record_.set_summary("adoption_by_type." + name + "." + farm_type_names[t], type_share_[p][t]);
    record_.set_summary("adopted_area_ha." + name, adopted_area_[p]);
    const auto& land_shares = record_.series()[practice_series_[p].adopted_land_share].values;
    record_.set_summary("adoption." + name + ".final_land_share", land_shares.empty() ? 0.0 : land_shares.back());
    adopted_area += adopted_area_[p];
  }
  for (std::size_t k = 0; k < scenario_.institutions.size(); ++k) {
    const auto& means = record_.series()[trust_mean_[k]].values;
    record_.set_summary("trust." + scenario_.institutions[k].name + ".mean_end", means.empty() ? NAN : means.back());
  }
  double paid = 0;
  for (std::size_t s = 0; s < scenario_.schemes.size(); ++s) {
    const SchemeState& state = institutions.schemes[s];
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".paid_eur", state.paid_eur);
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".awards", static_cast<double>(state.awards));
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".applications", static_cast<double>(state.applications));
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".applied_eur", state.applied_eur);
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".budget_eur", state.budget_eur);
    // The output event of a scheme closing for good (budget exhausted): its year, NaN if never.
    record_.set_summary("subsidy." + scenario_.schemes[s].name + ".exhausted_year",
                        state.exhausted_day >= 0 ? sim::days_to_years(state.exhausted_day) : NAN);
    paid += state.paid_eur;
  }
  record_.set_summary("subsidy.total_paid_eur", paid);
  record_.set_summary("eur_per_adopted_ha", adopted_area > 0 ? paid / adopted_area : NAN);
  record_.set_summary("land.total_ha_end", total_land_ha(farmers, institutions));
  const auto& active = record_.series()[active_series_].values;
  record_.set_summary("population.active_share_end",
                      active.empty() ? NAN : active.back() / static_cast<double>(farmers.size()));
  return std::move(record_);
}

}  // namespace kringloop::agents
