#!/usr/bin/env bash
# The AVX2 fast paths (batched draws, trust update, main-government horizons, review lists,
# interest ceiling) and their references give the same datasets, bit for bit, over whole runs: each case runs once as
# usual and once with KRINGLOOP_NO_AVX2=1 (every path takes its reference, sim/cpu_features.hpp),
# and the two files are compared with h5_equal.py, run-specific attributes aside. The unit tests
# hold each path to its reference on made-up inputs; this holds the whole model to them, on the
# shipped scenarios, on one and two threads, on a network and well mixed.
# Usage: vector_paths.sh KRINGLOOP_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The switch is seen: --version names the paths that run.
"$bin" --version | grep -qx "vector paths: AVX2\|vector paths: reference (the processor has no AVX2)" ||
  { echo "FAIL: --version does not name the vector paths"; "$bin" --version; exit 1; }
KRINGLOOP_NO_AVX2=1 "$bin" --version | grep -q "^vector paths: reference" ||
  { echo "FAIL: KRINGLOOP_NO_AVX2=1 does not switch to the reference paths"; exit 1; }
if ! "$bin" --version | grep -qx "vector paths: AVX2"; then
  echo "ok (nothing to compare): the processor has no AVX2, every run takes the reference paths"
  exit 0
fi

ignore=(--ignore-attr wall_seconds --ignore-attr threads --ignore-attr command_line
        --ignore-attr kringloop_version --ignore-attr git_describe --ignore-attr summary_checksum)
cases=(
  "--threads 1"
  "--threads 2 --seed 4"
  "--threads 2 --network.mode well_mixed --population.farmers 1500"
  "$src/configs/lease_security.ini --threads 2"
  "$src/configs/coalition_cooperation.ini --threads 2"
  "$src/configs/platform_vs_fragmented.ini --population.farmers 3000 --threads 2"
  "$src/configs/drents_plateau.ini --threads 2"
  "$src/configs/two_regions.ini --threads 2"
)
for case in "${cases[@]}"; do
  # shellcheck disable=SC2086  # the case is a list of arguments
  "$bin" run $case -q -o "$work/vector.h5"
  # shellcheck disable=SC2086
  KRINGLOOP_NO_AVX2=1 "$bin" run $case -q -o "$work/reference.h5"
  if ! /usr/bin/python3 "$src/tests/cli/h5_equal.py" "$work/vector.h5" "$work/reference.h5" "${ignore[@]}" > "$work/diff.txt"; then
    echo "FAIL: the AVX2 and reference paths differ on: run $case"
    head -5 "$work/diff.txt"
    exit 1
  fi
  rm -f "$work/vector.h5" "$work/reference.h5"
  echo "ok: run $case"
done
echo "ok: the AVX2 and reference paths give the same datasets in ${#cases[@]} runs"
