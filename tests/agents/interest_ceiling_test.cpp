// The interest ceiling (interest_ceiling.hpp) lets the review skip weighing an aware farmer's
// options when a bound on the best one is below the interest threshold. Two things must hold:
// the bound is never below the best option's utility (else a farmer who would become interested
// is skipped), and runs with and without the shortcut give the same records, bit for bit. And it
// must be worth having: it rules out most of the aware farmers who stay aware.
#include <catch2/catch.hpp>

#include <cstring>
#include <numeric>
#include <vector>

#include "../validation/model_run.hpp"
#include "agents/model/interest_ceiling.hpp"
#include "agents/model/main_horizons.hpp"
#include "agents/model/model.hpp"
#include "agents/model/utility.hpp"

using namespace kringloop;

namespace {

// The best option as MODEL §7.2 weighs it for interest: without a scheme, or with any open scheme
// (not an experiment fund) the farmer is eligible for, each on its government's horizons.
double best_utility(const agents::Scenario& scenario, const agents::MonthContext& month, const agents::Farmers& farmers,
                    std::size_t i, std::size_t practice, double fraction, const agents::MainHorizon& own) {
  const agents::FarmTerms farm = agents::farm_terms(scenario, month, farmers, i, practice, fraction, own.farmer);
  const std::uint8_t main = month.practices[practice].main_government;
  const agents::HorizonTerms main_terms =
      agents::horizon_terms(scenario, month, practice, farm, main, own.base, own.base_annuity);
  double best = agents::evaluate(scenario, month, farmers, i, practice, agents::without_scheme, farm, main_terms).utility;
  for (const std::uint8_t s : month.practices[practice].schemes) {
    const agents::SchemeSettings& settings = scenario.schemes[s];
    if (!month.schemes[s].open || settings.kind == agents::SchemeKind::experiment_fund) continue;
    if (!agents::eligible(scenario, farmers, i, s, month.day)) continue;
    const agents::HorizonTerms terms = settings.government == main
                                           ? main_terms
                                           : agents::horizon_terms(scenario, month, farmers, i, practice, farm, settings.government);
    best = std::max(best, agents::evaluate(scenario, month, farmers, i, practice, s, farm, terms).utility);
  }
  return best;
}

struct Tally {
  std::size_t checked = 0, below_bound = 0, above_threshold = 0, below_threshold = 0, ruled_out = 0, floors = 0,
              other_government = 0;
};

// Every active farm of an eligible type, every practice decided by utility, at the given
// neighbour fractions, on the last review's month: the bound against the best option.
void check_month(const agents::Scenario& scenario, const agents::Model& model, Tally& tally) {
  const agents::Farmers& farmers = model.farmers();
  const agents::MonthContext& month = model.month();
  std::vector<std::uint32_t> list;
  for (std::size_t p = 0; p < scenario.practices.size(); ++p) {
    const agents::PracticeSettings& practice = scenario.practices[p];
    if (practice.decision != agents::DecisionRule::utility) continue;
    list.clear();
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      // A coalition formed after the review is not in its month's views yet.
      const bool known = farmers.coalition[i] == agents::no_coalition || farmers.coalition[i] < month.coalitions.size();
      if (farmers.active[i] && practice.eligible_types[static_cast<std::size_t>(farmers.type[i])] && known)
        list.push_back(static_cast<std::uint32_t>(i));
    }
    std::vector<double> farmer(list.size()), base(list.size()), annuity(list.size());
    const agents::MainHorizonRows rows{farmer.data(), base.data(), annuity.data()};
    agents::main_horizons_scalar({scenario, farmers, month.practices[p].annuity, month.day, month.practices[p].main_government},
                                 list.data(), list.size(), rows);
    const agents::InterestCeiling ceiling(scenario, month, p, farmers);
    for (std::size_t s : month.practices[p].schemes)
      tally.other_government += month.schemes[s].open && scenario.schemes[s].government != month.practices[p].main_government;
    for (std::size_t j = 0; j < list.size(); ++j) {
      const std::size_t i = list[j];
      const double threshold = scenario.decision.interest_threshold[static_cast<std::size_t>(farmers.innovativeness[i])];
      const agents::FarmerCeiling bound = ceiling.farmer_ceiling(i, rows.at(j));
      for (const double fraction : {0.0, 0.37, 1.0}) {
        const double best = best_utility(scenario, month, farmers, i, p, fraction, rows.at(j));
        const double ceiling_utility = ceiling.utility_bound(i, fraction, rows.at(j));
        ++tally.checked;
        tally.below_bound += !(best <= ceiling_utility);
        tally.floors += best == agents::InterestCeiling::lowest();
        if (best > threshold) {
          ++tally.above_threshold;
          // The review's own test: with the fraction, and with the largest one.
          tally.below_bound += bound.rules_out(ceiling.social(fraction), threshold);
          tally.below_bound += bound.rules_out(ceiling.largest_social(), threshold);
        } else {
          ++tally.below_threshold;
          tally.ruled_out += bound.rules_out(ceiling.social(fraction), threshold);
        }
      }
    }
  }
}

Tally check_run(const std::string& config, sim::config::KeyValues overrides) {
  const auto loaded = agents::load_scenario(test::config_path(config), overrides);
  Tally tally;
  int months = 0;
  agents::run_model(loaded.scenario, [&](const agents::Model& model, sim::Day day) {
    // Every fifth month's review day (the month context is the review's).
    if (day != model.month().day || months++ % 5 != 0) return;
    check_month(loaded.scenario, model, tally);
  });
  return tally;
}

