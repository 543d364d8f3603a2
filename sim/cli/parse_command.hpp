// One subcommand's argument parsing, shared by every `kringloop` command: Boost.Program_options
// with an optional positional option, notify, and --help handled in one place.
#pragma once
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

namespace kringloop::sim::cli {

// Parses `arguments` into `values`. `positional` names the option that takes bare arguments
// (`positional_count` of them, -1 = any; nullptr = none). Returns false when --help was given,
// after printing the options and `help_epilogue`: the caller then returns 0.
inline bool parse_command(const std::vector<std::string>& arguments,
                          const boost::program_options::options_description& options,
                          boost::program_options::variables_map& values, const char* positional = nullptr,
                          int positional_count = 1, std::string_view help_epilogue = {}) {
  namespace po = boost::program_options;
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, positional_count);
  po::store(po::command_line_parser(arguments).options(options).positional(bare).run(), values);
  po::notify(values);
  if (values.count("help")) {
    std::cout << options << help_epilogue;
    return false;
  }
  return true;
}

}  // namespace kringloop::sim::cli
