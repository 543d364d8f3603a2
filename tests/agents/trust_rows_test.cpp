// The trust update's two implementations (trust_rows.hpp) give bitwise the same trust and contacts:
// the AVX2 one, four institutions side by side, against the reference, one at a time. Checked on
// 1 to 9 institutions (whole groups of four and every remainder), on a network and well mixed,
// with enforcement by some institutions in some regions, farmers in and out of contact, exited
// farms, and trust at 0 and 1 exactly (the clamp's edges).
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/trust.hpp"
#include "agents/model/trust_rows.hpp"
#include "sim/random.hpp"

using namespace kringloop;

namespace {

agents::Scenario scenario_with(std::size_t institutions, const std::string& network, const std::string& farmers) {
  auto loaded = agents::load_scenario(std::nullopt, {{"population.farmers", farmers},
                                                     {"network.mode", network},
                                                     {"trust.gossip_per_month", "0.07"},
                                                     {"trust.drift_per_year", "0.6"}});
  agents::Scenario scenario = loaded.scenario;
  const agents::InstitutionSettings first = scenario.institutions.front();
  scenario.institutions.assign(institutions, first);
  for (std::size_t k = 0; k < institutions; ++k) {
    auto& institution = scenario.institutions[k];
    institution.initial_trust_mean = 0.2 + 0.07 * static_cast<double>(k);
    // Every third institution does not enforce; the others often (so that some farmers are hit
    // each month), in all regions or in regions 0 and 2 only.
    institution.enforcement_per_farmer_per_year = k % 3 == 1 ? 0.0 : 1.5 + 0.5 * static_cast<double>(k);
    institution.regulator_penalty = 0.05 + 0.03 * static_cast<double>(k);
    institution.regions = k % 2 == 0 ? agents::all_regions : agents::RegionMask{0b101};
  }
  return scenario;
}

// Trust anywhere in [0, 1] with exact 0s and 1s, contacts recent and long ago, three regions, and
// one farm in ten exited.
void scramble(agents::Farmers& farmers, sim::Day day) {
  sim::RandomStream random(99, 0, 0, sim::Stream::population);
  for (auto& row : farmers.trust)
    for (float& trust : row) {
      const double u = random.uniform();
      trust = u < 0.05 ? 0.0f : u > 0.95 ? 1.0f : static_cast<float>(random.uniform());
    }
  for (sim::Day& contact : farmers.last_contact) contact = day - static_cast<sim::Day>(random.uniform() * 900);
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    farmers.region[i] = static_cast<std::uint8_t>(random.uniform() * 3);
    farmers.active[i] = random.uniform() < 0.9;
  }
}

}  // namespace

SCENARIO("The AVX2 trust update gives bitwise the reference's trust and contacts", "[agents]") {
  if (!agents::trust_rows_avx2_available()) WARN("no AVX2 on this processor: both runs take the reference path");
  const sim::Day day = 3 * 365 + 31;
  // 700 farms: rows small enough that the fixed-shape kernel asks for none ahead; 20,000: rows
  // past trust_prefetch_min_bytes at 4 institutions and more, so it prefetches.
  for (const std::string farmers : {"700", "20000"}) {
    for (const std::string network : {"knn", "well_mixed"}) {
      for (std::size_t institutions = 1; institutions <= 9; ++institutions) {
        const agents::Scenario scenario = scenario_with(institutions, network, farmers);
        agents::Farmers start = agents::generate_farmers(scenario);
        scramble(start, day);
        agents::Farmers fastest = start, reference = start;
        agents::update_trust_month(scenario, fastest, day, 31, agents::TrustKernel::fastest);
        agents::update_trust_month(scenario, reference, day, 31, agents::TrustKernel::reference);
        INFO(farmers << " farmers, " << network << ", " << institutions << " institutions");
        std::size_t changed = 0, enforced = 0;
        for (std::size_t k = 0; k < institutions; ++k) {
          REQUIRE(std::memcmp(fastest.trust[k].data(), reference.trust[k].data(), start.size() * sizeof(float)) == 0);
          for (std::size_t i = 0; i < start.size(); ++i) changed += fastest.trust[k][i] != start.trust[k][i];
        }
        REQUIRE(fastest.last_contact == reference.last_contact);
        for (std::size_t j = 0; j < start.last_contact.size(); ++j) enforced += fastest.last_contact[j] == day;
        // The comparison means something: most trust moved, and enforcement struck (contact today).
        CHECK(changed > start.size() * institutions / 2);
        CHECK(enforced > 0);
      }
    }
  }
}

SCENARIO("The trust snapshot copies every farmer's trust into its row", "[agents]") {
  // Four institutions of four farmers at a time are transposed in registers; the rest one by one
  // (703 farmers: three left over; 1 to 9 institutions: every remainder).
  for (std::size_t institutions = 1; institutions <= 9; ++institutions) {
    agents::Farmers farmers;
    const std::size_t n = 703;
    farmers.trust.assign(institutions, std::vector<float>(n));
    for (std::size_t k = 0; k < institutions; ++k)
      for (std::size_t i = 0; i < n; ++i) farmers.trust[k][i] = static_cast<float>(k * 1000 + i);
    farmers.trust_seen.assign(n * institutions, -1.0f);
    farmers.type.assign(n, agents::FarmType{});  // the size of the population
    agents::snapshot_trust(farmers);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < institutions; ++k)
        wrong += farmers.trust_seen[i * institutions + k] != static_cast<float>(k * 1000 + i);
    INFO(institutions << " institutions");
    CHECK(wrong == 0);
  }
}
