// What `kringloop options` prints: every option of the registry with the value it has in one
// resolved scenario. Plain keys show their value; a named-section template (`practice.*.enabled`)
// shows the template default (what a new `[practice.NAME]` section starts from) followed by the
// actual value in each named section of the scenario, so no template default is mistaken for a
// section's value. The same data gives docs/OPTIONS.md, the man page and the completion word list.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/parameter_registry.hpp"
#include "sim/config/resolved_config.hpp"

namespace kringloop::sim::config {

struct OptionsReference {
  const ParameterRegistry& registry;
  const ResolvedConfig& config;
  std::string scenario;  // "the default scenario" or the scenario file's name, shown in headers
};

// Plain text for a terminal.
std::string options_text(const OptionsReference& reference);

// docs/OPTIONS.md: the option table, then one table per kind of named section (keys × sections).
std::string options_markdown(const OptionsReference& reference);

// A man page (roff, man(7) macros): NAME, SYNOPSIS, DESCRIPTION (`usage`, the program's own
// command list), SCENARIO OPTIONS (as options_text), FILES, SEE ALSO.
std::string options_man_page(const OptionsReference& reference, std::string_view program,
                             std::string_view version, std::string_view summary, std::string_view usage);

// Every key the scenario has (plain keys and its named sections' keys), one per line, sorted:
// the words bash completion offers after `--`.
std::string option_names(const ResolvedConfig& config);

}  // namespace kringloop::sim::config
