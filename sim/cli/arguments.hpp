// Command-line plumbing shared by every subcommand: scenario overrides written as
// `--section.key VALUE` (or `--section.key=VALUE`) are taken out before Boost.Program_options sees
// the rest, because their names are only known once the scenario is read.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/config/resolved_config.hpp"

namespace kringloop::sim::cli {

struct SplitArguments {
  config::KeyValues overrides;       // in the order given
  std::vector<std::string> others;   // everything else, for Program_options
};

// An argument is an override when it starts with `--` and its name contains a dot. Throws
// ConfigError when an override has no value.
SplitArguments split_overrides(const std::vector<std::string>& arguments);

// The command line as one string (recorded in output files).
std::string join_command_line(int argc, char** argv);

}  // namespace kringloop::sim::cli
