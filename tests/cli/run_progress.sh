#!/usr/bin/env bash
# Progress of a single run: a line with months done, farmer-reviews per second and time left on a
# terminal (a pseudo-terminal from `script`); nothing with --quiet, nothing when stderr is a file
# or a pipe, and the result file is the same either way. KRINGLOOP_PROGRESS_AFTER_MS=0 shows it
# from the start, so the test does not depend on how fast this machine is.
set -u
kringloop=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
command -v script > /dev/null || { echo "skipped: no script(1)"; exit 0; }
args="--population.farmers 2000 --run.years 10 --threads 1"
export KRINGLOOP_PROGRESS_AFTER_MS=0
script -qec "$kringloop run $args -o tty.h5" /dev/null > tty.txt || fail "run on a terminal"
tr '\r' '\n' < tty.txt | grep -Eq '^\[[#.]{30}\] month [0-9]+/120  [0-9.]+ M farmer-reviews/s  ([0-9]+:[0-9]{2}:[0-9]{2}|--) left' \
  || fail "no progress line on a terminal: $(head -c 300 tty.txt)"
grep -q $'\033\[K' tty.txt || fail "the progress line is not cleared at the end"
script -qec "$kringloop run $args -o quiet.h5 --quiet" /dev/null > quiet.txt || fail "run --quiet"
[ ! -s quiet.txt ] || fail "--quiet printed: $(head -c 200 quiet.txt)"
"$kringloop" run $args -o log.h5 > out.txt 2> err.txt || fail "run with stderr to a file"
[ ! -s err.txt ] || fail "progress written to a log file: $(head -c 200 err.txt)"
grep -q "month" out.txt && fail "progress in stdout"
/usr/bin/python3 "$source_dir/tests/cli/h5_equal.py" tty.h5 log.h5 --ignore-attr wall_seconds --ignore-attr command_line \
  || fail "the file differs with progress shown"
echo "progress: ok"
