#!/usr/bin/env bash
# The AddressSanitizer + UndefinedBehaviorSanitizer pass of CI (.ci/test runs it after the normal
# suite). Builds the `asan` preset into build-asan/ and runs, under both sanitizers:
#   - every unit test of the engine and the model ([sim], [agents]) and the determinism tests
#     ([determinism]) of kringloop_tests;
#   - the fuzz corpus and every kept finding through each harness (tests/fuzz);
#   - the hostile-input CLI script (tests/cli/reliability_inputs.sh) through the instrumented binary;
#   - a small sweep over 2 MPI ranks (when OpenMPI is installed), compared with the plain sweep.
# Not run here (too slow instrumented, and covered by the normal suite): [validation] and [slow]
# tests, the sweep/MPI CLI scripts, the Python analysis tests. Any sanitizer report fails the run.
# Usage: bash tests/sanitizers/run_asan.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
jobs=$(nproc)
cmake --preset asan >/dev/null
cmake --build build-asan -j "$jobs" --target kringloop kringloop_tests \
  fuzz_scenario_replay fuzz_overrides_replay fuzz_run_file_replay fuzz_sweep_file_replay

# halt_on_error: the first report fails the test; detect_leaks with the OpenMPI suppressions
# (lsan.supp explains them); UBSan prints a stack and stops at the first undefined behaviour.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export KRINGLOOP_SOURCE_DIR=$root

echo "== asan+ubsan: unit and determinism tests"
build-asan/tests/kringloop_tests "[sim],[agents],[determinism]" --reporter compact
echo "== asan+ubsan: fuzz corpus and regressions"
for harness in scenario overrides run_file sweep_file; do
  # A harness without kept findings has no regressions/ folder (git keeps no empty folders).
  inputs=(tests/fuzz/corpus/$harness)
  [ -d tests/fuzz/regressions/$harness ] && inputs+=(tests/fuzz/regressions/$harness)
  build-asan/tests/fuzz/fuzz_${harness}_replay "${inputs[@]}"
done
echo "== asan+ubsan: hostile command-line inputs"
bash tests/cli/reliability_inputs.sh "$root/build-asan/kringloop" "$root"
if command -v mpirun >/dev/null && grep -q "KRINGLOOP_MPI:BOOL=ON" build-asan/CMakeCache.txt; then
  echo "== asan+ubsan: a sweep over 2 MPI ranks"
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  sweep=(--population.farmers 30 --run.years 1 --vary network.rewiring=0.01:0.2 --samples 4 -q)
  build-asan/kringloop sweep "${sweep[@]}" -o "$work/plain.h5"
  # OpenMPI's libraries have no frame pointers and unload their plugins before exit, so the fast
  # unwinder leaves OpenMPI's leak stacks as "<unknown module>"; the slow one reaches the library
  # frames that lsan.supp names. It is used only here, where MPI is initialised.
  ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
    mpirun --allow-run-as-root --oversubscribe -x ASAN_OPTIONS -x LSAN_OPTIONS -x UBSAN_OPTIONS -np 2 \
    build-asan/kringloop sweep "${sweep[@]}" -o "$work/mpi.h5"
  /usr/bin/python3 tests/cli/sweep_compare.py "$work/plain.h5" "$work/mpi.h5"
fi
echo "== asan+ubsan: clean"
