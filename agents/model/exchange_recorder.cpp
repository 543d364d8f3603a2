#include "agents/model/exchange_recorder.hpp"

#include <cmath>
#include <string>

namespace kringloop::agents {

ExchangeRecorder::ExchangeRecorder(const Scenario& scenario, const LandExchange& exchange,
                                   const SpatialMeasures& measures, sim::output::RunRecord& record)
    : scenario_(scenario), record_(record), exchange_(exchange.enabled()), measures_(measures.enabled()) {
  if (exchange_) {
    share_ = record.add_series("exchange/share", "0–1",
                               "share of the active farms' land held by farms in at least one exchange pair (P7)");
    pairs_ = record.add_series("exchange/pairs", "pairs", "running exchange pairs at month end");
    formed_ = record.add_series("exchange/formed", "per month", "exchange pairs formed this month");
    broken_ = record.add_series("exchange/broken", "per month", "exchange pairs broken this month (exit, trust loss, no gain)");
    age_ = record.add_series("exchange/mean_pair_age_years", "years", "mean age of the running pairs (0 when none)");
    if (scenario.regions.size() > 1) {
      std::vector<std::string> names;
      for (const auto& region : scenario.regions) names.push_back(region.name);
      by_region_ = record.add_series("exchange/share_by_region", "0–1",
                                     "exchange/share over each region's active farms (columns: regions)", names);
    }
  }
  if (measures_)
    measure_counts_ = record.add_series("measures/cumulative", "measures", "spatial measures so far (P10)",
                                        {"proposed", "realised", "blocked"});
}

void ExchangeRecorder::record_month(sim::Day day, LandExchange& exchange, const SpatialMeasures& measures,
                                    const Farmers& farmers) {
  if (exchange_) {
    const LandExchange::Counts counts = exchange.take_counts();
    record_.append(share_, exchange.exchange_share(farmers));
    record_.append(pairs_, static_cast<double>(exchange.pairs().running.size()));
    record_.append(formed_, static_cast<double>(counts.formed));
    record_.append(broken_, static_cast<double>(counts.broken));
    record_.append(age_, exchange.mean_pair_age_years(day));
    if (scenario_.regions.size() > 1)
      record_.append(by_region_, exchange.exchange_share_by_region(farmers, scenario_.regions.size()));
  }
  if (measures_) {
    double blocked = 0;
    for (const MeasureRecord& m : measures.measures()) blocked += m.holdouts > 0;
    const auto proposed = static_cast<double>(measures.measures().size());
    record_.append(measure_counts_, std::vector<double>{proposed, proposed - blocked, blocked});
  }
}

void ExchangeRecorder::finish(sim::output::RunRecord& record, const LandExchange& exchange,
                              const SpatialMeasures& measures, sim::Day horizon) const {
  if (exchange_) {
    const ExchangePairs& p = exchange.pairs();
    const auto& share = record.series()[share_].values;
    record.set_summary("exchange_share", share.empty() ? 0.0 : share.back());
    const std::size_t regions = scenario_.regions.size();
    for (std::size_t r = 0; r < regions; ++r) {
      double last = share.empty() ? 0.0 : share.back();
      if (regions > 1) {
        const auto& by_region = record.series()[by_region_];
        last = by_region.months() > 0 ? by_region.values[(by_region.months() - 1) * regions + r] : 0.0;
      }
      record.set_summary("region." + scenario_.regions[r].name + ".exchange_share", last);
    }
    // Stability over the run (P7: stable for decades): the share's range over the last 20 years.
    double low = INFINITY, high = -INFINITY;
    for (std::size_t m = share.size() >= 240 ? share.size() - 240 : 0; m < share.size(); ++m)
      low = std::min(low, share[m]), high = std::max(high, share[m]);
    record.set_summary("exchange.share_min_last_20_years", share.empty() ? NAN : low);
    record.set_summary("exchange.share_max_last_20_years", share.empty() ? NAN : high);
    double by_end[4] = {0, 0, 0, 0};
    for (std::size_t r = 0; r < p.size(); ++r) by_end[static_cast<std::size_t>(p.end[r])] += 1;
    record.set_summary("exchange.pairs_formed", static_cast<double>(p.size()));
    record.set_summary("exchange.pairs_running", static_cast<double>(p.running.size()));
    for (std::size_t e = 1; e < 4; ++e) record.set_summary(std::string("exchange.pairs_broken.") + pair_end_names[e], by_end[e]);
    record.set_summary("exchange.mean_pair_age_years_end", exchange.mean_pair_age_years(horizon));

    sim::output::Table table;
    table.name = "exchange_pairs";
    table.description = "one row per exchange pair formed; end_reason: 0 running, 1 farm_exit, 2 trust_loss, 3 no_gain; "
                        "days from the start, ended_day -1 while running; trust: the pair's trust at the end";
    table.columns = {"arable_farmer", "dairy_farmer", "formed_day", "ended_day", "end_reason", "trust"};
    for (std::size_t r = 0; r < p.size(); ++r)
      table.values.insert(table.values.end(), {static_cast<double>(p.arable[r]), static_cast<double>(p.dairy[r]),
                                               static_cast<double>(p.formed_day[r]), static_cast<double>(p.ended_day[r]),
                                               static_cast<double>(p.end[r]), static_cast<double>(p.trust[r])});
    record.add_table(std::move(table));
  }
  if (measures_) {
    double blocked = 0, holdouts = 0, won_over = 0;
    for (const MeasureRecord& m : measures.measures()) {
      blocked += m.holdouts > 0;
      holdouts += m.holdouts;
      won_over += m.won_over;
    }
    const auto proposed = static_cast<double>(measures.measures().size());
    record.set_summary("measures.proposed", proposed);
    record.set_summary("measures.realised", proposed - blocked);
    record.set_summary("measures.blocked", blocked);
    record.set_summary("measures.holdouts_per_blocked", blocked > 0 ? holdouts / blocked : NAN);
    record.set_summary("measures.won_over", won_over);
    record.set_summary("measures.area_ha", measures.area_ha());
    record.set_summary("measures.paid_eur", measures.paid_eur());
    record.set_summary("measures.farms_net_eur", measures.farms_net_eur());
    sim::output::Table table;
    table.name = "measures";
    table.description = "one row per spatial measure proposed; holdouts: farms with negative utility (0: realised); "
                        "won_over: farms that consent only thanks to compensation or their coalition";
    table.columns = {"day", "site_farmer", "farms", "holdouts", "won_over"};
    for (const MeasureRecord& m : measures.measures())
      table.values.insert(table.values.end(), {static_cast<double>(m.day), static_cast<double>(m.site),
                                               static_cast<double>(m.farms), static_cast<double>(m.holdouts),
                                               static_cast<double>(m.won_over)});
    record.add_table(std::move(table));
  }
}

}  // namespace kringloop::agents
