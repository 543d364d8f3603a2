#include "sim/cpu_features.hpp"

#include <cstdlib>
#include <string_view>

namespace kringloop::sim {

namespace {

bool reference_asked() {
  const char* off = std::getenv("KRINGLOOP_NO_AVX2");
  return off != nullptr && std::string_view(off) != "" && std::string_view(off) != "0";
}

}  // namespace

bool avx2_supported() { return __builtin_cpu_supports("avx2"); }

bool avx2_enabled() {
  static const bool enabled = avx2_supported() && !reference_asked();
  return enabled;
}

const char* vector_paths() {
  if (avx2_enabled()) return "AVX2";
  return avx2_supported() ? "reference (KRINGLOOP_NO_AVX2 is set)" : "reference (the processor has no AVX2)";
}

}  // namespace kringloop::sim
