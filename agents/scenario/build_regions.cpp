// Regions of the typed scenario (MODEL §2 Space): farm counts, type shares, size and placement, with
// one clear error per bad combination (naming key, value, what is allowed and the file it came from).
#include <algorithm>
#include <cmath>

#include "agents/scenario/scenario.hpp"
#include "sim/config/value_parse.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

using sim::ConfigError;

// "KEY = VALUE (FILE)": where a value came from, for errors about combinations of keys.
std::string quoted(const sim::config::ResolvedConfig& config, const std::string& key) {
  const auto& setting = config.settings().at(key);
  return key + " = " + (setting.value.empty() ? "''" : setting.value) + " (" + setting.origin + ")";
}

std::array<double, farm_type_count> type_shares(const sim::config::ResolvedConfig& config, const std::string& prefix,
                                                const std::array<double, farm_type_count>& population_shares) {
  bool any = false;
  for (const char* type : farm_type_names) any = any || !config.text(prefix + "share_" + type).empty();
  if (!any) return population_shares;
  std::array<double, farm_type_count> shares{};
  double sum = 0;
  for (std::size_t t = 0; t < farm_type_count; ++t) {
    const std::string key = prefix + "share_" + farm_type_names[t];
    if (config.text(key).empty()) continue;
    const auto value = sim::config::parse_real(config.text(key));
    if (!value || *value < 0 || *value > 1)
      throw ConfigError(quoted(config, key) + ": not a share (allowed: a number in [0, 1])");
    sum += shares[t] = *value;
  }
  if (std::fabs(sum - 1.0) > 1e-6)
    throw ConfigError(prefix + "share_arable/dairy/mixed/intensive_livestock sum to " + std::to_string(sum) + " (" +
                      config.settings().at(prefix + "share_dairy").origin + "; allowed: exactly 1, unset ones count 0)");
  return shares;
}

// Farms per region: every region gives a count, or every region a share of population.farmers.
void farm_counts(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  const auto& names = config.instances("region");
  std::size_t with_count = 0, with_share = 0;
  double share_sum = 0;
  for (const auto& name : names) {
    const std::string p = "region." + name + ".";
    const bool count = config.integer(p + "farmers") > 0, share = config.real(p + "farmer_share") > 0;
    if (count == share)
      throw ConfigError(quoted(config, p + "farmers") + " and " + quoted(config, p + "farmer_share") +
                        ": set exactly one of them (allowed: farmers ≥ 1 or farmer_share in (0, 1])");
    with_count += count, with_share += share;
    share_sum += config.real(p + "farmer_share");
  }
  if (with_count > 0 && with_share > 0)
    throw ConfigError("region.*: " + std::to_string(with_count) + " regions give farmers and " + std::to_string(with_share) +
                      " give farmer_share (" + config.settings().at("region." + names.front() + ".farmers").origin +
                      "; allowed: all regions give farmers, or all give farmer_share)");
  if (with_share > 0 && std::fabs(share_sum - 1.0) > 1e-6)
    throw ConfigError("region.*.farmer_share sum to " + std::to_string(share_sum) + " (" +
                      config.settings().at("region." + names.front() + ".farmer_share").origin + "; allowed: exactly 1)");
  std::int64_t total = 0;
  for (std::size_t r = 0; r < names.size(); ++r) {
    const std::string p = "region." + names[r] + ".";
    std::int64_t farmers = config.integer(p + "farmers");
    if (with_share > 0)  // rounded shares; the last region takes the rest, so they sum to population.farmers
      farmers = r + 1 < names.size()
                    ? std::llround(config.real(p + "farmer_share") * static_cast<double>(scenario.population.farmers))
                    : scenario.population.farmers - total;
    if (farmers < 1)
      throw ConfigError(quoted(config, p + "farmer_share") + " gives " + std::to_string(farmers) +
                        " farms of population.farmers = " + std::to_string(scenario.population.farmers) +
                        " (allowed: at least 1 farm per region)");
    scenario.regions[r].farmers = farmers;
    total += farmers;
  }
  scenario.population.farmers = total;
}

}  // namespace

double square_side_from_farmland_km(const PopulationSettings& population,
                                    const std::array<double, farm_type_count>& type_share, std::int64_t farmers) {
  // Expected farmland: farms × Σ type share × lognormal mean (median · e^{σ²/2}); the region is the
  // square whose farmland share is `farmland_share`, so farm density does not depend on the farm
  // count (issue 8: population size must not be a hidden lever).
  double mean_farm_ha = 0;
  for (std::size_t t = 0; t < farm_type_count; ++t)
    mean_farm_ha += type_share[t] * population.median_farm_ha[t] *
                    std::exp(population.farm_size_sigma * population.farm_size_sigma / 2);
  const double area_km2 = static_cast<double>(farmers) * mean_farm_ha / 100.0 / population.farmland_share;
  return std::sqrt(area_km2);
}

