#include "sim/config/parameter_registry.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>
#include <sstream>

#include "sim/config/limits.hpp"
#include "sim/config/value_parse.hpp"
#include "sim/errors.hpp"

namespace kringloop::sim::config {

namespace {

std::vector<std::string_view> split_dots(std::string_view key) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string format_bound(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}



}  // namespace

std::string allowed_text(const ParameterSpec& spec) {
  switch (spec.type) {
    case ValueType::integer:
    case ValueType::real: {
      const bool low = std::isfinite(spec.min), high = std::isfinite(spec.max);
      const std::string kind = spec.type == ValueType::integer ? "an integer" : "a number";
      if (low && high) return kind + " in [" + format_bound(spec.min) + ", " + format_bound(spec.max) + "]";
      if (low) return kind + " >= " + format_bound(spec.min);
      if (high) return kind + " <= " + format_bound(spec.max);
      return kind;
    }
    case ValueType::boolean: return "true or false";
    case ValueType::text: return "text";
    case ValueType::choice: {
      std::string text = "one of:";
      for (const auto& c : spec.choices) text += " " + c;
      return text;
    }
    case ValueType::choice_list: {
      std::string text = "a comma-separated list of:";
      for (const auto& c : spec.choices) text += " " + c;
      return text;
    }
  }
  return "";
}

std::string escape_markdown(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

std::string type_name(ValueType type) {
  switch (type) {
    case ValueType::integer: return "integer";
    case ValueType::real: return "real";
    case ValueType::boolean: return "boolean";
    case ValueType::text: return "text";
    case ValueType::choice: return "choice";
    case ValueType::choice_list: return "list";
  }
  return "";
}

bool key_matches_template(std::string_view key, std::string_view pattern) {
  // Segment by segment without allocating: every lookup of a key runs this against each registered
  // key (it dominated the fuzz harnesses' time when it split both into vectors).
  while (true) {
    const auto key_dot = key.find('.'), pattern_dot = pattern.find('.');
    const std::string_view key_part = key.substr(0, key_dot), pattern_part = pattern.substr(0, pattern_dot);
    if (pattern_part == "*" ? key_part.empty() : pattern_part != key_part) return false;
    if ((key_dot == std::string_view::npos) != (pattern_dot == std::string_view::npos)) return false;
    if (key_dot == std::string_view::npos) return true;
    key.remove_prefix(key_dot + 1);
    pattern.remove_prefix(pattern_dot + 1);
  }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

void check_key_length(std::string_view key, std::string_view origin) {
  if (key.size() > limits::max_key_bytes)
    throw ConfigError(std::string(origin) + ": a key of " + std::to_string(key.size()) + " bytes ('" +
                      std::string(key.substr(0, 40)) + "...') is longer than any option (at most " +
                      std::to_string(limits::max_key_bytes) + ")");
}

std::string ParameterRegistry::suggestion(std::string_view key) const {
  if (key.size() > limits::max_key_bytes) return "";
  return " (did you mean '" + nearest(key) + "'?)";
}

void ParameterRegistry::add(ParameterSpec spec) {
  if (find(spec.key) != nullptr) throw ConfigError("parameter registered twice: " + spec.key);
  index_.add(spec.key, specs_.size());
  specs_.push_back(std::move(spec));
}

const ParameterSpec* ParameterRegistry::find(std::string_view key) const {
  const std::optional<std::size_t> position = index_.first_match(key);
  return position ? &specs_[*position] : nullptr;
}

namespace {

std::atomic<std::uint64_t> next_stamp{1};

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// One thread's answers of one index (its stamp), by key: building a scenario asks for the same
// few hundred keys, each a search of up to 2^segments candidate templates (a fifth of a sweep's
// scenario building; issue 16). Cleared beyond a few thousand keys, so no input grows it far.
struct Memo {
  std::uint64_t stamp = 0;
  std::unordered_map<std::string, std::optional<std::size_t>, TextHash, std::equal_to<>> found;
};
constexpr std::size_t memo_keys = 4096;

}  // namespace

void TemplateIndex::add(std::string key_or_template, std::size_t position) {
  most_segments_ = std::max<std::size_t>(most_segments_, 1 + std::count(key_or_template.begin(), key_or_template.end(), '.'));
  first_position_.emplace(std::move(key_or_template), position);
  stamp_ = next_stamp++;
}

std::optional<std::size_t> TemplateIndex::first_match(std::string_view key) const {
  thread_local Memo memo;
  if (memo.stamp != stamp_) {
    memo.found.clear();
    memo.stamp = stamp_;
  }
  if (const auto known = memo.found.find(key); known != memo.found.end()) return known->second;
  const std::optional<std::size_t> position = search(key);
  if (memo.found.size() >= memo_keys) memo.found.clear();
  memo.found.emplace(std::string(key), position);
  return position;
}

std::optional<std::size_t> TemplateIndex::search(std::string_view key) const {
  // Segments pair one to one: a key longer than every entry matches none (and a hostile key of
  // many segments costs no 2^segments look-ups).
  if (1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), '.')) > most_segments_) return std::nullopt;
  std::vector<std::string_view> parts;
  for (std::string_view rest = key;;) {
    const auto dot = rest.find('.');
    parts.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  std::optional<std::size_t> best;
  std::string candidate;
  for (std::uint32_t stars = 0; stars < (1u << parts.size()); ++stars) {
    candidate.clear();
    bool possible = true;
    for (std::size_t p = 0; p < parts.size() && possible; ++p) {
      const bool star = (stars >> p) & 1u;
      possible = !(star && parts[p].empty());  // "*" stands for a non-empty segment
      if (p > 0) candidate += '.';
      candidate += star ? std::string_view("*") : parts[p];
    }
    if (!possible) continue;
    if (const auto it = first_position_.find(candidate); it != first_position_.end() && (!best || it->second < *best))
      best = it->second;
  }
  return best;
}

std::string ParameterRegistry::nearest(std::string_view key) const {
  const auto key_parts = split_dots(key);
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& spec : specs_) {
    // Instantiate the template with the key's own section name, so a typo in the last segment of
    // `scheme.grant.lead_tme_days` suggests `scheme.grant.lead_time_days`: the section name is kept.
    auto parts = split_dots(spec.key);
    std::string candidate;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i) candidate += '.';
      if (parts[i] == "*" && i < key_parts.size() && !key_parts[i].empty()) candidate += key_parts[i];
      else candidate += parts[i];
    }
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

