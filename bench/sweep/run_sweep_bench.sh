#!/usr/bin/env bash
# Sweep benchmark: runs per second of the default scenario at 1 and 2 threads, and peak memory
# (getrusage ru_maxrss, via GNU time) of a 1,000-run and a 10,000-run sweep of a tiny scenario, to
# show that memory stays flat however many runs a sweep has.
# Usage: bash bench/sweep/run_sweep_bench.sh [KRINGLOOP_BINARY] [--quick]
set -eu
K="${1:-build/kringloop}"
QUICK="${2:-}"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time (/usr/bin/time, Debian package 'time')"; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "kringloop: $("$K" --version)"

DEFAULT_RUNS=32; BIG=10000; SMALL=1000
[ "$QUICK" = "--quick" ] && { DEFAULT_RUNS=4; BIG=2000; SMALL=200; }

# Throughput: the default scenario (3000 farmers, 30 years), DEFAULT_RUNS runs (32: a few seconds,
# long enough that start-up and one slow run do not set the figure).
for threads in 1 2; do
  start=$(date +%s.%N)
  "$K" sweep --vary network.rewiring=0.01:0.2 --samples "$DEFAULT_RUNS" --threads "$threads" -q -o "$WORK/default_$threads.h5"
  end=$(date +%s.%N)
  awk -v n="$DEFAULT_RUNS" -v s="$start" -v e="$end" -v t="$threads" \
    'BEGIN { printf "default scenario, %d threads: %d runs in %.2f s = %.2f runs/s\n", t, n, e - s, n / (e - s) }'
done

# Memory: tiny scenario, SMALL vs BIG runs (lhs over one key), 2 threads.
for runs in "$SMALL" "$BIG"; do
  start=$(date +%s.%N)
  "$TIME" -f "%M" -o "$WORK/rss_$runs" "$K" sweep --population.farmers 200 --run.years 5 \
    --vary network.rewiring=0.01:0.5 --design lhs --samples "$runs" --threads 2 -q -o "$WORK/tiny_$runs.h5"
  end=$(date +%s.%N)
  size=$(du -k "$WORK/tiny_$runs.h5" | cut -f1)
  awk -v n="$runs" -v s="$start" -v e="$end" -v kb="$(cat "$WORK/rss_$runs")" -v file="$size" \
    'BEGIN { printf "tiny scenario (200 farmers, 5 years), %5d runs: %.1f s (%.0f runs/s), peak RSS %.1f MB, file %.1f MB\n", n, e - s, n / (e - s), kb / 1024, file / 1024 }'
done
