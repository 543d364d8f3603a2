// The main-government horizons' two implementations (main_horizons.hpp) give bitwise the same
// numbers: the AVX2 one, four farmers side by side, against the reference, one farmer at a time
// through farmer_horizon_years, policy_horizon_years and AnnuityTable. Checked on lists of every
// length from 0 to 9 (whole groups of four and every remainder) and on all farmers in a shuffled
// order, for a government and for none, on a table shorter than the horizons and on one without
// entries, with farmers past retirement, far from it and with a successor, and trust at 0 and 1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/main_horizons.hpp"
#include "agents/model/utility.hpp"
#include "sim/random.hpp"

using namespace kringloop;

namespace {

struct Horizons {
  std::vector<double> farmer, base, annuity;
  explicit Horizons(std::size_t n) : farmer(n, -7.0), base(n, -7.0), annuity(n, -7.0) {}
  agents::MainHorizonRows rows() { return {farmer.data(), base.data(), annuity.data()}; }
  bool operator==(const Horizons& other) const {
    const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
      // (memcmp of two empty lists would be handed null pointers: UBSan objects.)
      return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
    };
    return same(farmer, other.farmer) && same(base, other.base) && same(annuity, other.annuity);
  }
};

// Ages from 20 to 80 (40+ years to retirement, past it, and everything between, on whole years
// too), one farmer in four with a successor, trust anywhere in [0, 1] with exact 0s and 1s. The
// first farmers are the edges, whatever the draws: 14 years to retirement with full trust (H is
// then exactly the short table's top), exactly at retirement (H = 0), 5 years before it (H on a
// whole year), and past it; none has a successor.
void scramble(agents::Farmers& farmers, sim::Day day) {
  sim::RandomStream random(7, 0, 0, sim::Stream::population);
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    const double age_years = i % 11 == 0 ? double(20 + i % 60) : 20 + 60 * random.uniform();
    farmers.birth_day[i] = day - static_cast<sim::Day>(age_years * sim::days_per_year);
    farmers.has_successor[i] = random.uniform() < 0.25 ? (i % 2 ? 1 : 7) : 0;
  }
  for (auto& row : farmers.trust)
    for (float& trust : row) {
      const double u = random.uniform();
      trust = u < 0.05 ? 0.0f : u > 0.95 ? 1.0f : static_cast<float>(random.uniform());
    }
  const int years_left[] = {14, 0, 5, -3};
  for (std::size_t i = 0; i < std::size(years_left); ++i) {
    farmers.birth_day[i] = day - static_cast<sim::Day>((65 - years_left[i]) * sim::days_per_year);
    farmers.has_successor[i] = 0;
    for (auto& row : farmers.trust) row[i] = 1.0f;
  }
}

}  // namespace

SCENARIO("The AVX2 main-government horizons are bitwise the reference's", "[agents]") {
  // Without AVX2 the vector kernel cannot run here (illegal instruction): the reference is then
  // compared with itself, and the checks of its cases still run.
  const bool avx2 = agents::main_horizons_avx2_available();
  if (!avx2) WARN("no AVX2 on this processor: only the reference is run");
  const auto fastest_of = avx2 ? agents::main_horizons_avx2 : agents::main_horizons_scalar;
  auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", "703"}});
  agents::Scenario scenario = loaded.scenario;
  scenario.institutions.front().vision_years = 30;  // trust above 0.8 believes more than 40 years: capped
  REQUIRE(scenario.population.retirement_age == 65);  // the edge farmers' ages (scramble) assume it
  const sim::Day day = 5 * 365 + 59;
  agents::Farmers farmers = agents::generate_farmers(scenario);
  scramble(farmers, day);
  const std::size_t n = farmers.size();
  std::vector<std::uint32_t> everyone(n);
  std::iota(everyone.begin(), everyone.end(), 0u);
  sim::RandomStream shuffle(11, 0, 0, sim::Stream::population);
  for (std::size_t i = n - 1; i > 0; --i) std::swap(everyone[i], everyone[static_cast<std::size_t>(shuffle.uniform() * double(i + 1))]);

  // Tables: the model's (40 years), a short one (most horizons beyond its top), and none (A = 0).
  const agents::AnnuityTable full(scenario.decision.discount_rate, scenario.decision.max_horizon_years);
  const agents::AnnuityTable short_table(0.07, 12.5);
  const agents::AnnuityTable empty;
  for (const agents::AnnuityTable* table : {&full, &short_table, &empty}) {
    for (const std::uint8_t government : {std::uint8_t{0}, std::uint8_t{1}, agents::no_index}) {
      const agents::MainHorizonRule rule{scenario, farmers, *table, day, government};
      INFO("table of " << table->factors().size() << " entries, government " << int(government));
      for (std::size_t count = 0; count <= 9; ++count) {
        Horizons fastest(count), reference(count);
        fastest_of(rule, everyone.data() + 100, count, fastest.rows());
        agents::main_horizons_scalar(rule, everyone.data() + 100, count, reference.rows());
        INFO(count << " farmers");
        REQUIRE(fastest == reference);
      }
      Horizons fastest(n), reference(n);
      fastest_of(rule, everyone.data(), n, fastest.rows());
      agents::main_horizons_scalar(rule, everyone.data(), n, reference.rows());
      REQUIRE(fastest == reference);
      // The reference is the utility functions themselves.
      for (std::size_t j = 0; j < n; j += 37) {
        const std::size_t i = everyone[j];
        const double own = agents::farmer_horizon_years(scenario, farmers, i, day);
        const double base = std::min(own, agents::policy_horizon_years(scenario, farmers, i, government));
        REQUIRE(reference.farmer[j] == own);
        REQUIRE(reference.base[j] == base);
        REQUIRE(reference.annuity[j] == (*table)(base));
      }
      // The comparison means something: every case of the clamp and the table occurs.
      const double max = scenario.decision.max_horizon_years;
      const double top = table->factors().empty() ? 0.0 : double(table->factors().size() - 1);
      std::size_t retired = 0, capped = 0, heirs = 0, between = 0, beyond_table = 0, interpolated = 0, at_top = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t i = everyone[j];
        retired += reference.farmer[j] == 0;
        capped += reference.farmer[j] == max && !farmers.has_successor[i];
        heirs += farmers.has_successor[i] != 0;
        between += reference.farmer[j] > 0 && reference.farmer[j] < max;
        beyond_table += top > 0 && reference.base[j] >= top;
        interpolated += reference.base[j] > 0 && reference.base[j] < top && reference.annuity[j] > 0;
        at_top += top > 0 && reference.base[j] == top;
      }
      // The edge farmers (see scramble): H = 14 (the short table's top: its last entry), 0, 5.
      const auto at_14 = static_cast<std::size_t>(std::find(everyone.begin(), everyone.end(), 0u) - everyone.begin());
      const auto at_0 = static_cast<std::size_t>(std::find(everyone.begin(), everyone.end(), 1u) - everyone.begin());
      CHECK(reference.farmer[at_14] == 14.0);
      CHECK(reference.base[at_0] == 0.0);
      CHECK(reference.annuity[at_0] == 0.0);
      CHECK(retired > 10);
      CHECK(capped > 0);
      CHECK(heirs > 100);
      CHECK(between > 100);
      if (table == &short_table) {
        CHECK(beyond_table > 10);
        CHECK(at_top >= 1);
        CHECK(reference.annuity[at_14] == table->factors().back());
      }
      if (!table->factors().empty()) CHECK(interpolated > 100);
    }
  }
}