void ParameterRegistry::check_value(const ParameterSpec& spec, std::string_view key, std::string_view value,
                                    std::string_view origin) const {
  auto fail = [&](const std::string& problem) {
    const std::string shown = value.size() > 80 ? std::string(value.substr(0, 80)) + "..." : std::string(value);
    throw ConfigError(std::string(origin) + ": " + std::string(key) + " = '" + shown + "': " + problem +
                      " (allowed: " + allowed_text(spec) + ")");
  };
  // Every value must survive the round trip through the INI text stored in each output file
  // (ResolvedConfig::to_ini, read back by extract and --resume): one line, no comment character.
  if (value.size() > limits::max_value_bytes)
    fail("longer than " + std::to_string(limits::max_value_bytes) + " bytes");
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) fail("contains a control character (a newline or NUL byte?)");
    if (c == '#') fail("contains '#', which starts a comment in scenario files");
  }
  switch (spec.type) {
    case ValueType::integer: {
      const auto parsed = parse_integer(value);
      if (!parsed) fail("not an integer");
      if (static_cast<double>(*parsed) < spec.min || static_cast<double>(*parsed) > spec.max) fail("out of range");
      break;
    }
    case ValueType::real: {
      const auto parsed = parse_real(value);
      if (!parsed) fail("not a number");
      if (*parsed < spec.min || *parsed > spec.max) fail("out of range");
      break;
    }
    case ValueType::boolean:
      if (!parse_boolean(value)) fail("not a boolean");
      break;
    case ValueType::text: break;
    case ValueType::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), trim(value)) == spec.choices.end()) fail("not allowed");
      break;
    case ValueType::choice_list:
      for (const auto& item : split_list(value))
        if (std::find(spec.choices.begin(), spec.choices.end(), item) == spec.choices.end())
          fail("'" + item + "' is not allowed");
      break;
  }
}

std::vector<std::string> ParameterRegistry::named_section_kinds() const {
  std::set<std::string> kinds;
  for (const auto& spec : specs_) {
    const auto parts = split_dots(spec.key);
    if (parts.size() == 3 && parts[1] == "*") kinds.insert(std::string(parts[0]));
  }
  return {kinds.begin(), kinds.end()};
}


}  // namespace kringloop::sim::config