bool same_records(const sim::output::RunRecord& a, const sim::output::RunRecord& b) {
  auto same = [](const auto& x, const auto& y) {
    return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0);
  };
  if (a.series().size() != b.series().size() || a.tables().size() != b.tables().size()) return false;
  for (std::size_t k = 0; k < a.series().size(); ++k)
    if (a.series()[k].path != b.series()[k].path || !same(a.series()[k].values, b.series()[k].values)) return false;
  for (std::size_t k = 0; k < a.tables().size(); ++k)
    if (a.tables()[k].name != b.tables()[k].name || !same(a.tables()[k].values, b.tables()[k].values)) return false;
  if (a.summary().size() != b.summary().size()) return false;
  for (std::size_t k = 0; k < a.summary().size(); ++k)
    if (a.summary()[k].first != b.summary()[k].first ||
        std::memcmp(&a.summary()[k].second, &b.summary()[k].second, sizeof(double)) != 0)
      return false;
  return true;
}

// A second nature-inclusive scheme, of another government than the first (the main one), paid
// per hectare and only to innovators and early adopters: the bound's paths for another
// government's horizon and for the rollout condition.
const sim::config::KeyValues second_government = {{"scheme.nature_experiment_fund.kind", "rollout"},
                                                  {"scheme.nature_experiment_fund.government", "national"},
                                                  {"scheme.nature_experiment_fund.amount_eur_per_ha", "1500"}};

}  // namespace

SCENARIO("The interest ceiling is never below the best option's utility", "[agents]") {
  GIVEN("the default, lease_security, coalition_cooperation, messenger and a second government's scheme, 30 years") {
    Tally total;
    std::size_t other_government = 0;
    for (const auto& [config, overrides] : std::vector<std::pair<std::string, sim::config::KeyValues>>{
             {"default.ini", {}},
             {"lease_security.ini", {}},
             {"coalition_cooperation.ini", {}},
             {"messenger.ini", {}},
             {"default.ini", second_government}}) {
      const Tally t = check_run(config, overrides);
      INFO(config << ": " << t.checked << " checked, " << t.above_threshold << " above the threshold, "
                  << t.ruled_out << " of " << t.below_threshold << " below it ruled out, " << t.floors << " floors");
      CHECK(t.below_bound == 0);
      CHECK(t.above_threshold > 0);
      CHECK(t.floors > 0);
      total.checked += t.checked, total.below_threshold += t.below_threshold, total.ruled_out += t.ruled_out;
      other_government += t.other_government;
    }
    THEN("no farmer's best option is above its bound, and most farmers below the threshold are ruled out") {
      CHECK(total.checked > 1000000);
      CHECK(other_government > 0);
      CHECK(total.ruled_out > 0.9 * static_cast<double>(total.below_threshold));
    }
  }
}

SCENARIO("Runs with and without the interest ceiling give the same records", "[agents]") {
  // A plain loop: Catch2 sections inside loops run for the first pass only (sections_in_loops.sh).
  std::size_t runs = 0;
  for (const auto& [config, overrides] : std::vector<std::pair<std::string, sim::config::KeyValues>>{
           {"default.ini", {}},
           {"lease_security.ini", {{"run.seed", "3"}}},
           {"coalition_cooperation.ini", {}},
           {"messenger.ini", {}},
           {"brummen.ini", {}},
           {"default.ini", second_government}}) {
    auto loaded = agents::load_scenario(test::config_path(config), overrides);
    const sim::output::RunRecord with = agents::run_model(loaded.scenario);
    loaded.scenario.run.interest_ceiling = false;
    const sim::output::RunRecord without = agents::run_model(loaded.scenario);
    INFO(config << (overrides.empty() ? "" : " with overrides") << ": every series, table and summary value bitwise the same");
    CHECK(same_records(with, without));
    ++runs;
  }
  CHECK(runs == 6);
}

// The bound's premises (payments never negative) are what the parameter ranges ensure; a scenario
// built in code can break them (a scheme that charges a fee). The bound then rules no farmer out,
// and the run is the one without the shortcut.
SCENARIO("Where its premises fail, the interest ceiling rules no farmer out", "[agents]") {
  GIVEN("the default scenario with the monitor reward turned into a yearly fee of 2,000 euro") {
    auto loaded = agents::load_scenario(test::config_path("default.ini"), {{"run.years", "6"}});
    agents::Scenario& scenario = loaded.scenario;
    std::size_t fee = scenario.schemes.size();
    for (std::size_t s = 0; s < scenario.schemes.size(); ++s)
      if (scenario.schemes[s].name == "monitor_reward") fee = s;
    REQUIRE(fee < scenario.schemes.size());
    scenario.schemes[fee].amount_per_farm = -4000;  // × performance share 0.5
    const std::size_t practice = scenario.schemes[fee].practice;
    std::size_t open_months = 0, bounded = 0, checked = 0;
    const sim::output::RunRecord with = agents::run_model(scenario, [&](const agents::Model& model, sim::Day day) {
      const agents::MonthContext& month = model.month();
      if (day != month.day || !month.schemes[fee].open) return;
      ++open_months;
      const agents::InterestCeiling ceiling(scenario, month, practice, model.farmers());
      for (std::size_t i = 0; i < model.farmers().size(); i += 7, ++checked)
        bounded += ceiling.farmer_ceiling(i, {40, 20, 10}).utility != agents::InterestCeiling::unbounded();
    });
    scenario.run.interest_ceiling = false;
    const sim::output::RunRecord without = agents::run_model(scenario);
    THEN("every farmer's bound is unbounded while the fee is open, and the run is the same without the shortcut") {
      CHECK(open_months > 12);
      CHECK(checked > 1000);
      CHECK(bounded == 0);
      CHECK(same_records(with, without));
    }
  }
}
