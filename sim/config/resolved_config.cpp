#include "sim/config/resolved_config.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>

#include "sim/config/limits.hpp"
#include "sim/config/value_parse.hpp"
#include "sim/errors.hpp"

namespace kringloop::sim::config {

namespace po = boost::program_options;

namespace {

std::string section_of(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? std::string() : key.substr(0, dot);
}

std::optional<SectionInstance> instance_of(const std::string& key) {
  const auto first = key.find('.');
  if (first == std::string::npos) return std::nullopt;
  const auto second = key.find('.', first + 1);
  if (second == std::string::npos) return std::nullopt;
  return SectionInstance{key.substr(0, first), key.substr(first + 1, second - first - 1)};
}

// Program_options merges repeated sections silently; a repeated [section] is almost always a
// copy-paste mistake, so find them first and name both lines.
void reject_duplicate_sections(std::string_view text, std::string_view origin) {
  std::map<std::string, int> seen;
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const std::string stripped = trim(line);
    if (stripped.size() < 2 || stripped.front() != '[' || stripped.back() != ']') continue;
    const std::string name = trim(stripped.substr(1, stripped.size() - 2));
    const auto [it, inserted] = seen.emplace(name, number);
    if (!inserted)
      throw ConfigError(std::string(origin) + ": duplicate section [" + name + "] at lines " +
                        std::to_string(it->second) + " and " + std::to_string(number));
  }
}

}  // namespace

KeyValues read_ini(std::string_view text, std::string_view origin) {
  // Editors on Windows start UTF-8 files with a byte order mark; it is not part of the first key.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  reject_duplicate_sections(text, origin);
  std::istringstream stream{std::string(text)};
  po::parsed_options parsed(nullptr);
  try {
    po::options_description none;
    parsed = po::parse_config_file(stream, none, /*allow_unregistered=*/true);
  } catch (const po::error& error) {
    throw ConfigError(std::string(origin) + ": " + error.what());
  }
  KeyValues values;
  std::set<std::string> keys;
  for (const auto& option : parsed.options) {
    if (!keys.insert(option.string_key).second)
      throw ConfigError(std::string(origin) + ": duplicate key " + option.string_key);
    values.emplace_back(option.string_key, option.value.empty() ? std::string() : trim(option.value.front()));
  }
  return values;
}

std::string read_scenario_file(const std::filesystem::path& path) {
  std::error_code error;
  const std::string name = path.string();
  if (!std::filesystem::exists(path, error)) throw ConfigError(name + ": scenario file not found");
  if (std::filesystem::is_directory(path, error)) throw ConfigError(name + ": is a directory, not a scenario file");
  // POSIX reads, every result checked: an I/O error (EIO, or /proc/self/mem's refusal) must fail the
  // command, never be taken as end of file, which would run a truncated or empty scenario. The size
  // bound also stops endless sources (/dev/zero) and absurd files before they fill memory.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ConfigError(name + ": cannot read scenario file: " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int code = errno;
      ::close(fd);
      throw ConfigError(name + ": cannot read scenario file: " + std::strerror(code));
    }
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > limits::max_scenario_bytes) {
      ::close(fd);
      throw ConfigError(name + ": scenario file is larger than " + std::to_string(limits::max_scenario_bytes) +
                        " bytes (the limit; a scenario is a few kilobytes)");
    }
  }
  ::close(fd);
  return text;
}

ResolvedConfig ResolvedConfig::resolve(const ParameterRegistry& registry, const std::vector<Layer>& layers) {
  ResolvedConfig config;
  for (const auto& spec : registry.all()) config.key_order_.push_back(spec.key);
  for (const auto& layer : layers)
    for (const auto& [key, value] : layer.values) config.set(registry, key, value, layer.origin);
  config.fill_defaults(registry);
  return config;
}

void ResolvedConfig::set(const ParameterRegistry& registry, const std::string& key, const std::string& value,
                         const std::string& origin) {
  check_key_length(key, origin);
  const ParameterSpec* spec = registry.find(key);
  if (spec == nullptr)
    throw ConfigError(origin + ": unknown key '" + key + "'" + registry.suggestion(key));
  registry.check_value(*spec, key, value, origin);
  settings_[key] = Setting{trim(value), origin};
}

void ResolvedConfig::fill_defaults(const ParameterRegistry& registry) {
  std::set<SectionInstance> instances;
  for (const auto& [key, setting] : settings_)
    if (auto instance = instance_of(key); instance && registry.find(key) && registry.find(key)->key.find('*') != std::string::npos)
      instances.insert(*instance);
  for (const auto& spec : registry.all()) {
    const auto star = spec.key.find(".*.");
    if (star == std::string::npos) {
      settings_.try_emplace(spec.key, Setting{spec.default_value, "built-in default"});
      continue;
    }
    const std::string kind = spec.key.substr(0, star), leaf = spec.key.substr(star + 3);
    for (const auto& instance : instances)
      if (instance.kind == kind)
        settings_.try_emplace(kind + "." + instance.name + "." + leaf, Setting{spec.default_value, "built-in default"});
  }
}

const std::string& ResolvedConfig::text(std::string_view key) const {
  const auto it = settings_.find(std::string(key));
  if (it == settings_.end()) throw ConfigError("missing scenario key '" + std::string(key) + "'");
  return it->second.value;
}

double ResolvedConfig::real(std::string_view key) const {
  const auto value = parse_real(text(key));
  if (!value) throw ConfigError(std::string(key) + " = '" + text(key) + "': not a number");
  return *value;
}

std::int64_t ResolvedConfig::integer(std::string_view key) const {
  const auto value = parse_integer(text(key));
  if (!value) throw ConfigError(std::string(key) + " = '" + text(key) + "': not an integer");
  return *value;
}

bool ResolvedConfig::boolean(std::string_view key) const {
  const auto value = parse_boolean(text(key));
  if (!value) throw ConfigError(std::string(key) + " = '" + text(key) + "': not a boolean");
  return *value;
}

std::vector<std::string> ResolvedConfig::list(std::string_view key) const { return split_list(text(key)); }

std::vector<std::string> ResolvedConfig::instances(std::string_view kind) const {
  std::set<std::string> names;
  for (const auto& [key, setting] : settings_)
    if (auto instance = instance_of(key); instance && instance->kind == kind) names.insert(instance->name);
  return {names.begin(), names.end()};
}

std::string ResolvedConfig::to_ini() const {
  // Order: sections as first registered (plain sections and instances of repeated ones, the
  // latter by name), keys in registry order within each section.
  TemplateIndex index;
  for (std::size_t i = 0; i < key_order_.size(); ++i) index.add(key_order_[i], i);
  auto rank = [&](const std::string& key) { return index.first_match(key).value_or(key_order_.size()); };
  std::vector<std::pair<std::size_t, std::string>> sections;  // (rank of first key, section)
  std::map<std::string, std::vector<std::pair<std::size_t, std::string>>> keys_by_section;
  for (const auto& [key, setting] : settings_) {
    const std::string section = section_of(key);
    keys_by_section[section].emplace_back(rank(key), key);
  }
  for (auto& [section, keys] : keys_by_section) {
    std::sort(keys.begin(), keys.end());
    sections.emplace_back(keys.front().first, section);
  }
  std::sort(sections.begin(), sections.end());
  std::ostringstream out;
  for (const auto& [first_rank, section] : sections) {
    out << "[" << section << "]\n";
    for (const auto& [key_rank, key] : keys_by_section[section])
      out << key.substr(section.size() + 1) << " = " << settings_.at(key).value << "\n";
    out << "\n";
  }
  return out.str();
}

}  // namespace kringloop::sim::config