void build_regions(const sim::config::ResolvedConfig& config, Scenario& scenario) {
  auto& population = scenario.population;
  const auto names = config.instances("region");
  scenario.regions.clear();
  if (names.empty()) {  // the implicit region: [population] exactly as before regions existed
    RegionSettings all;
    all.name = "all";
    all.farmers = population.farmers;
    all.type_share = population.type_share;
    all.width_km = population.region_width_km;
    all.height_km = population.region_height_km;
    scenario.regions.push_back(all);
    return;
  }
  if (names.size() > max_regions)
    throw ConfigError("scenario: " + std::to_string(names.size()) + " [region.NAME] sections (allowed: at most " +
                      std::to_string(max_regions) + ")");
  scenario.regions.resize(names.size());
  for (std::size_t r = 0; r < names.size(); ++r) scenario.regions[r].name = names[r];
  farm_counts(config, scenario);
  double next_x = 0;
  for (std::size_t r = 0; r < names.size(); ++r) {
    RegionSettings& region = scenario.regions[r];
    const std::string p = "region." + region.name + ".";
    region.type_share = type_shares(config, p, population.type_share);
    region.livestock_only_share = config.real(p + "livestock_only_share");
    region.arable_only_share = config.real(p + "arable_only_share");
    if (region.livestock_only_share + region.arable_only_share > 1 + 1e-9)
      throw ConfigError(quoted(config, p + "livestock_only_share") + " and " + quoted(config, p + "arable_only_share") +
                        ": the bands cover more than the region (allowed: together at most 1)");
    const auto& t = region.type_share;
    const auto share_of = [&](FarmType type) { return t[static_cast<std::size_t>(type)]; };
    if (region.arable_only_share > 0 && share_of(FarmType::arable) <= 0)
      throw ConfigError(quoted(config, p + "arable_only_share") + ": the region has no arable farms (allowed: 0 when "
                        "share_arable = 0)");
    if (region.livestock_only_share > 0 && share_of(FarmType::dairy) + share_of(FarmType::intensive_livestock) <= 0)
      throw ConfigError(quoted(config, p + "livestock_only_share") + ": the region has no livestock farms (allowed: 0 "
                        "when share_dairy and share_intensive_livestock are 0)");
    std::string area = config.text(p + "area");
    if (area == "population") area = population.region_from_farmland ? "from_farmland" : "fixed";
    if (area == "from_farmland") {
      region.width_km = region.height_km = square_side_from_farmland_km(population, region.type_share, region.farmers);
    } else {
      region.width_km = config.real(p + "width_km");
      region.height_km = config.real(p + "height_km");
    }
    const std::string& x_min = config.text(p + "x_min_km");
    if (x_min == "next") {
      region.x_min_km = next_x;
    } else {
      const auto value = sim::config::parse_real(x_min);
      if (!value || *value < 0 || *value > 1e5)
        throw ConfigError(quoted(config, p + "x_min_km") + ": not a position (allowed: a number in [0, 100000] or next)");
      region.x_min_km = *value;
    }
    next_x = region.x_max_km();
  }
  // No overlap: sorted west to east, each region starts where the one before it ends or later.
  std::vector<const RegionSettings*> west_to_east;
  for (const auto& region : scenario.regions) west_to_east.push_back(&region);
  std::stable_sort(west_to_east.begin(), west_to_east.end(),
                   [](const auto* a, const auto* b) { return a->x_min_km < b->x_min_km; });
  for (std::size_t k = 1; k < west_to_east.size(); ++k) {
    const RegionSettings& west = *west_to_east[k - 1];
    const RegionSettings& east = *west_to_east[k];
    if (east.x_min_km < west.x_max_km() - 1e-9)
      throw ConfigError(quoted(config, "region." + east.name + ".x_min_km") + ": region " + east.name + " (" +
                        std::to_string(east.x_min_km) + "–" + std::to_string(east.x_max_km()) + " km) overlaps region " +
                        west.name + " (" + std::to_string(west.x_min_km) + "–" + std::to_string(west.x_max_km()) +
                        " km) (allowed: x_min_km ≥ " + std::to_string(west.x_max_km()) + ")");
  }
  // The population's rectangle is the bounding box of the regions (the map, the network's grid).
  population.region_width_km = population.region_height_km = 0;
  for (const auto& region : scenario.regions) {
    population.region_width_km = std::max(population.region_width_km, region.x_max_km());
    population.region_height_km = std::max(population.region_height_km, region.height_km);
  }
}

RegionMask region_mask(const sim::config::ResolvedConfig& config, const std::string& key, const Scenario& scenario,
                       RegionMask allowed) {
  const auto names = config.list(key);
  if (names.empty()) return allowed;
  RegionMask mask = 0;
  for (const auto& name : names) {
    std::string known;
    std::size_t found = scenario.regions.size();
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      if (scenario.regions[r].name == name) found = r;
      if (covers(allowed, static_cast<std::uint8_t>(r))) known += (known.empty() ? "" : ", ") + scenario.regions[r].name;
    }
    if (found == scenario.regions.size() || !covers(allowed, static_cast<std::uint8_t>(found)))
      throw ConfigError(quoted(config, key) + ": '" + name + "' is not a region " +
                        (found == scenario.regions.size() ? "of the scenario" : "the government covers") +
                        " (allowed: " + known + ")");
    mask |= RegionMask{1} << found;
  }
  return mask;
}

}  // namespace kringloop::agents
