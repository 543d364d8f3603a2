// Typed errors. Configuration and I/O problems are user errors: `main` turns each into one line on
// stderr and exit code 2. Engine invariants are programming errors and are asserted instead.
#pragma once
#include <stdexcept>
#include <string>

namespace kringloop::sim {

// A bad scenario value, key, section or command-line argument.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A file that cannot be read, written or understood.
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An event scheduled before the current time, or another misuse of the event queue.
struct SchedulingError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace kringloop::sim
