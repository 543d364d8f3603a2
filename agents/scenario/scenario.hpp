// The typed scenario: what the model runs on. Built once from a validated configuration; model code
// never looks a parameter up by its string name.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/resolved_config.hpp"
#include "sim/time.hpp"

namespace kringloop::agents {

enum class FarmType : std::uint8_t { arable, dairy, mixed, intensive_livestock };
inline constexpr std::size_t farm_type_count = 4;
inline constexpr std::array<const char*, farm_type_count> farm_type_names{"arable", "dairy", "mixed", "intensive_livestock"};

// Rogers (2003) adopter categories.
enum class Innovativeness : std::uint8_t { innovator, early_adopter, early_majority, late_majority, laggard };
inline constexpr std::size_t innovativeness_count = 5;

struct RunSettings {
  std::string name;
  std::uint64_t seed = 1;
  int years = 30;
  bool snapshots = false;
  int months() const { return years * sim::months_per_year; }
};

struct PopulationSettings {
  std::int64_t farmers = 3000;
  std::array<double, farm_type_count> type_share{};
  double region_width_km = 40, region_height_km = 40;
  std::array<double, innovativeness_count> innovativeness_share{};
};

enum class NetworkMode : std::uint8_t { knn, well_mixed };

struct NetworkSettings {
  NetworkMode mode = NetworkMode::knn;
  int neighbours = 8;
  double rewiring = 0.05;
};

enum class DecisionRule : std::uint8_t { immediate, utility };

struct PracticeSettings {
  std::string name;
  double external_per_year = 0.03;   // p
  double imitation_per_year = 0.38;  // q
  DecisionRule decision = DecisionRule::immediate;
};

struct Scenario {
  RunSettings run;
  PopulationSettings population;
  NetworkSettings network;
  std::vector<PracticeSettings> practices;  // enabled ones, by name
  std::string resolved_text;                // the resolved INI, for output metadata
};

// Throws ConfigError for combinations that single-value checks cannot see (shares that do not sum
// to one, a scenario without practices, ...).
Scenario build_scenario(const sim::config::ResolvedConfig& config);

}  // namespace kringloop::agents
