#include "agents/model/recorder.hpp"

#include <array>
#include <cmath>
#include <limits>

#include <oneapi/tbb/parallel_reduce.h>

#include "sim/parallel.hpp"

namespace kringloop::agents {

namespace {

// Per-month counts for one practice, reduced over farmers. Integer sums are exact, so the parallel
// reduction order does not matter.
struct PracticeCounts {
  std::array<std::int64_t, stage_count> stage{};
  std::array<std::int64_t, stage_count> reached{};
  std::array<std::int64_t, farm_type_count> adopters_by_type{};
  void add(const PracticeCounts& other) {
    for (std::size_t s = 0; s < stage_count; ++s) stage[s] += other.stage[s], reached[s] += other.reached[s];
    for (std::size_t t = 0; t < farm_type_count; ++t) adopters_by_type[t] += other.adopters_by_type[t];
  }
};

PracticeCounts count_practice(const Farmers& farmers, const PracticeState& state) {
  const std::size_t n = farmers.size();
  const std::size_t blocks = (n + sim::agents_per_block - 1) / sim::agents_per_block;
  std::vector<PracticeCounts> partial(blocks);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    PracticeCounts& counts = partial[begin / sim::agents_per_block];
    for (std::size_t i = begin; i < end; ++i) {
      const auto stage = static_cast<std::size_t>(state.stage[i]);
      ++counts.stage[stage];
      for (std::size_t s = 0; s < stage_count; ++s) counts.reached[s] += (state.reached[i] >> s) & 1u;
      if (state.stage[i] == Stage::adopted) ++counts.adopters_by_type[static_cast<std::size_t>(farmers.type[i])];
    }
  });
  PracticeCounts total;
  for (const auto& p : partial) total.add(p);
  return total;
}

std::vector<std::string> names_of(const auto& names, std::size_t first, std::size_t last) {
  std::vector<std::string> out;
  for (std::size_t i = first; i < last; ++i) out.emplace_back(names[i]);
  return out;
}

}  // namespace

double years_to_half(const std::vector<double>& adopters, const std::vector<sim::Day>& month_end_days) {
  if (adopters.empty() || adopters.back() <= 0) return std::numeric_limits<double>::quiet_NaN();
  const double half = adopters.back() / 2.0;
  for (std::size_t m = 0; m < adopters.size(); ++m)
    if (adopters[m] >= half) return sim::days_to_years(month_end_days[m] + 1);
  return std::numeric_limits<double>::quiet_NaN();
}

Recorder::Recorder(const Scenario& scenario) : scenario_(scenario) {
  for (const auto& practice : scenario.practices) {
    const std::string base = "practice/" + practice.name + "/";
    PracticeSeries s{};
    s.stage_count = record_.add_series(base + "stage_count", "farmers", "farmers in each pipeline stage at month end",
                                       names_of(stage_names, 0, stage_count));
    s.funnel = record_.add_series(base + "funnel", "farmers", "farmers that ever reached each stage (cumulative funnel)",
                                  names_of(stage_names, 1, 6));
    s.adopted_share = record_.add_series(base + "adopted_share", "fraction of farmers", "share of farmers that have adopted");
    s.adopters_by_type = record_.add_series(base + "adopters_by_type", "farmers", "adopters by farm type",
                                            names_of(farm_type_names, 0, farm_type_count));
    s.dropouts = record_.add_series(base + "dropouts", "farmers", "farmers that ever dropped out (cumulative)");
    practice_series_.push_back(s);
  }
}

void Recorder::record_month(sim::Day last_day, const Farmers& farmers) {
  record_.add_month(last_day);
  const double n = static_cast<double>(farmers.size());
  for (std::size_t p = 0; p < practice_series_.size(); ++p) {
    const PracticeCounts counts = count_practice(farmers, farmers.practice[p]);
    const PracticeSeries& s = practice_series_[p];
    record_.append(s.stage_count, std::vector<double>(counts.stage.begin(), counts.stage.end()));
    record_.append(s.funnel, std::vector<double>(counts.reached.begin() + 1, counts.reached.begin() + 6));
    record_.append(s.adopted_share, static_cast<double>(counts.stage[static_cast<std::size_t>(Stage::adopted)]) / n);
    record_.append(s.adopters_by_type, std::vector<double>(counts.adopters_by_type.begin(), counts.adopters_by_type.end()));
    record_.append(s.dropouts, static_cast<double>(counts.reached[static_cast<std::size_t>(Stage::dropped)]));
  }
  if (scenario_.run.snapshots && (sim::month_of(last_day) + 1) % sim::months_per_year == 0) record_snapshot(farmers);
}

void Recorder::record_snapshot(const Farmers& farmers) {
  const std::size_t n = farmers.size();
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    auto& snapshot = record_.snapshot("stage_" + scenario_.practices[p].name, "stage index (0 = unaware … 7 = abandoned)", n);
    for (std::size_t i = 0; i < n; ++i) snapshot.values.push_back(static_cast<float>(farmers.practice[p].stage[i]));
  }
}

sim::output::RunRecord Recorder::finish(const Farmers& farmers) {
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    const std::string& name = scenario_.practices[p].name;
    const auto& stages = record_.series()[practice_series_[p].stage_count];
    std::vector<double> adopters;
    for (std::size_t m = 0; m < stages.months(); ++m)
      adopters.push_back(stages.values[m * stages.width() + static_cast<std::size_t>(Stage::adopted)]);
    const auto& share = record_.series()[practice_series_[p].adopted_share].values;
    const auto& dropouts = record_.series()[practice_series_[p].dropouts].values;
    record_.set_summary("adoption." + name + ".final_share", share.empty() ? 0.0 : share.back());
    record_.set_summary("adoption." + name + ".t_half_years", years_to_half(adopters, record_.month_end_days()));
    record_.set_summary("dropouts." + name, dropouts.empty() ? 0.0 : dropouts.back());
  }
  (void)farmers;
  return std::move(record_);
}

}  // namespace kringloop::agents
