// Macro benchmark: one run of the default scenario at a given population and thread count.
// Prints one JSON line: farmer-reviews per second (farmers × practices × months reviewed), wall
// seconds, and the process's peak resident memory per farmer. Run each case in its own process
// (bench/run_scale.sh does), so peak memory belongs to that case alone.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <oneapi/tbb/global_control.h>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: model_scale FARMERS THREADS [YEARS] [SCENARIO.ini]\n");
    return 2;
  }
  const std::string farmers = argv[1];
  const int threads = std::atoi(argv[2]);
  const std::string years = argc > 3 ? argv[3] : "30";
  std::optional<std::string> scenario_file;
  if (argc > 4) scenario_file = argv[4];
  try {
    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const auto loaded = kringloop::agents::load_scenario(scenario_file, {{"population.farmers", farmers}, {"run.years", years}});
    const auto start = std::chrono::steady_clock::now();
    kringloop::agents::Model model(loaded.scenario);
    const auto record = model.run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peak_bytes = static_cast<double>(usage.ru_maxrss) * 1024.0;
    const double n = static_cast<double>(loaded.scenario.population.farmers);
    // The final adoption shares show the run did real work (budgets scale with the population).
    std::string shares;
    for (const auto& [key, value] : record.summary())
      if (key.rfind("adoption.", 0) == 0 && key.size() > 12 && key.compare(key.size() - 12, 12, ".final_share") == 0)
        shares += ", \"" + key + "\": " + std::to_string(value);
    std::printf("{\"farmers\": %s, \"years\": %s, \"threads\": %d, \"practices\": %zu, \"seconds\": %.3f, "
                "\"reviews\": %llu, \"reviews_per_second\": %.0f, \"peak_rss_mib\": %.1f, \"peak_bytes_per_farmer\": %.0f%s}\n",
                farmers.c_str(), years.c_str(), threads, loaded.scenario.practices.size(), seconds,
                static_cast<unsigned long long>(model.reviews()), static_cast<double>(model.reviews()) / seconds,
                peak_bytes / (1024.0 * 1024.0), peak_bytes / n, shares.c_str());
    return record.series().empty() ? 1 : 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "model_scale: error: %s\n", error.what());
    return 2;
  }
}
