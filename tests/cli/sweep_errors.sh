#!/usr/bin/env bash
# Bad sweep input: each case exits 2 with one clear line on stderr naming the problem, and writes nothing.
# Usage: bash sweep_errors.sh KRINGLOOP_BINARY SOURCE_DIR
set -u
K="$1"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; cd "$WORK"
T=(--population.farmers 100 --run.years 3 -q -o e.h5)
failures=0
expect() {  # expect "MESSAGE PART" ARGS...
  local want="$1"; shift
  "$K" "$@" >out.txt 2>err.txt; local code=$?
  if [ $code -ne 2 ] || ! grep -qF -- "$want" err.txt || [ "$(wc -l <err.txt)" -ne 1 ]; then
    echo "FAIL: kringloop $* -> exit $code, stderr: $(cat err.txt) (wanted: $want)"; failures=$((failures + 1))
  fi
  if [ -e e.h5 ] || [ -e e.h5.journal ]; then echo "FAIL: kringloop $* wrote output"; failures=$((failures + 1)); rm -f e.h5 e.h5.journal; fi
}
expect "did you mean 'network.neighbours'" sweep "${T[@]}" --vary network.neighbors=4,8
expect "expected KEY=V1,V2" sweep "${T[@]}" --vary network.neighbours
expect "expected KEY=V1,V2" sweep "${T[@]}" --vary =4,8
expect "empty or inverted range" sweep "${T[@]}" --vary network.rewiring=0.5:0.1 --samples 3
expect "empty or inverted range" sweep "${T[@]}" --vary network.rewiring=0.2:0.2 --samples 3
expect "a range is LO:HI" sweep "${T[@]}" --vary network.rewiring=0.2: --samples 3
expect "not an integer" sweep "${T[@]}" --vary network.neighbours=4.5,8
expect "out of range" sweep "${T[@]}" --vary network.rewiring=0.1:2 --samples 3
expect "out of range" sweep "${T[@]}" --vary network.neighbours=0,8
expect "'network.mode' takes words, not a range" sweep "${T[@]}" --vary network.mode=knn:well_mixed
expect "network.mode" sweep "${T[@]}" --vary network.mode=knn,ring
expect "value knn is given twice" sweep "${T[@]}" --vary network.mode=knn,knn
expect "given twice" sweep "${T[@]}" --vary network.neighbours=4,4
expect "varied twice" sweep "${T[@]}" --vary network.neighbours=4,8 --vary network.neighbours=2,3
expect "needs --samples N" sweep "${T[@]}" --vary network.rewiring=0.1:0.5
expect "needs --samples N" sweep "${T[@]}" --vary network.rewiring=0.1:0.5 --design sobol
expect "lists of values work with --design grid only" sweep "${T[@]}" --vary network.neighbours=4,8 --design lhs --samples 4
expect "lists of values work with --design grid only" sweep "${T[@]}" --vary network.neighbours=4,8 --design sobol --samples 4
expect "unknown design 'foo'" sweep "${T[@]}" --vary network.neighbours=4,8 --design foo
expect "--replications must be at least 1" sweep "${T[@]}" --vary network.neighbours=4,8 --replications 0
expect "--design sobol needs factors" sweep "${T[@]}" --design sobol --samples 4
expect "not a design factor" sweep "${T[@]}" --vary run.seed=1,2
expect "expected I/N" sweep "${T[@]}" --vary network.neighbours=4,8 --shard 2/2
expect "exclude each other" sweep "${T[@]}" --vary network.neighbours=4,8 --resume --overwrite
expect "file not found" sweep no_such_scenario.ini "${T[@]}" --vary network.neighbours=4,8
# Sensitivity on the wrong kind of sweep or a metric that does not exist.
"$K" sweep --population.farmers 100 --run.years 2 -q --vary network.neighbours=4,8 -o grid.h5 || { echo "FAIL: grid sweep"; exit 1; }
"$K" sweep --population.farmers 100 --run.years 2 -q --vary network.rewiring=0.1:0.5 --design sobol --samples 4 -o sobol.h5 || { echo "FAIL: sobol sweep"; exit 1; }
expect "sensitivity indices need --design sobol or --design morris" sensitivity grid.h5 --metric land.total_ha_end
expect "no summary metric 'no.such.metric'" sensitivity sobol.h5 --metric no.such.metric
expect "did you mean 'land.total_ha_end'" sensitivity sobol.h5 --metric land.total_ha_ned
expect "file not found" sensitivity missing.h5 --metric land.total_ha_end
expect "give --metric" sensitivity sobol.h5
expect "the sweep has runs 0 to 11" extract sobol.h5 --run 12 -o e.h5
[ $failures -eq 0 ] && echo ok
exit $failures
