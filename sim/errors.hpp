// Typed errors. Configuration and I/O problems are user errors: `main` turns each into one line on
// stderr and exit code 2. Engine invariants are programming errors and are asserted instead.
//
// A message often quotes user input (a value, a key, a file name). So that the promise "one line"
// holds whatever that input holds, ConfigError and IoError escape control characters when they are
// built: a newline becomes `\n`, a NUL byte `\0` (it would otherwise end what()'s C string early and
// hide the rest of the message), other control bytes `\xHH`.
#pragma once
#include <cstdio>
#include <stdexcept>
#include <string>

namespace kringloop::sim {

// `text` with every byte below 0x20 and DEL written as a visible escape; other bytes unchanged.
inline std::string escape_control_characters(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\0') {
      out += "\\0";
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    }
  }
  return out;
}

// A bad scenario value, key, section or command-line argument.
struct ConfigError : std::runtime_error {
  explicit ConfigError(const std::string& message) : std::runtime_error(escape_control_characters(message)) {}
};

// A file that cannot be read, written or understood.
struct IoError : std::runtime_error {
  explicit IoError(const std::string& message) : std::runtime_error(escape_control_characters(message)) {}
};

// An event scheduled before the current time, or another misuse of the event queue.
struct SchedulingError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace kringloop::sim
