// Whether the vector fast paths run. Every AVX2 path (batched draws, trust update, main-government
// horizons, review lists, interest ceiling) has a reference implementation that gives bitwise the
// same results, and chooses between the two once, at its first call, through avx2_enabled().
// Setting the environment variable KRINGLOOP_NO_AVX2 (to anything but "" or "0") makes every one
// take the reference: the outputs must not change (tests/cli/vector_paths.sh compares whole
// runs), and a user who doubts the vector code can rule it out.
#pragma once

namespace kringloop::sim {

// The processor has AVX2.
bool avx2_supported();

// The processor has AVX2 and KRINGLOOP_NO_AVX2 does not ask for the reference paths; read once.
bool avx2_enabled();

// Which paths run and why, for `kringloop --version`: "AVX2", or "reference (…)".
const char* vector_paths();

}  // namespace kringloop::sim
