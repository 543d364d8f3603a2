#include "agents/model/region_recorder.hpp"

#include <limits>

#include "sim/parallel.hpp"

namespace kringloop::agents {

namespace {

// One block's counts per region: integers (exact), and the adopted area summed in farmer order
// within the block, blocks added in block order (the same sums on any thread count).
struct RegionCounts {
  std::vector<std::int64_t> active;    // [region]
  std::vector<std::int64_t> adopters;  // [region × practices + practice]
  std::vector<double> adopted_ha;      // [region × practices + practice]
  std::vector<double> knowledge;       // [region × practices + practice]: Σ codified + tacit
  RegionCounts(std::size_t regions, std::size_t practices)
      : active(regions, 0), adopters(regions * practices, 0), adopted_ha(regions * practices, 0.0),
        knowledge(regions * practices, 0.0) {}
  void add(const RegionCounts& other) {
    for (std::size_t k = 0; k < active.size(); ++k) active[k] += other.active[k];
    for (std::size_t k = 0; k < knowledge.size(); ++k) knowledge[k] += other.knowledge[k];
    for (std::size_t k = 0; k < adopters.size(); ++k) adopters[k] += other.adopters[k], adopted_ha[k] += other.adopted_ha[k];
  }
};

}  // namespace

RegionRecorder::RegionRecorder(const Scenario& scenario, sim::output::RunRecord& record)
    : scenario_(scenario), record_(record) {
  if (scenario.regions.size() < 2) return;
  for (const auto& practice : scenario.practices) learns_.push_back(practice.decision == DecisionRule::utility);
  std::vector<std::string> practices;
  for (const auto& practice : scenario.practices) practices.push_back(practice.name);
  for (const auto& region : scenario.regions) {
    const std::string base = "region/" + region.name + "/";
    RegionSeries s{};
    s.active = record.add_series(base + "active_farms", "farms", "farms of the region still farming");
    s.adopted_share = record.add_series(base + "adopted_share", "fraction of farms",
                                        "share of the region's active farms that have adopted each practice", practices);
    s.adopted_area = record.add_series(base + "adopted_area_ha", "ha",
                                       "area the region's adopters apply each practice to", practices);
    s.knowledge = record.add_series(base + "knowledge_mean", "0–1",
                                    "mean knowledge (codified + tacit) of the region's active farms per practice (§7.6)",
                                    practices);
    series_.push_back(s);
  }
}

void RegionRecorder::record_month(const Farmers& farmers) {
  if (series_.empty()) return;
  const std::size_t regions = scenario_.regions.size(), practices = farmers.practice.size(), n = farmers.size();
  std::vector<RegionCounts> partial((n + sim::agents_per_block - 1) / sim::agents_per_block, RegionCounts(regions, practices));
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    RegionCounts& counts = partial[begin / sim::agents_per_block];
    for (std::size_t i = begin; i < end; ++i) {
      if (!farmers.active[i]) continue;
      const std::size_t r = farmers.region[i];
      ++counts.active[r];
      for (std::size_t p = 0; p < practices; ++p) {
        // Another practice's knowledge is always 0, and adding +0 changes no sum (recorder.cpp).
        if (learns_[p]) counts.knowledge[r * practices + p] += farmers.practice[p].codified[i] + farmers.practice[p].tacit[i];
        if (farmers.practice[p].stage[i] != Stage::adopted) continue;
        ++counts.adopters[r * practices + p];
        counts.adopted_ha[r * practices + p] += farmers.parts_area(i, farmers.practice[p].parts[i]);
      }
    }
  });
  RegionCounts total(regions, practices);
  for (const auto& block : partial) total.add(block);
  for (std::size_t r = 0; r < regions; ++r) {
    const auto active = static_cast<double>(total.active[r]);
    std::vector<double> shares(practices), area(practices), knowledge(practices);
    for (std::size_t p = 0; p < practices; ++p) {
      knowledge[p] = active > 0 ? total.knowledge[r * practices + p] / active : std::numeric_limits<double>::quiet_NaN();
      shares[p] = active > 0 ? static_cast<double>(total.adopters[r * practices + p]) / active
                             : std::numeric_limits<double>::quiet_NaN();
      area[p] = total.adopted_ha[r * practices + p];
    }
    record_.append(series_[r].active, active);
    record_.append(series_[r].adopted_share, shares);
    record_.append(series_[r].adopted_area, area);
    record_.append(series_[r].knowledge, knowledge);
  }
}

void RegionRecorder::finish(sim::output::RunRecord& record) const {
  const std::size_t practices = scenario_.practices.size();
  for (std::size_t r = 0; r < scenario_.regions.size(); ++r)
    for (std::size_t p = 0; p < practices; ++p) {
      const std::string& practice = scenario_.practices[p].name;
      double final_share = 0;
      if (series_.empty()) {
        final_share = record.summary_value("adoption." + practice + ".final_share", 0.0);
      } else {
        const auto& shares = record.series()[series_[r].adopted_share];
        if (shares.months() > 0) final_share = shares.values[(shares.months() - 1) * practices + p];
      }
      record.set_summary("region." + scenario_.regions[r].name + ".adoption." + practice + ".final_share", final_share);
    }
}

}  // namespace kringloop::agents
