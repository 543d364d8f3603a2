// Peak memory of one run, estimated from the scenario before it starts, so that a run which cannot
// fit is refused at once (one line, exit 2) instead of ending in bad_alloc after minutes of work.
// The coefficients are measured (peak RSS of `kringloop run` at several sizes; docs/RELIABILITY.md)
// and rounded up; the estimate errs high.
#pragma once
#include <cstdint>
#include <string>

#include "agents/scenario/scenario.hpp"

namespace kringloop::agents {

std::uint64_t estimate_run_bytes(const Scenario& scenario);

// Throws ConfigError when `bytes` (for `what`, e.g. "the run", "4 runs at once") exceed the usable
// memory of this machine; `advice` says what to change.
void check_memory_fits(std::uint64_t bytes, const std::string& what, const std::string& advice);

}  // namespace kringloop::agents
