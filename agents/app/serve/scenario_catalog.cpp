#include "agents/app/serve/scenario_catalog.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include "agents/app/levers.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/config/parameter_schema.hpp"
#include "sim/errors.hpp"

namespace kringloop::agents::serve {

namespace {

// The leading '#' lines up to the first line that is not a comment, joined into one paragraph.
std::string leading_comment(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line, text;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '#') break;
    line.erase(0, line.find_first_not_of("# "));
    text += (text.empty() || line.empty() ? "" : " ") + line;
  }
  return text;
}

bool is_scenario_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

// Start-time levers a dashboard offers besides the mid-run ones (issue 12 point 4): scheme
// continuity and the messenger, the lease mix, the region's size (up to --max-farmers), and the
// governance choices of the coalition model (MODEL §7.5): a declared coalition's form and when its
// director hands over, a government's staff capacity, whether coalitions also emerge; the land
// exchange regulation level and the measure compensation (MODEL §7.4b–c). Own choice
// of what "matters", after the P-questions.
const std::vector<std::string>& start_levers() {
  static const std::vector<std::string> keys{"government.*.messenger",      "land.share_owned",
                                             "land.share_regular",          "land.share_liberalised",
                                             "land.share_one_year",         "population.farmers",
                                             "coalition.*.form",            "coalition.*.handover_after_years",
                                             "government.*.staff_capacity", "coalition.emergence",
                                             "exchange.regulation",         "measure.compensation_eur_per_ha_year"};
  return keys;
}

bool matches(const std::string& pattern, const std::string& key) {
  const auto star = pattern.find(".*.");
  if (star == std::string::npos) return pattern == key;
  const std::string kind = pattern.substr(0, star + 1), leaf = pattern.substr(star + 2);
  return key.size() > kind.size() + leaf.size() && key.rfind(kind, 0) == 0 &&
         key.compare(key.size() - leaf.size(), leaf.size(), leaf) == 0 &&
         key.find('.', kind.size()) == key.size() - leaf.size();
}

}  // namespace

sim::cli::Json scenario_list(const std::filesystem::path& configs_dir) {
  sim::cli::Json list = sim::cli::Json::array();
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(configs_dir, error))
    if (entry.is_regular_file() && entry.path().extension() == ".ini" && is_scenario_name(entry.path().stem().string()))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    sim::cli::Json item;
    item["name"] = name;
    item["file"] = name == "default" ? "(embedded)" : (configs_dir / file.filename()).string();
    item["description"] = leading_comment(file);
    if (name == "default") list.insert(list.begin(), std::move(item));
    else list.push_back(std::move(item));
  }
  return list;
}

std::optional<std::string> scenario_file(const std::filesystem::path& configs_dir, const std::string& name) {
  if (name == "default") return std::nullopt;
  const auto file = configs_dir / (name + ".ini");
  if (!is_scenario_name(name) || !std::filesystem::is_regular_file(file))
    throw sim::ConfigError("scenario = '" + name + "': no such bundled scenario (GET /api/scenarios lists them)");
  return file.string();
}

sim::cli::Json scenario_levers(const std::optional<std::string>& file) {
  const auto config = resolve_scenario_config(file, {});
  const auto schema = sim::config::parameter_schema(parameter_registry());
  sim::cli::Json levers = sim::cli::Json::array();
  const auto add = [&](const std::string& pattern, bool mid_run) {
    const auto spec = std::find_if(schema["options"].begin(), schema["options"].end(),
                                   [&](const sim::cli::Json& option) { return option["key"] == pattern; });
    if (spec == schema["options"].end()) return;
    for (const auto& [key, setting] : config.settings()) {
      if (!matches(pattern, key)) continue;
      sim::cli::Json lever;
      lever["key"] = key;
      lever["value"] = setting.value;
      for (const char* field : {"type", "unit", "min", "max", "choices", "meaning", "source"}) lever[field] = (*spec)[field];
      lever["mid_run"] = mid_run;
      levers.push_back(std::move(lever));
    }
  };
  for (const auto& pattern : mid_run_lever_patterns()) add(pattern, true);
  for (const auto& pattern : start_levers()) add(pattern, false);
  return levers;
}

}  // namespace kringloop::agents::serve
