// V5 (P9, MODEL §8): the three coalition forms behave differently, in the shipped scenarios with
// their real budgets, capacities and demography — decision-oriented coalitions reach execution
// first but depend on their director; network-oriented ones reach the most farmers with the lowest
// commitment; a government over its staff capacity slows the coalitions it serves. And P1's
// Heuvelland funnel (~400 → 180 approached → ~130 active, 003 L694–697) in configs/heuvelland.ini.
#include <catch2/catch.hpp>

#include "model_run.hpp"

using namespace kringloop;

namespace {

const std::vector<int> seeds{1, 2, 3};

// Run-mean over seeds of `key`, skipping runs where it is undefined (NaN: e.g. none formed).
double defined_mean(const std::optional<std::string>& file, const sim::config::KeyValues& overrides, const std::string& key) {
  double sum = 0;
  int n = 0;
  for (const int seed : seeds) {
    auto o = overrides;
    o.emplace_back("run.seed", std::to_string(seed));
    const double v = test::run_scenario(file, o).summary_value(key, NAN);
    if (!std::isnan(v)) sum += v, ++n;
  }
  return n > 0 ? sum / n : NAN;
}

}  // namespace

SCENARIO("Decision-oriented coalitions reach execution first (V5)", "[validation]") {
  GIVEN("the teaching scenarios for the decision and cooperation forms, and the default scenario") {
    // Measured (seeds 1–3): the province's programme executes after 0.41 years (one month forming,
    // three visioning); the cooperation needs 12 months at full internal trust, ∝ 1/trust, so
    // 1.5–2 years at its trust of about 0.6. The margin asked, twice as fast, is about half of that.
    const double decision = defined_mean("coalition_decision.ini", {}, "coalition.nature_programme.years_to_executing");
    const double cooperation =
        defined_mean("coalition_cooperation.ini", {}, "coalition.nature_cooperative.years_to_executing");
    const double decision_default = defined_mean(std::nullopt, {}, "coalitions.decision.years_to_executing");
    const double cooperation_default = defined_mean(std::nullopt, {}, "coalitions.cooperation.years_to_executing");
    INFO("years to executing: decision " << decision << ", cooperation " << cooperation << "; default scenario "
                                         << decision_default << " vs " << cooperation_default);
    THEN("the decision-oriented coalition executes in well under half the time of the cooperation") {
      CHECK(decision < 0.5 * cooperation);
      CHECK(decision < 1.0);
    }
    THEN("in the default scenario too") {
      REQUIRE_FALSE(std::isnan(cooperation_default));
      CHECK(decision_default < cooperation_default);
    }
  }
}

SCENARIO("A decision-oriented coalition falls with its director, a cooperation carries on (V5)", "[validation]") {
  GIVEN("the same 6% largest farms invited by the same partners, as a decision or a cooperation coalition") {
    // The province reverses at the election of year 4 and stops its running payments. A decision
    // coalition collapses with its director (reversal_collapse_probability 0.8) or falls back to
    // visioning; a cooperation loses its partner and keeps meeting (MODEL §7.5).
    // That decision members then lose more adoption than cooperation members is tested below, with
    // the election in year 3, while the cohorts are still adopting (MODEL §8).
    const sim::config::KeyValues reversal{{"government.province.reversal_probability", "1"},
                                          {"government.province.stop_payments_on_reversal", "true"}};
    auto cooperation_reversal = reversal;
    cooperation_reversal.insert(cooperation_reversal.end(),
                                {{"coalition.nature_cooperative.invited_farmers", "0"},
                                 {"coalition.nature_cooperative.invited_share", "0.06"},
                                 {"coalition.nature_cooperative.invite_rule", "largest"},
                                 {"coalition.nature_cooperative.core_partners", "union, collective"}});
    int decision_fell = 0, cooperation_fell = 0;
    for (const int seed : seeds) {
      auto d = reversal, c = cooperation_reversal;
      d.emplace_back("run.seed", std::to_string(seed));
      c.emplace_back("run.seed", std::to_string(seed));
      const auto decision = test::run_scenario("coalition_decision.ini", d);
      const auto cooperation = test::run_scenario("coalition_cooperation.ini", c);
      const auto& decision_members = test::series(decision, "coalitions/declared/nature_programme/members");
      const auto& cooperation_members = test::series(cooperation, "coalitions/declared/nature_cooperative/members");
      INFO("seed " << seed << ": members before/after the reversal: decision " << decision_members[47] << " → "
                   << decision_members[48] << ", cooperation " << cooperation_members[47] << " → " << cooperation_members[48]);
      REQUIRE(decision_members[47] > 0);
      REQUIRE(cooperation_members[47] > 0);
      decision_fell += decision_members[48] == 0;
      cooperation_fell += cooperation_members[48] == 0;
      // A cooperation loses its partner, not its members.
      CHECK(cooperation_members[48] >= 0.9 * cooperation_members[47]);
    }
    THEN("the decision coalition dissolves in most seeds, the cooperation in none") {
      CHECK(decision_fell >= 2);
      CHECK(cooperation_fell == 0);
    }
  }
}

