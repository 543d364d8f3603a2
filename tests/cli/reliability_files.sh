#!/usr/bin/env bash
# Outputs under faults (issue 17, findings 1-3, 6-8): a full disk, two writers of one result, planted
# symlinks and devices, bit-flipped files, resumes that do not belong together. Each ends in exit 2
# with one line on stderr, keeps what existed, and leaves no temporary file behind.
# Usage: bash reliability_files.sh KRINGLOOP_BINARY SOURCE_DIR
set -u
K=$1; SRC=$2
work=$(mktemp -d)
mounted=""
cleanup() { [ -n "$mounted" ] && umount "$mounted"; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
one_line_exit2() {  # one_line_exit2 CODE "what it must say" -- checks the last command's exit and stderr.txt
  local code=$1 message=$2
  if [ "$code" -ne 2 ] || [ "$(wc -l <stderr.txt)" -ne 1 ] || ! grep -qF -- "$message" stderr.txt; then
    fail "expected exit 2 and one line containing '$message'; got exit $code: $(head -c 400 stderr.txt)"
  fi
}
no_temporaries() { if ls "$1"/*.tmp-* >/dev/null 2>&1; then fail "temporary file left in $1: $(ls "$1")"; fi; }
SMALL=(--population.farmers 40 --run.years 1 -q)
SWEEP=(--population.farmers 40 --run.years 1 --vary network.rewiring=0.01:0.2 -q)

# 1. Disk full: a clean exit 2 (it was SIGSEGV in H5_term_library), nothing left on the full disk.
if [ "$(id -u)" -eq 0 ] && mkdir full && mount -t tmpfs -o size=1m tmpfs full 2>/dev/null; then
  mounted="$work/full"
  "$K" run "${SMALL[@]}" --population.farmers 3000 --run.years 30 --output.snapshots true -o full/run.h5 2>stderr.txt
  one_line_exit2 $? "full/run.h5"
  [ -e full/run.h5 ] && fail "a result appeared on the full disk"
  no_temporaries full
  "$K" sweep "${SWEEP[@]}" --population.farmers 2000 --run.years 20 --samples 40 -o full/sweep.h5 2>stderr.txt
  one_line_exit2 $? "full/sweep.h5"
  [ -e full/sweep.h5 ] && fail "a sweep result appeared on the full disk"
  no_temporaries full
  # The journal fits (2.9 MB) but the sweep file does not fit beside it: exit 2 at assembly, the
  # complete journal kept; with space freed, --resume assembles the same sweep.
  rm -f full/*
  mount -o remount,size=3m full
  ASSEMBLY=(--population.farmers 100 --run.years 6 --vary network.rewiring=0.01:0.2 --samples 30 -q)
  "$K" sweep "${ASSEMBLY[@]}" -o full/assembly.h5 2>stderr.txt
  one_line_exit2 $? "full/assembly.h5"
  [ -e full/assembly.h5 ] && fail "a half-assembled sweep appeared"
  no_temporaries full
  mount -o remount,size=8m full
  "$K" sweep "${ASSEMBLY[@]}" -o full/assembly.h5 --resume 2>stderr.txt || fail "resume after freeing space: $(cat stderr.txt)"
  "$K" sweep "${ASSEMBLY[@]}" -o reference.h5 || fail "reference sweep"
  /usr/bin/python3 "$SRC/tests/cli/sweep_compare.py" full/assembly.h5 reference.h5 || fail "resumed sweep differs"
else
  echo "SKIP: disk-full cases need root (to mount a 1 MiB tmpfs); running as uid $(id -u)"
fi

# 2. Two runs to one result at once: the first to finish wins, the other fails with exit 2, and
# the result is a whole, readable file.
"$K" run "${SMALL[@]}" --population.farmers 2000 -o both.h5 2>first.txt & first=$!
"$K" run "${SMALL[@]}" --population.farmers 2000 -o both.h5 2>second.txt & second=$!
wait $first; code1=$?; wait $second; code2=$?
if ! { [ $code1 -eq 0 ] && [ $code2 -eq 2 ]; } && ! { [ $code1 -eq 2 ] && [ $code2 -eq 0 ]; }; then
  fail "two runs to one result: exits $code1 and $code2 (want one 0, one 2): $(cat first.txt second.txt)"
fi
"$K" inspect both.h5 >/dev/null 2>&1 || fail "the winning result is not readable"
no_temporaries .
# Two sweeps to one result: the second is refused at once (the first holds the journal's lock). The
# first is large enough to be still running, and is then stopped.
"$K" sweep "${SWEEP[@]}" --population.farmers 3000 --run.years 5 --samples 200 -o race.h5 2>first.txt & first=$!
for _ in $(seq 100); do [ -s race.h5.journal ] && break; sleep 0.1; done
"$K" sweep "${SWEEP[@]}" --population.farmers 3000 --run.years 5 --samples 200 -o race.h5 --overwrite 2>stderr.txt
one_line_exit2 $? "another kringloop process is writing this sweep"
kill -9 $first 2>/dev/null; wait $first 2>/dev/null
[ -e race.h5 ] && fail "the refused sweep wrote a result"
rm -f race.h5.journal

# 3. A symlink planted at the old temporary name is not followed; devices are never replaced.
echo precious > victim.txt
ln -s victim.txt planted.h5.partial
"$K" run "${SMALL[@]}" -o planted.h5 || fail "run next to a planted symlink"
[ "$(cat victim.txt)" = precious ] || fail "the symlink's target was overwritten"
ln -s victim.txt link.h5
"$K" run "${SMALL[@]}" -o link.h5 --overwrite 2>stderr.txt
one_line_exit2 $? "not a regular file"
[ "$(cat victim.txt)" = precious ] || fail "--overwrite wrote through a symlink"
if [ "$(id -u)" -eq 0 ] && mknod device.h5 c 1 3 2>/dev/null; then  # a second /dev/null
  "$K" run "${SMALL[@]}" -o device.h5 --overwrite 2>stderr.txt
  one_line_exit2 $? "not a regular file"
  [ -c device.h5 ] || fail "--overwrite replaced a device node"
else
  echo "SKIP: the device-node case needs root (mknod); a pipe stands in for it in atomic_file_test.cpp"
fi
no_temporaries .

# 7. Damage is detected: a bit flipped anywhere in a run or sweep file gives one line and exit 2.
"$K" run "${SMALL[@]}" -o good.h5 || fail "good run"
"$K" sweep "${SWEEP[@]}" --design sobol --samples 4 -o sobol.h5 || fail "sobol sweep"
/usr/bin/python3 "$SRC/tests/cli/flip_bits.py" good.h5 flipped_run "$K" inspect --json || fail "bit flips in a run file"
/usr/bin/python3 "$SRC/tests/cli/flip_bits.py" sobol.h5 flipped_sweep "$K" sensitivity --bootstrap 10 --metric "$(/usr/bin/python3 -W ignore -c "
import h5py, numpy as np
summary = h5py.File('sobol.h5', 'r')['runs/summary']
print(max(sorted(summary), key=lambda key: np.nanstd(summary[key][()])))  # a metric that varies")" \
  || fail "bit flips in a sweep file"
# The Python readers on every sixth damaged copy (each start costs a second): one line and exit 2,
# or a report of undamaged values; never a traceback.
for flipped in $(ls flipped_run_*.h5 | awk 'NR % 6 == 1'); do
  /usr/bin/python3 "$SRC/analysis/report.py" "$flipped" -o report_out >/dev/null 2>stderr.txt
  code=$?
  if [ $code -ne 2 ] && [ $code -ne 0 ]; then fail "report.py on $flipped: exit $code: $(tail -3 stderr.txt)"; fi
  grep -q Traceback stderr.txt && fail "report.py on $flipped: traceback: $(tail -3 stderr.txt)"
done
for flipped in $(ls flipped_sweep_*.h5 | awk 'NR % 6 == 1'); do
  /usr/bin/python3 "$SRC/analysis/sweep.py" "$flipped" --x network.rewiring -o sweep_out >/dev/null 2>stderr.txt
  code=$?
  if [ $code -ne 2 ] && [ $code -ne 0 ]; then fail "sweep.py on $flipped: exit $code: $(tail -3 stderr.txt)"; fi
  grep -q Traceback stderr.txt && fail "sweep.py on $flipped: traceback: $(tail -3 stderr.txt)"
done

# 6. Sensitivity bounds.
"$K" sensitivity sobol.h5 --metric x --bootstrap -1 2>stderr.txt; one_line_exit2 $? "the argument ('-1') for option '--bootstrap' is invalid"
"$K" sensitivity sobol.h5 --metric x --bootstrap 1000000000 2>stderr.txt; one_line_exit2 $? "--bootstrap 1000000000: at most"

# 8. A shard file of another slice is not "complete" for this slice.
"$K" sweep "${SWEEP[@]}" --samples 4 --shard 0/2 -o shard.h5 || fail "shard 0/2"
"$K" sweep "${SWEEP[@]}" --samples 4 --shard 1/2 -o shard.h5 --resume 2>stderr.txt
one_line_exit2 $? "holds slice 0/2 of this sweep, not 1/2"
# Journals of another layout (MPI rank count) are refused, not ignored and left behind.
"$K" sweep "${SWEEP[@]}" --samples 4 -o ranks.h5 --test-crash-after 1; [ $? -eq 137 ] || fail "simulated crash"
mv ranks.h5.journal ranks.h5.journal.rank0of2
"$K" sweep "${SWEEP[@]}" --samples 4 -o ranks.h5 --resume 2>stderr.txt
one_line_exit2 $? "written with 2 MPI ranks (resume it with mpirun -np 2)"
"$K" sweep "${SWEEP[@]}" --samples 4 -o ranks.h5 --overwrite || fail "--overwrite over a foreign journal"
[ -e ranks.h5.journal.rank0of2 ] && fail "--overwrite left the other layout's journal behind"

echo "$failures failed"
[ "$failures" -eq 0 ]
