// The experiment subcommands (docs/EXPERIMENTS.md): sweep, merge, sensitivity, extract.
#pragma once
#include "agents/app/commands.hpp"

namespace kringloop::agents {

int command_sweep(const Arguments& arguments);
int command_merge(const Arguments& arguments);
int command_sensitivity(const Arguments& arguments);
int command_extract(const Arguments& arguments);

}  // namespace kringloop::agents
