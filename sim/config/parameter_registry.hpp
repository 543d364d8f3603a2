// Every scenario parameter is described once: name, type, default, unit, allowed range and meaning
// (FLAME GPU 2's "describe, validate, run"). Repeated blocks are named sections whose keys are
// registered as templates with `*` for the name: `scheme.*.lead_time_days` covers
// `[scheme.grant] lead_time_days` and the flag `--scheme.grant.lead_time_days`.
#pragma once
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kringloop::sim::config {

enum class ValueType { integer, real, boolean, text, choice, choice_list };

struct ParameterSpec {
  std::string key;            // "population.farmers" or "practice.*.investment_eur_per_ha"
  ValueType type = ValueType::real;
  std::string default_value;  // as it would be written in an INI file
  std::string unit;           // "farmers", "€/ha", "days", "0–1", ... ("" when dimensionless)
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;  // allowed words for choice / choice_list
  std::string meaning;               // one line
  std::string source;                // "003 L627–632", or "assumption"
};

// Which of a list of keys and templates first matches a key (key_matches_template), without trying
// each: a template matches when each of its segments is the key's or "*" (for a non-empty one), so
// the candidates are the key's segments with any of them replaced by "*" — at most 2^segments
// look-ups in a map of each entry's first position. A scan of every template per key made
// resolving a scenario quadratic (about 1% of a sweep, one scenario per run: issue 16).
class TemplateIndex {
 public:
  // Entry `position` of the list (the first position of an entry is kept).
  void add(std::string key_or_template, std::size_t position);
  // The lowest position whose entry matches `key`, or std::nullopt.
  std::optional<std::size_t> first_match(std::string_view key) const;

 private:
  std::optional<std::size_t> search(std::string_view key) const;

  std::unordered_map<std::string, std::size_t> first_position_;
  std::size_t most_segments_ = 0;  // a key with more matches nothing (segments pair one to one)
  // Changes with every add (unique across indexes): each thread's memo of answers is kept only for
  // the stamp it was made for.
  std::uint64_t stamp_ = 0;
};

class ParameterRegistry {
 public:
  void add(ParameterSpec spec);

  // The spec whose key (or template) matches `key`; nullptr when none does.
  const ParameterSpec* find(std::string_view key) const;

  // The registered name closest to `key` (edit distance, names instantiated with key's section name).
  std::string nearest(std::string_view key) const;

  // " (did you mean 'NAME'?)" for an unknown key, or "" when the key is too long to be a typo of
  // any registered name (bounds the edit-distance cost).
  std::string suggestion(std::string_view key) const;

  // Throws ConfigError naming key, value, what is allowed and where the value came from.
  void check_value(const ParameterSpec& spec, std::string_view key, std::string_view value,
                   std::string_view origin) const;

  // Section kinds that repeat under a name, e.g. "practice", "scheme".
  std::vector<std::string> named_section_kinds() const;

  const std::vector<ParameterSpec>& all() const { return specs_; }

 private:
  std::vector<ParameterSpec> specs_;
  TemplateIndex index_;  // of specs_' keys
};

// "population.*.share" matches "population.dairy.share": `*` stands for exactly one name segment.
bool key_matches_template(std::string_view key, std::string_view pattern);


// Section kind and instance name of a named-section key: "scheme.investment.amount_eur" ->
// {"scheme", "investment"}; nullopt for keys of plain sections.
struct SectionInstance {
  std::string kind, name;
  bool operator<(const SectionInstance& other) const {
    return kind != other.kind ? kind < other.kind : name < other.name;
  }
  bool operator==(const SectionInstance&) const = default;
};

// "an integer in [1, 200]", "one of: knn well_mixed", ...: what check_value accepts, in words.
std::string allowed_text(const ParameterSpec& spec);
// `|` escaped for a Markdown table cell.
std::string escape_markdown(std::string text);

std::size_t edit_distance(std::string_view a, std::string_view b);

// Throws ConfigError when `key` is longer than limits::max_key_bytes (before any lookup by it).
void check_key_length(std::string_view key, std::string_view origin);
std::string type_name(ValueType type);

}  // namespace kringloop::sim::config
