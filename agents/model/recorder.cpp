#include "agents/model/recorder.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "agents/model/chain.hpp"
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
  // Farmers by their whole `reached` bit set: a histogram is one increment per farmer; the
  // per-stage funnel counts are expanded from it once (reached_counts), exactly.
  std::array<std::int64_t, 256> reached_sets{};
  std::array<std::int64_t, farm_type_count> adopters_by_type{};
  std::array<std::int64_t, tenure_count> adopters_by_tenure{};
  double adopted_ha = 0, codified = 0, tacit = 0;
  std::array<double, tenure_count> adopted_land{};  // by tenure class of the land itself
  void add(const PracticeCounts& other) {
    for (std::size_t s = 0; s < stage_count; ++s) stage[s] += other.stage[s];
    for (std::size_t v = 0; v < reached_sets.size(); ++v) reached_sets[v] += other.reached_sets[v];
    for (std::size_t t = 0; t < farm_type_count; ++t) adopters_by_type[t] += other.adopters_by_type[t];
    for (std::size_t t = 0; t < tenure_count; ++t) adopters_by_tenure[t] += other.adopters_by_tenure[t];
    adopted_ha += other.adopted_ha;
    for (std::size_t t = 0; t < tenure_count; ++t) adopted_land[t] += other.adopted_land[t];
    codified += other.codified;
    tacit += other.tacit;
  }
  // Farmers that ever reached each stage.
  std::array<std::int64_t, stage_count> reached_counts() const {
    std::array<std::int64_t, stage_count> reached{};
    for (std::size_t v = 0; v < reached_sets.size(); ++v)
      for (std::size_t s = 0; s < stage_count; ++s)
        if ((v >> s) & 1u) reached[s] += reached_sets[v];
    return reached;
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

// A block's active farms, as offsets from the block's first farmer in farmer order, with each
// one's main tenure class (Farmers::main_tenure, worked out once for all practices' adopters).
// Exits are scattered at random over the farmers (half the farms are gone after 30 years), so a
// test of `active` in every pass is a branch the processor mispredicts about every other farmer;
// the list is made once a block without a branch, and the passes run over it. The sums still add
// the same farmers in the same order.
struct ActiveRows {
  std::size_t count = 0;
  std::array<std::uint16_t, sim::agents_per_block> row;
  std::array<Tenure, sim::agents_per_block> tenure;  // [position in row]
};

// One practice over one block. Without `learns` the practice's knowledge is known to be 0
// everywhere and is not read: only the pipeline, the institutes and the coalitions change codified
// or tacit knowledge, and each only of practices with decision = utility (build_knowledge.cpp,
// build_coalitions.cpp); the sums would add +0 to +0, which is bitwise the +0 they start at
// (issue 11: land exchange, an external practice, is counted every month).
template <bool learns>
void count_practice(const Farmers& farmers, const PracticeState& state, const ActiveRows& active, PracticeCounts& c,
                    std::size_t begin, std::size_t end) {
  const Stage* const stage = state.stage.data() + begin;
  const std::uint8_t* const reached = state.reached.data();
  const float* const codified = state.codified.data() + begin;
  const float* const tacit = state.tacit.data() + begin;
  const std::uint8_t* const parts_of = state.parts.data();
  // The funnel counts every farmer that ever reached a stage, exited ones included.
  std::array<std::array<std::int32_t, 256>, 2> reached_sets{};  // a block has at most 2,048 farmers
  for (std::size_t i = begin; i < end; ++i) ++reached_sets[i & 1u][reached[i]];
  // Stages, adopters and knowledge are of the active farms. Stages counted in four interleaved
  // histograms (exact integers): one histogram would make every farmer wait for the previous
  // one's increment of the same count. The adopters are listed (without a branch) for the pass
  // over their land below.
  std::array<std::array<std::int64_t, stage_count>, 4> stages{};
  std::array<std::uint16_t, sim::agents_per_block> adopter;  // positions in active.row
  std::size_t adopters_in_block = 0;
  double codified_sum = 0, tacit_sum = 0;
  for (std::size_t j = 0; j < active.count; ++j) {
    const std::size_t r = active.row[j];
    const Stage s = stage[r];
    ++stages[j & 3u][static_cast<std::size_t>(s)];
    if constexpr (learns) {
      codified_sum += codified[r];
      tacit_sum += tacit[r];
    }
    adopter[adopters_in_block] = static_cast<std::uint16_t>(j);
    adopters_in_block += s == Stage::adopted;
  }
  std::array<std::array<std::int32_t, farm_type_count + tenure_count>, 2> adopters{};  // by type, then tenure
  double adopted_ha = 0, land0 = 0, land1 = 0, land2 = 0, land3 = 0;
  for (std::size_t a = 0; a < adopters_in_block; ++a) {
    const std::size_t j = adopter[a], i = begin + active.row[j];
    ++adopters[a & 1u][static_cast<std::size_t>(farmers.type[i])];
    ++adopters[a & 1u][farm_type_count + static_cast<std::size_t>(active.tenure[j])];
    const std::uint8_t parts = parts_of[i];
    adopted_ha += farmers.parts_area(i, parts);
    // The part of each tenure class's land under the practice (empty slots skipped, as in count_block).
    if (parts & 1u) land0 += farmers.owned_ha[i];
    for (std::size_t slot = 0; slot < lease_slots; ++slot) {
      const std::size_t index = i * lease_slots + slot;
      const double area = farmers.lease_ha[index];
      if (!(parts & lease_part(slot)) || area == 0) continue;
      switch (farmers.lease_kind[index]) {
        case Tenure::owned: land0 += area; break;
        case Tenure::regular: land1 += area; break;
        case Tenure::liberalised: land2 += area; break;
        case Tenure::one_year: land3 += area; break;
      }
    }
  }
  for (const auto& histogram : stages)
    for (std::size_t s = 0; s < stage_count; ++s) c.stage[s] += histogram[s];
  for (const auto& histogram : reached_sets)
    for (std::size_t v = 0; v < histogram.size(); ++v) c.reached_sets[v] += histogram[v];
  for (const auto& histogram : adopters) {
    for (std::size_t t = 0; t < farm_type_count; ++t) c.adopters_by_type[t] += histogram[t];
    for (std::size_t t = 0; t < tenure_count; ++t) c.adopters_by_tenure[t] += histogram[farm_type_count + t];
  }
  c.codified += codified_sum;
  c.tacit += tacit_sum;
  c.adopted_ha += adopted_ha;
  c.adopted_land = {land0, land1, land2, land3};
}

// One block, one quantity at a time (the block's rows stay in cache), each sum in local variables
// in farmer order: the same additions in the same order as one farmer at a time.
void count_block(const Farmers& farmers, const std::vector<std::uint8_t>& learns, MonthCounts& counts, std::size_t begin,
                 std::size_t end) {
  const std::uint8_t* const on = farmers.active.data();
  // Four institutions at a time: their sums are independent chains of additions that the
  // processor overlaps, where one institution at a time waits for each addition in turn. Missing
  // lanes (fewer than four left) read zeros and are dropped.
  static const std::vector<float> zeros(sim::agents_per_block, 0.0f);
  for (std::size_t k0 = 0; k0 < counts.trust.size(); k0 += 4) {
    std::array<const float*, 4> trust{};
    for (std::size_t j = 0; j < 4; ++j)
      trust[j] = k0 + j < counts.trust.size() ? farmers.trust[k0 + j].data() + begin : zeros.data();
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const bool active = on[i] != 0;
      const std::size_t r = i - begin;
      const double t0 = active ? trust[0][r] : 0.0, t1 = active ? trust[1][r] : 0.0;
      const double t2 = active ? trust[2][r] : 0.0, t3 = active ? trust[3][r] : 0.0;
      s0 += t0, s1 += t1, s2 += t2, s3 += t3;
      q0 += t0 * t0, q1 += t1 * t1, q2 += t2 * t2, q3 += t3 * t3;
    }
    const std::array<std::array<double, 2>, 4> sums{{{s0, q0}, {s1, q1}, {s2, q2}, {s3, q3}}};
    for (std::size_t j = 0; j < 4 && k0 + j < counts.trust.size(); ++j) counts.trust[k0 + j] = sums[j];
  }
  ActiveRows active;
  for (std::size_t i = begin; i < end; ++i) {
    active.row[active.count] = static_cast<std::uint16_t>(i - begin);
    active.count += on[i] != 0;
  }
  FarmCounts& farms = counts.farms;
  // Land of each tenure class (P4 is about land), in registers; an exited farm holds no land. An
  // empty slot adds 0 to a sum that is never negative, which changes nothing, so it is skipped.
  static_assert(tenure_count == 4);
  double land0 = 0, land1 = 0, land2 = 0, land3 = 0;
  farms.active += static_cast<std::int64_t>(active.count);
  for (std::size_t j = 0; j < active.count; ++j) {
    const std::size_t i = begin + active.row[j];
    ++farms.farms_by_type[static_cast<std::size_t>(farmers.type[i])];
    land0 += farmers.owned_ha[i];
    for (std::size_t slot = 0; slot < lease_slots; ++slot) {
      const std::size_t index = i * lease_slots + slot;
      const double area = farmers.lease_ha[index];
      if (area == 0) continue;
      switch (farmers.lease_kind[index]) {
        case Tenure::owned: land0 += area; break;
        case Tenure::regular: land1 += area; break;
        case Tenure::liberalised: land2 += area; break;
        case Tenure::one_year: land3 += area; break;
      }
    }
    active.tenure[j] = farmers.main_tenure(i);
  }
  farms.land = {land0, land1, land2, land3};
  for (std::size_t p = 0; p < farmers.practice.size(); ++p) {
    if (learns[p])
      count_practice<true>(farmers, farmers.practice[p], active, counts.practices[p], begin, end);
    else
      count_practice<false>(farmers, farmers.practice[p], active, counts.practices[p], begin, end);
  }
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
    const std::array<std::int64_t, stage_count> reached = counts.reached_counts();
    const PracticeSeries& s = practice_series_[p];
    const std::int64_t adopters = counts.stage[static_cast<std::size_t>(Stage::adopted)];
    record_.append(s.stage_count, std::vector<double>(counts.stage.begin(), counts.stage.end()));
    record_.append(s.funnel, std::vector<double>(reached.begin() + 1, reached.begin() + 6));
    record_.append(s.adopted_share, share(adopters, active));
    record_.append(s.adopted_area, counts.adopted_ha);
    record_.append(s.adopted_land_share, farmland > 0 ? counts.adopted_ha / farmland : 0.0);
    record_.append(s.adopters_by_type, std::vector<double>(counts.adopters_by_type.begin(), counts.adopters_by_type.end()));
    record_.append(s.adopters_by_tenure,
                   std::vector<double>(counts.adopters_by_tenure.begin(), counts.adopters_by_tenure.end()));
    record_.append(s.dropouts, static_cast<double>(reached[static_cast<std::size_t>(Stage::dropped)]));
    record_.append(s.knowledge, active > 0 ? (counts.codified + counts.tacit) / double(active) : 0.0);
    record_.append(s.codified, active > 0 ? counts.codified / double(active) : 0.0);
    record_.append(s.tacit, active > 0 ? counts.tacit / double(active) : 0.0);
    std::vector<double> land_share(tenure_count);
    for (std::size_t t = 0; t < tenure_count; ++t)
      land_share[t] = tenure_share_[p][t] = farms.land[t] > 0 ? counts.adopted_land[t] / farms.land[t] : 0.0;
    record_.append(s.share_by_tenure, land_share);
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
  std::vector<double> land(farms.land.begin(), farms.land.end());
  land.push_back(0.0);  // unlet land in the pool
  for (const auto& parcel : institutions.pool) land[tenure_count] += parcel.area_ha;
  record_.append(land_series_, land);
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