SCENARIO("After a director reversal decision members lose more adoption than cooperation members (V5)", "[validation]") {
  // P9 (MODEL §8): "after a director reversal its members lose more adoption than cooperation
  // members". The same 6% largest farms as above, as a decision coalition directed by the province
  // or as a cooperation with the province as partner. The province's first election reverses its
  // policy and stops running payments; the loss is the members' mean adopted share over the four
  // years after the election against the same seed without a reversal. It shows while the cohorts
  // are still adopting: with the election in year 3 (measured, seeds 1–5: decision 21.7%,
  // cooperation 9.8%; seeds 6–12: 18.0% vs 8.4%; 6,000 farms, seeds 1–3: 16.0% vs 7.9%; year 2,
  // seeds 1–5: 67% vs 22%). At year 4, when the decision cohort has stopped growing, it is small
  // (seeds 1–5: 5.0% vs 2.1%; seeds 6–12: 4.1% vs 3.6%), so the test uses year 3. Required over
  // seeds 1–5: the decision loss at least 1.5 × the cooperation's and at least 5 points more.
  const sim::config::KeyValues cooperation_setup{{"coalition.nature_cooperative.invited_farmers", "0"},
                                                 {"coalition.nature_cooperative.invited_share", "0.06"},
                                                 {"coalition.nature_cooperative.invite_rule", "largest"},
                                                 {"coalition.nature_cooperative.core_partners", "union, collective"}};
  const auto loss = [](const char* file, const std::string& coalition, const sim::config::KeyValues& setup) {
    double sum = 0;
    for (int seed = 1; seed <= 5; ++seed) {
      auto on = setup, off = setup;
      for (auto* o : {&on, &off}) {
        o->emplace_back("run.seed", std::to_string(seed));
        o->emplace_back("government.province.election_cycle_years", "3");
      }
      on.emplace_back("government.province.reversal_probability", "1");
      on.emplace_back("government.province.stop_payments_on_reversal", "true");
      off.emplace_back("government.province.reversal_probability", "0");
      const std::string series = "coalitions/declared/" + coalition + "/cohort_adopted_share";
      const auto with = test::series(test::run_scenario(file, on), series);
      const auto without = test::series(test::run_scenario(file, off), series);
      double a = 0, b = 0;
      for (std::size_t m = 36; m < 84; ++m) a += with[m], b += without[m];  // years 3–7
      REQUIRE(b > 0);
      sum += (1 - a / b) / 5;
    }
    return sum;
  };
  GIVEN("the province reverses at the election of year 3 and stops its running payments") {
    const double decision = loss("coalition_decision.ini", "nature_programme", {});
    const double cooperation = loss("coalition_cooperation.ini", "nature_cooperative", cooperation_setup);
    INFO("members' adoption lost over years 3–7: decision " << 100 * decision << "%, cooperation " << 100 * cooperation << "%");
    THEN("the decision coalition's members lose more of it than the cooperation's") {
      CHECK(decision >= 1.5 * cooperation);
      CHECK(decision >= cooperation + 0.05);
    }
  }
}

