#include "agents/model/herd_recorder.hpp"

#include <vector>

#include "sim/parallel.hpp"

namespace kringloop::agents {

double herd_lu(const Scenario& scenario, const Farmers& farmers) {
  const std::size_t n = farmers.size();
  // Only the practices that change herds: a factor 1 + 0 = 1 leaves a product bitwise the same.
  std::vector<std::size_t> changing;
  for (std::size_t p = 0; p < scenario.practices.size(); ++p)
    if (scenario.practices[p].herd_change != 0) changing.push_back(p);
  // Per-block sums added in block order: the same total on any thread count.
  std::vector<double> partial((n + sim::agents_per_block - 1) / sim::agents_per_block, 0.0);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    double sum = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (!farmers.active[i]) continue;
      double herd = farmers.area_ha(i) * scenario.population.stocking_lu_per_ha[static_cast<std::size_t>(farmers.type[i])];
      for (const std::size_t p : changing)
        if (farmers.practice[p].stage[i] == Stage::adopted) herd *= 1 + scenario.practices[p].herd_change;
      sum += herd;
    }
    partial[begin / sim::agents_per_block] = sum;
  });
  double total = 0;
  for (const double sum : partial) total += sum;
  return total;
}

HerdRecorder::HerdRecorder(const Scenario& scenario, sim::output::RunRecord& record) : scenario_(scenario), record_(record) {
  for (const auto& practice : scenario.practices) enabled_ = enabled_ || practice.herd_change != 0;
  if (enabled_)
    series_ = record.add_series("population/herd_lu", "LU",
                                "livestock units on the active farms: area × stocking rate of the type × (1 + herd_change) "
                                "per adopted practice");
}

void HerdRecorder::record_month(const Farmers& farmers) {
  if (!enabled_) return;
  const double herd = herd_lu(scenario_, farmers);
  if (record_.series()[series_].values.empty()) start_lu_ = herd;
  record_.append(series_, herd);
}

void HerdRecorder::finish(sim::output::RunRecord& record) const {
  if (!enabled_) return;
  const auto& values = record.series()[series_].values;
  const double end = values.empty() ? 0.0 : values.back();
  record.set_summary("herd.lu_start", start_lu_);
  record.set_summary("herd.lu_end", end);
  record.set_summary("herd.change", start_lu_ > 0 ? end / start_lu_ - 1 : 0.0);
}

}  // namespace kringloop::agents
