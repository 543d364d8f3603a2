#include "sim/cli/arguments.hpp"

#include "sim/errors.hpp"

namespace kringloop::sim::cli {

SplitArguments split_overrides(const std::vector<std::string>& arguments) {
  SplitArguments split;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    const bool is_override = argument.rfind("--", 0) == 0 && argument.find('.') != std::string::npos &&
                             argument.find('.') < argument.find('=');
    if (!is_override) {
      split.others.push_back(argument);
      continue;
    }
    const std::string body = argument.substr(2);
    const auto equals = body.find('=');
    if (equals != std::string::npos) {
      split.overrides.emplace_back(body.substr(0, equals), body.substr(equals + 1));
    } else if (i + 1 < arguments.size()) {
      split.overrides.emplace_back(body, arguments[++i]);
    } else {
      throw ConfigError("command line: option --" + body + " needs a value");
    }
  }
  return split;
}

std::string join_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    if (i) line += ' ';
    line += argv[i];
  }
  return line;
}

}  // namespace kringloop::sim::cli