SCENARIO("Network-oriented coalitions reach the most farmers with the lowest commitment (V5)", "[validation]") {
  GIVEN("the default scenario, where all three forms arise, and the three teaching scenarios (one form each)") {
    // Reach in the default scenario (measured, seeds 1–3: network 990–1,370 farmers, decision
    // 170–240, cooperation 110–250). Commitment (share of members at a meeting who plan, applied or
    // adopted) is compared form by form in the teaching scenarios, where each form works alone on the
    // same region and economics (measured: decision 0.64–0.75, cooperation 0.86–0.91, network
    // 0.26–0.32). In the default the decision form's mean is diluted by a national manure programme
    // started for a lagging scheme, whose members are mostly not interested yet, so it is not
    // compared there.
    const double reach_network = test::summary_mean(std::nullopt, {}, seeds, "coalitions.network.reached_farmers");
    const double reach_decision = test::summary_mean(std::nullopt, {}, seeds, "coalitions.decision.reached_farmers");
    const double reach_cooperation = test::summary_mean(std::nullopt, {}, seeds, "coalitions.cooperation.reached_farmers");
    const double commit_network = defined_mean("coalition_network.ini", {}, "coalitions.network.mean_commitment");
    const double commit_decision = defined_mean("coalition_decision.ini", {}, "coalitions.decision.mean_commitment");
    const double commit_cooperation = defined_mean("coalition_cooperation.ini", {}, "coalitions.cooperation.mean_commitment");
    INFO("reached: network " << reach_network << ", decision " << reach_decision << ", cooperation " << reach_cooperation
                             << "; commitment: network " << commit_network << ", decision " << commit_decision
                             << ", cooperation " << commit_cooperation);
    THEN("networks reach more farmers than either other form") {
      CHECK(reach_network > 2 * reach_decision);
      CHECK(reach_network > 2 * reach_cooperation);
    }
    THEN("with the lowest commitment") {
      CHECK(commit_network < commit_cooperation - 0.1);
      CHECK(commit_network < commit_decision - 0.1);
    }
  }
}

SCENARIO("A government over its staff capacity slows every coalition it serves", "[validation]") {
  GIVEN("the decision teaching scenario with the province's staff capacity at 2 roles or at half a role") {
    // Directing costs 1 role: at capacity 0.5 every meeting makes half the progress (002 L2332–2334,
    // L2968–2970), so visioning and execution take twice as long.
    const double enough = defined_mean("coalition_decision.ini", {}, "coalition.nature_programme.years_to_executing");
    const double short_staffed = defined_mean("coalition_decision.ini", {{"government.province.staff_capacity", "0.5"}},
                                              "coalition.nature_programme.years_to_executing");
    const double adoption = test::summary_mean("coalition_decision.ini", {}, seeds, "adoption.nature_inclusive.final_share");
    INFO("years to executing: capacity 2 → " << enough << ", capacity 0.5 → " << short_staffed << "; adoption " << adoption);
    THEN("it executes later, by at least half again") { CHECK(short_staffed > 1.5 * enough); }
  }
}

SCENARIO("Heuvelland's funnel: ~400 farmers → the largest 180 approached → ~130 active (P1)", "[validation]") {
  GIVEN("configs/heuvelland.ini, five seeds") {
    // 003 L694–697 (report of 2025): of ~400 farmers the largest 180 were approached, of whom 130
    // are still actively involved, about five and a half years after the 2020 agreement. The band,
    // 105–155, is ±20% around 130: the acceptance at the kitchen table follows trust in the three
    // core partners (assumptions), and uninterested_leave_per_year is calibrated on this very
    // observation, so this checks the calibration holds across seeds rather than validating it.
    for (const int seed : {1, 2, 3, 4, 5}) {
      const auto record = test::run_scenario("heuvelland.ini", {{"run.seed", std::to_string(seed)}});
      const auto& members = test::series(record, "coalitions/declared/heuvelland/members");
      const double invited = record.summary_value("coalition.heuvelland.invited", NAN);
      const double active_2025 = members[66];
      INFO("seed " << seed << ": invited " << invited << ", joined " << members[0] << ", active mid-2025 " << active_2025);
      CHECK(invited == 180);
      CHECK(members[0] <= 180);
      CHECK(active_2025 >= 105);
      CHECK(active_2025 <= 155);
    }
  }
}
