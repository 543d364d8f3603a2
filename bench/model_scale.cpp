// Macro benchmark: one run of a scenario (default: the embedded default scenario) at a given
// population and thread count. Prints one JSON line: set-up (population and network), simulation
// and output (writing the HDF5 run file) seconds separately, the network build alone (on the same
// number of uniform random places, before the run), farmer-
// reviews per second of the simulation (farmers × practices × months reviewed), and the process's
// peak resident memory per farmer. Run each case in its own process (bench/run_scale.sh and
// bench/bass_bench.sh do), so peak memory belongs to that case alone.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <oneapi/tbb/global_control.h>

#include "agents/app/scenario_loading.hpp"
#include "agents/model/model.hpp"
#include "sim/output/run_file.hpp"
#include "sim/random.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

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
    const auto& scenario = loaded.scenario;
    // The network build alone, first, on uniform random places in the region (its memory is
    // freed before the model is built, so the peak below is the model's own).
    double network = 0;
    if (scenario.network.mode == kringloop::agents::NetworkMode::knn) {
      const auto count = static_cast<std::size_t>(scenario.population.farmers);
      std::vector<float> x(count), y(count);
      for (std::size_t i = 0; i < count; ++i) {
        kringloop::sim::RandomStream random(scenario.run.seed, static_cast<std::uint32_t>(i), 0, kringloop::sim::Stream::population);
        x[i] = static_cast<float>(random.uniform() * scenario.population.region_width_km);
        y[i] = static_cast<float>(random.uniform() * scenario.population.region_height_km);
      }
      const auto start = std::chrono::steady_clock::now();
      const auto built = kringloop::agents::build_knn_network(x, y, scenario.network.neighbours, scenario.network.rewiring,
                                                              scenario.population.region_width_km,
                                                              scenario.population.region_height_km, scenario.run.seed);
      network = seconds_since(start);
      if (built.size() != count * static_cast<std::size_t>(scenario.network.neighbours)) return 1;
    }
    auto start = std::chrono::steady_clock::now();
    kringloop::agents::Model model(scenario);
    const double setup = seconds_since(start);
    start = std::chrono::steady_clock::now();
    const auto record = model.run();
    const double simulation = seconds_since(start);

    // Output: the run file as `kringloop run` writes it (snapshots as the scenario says).
    const auto file = std::filesystem::temp_directory_path() / ("model_scale_" + std::to_string(getpid()) + ".h5");
    kringloop::sim::output::RunMetadata metadata;
    metadata.seed = scenario.run.seed;
    metadata.threads = threads;
    metadata.wall_seconds = setup + simulation;
    metadata.scenario_name = scenario.run.name;
    metadata.scenario_text = scenario.resolved_text;
    metadata.years = scenario.run.years;
    metadata.farmers = scenario.population.farmers;
    metadata.command_line = "model_scale";
    start = std::chrono::steady_clock::now();
    kringloop::sim::output::write_run_file(file, record, metadata, true, scenario.run.snapshots);
    const double output = seconds_since(start);
    std::filesystem::remove(file);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peak_bytes = static_cast<double>(usage.ru_maxrss) * 1024.0;
    const double n = static_cast<double>(scenario.population.farmers);
    const double reviews = static_cast<double>(model.reviews());
    // The final adoption shares show the run did real work (budgets scale with the population).
    std::string shares;
    for (const auto& [key, value] : record.summary())
      if (key.rfind("adoption.", 0) == 0 && key.size() > 12 && key.compare(key.size() - 12, 12, ".final_share") == 0)
        shares += ", \"" + key + "\": " + std::to_string(value);
    std::printf("{\"scenario\": \"%s\", \"farmers\": %s, \"years\": %s, \"threads\": %d, \"practices\": %zu, "
                "\"seconds\": %.3f, \"setup_seconds\": %.3f, \"network_seconds\": %.3f, \"simulation_seconds\": %.3f, "
                "\"output_seconds\": %.3f, \"reviews\": %.0f, \"reviews_per_second\": %.0f, "
                "\"reviews_per_second_per_thread\": %.0f, \"peak_rss_mib\": %.1f, \"peak_bytes_per_farmer\": %.0f%s}\n",
                scenario.run.name.c_str(), farmers.c_str(), years.c_str(), threads, scenario.practices.size(),
                setup + simulation, setup, network, simulation, output, reviews, reviews / simulation,
                reviews / simulation / threads, peak_bytes / (1024.0 * 1024.0), peak_bytes / n, shares.c_str());
    return record.series().empty() ? 1 : 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "model_scale: error: %s\n", error.what());
    return 2;
  }
}
