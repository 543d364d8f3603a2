#!/usr/bin/env bash
# Peer-equivalent benchmark (issue 16): the first model (configs/bench/bass.ini: Bass awareness on
# a k = 8 small world, 30 years monthly, immediate adoption, every other rule off) at 100,000 and
# 1,000,000 farmers on 1 and 2 threads, one process per case. Each line is model_scale's JSON:
# set-up, network build, simulation and output seconds, and farmer-reviews per second (per thread).
# Mesa 3 does about 0.5 M farmer-reviews/s on this model (issue 16); the aim is >= 50 M per core.
# Usage: bash bench/bass_bench.sh [BUILD_DIR] [FARMERS ...]   (default: build 100000 1000000)
set -eu
build=${1:-build}
shift || true
sizes=${*:-100000 1000000}
here=$(cd "$(dirname "$0")/.." && pwd)
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: compare ratios, bench/compare_commits.sh)"
for farmers in $sizes; do
  for threads in 1 2; do
    "$build/bench/model_scale" "$farmers" "$threads" 30 "$here/configs/bench/bass.ini"
  done
done
