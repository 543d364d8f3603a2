// Subcommands of the `kringloop` program. Each takes its own arguments (after the subcommand
// name) and returns the exit code; user errors are thrown as ConfigError / IoError and turned into
// one line and exit code 2 by main.
#pragma once
#include <string>
#include <vector>

namespace kringloop::agents {

using Arguments = std::vector<std::string>;

// `kringloop --help`: the commands and their arguments (agents/app/usage.cpp).
extern const char* const program_usage;

int command_run(const Arguments& arguments, const std::string& command_line);
int command_validate(const Arguments& arguments);
int command_options(const Arguments& arguments);
int command_inspect(const Arguments& arguments);
int command_serve(const Arguments& arguments);  // serve/command_serve.cpp

}  // namespace kringloop::agents
