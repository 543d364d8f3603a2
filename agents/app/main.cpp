// kringloop: the command-line program. Every user error becomes one line on stderr and exit code 2.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include <boost/program_options/errors.hpp>

#include "agents/app/commands.hpp"
#include "agents/app/sweep_commands.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cpu_features.hpp"
#include "sim/errors.hpp"
#include "sim/git_describe.hpp"

namespace {



int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kringloop::agents::program_usage;
    return 2;
  }
  const std::string command = argv[1];
  const kringloop::agents::Arguments rest(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kringloop::agents::program_usage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "kringloop " << KRINGLOOP_VERSION << " (" << kringloop::sim::git_describe << ")\n"
              << "vector paths: " << kringloop::sim::vector_paths() << "\n";
    return 0;
  }
  const std::string command_line = kringloop::sim::cli::join_command_line(argc, argv);
  if (command == "run") return kringloop::agents::command_run(rest, command_line);
  if (command == "validate") return kringloop::agents::command_validate(rest);
  if (command == "options") return kringloop::agents::command_options(rest);
  if (command == "inspect") return kringloop::agents::command_inspect(rest);
  if (command == "sweep") return kringloop::agents::command_sweep(rest);
  if (command == "merge") return kringloop::agents::command_merge(rest);
  if (command == "sensitivity") return kringloop::agents::command_sensitivity(rest);
  if (command == "extract") return kringloop::agents::command_extract(rest);
  if (command == "serve") return kringloop::agents::command_serve(rest);
  throw kringloop::sim::ConfigError("unknown command '" + command + "' (commands: run, validate, options, inspect, sweep, merge, sensitivity, extract, serve)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const kringloop::sim::ConfigError& error) {
    std::fprintf(stderr, "kringloop: error: %s\n", error.what());
  } catch (const kringloop::sim::IoError& error) {
    std::fprintf(stderr, "kringloop: error: %s\n", error.what());
  } catch (const boost::program_options::error& error) {
    std::fprintf(stderr, "kringloop: error: command line: %s\n",
                 kringloop::sim::escape_control_characters(error.what()).c_str());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kringloop: internal error: %s\n", kringloop::sim::escape_control_characters(error.what()).c_str());
    return 3;
  }
  return 2;
}
