// The stated limits on what Kringloop reads and allocates (docs/RELIABILITY.md lists them). Each is
// checked before anything is allocated or run, and exceeding one is a ConfigError naming the limit:
// a hostile or mistyped input ends in one clear line, never in exhausted memory or a stalled machine.
#pragma once
#include <cstddef>
#include <cstdint>

namespace kringloop::sim::limits {

// A scenario file is a few kilobytes; anything above this is not a scenario (or /dev/zero).
inline constexpr std::size_t max_scenario_bytes = 1u << 20;

// Longest option key (`section.instance.key`). The longest registered key has about 40 characters,
// so a longer one is a mistake; bounding it also bounds the cost of the "did you mean" search (edit
// distance, quadratic in the key length).
inline constexpr std::size_t max_key_bytes = 128;

// Longest option value (a run name, a list of practices); longer ones are refused.
inline constexpr std::size_t max_value_bytes = 4096;

// Worker threads (--threads). More than this is never faster on any machine Kringloop targets and
// would only create threads and pipeline tokens without bound.
inline constexpr int max_threads = 1024;

// Bootstrap resamples of `kringloop sensitivity` (each one costs one pass over the base rows).
inline constexpr std::uint64_t max_bootstrap = 100'000;

// Grid levels of a Morris design (p); with p levels a factor takes only p values.
inline constexpr std::uint64_t max_morris_levels = 1'000;

}  // namespace kringloop::sim::limits
