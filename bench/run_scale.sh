#!/usr/bin/env bash
# Runs the macro benchmark for 3,000, 100,000 and 1,000,000 farmers over 30 years at 1 and 2
# threads, one process per case, and times the default scenario through the real binary.
# Usage: bench/run_scale.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
for farmers in 3000 100000 1000000; do
  for threads in 1 2; do
    "$build/bench/model_scale" "$farmers" "$threads" 30
  done
done
echo "# default scenario through the CLI (best of 5, including writing the HDF5 file):"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
best=999
for i in 1 2 3 4 5; do
  start=$(date +%s.%N); "$build/kringloop" run --quiet -o "$tmp/d$i.h5"; end=$(date +%s.%N)
  best=$(echo "$start $end $best" | awk '{t=$2-$1; print (t<$3)?t:$3}')
done
echo "{\"default_scenario_seconds\": $best}"
