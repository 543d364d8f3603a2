// The memory estimate behind "refuse what cannot fit" (docs/RELIABILITY.md, "Memory"): it must not
// refuse ordinary runs, must grow with everything that costs memory, and must stay above the
// measured peaks it was fitted to.
#include <catch2/catch.hpp>

#include "agents/app/memory_estimate.hpp"
#include "agents/app/scenario_loading.hpp"
#include "sim/errors.hpp"

using namespace kringloop;

namespace {
std::uint64_t estimate(const sim::config::KeyValues& overrides) {
  return agents::estimate_run_bytes(agents::load_scenario(std::nullopt, overrides).scenario);
}
}  // namespace

TEST_CASE("the memory estimate covers the measured peaks and grows with the model's size", "[agents][app]") {
  // Measured peak RSS (GNU time, Release, 2 threads, 30 years unless said): 72.7 MB, 118.5 MB,
  // 239 MB, 421 MB; 216 MB over 10 years and 485 MB with snapshots.
  CHECK(estimate({{"population.farmers", "100000"}, {"network.neighbours", "8"}}) > 72'700'000);
  CHECK(estimate({{"population.farmers", "100000"}, {"network.neighbours", "64"}}) > 118'500'000);
  CHECK(estimate({{"population.farmers", "400000"}, {"network.neighbours", "8"}}) > 239'300'000);
  CHECK(estimate({{"population.farmers", "400000"}, {"network.neighbours", "64"}}) > 421'500'000);
  CHECK(estimate({{"population.farmers", "400000"}, {"run.years", "10"}}) > 216'300'000);
  CHECK(estimate({{"population.farmers", "400000"}, {"run.years", "10"}, {"output.snapshots", "true"}}) > 485'000'000);
  // ... without refusing the default scenario on any machine with half a gigabyte.
  CHECK(estimate({}) < 100'000'000);
  CHECK(estimate({{"run.years", "200"}, {"output.snapshots", "true"}}) > estimate({{"run.years", "200"}}));
  CHECK(estimate({{"network.mode", "well_mixed"}}) < estimate({{"network.neighbours", "64"}}));
  // The documented maximum estimates above the ~49 GB it needs.
  CHECK(estimate({{"population.farmers", "50000000"}, {"network.neighbours", "64"}}) > 49'000'000'000ull);
}

TEST_CASE("a request beyond the machine's memory is a ConfigError naming the sizes", "[agents][app]") {
  CHECK_THROWS_WITH(agents::check_memory_fits(~std::uint64_t{0} / 2, "the run", "use fewer farmers"),
                    Catch::Contains("the run needs about") && Catch::Contains("use fewer farmers"));
  CHECK_NOTHROW(agents::check_memory_fits(1 << 20, "the run", ""));
}
