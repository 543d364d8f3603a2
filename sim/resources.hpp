// What the machine can hold: the bound behind "refuse what cannot fit". A run whose estimated peak
// memory exceeds it would otherwise work for minutes and then end in bad_alloc (or the OOM killer).
#pragma once
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>

namespace kringloop::sim {

// Physical memory, or the cgroup v2 limit (memory.max) of the process when that is lower. Swap is
// not counted: a simulation paging to disk does not finish either.
inline std::uint64_t usable_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  std::uint64_t bytes = pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                                              : UINT64_MAX;
  std::ifstream limit("/sys/fs/cgroup/memory.max");
  std::string text;
  if (limit >> text && text != "max") {
    try {
      bytes = std::min<std::uint64_t>(bytes, std::stoull(text));
    } catch (const std::exception&) {
    }
  }
  return bytes;
}

inline std::string format_bytes(std::uint64_t bytes) {
  const double gib = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
  char text[32];
  std::snprintf(text, sizeof text, gib >= 1 ? "%.1f GiB" : "%.0f MiB", gib >= 1 ? gib : gib * 1024.0);
  return text;
}

}  // namespace kringloop::sim
