// The interest ceiling (interest_ceiling.hpp) lets the review skip weighing an aware farmer's
// options when a bound on the best one is below the interest threshold. Two things must hold:
// the bound is never below the best option's utility (else a farmer who would become interested
// is skipped), and runs with and without the shortcut give the same records, bit for bit. And it
// must be worth having: it rules out most of the aware farmers who stay aware.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include "../validation/model_run.hpp"
#include "agents/model/interest_ceiling.hpp"
#include "agents/model/main_horizons.hpp"
#include "agents/model/model.hpp"
#include "agents/model/utility.hpp"
#include "sim/random.hpp"

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

namespace {

struct VectorTally {
  std::size_t compared = 0, different = 0, floors = 0, unbounded = 0, offered = 0, land_bound = 0, messenger = 0,
              other_government = 0;
};

bool same_ceilings(const std::vector<agents::FarmerCeiling>& a, const std::vector<agents::FarmerCeiling>& b) {
  for (std::size_t j = 0; j < a.size(); ++j)
    if (std::memcmp(&a[j].utility, &b[j].utility, sizeof(double)) != 0 ||
        std::memcmp(&a[j].size, &b[j].size, sizeof(double)) != 0)
      return false;
  return true;
}

// One review month: every active farm of an eligible type, in a shuffled order (farmers of all
// stages, coalitions and leases side by side in the lanes), and the same list with a few farmers'
// trust made NaN or negative (a weight that is not ≥ 0: unbounded()). The whole list, and its
// prefixes of 0 to 9 farmers (whole groups of four and every remainder).
void compare_month(const agents::Scenario& scenario, const agents::Model& model, bool avx2, VectorTally& tally) {
  const agents::MonthContext& month = model.month();
  sim::RandomStream shuffle(5, 0, static_cast<std::uint32_t>(month.day), sim::Stream::population);
  for (const bool broken_trust : {false, true}) {
    agents::Farmers farmers = model.farmers();
    if (broken_trust)
      for (auto& row : farmers.trust)
        for (std::size_t i = 0; i < row.size(); i += 13) row[i] = i % 2 ? std::numeric_limits<float>::quiet_NaN() : -0.5f;
    for (std::size_t p = 0; p < scenario.practices.size(); ++p) {
      if (scenario.practices[p].decision != agents::DecisionRule::utility) continue;
      std::vector<std::uint32_t> list;
      for (std::size_t i = 0; i < farmers.size(); ++i) {
        const bool known = farmers.coalition[i] == agents::no_coalition || farmers.coalition[i] < month.coalitions.size();
        if (farmers.active[i] && scenario.practices[p].eligible_types[static_cast<std::size_t>(farmers.type[i])] && known)
          list.push_back(static_cast<std::uint32_t>(i));
      }
      for (std::size_t i = list.size(); i > 1; --i)
        std::swap(list[i - 1], list[static_cast<std::size_t>(shuffle.uniform() * double(i))]);
      std::vector<double> own(list.size()), base(list.size()), annuity(list.size());
      const agents::MainHorizonRows rows{own.data(), base.data(), annuity.data()};
      agents::main_horizons_scalar({scenario, farmers, month.practices[p].annuity, month.day, month.practices[p].main_government},
                                   list.data(), list.size(), rows);
      const agents::InterestCeiling ceiling(scenario, month, p, farmers);
      std::size_t open_offers = 0;
      for (const std::uint8_t s : month.practices[p].schemes) {
        const agents::SchemeSettings& settings = scenario.schemes[s];
        if (!month.schemes[s].open || settings.kind == agents::SchemeKind::experiment_fund) continue;
        ++open_offers;
        tally.messenger += scenario.institutions[settings.government].messenger != agents::no_index;
        tally.other_government += settings.government != month.practices[p].main_government;
      }
      for (std::size_t length : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4},
                                 std::size_t{5}, std::size_t{6}, std::size_t{7}, std::size_t{8}, std::size_t{9}, list.size()}) {
        length = std::min(length, list.size());
        std::vector<agents::FarmerCeiling> reference(length, {-7.0, -7.0}), fastest(length, {-7.0, -7.0});
        ceiling.farmer_ceilings_reference(list.data(), length, rows, reference.data());
        if (avx2) ceiling.farmer_ceilings_avx2(list.data(), length, rows, fastest.data());
        else ceiling.farmer_ceilings_reference(list.data(), length, rows, fastest.data());
        tally.different += !same_ceilings(reference, fastest);
        ++tally.compared;
        if (length != list.size()) continue;
        for (const agents::FarmerCeiling& c : reference) {
          tally.floors += c.utility == agents::InterestCeiling::lowest();
          tally.unbounded += c.utility == agents::InterestCeiling::unbounded();
        }
        tally.offered += open_offers > 0 ? length : 0;
        tally.land_bound += scenario.practices[p].land_bound ? length : 0;
      }
    }
  }
}

}  // namespace

SCENARIO("The AVX2 interest ceilings are bitwise the reference's", "[agents]") {
  // Without AVX2 the vector kernel cannot run here (illegal instruction): the reference is then
  // compared with itself, and the checks of its cases still run.
  const bool avx2 = agents::InterestCeiling::avx2_available();
  if (!avx2) WARN("no AVX2 on this processor: only the reference is run");
  VectorTally tally;
  for (const auto& [config, overrides] : std::vector<std::pair<std::string, sim::config::KeyValues>>{
           {"default.ini", {{"run.years", "12"}}},
           {"lease_security.ini", {{"run.years", "12"}}},
           {"coalition_cooperation.ini", {{"run.years", "12"}}},
           {"messenger.ini", {{"run.years", "12"}}},
           {"default.ini", {{"run.years", "12"}, {"scheme.nature_experiment_fund.kind", "rollout"},
                            {"scheme.nature_experiment_fund.government", "national"},
                            {"scheme.nature_experiment_fund.amount_eur_per_ha", "1500"}}}}) {
    const auto loaded = agents::load_scenario(test::config_path(config), overrides);
    int months = 0;
    agents::run_model(loaded.scenario, [&](const agents::Model& model, sim::Day day) {
      // Every eleventh month's review day (the month context is the review's).
      if (day != model.month().day || months++ % 11 != 0) return;
      compare_month(loaded.scenario, model, avx2, tally);
    });
  }
  INFO(tally.compared << " lists compared, " << tally.floors << " floors, " << tally.unbounded << " unbounded, "
                      << tally.offered << " farmers with an open offer, " << tally.land_bound << " on land-bound practices");
  CHECK(tally.compared > 1000);
  CHECK(tally.different == 0);
  // The cases the lanes must get right all occurred.
  CHECK(tally.floors > 1000);
  CHECK(tally.unbounded > 1000);
  CHECK(tally.offered > 10000);
  CHECK(tally.land_bound > 10000);
  CHECK(tally.messenger > 0);
  CHECK(tally.other_government > 0);
}
