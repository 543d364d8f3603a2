#!/usr/bin/env bash
# Sweeps through the real binary: identical results on 1 and 2 threads, resume after a simulated
# crash (torn journal record) and after kill -9, shard + merge equal to the plain sweep, extract.
# Usage: bash sweep_resume.sh KRINGLOOP_BINARY SOURCE_DIR
set -u
K="$1"; SRC="$2"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; cd "$WORK"
COMPARE="/usr/bin/python3 $SRC/tests/cli/sweep_compare.py"
fail() { echo "FAIL: $*"; exit 1; }
BASE=(--population.farmers 100 --run.years 3 --vary network.neighbours=4,8 --vary network.rewiring=0.01:0.2 --samples 3 --replications 2 --seed 11)

"$K" sweep "${BASE[@]}" -o plain.h5 --threads 2 2>err.txt >out.txt || fail "plain sweep"
[ -s err.txt ] && fail "stderr not clean off a terminal: $(cat err.txt)"
[ "$(wc -l <out.txt)" -le 1 ] || fail "more than one line of output"
"$K" sweep "${BASE[@]}" -o one.h5 --threads 1 -q || fail "1-thread sweep"
$COMPARE plain.h5 one.h5 || fail "1 and 2 threads differ"

# Crash after 5 runs, leaving half a record behind; resume must drop it and finish identically.
"$K" sweep "${BASE[@]}" -o crash.h5 -q --test-crash-after 5; [ $? -eq 137 ] || fail "simulated crash"
[ -f crash.h5 ] && fail "result written before the sweep finished"
[ -f crash.h5.journal ] || fail "no journal after the crash"
"$K" sweep "${BASE[@]}" -o crash.h5 -q 2>err.txt; [ $? -eq 2 ] || fail "unfinished journal not refused without --resume"
grep -q -- "--resume" err.txt || fail "message does not mention --resume: $(cat err.txt)"
"$K" sweep "${BASE[@]}" -o crash.h5 -q --resume || fail "resume"
[ -f crash.h5.journal ] && fail "journal left after completion"
$COMPARE plain.h5 crash.h5 || fail "resumed sweep differs"
"$K" sweep "${BASE[@]}" -o crash.h5 --resume | grep -q "already complete" || fail "complete sweep not recognised"

# kill -9 of a real background sweep, at whatever point it has reached.
BIG=(--population.farmers 200 --run.years 5 --vary network.rewiring=0.01:0.5 --samples 150 --seed 3 --threads 2 -q)
"$K" sweep "${BIG[@]}" -o big_plain.h5 || fail "big sweep"
"$K" sweep "${BIG[@]}" -o killed.h5 & PID=$!
sleep 0.4; kill -9 $PID 2>/dev/null; wait $PID 2>/dev/null
[ -f killed.h5 ] && echo "note: the sweep finished before kill -9"
if [ ! -f killed.h5 ]; then "$K" sweep "${BIG[@]}" -o killed.h5 --resume || fail "resume after kill -9"; fi
$COMPARE big_plain.h5 killed.h5 || fail "sweep resumed after kill -9 differs"

# A journal of another sweep is refused and left alone.
"$K" sweep "${BASE[@]}" -o other.h5 -q --test-crash-after 2
cp other.h5.journal before.journal
"$K" sweep "${BASE[@]}" --population.farmers 120 -o other.h5 -q --resume 2>err.txt; [ $? -eq 2 ] || fail "foreign journal accepted"
grep -q "different sweep" err.txt || fail "foreign journal message: $(cat err.txt)"
cmp -s before.journal other.h5.journal || fail "foreign journal was changed"
"$K" sweep "${BASE[@]}" --population.farmers 130 -o plain.h5 -q --resume 2>err.txt; [ $? -eq 2 ] || fail "foreign result accepted"
grep -q "different sweep" err.txt || fail "foreign result message: $(cat err.txt)"
"$K" sweep "${BASE[@]}" -o plain.h5 -q 2>err.txt; [ $? -eq 2 ] || fail "existing result overwritten"

# Shards + merge equal the plain sweep, in any order; bad shard sets are refused.
for i in 0 1 2; do "$K" sweep "${BASE[@]}" --shard $i/3 -o part$i.kls -q || fail "shard $i"; done
"$K" merge part2.kls part0.kls part1.kls -o merged.h5 -q || fail "merge"
$COMPARE plain.h5 merged.h5 || fail "merged sweep differs"
"$K" merge part0.kls part1.kls -o m.h5 2>err.txt; [ $? -eq 2 ] && grep -q "missing" err.txt || fail "missing shard"
"$K" merge part0.kls part0.kls part1.kls part2.kls -o m.h5 2>err.txt; [ $? -eq 2 ] && grep -q "also in" err.txt || fail "duplicate shard"
"$K" sweep "${BASE[@]}" --population.farmers 140 --shard 0/3 -o foreign.kls -q
"$K" merge foreign.kls part1.kls part2.kls -o m.h5 2>err.txt; [ $? -eq 2 ] && grep -q "different sweep" err.txt || fail "foreign shard"
"$K" merge plain.h5 -o m.h5 2>err.txt; [ $? -eq 2 ] && grep -q "not a Kringloop sweep journal" err.txt || fail "non-shard file"
"$K" merge nothere.kls -o m.h5 2>err.txt; [ $? -eq 2 ] && grep -q "not found" err.txt || fail "missing file"
[ -f m.h5 ] && fail "merge wrote a result despite errors"

# Any run can be repeated alone: extract re-runs it; the recorded command reproduces it with `run`.
"$K" extract plain.h5 --run 7 -o run7.h5 -q || fail "extract"
/usr/bin/python3 - <<'PY' || fail "extracted run differs from its sweep row"
import h5py, numpy as np
s, r = h5py.File("plain.h5", "r"), h5py.File("run7.h5", "r")
for key, value in r["summary"].attrs.items():
    assert np.isclose(s["runs/summary/" + key][7], value, equal_nan=True, rtol=0, atol=0), key
def check(name, obj):
    if isinstance(obj, h5py.Dataset):
        assert np.array_equal(obj[()], s["runs/series/" + name][7], equal_nan=True), name
r["series"].visititems(check)
assert r.attrs["seed"] == s["runs/seed"][7]
PY
echo ok
