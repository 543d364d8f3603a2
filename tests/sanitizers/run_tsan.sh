#!/usr/bin/env bash
# ThreadSanitizer, on demand (not in CI: an instrumented oneTBB has to be built first, which takes
# several minutes). Builds the `tsan` preset against the TSan-instrumented oneTBB of
# build_tbb_tsan.sh and runs the unit and determinism tests with 1, 2 and 4 threads. Any report
# fails the run.
# Usage: bash tests/sanitizers/build_tbb_tsan.sh && bash tests/sanitizers/run_tsan.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
[ -d build-tbb-tsan/install ] || { echo "run tests/sanitizers/build_tbb_tsan.sh first" >&2; exit 2; }
cmake --preset tsan >/dev/null
cmake --build build-tsan -j "$(nproc)" --target kringloop kringloop_tests
export LD_LIBRARY_PATH="$root/build-tbb-tsan/install/lib:${LD_LIBRARY_PATH:-}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
export KRINGLOOP_SOURCE_DIR=$root
build-tsan/tests/kringloop_tests "[sim],[agents],[determinism]" --reporter compact
echo "== tsan: clean"
