#!/usr/bin/env bash
# Sweep factors beyond numbers: plain replications (no --vary), categorical options, scenario files
# as a factor, share groups renormalised; each run repeats bit for bit from its stored command; and
# the new bad inputs (one line, exit 2, nothing written). Also `kringloop sensitivity`'s noise line,
# its constant-metric error and its rule for runs without a finite value.
# Usage: bash sweep_factors.sh KRINGLOOP_BINARY SOURCE_DIR
set -u
K="$1"; SRC="$2"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; cd "$WORK"
fail() { echo "FAIL: $*"; exit 1; }
SMALL=(--population.farmers 100 --run.years 2 -q)
failures=0
expect() {  # expect "MESSAGE PART" ARGS...
  local want="$1"; shift
  rm -f e.h5 e.h5.journal
  "$K" "$@" >out.txt 2>err.txt; local code=$?
  if [ $code -ne 2 ] || ! grep -qF -- "$want" err.txt || [ "$(wc -l <err.txt)" -ne 1 ]; then
    echo "FAIL: kringloop $* -> exit $code, stderr: $(cat err.txt) (wanted: $want)"; failures=$((failures + 1))
  fi
  if [ -e e.h5 ] || [ -e e.h5.journal ]; then echo "FAIL: kringloop $* wrote output"; failures=$((failures + 1)); fi
}
# Repeats run I of SWEEP from its stored base scenario and command; the result must equal `extract`.
replay() {  # replay SWEEP I
  /usr/bin/python3 - "$1" "$2" >replay.args <<'PY' || fail "reading $1"
import sys, h5py
f = h5py.File(sys.argv[1], "r"); run = int(sys.argv[2])
text = lambda v: v.decode() if isinstance(v, bytes) else v
point = int(f["runs/point"][run])
base = text(f.attrs["scenario_text"])
if "scenario_texts" in f["design"]:
    names = [text(n) for n in f["design/names"][()]]
    base = text(f["design/scenario_texts"][int(f["design/points"][point][names.index("scenario")])])
open("base.ini", "w").write(base)
print(text(f["runs/command"][run]))
PY
  # shellcheck disable=SC2046
  "$K" run base.ini $(cat replay.args) -q -o replay.h5 --overwrite || fail "replaying run $2 of $1"
  "$K" extract "$1" --run "$2" -o extract.h5 --overwrite -q || fail "extracting run $2 of $1"
  /usr/bin/python3 "$SRC/tests/cli/h5_equal.py" replay.h5 extract.h5 --ignore-attr wall_seconds \
      --ignore-attr threads --ignore-attr command_line >/dev/null || fail "run $2 of $1 does not repeat bit for bit"
}

# 1. Replications of one scenario, no --vary.
"$K" sweep "${SMALL[@]}" --replications 3 -o plain.h5 || fail "plain replications"
/usr/bin/python3 - <<'PY' || fail "plain replications layout"
import h5py
f = h5py.File("plain.h5", "r")
assert f.attrs["points"] == 1 and f.attrs["runs"] == 3 and f["design/points"].shape == (1, 0)
assert len(set(f["runs/seed"][()])) == 3
PY
replay plain.h5 2

# 2. A categorical option in a grid and in a sobol design.
"$K" sweep "${SMALL[@]}" --vary network.mode=knn,well_mixed --vary network.neighbours=4,8 -o mode.h5 || fail "categorical grid"
"$K" sweep "${SMALL[@]}" --vary network.mode=knn,well_mixed --vary network.rewiring=0.01:0.5 --design sobol --samples 4 -o mode_sobol.h5 \
  || fail "categorical sobol"
/usr/bin/python3 - <<'PY' || fail "categorical layout"
import h5py, numpy as np
f = h5py.File("mode.h5", "r")
assert list(f["design/integer"][()]) == [2, 1]
assert [l.decode() if isinstance(l, bytes) else l for l in f["design/labels/network.mode"][()]] == ["knn", "well_mixed"]
assert f["design/points"][:, 0].tolist() == [0, 0, 1, 1]
commands = [c.decode() if isinstance(c, bytes) else c for c in f["runs/command"][()]]
assert "--network.mode knn --network.neighbours 4" in commands[0] and "--network.mode well_mixed" in commands[2], commands
g = h5py.File("mode_sobol.h5", "r")
levels = g["design/points"][:, 0]
raw = g["design/raw_points"][:, 0]
assert set(levels.tolist()) == {0.0, 1.0} and np.array_equal(levels, np.minimum(np.floor(raw), 1)), (levels, raw)
PY
replay mode.h5 3
replay mode_sobol.h5 5

# 3. Scenario files as a factor, crossed with a key.
printf "[network]\nmode = well_mixed\n" > wm.ini
printf "[network]\nneighbours = 4\n" > k4.ini
"$K" sweep "${SMALL[@]}" --scenarios wm.ini k4.ini --vary network.rewiring=0.01,0.3 --replications 2 -o scen.h5 || fail "--scenarios"
/usr/bin/python3 - <<'PY' || fail "--scenarios layout"
import h5py
f = h5py.File("scen.h5", "r")
text = lambda v: v.decode() if isinstance(v, bytes) else v
assert [text(n) for n in f["design/names"][()]] == ["scenario", "network.rewiring"]
assert [text(l) for l in f["design/labels/scenario"][()]] == ["wm.ini", "k4.ini"]
texts = [text(t) for t in f["design/scenario_texts"][()]]
assert "mode = well_mixed" in texts[0] and "neighbours = 4" in texts[1]
assert f["design/points"][:, 0].tolist() == [0, 0, 1, 1] and f.attrs["runs"] == 8
PY
replay scen.h5 1
replay scen.h5 6

# 4. Some of a share group varied: the others absorb the difference, in proportion.
"$K" sweep "${SMALL[@]}" --vary population.share_dairy=0.2,0.7 -o shares.h5 || fail "share group"
/usr/bin/python3 - <<'PY' || fail "share group values"
import h5py, numpy as np
f = h5py.File("shares.h5", "r")
names = [n.decode() if isinstance(n, bytes) else n for n in f["design/derived_names"][()]]
assert names == ["population.share_arable", "population.share_mixed", "population.share_intensive_livestock"], names
derived = f["design/derived_points"][()]
dairy = f["design/points"][:, 0]
assert np.allclose(derived.sum(axis=1) + dairy, 1.0)
# default shares arable 0.25, mixed 0.15, intensive 0.15: the rest keeps these proportions
assert np.allclose(derived[0], np.array([0.25, 0.15, 0.15]) * 0.8 / 0.55), derived
PY
replay shares.h5 1

# 5. The extended identity (labels, scenario texts, derived shares) survives shards + merge and a
#    kill -9 + --resume: both give the file of an uninterrupted sweep.
A=("${SMALL[@]}" --scenarios wm.ini k4.ini --vary network.mode=knn,well_mixed --vary population.share_dairy=0.3,0.6 --replications 2)
"$K" sweep "${A[@]}" -o full.h5 || fail "extended sweep"
"$K" sweep "${A[@]}" --shard 0/2 -o s0.kls && "$K" sweep "${A[@]}" --shard 1/2 -o s1.kls || fail "shards"
"$K" merge s0.kls s1.kls -o merged.h5 -q || fail "merge"
/usr/bin/python3 "$SRC/tests/cli/h5_equal.py" full.h5 merged.h5 >/dev/null || fail "merged extended sweep differs"
"$K" sweep "${A[@]}" -o resumed.h5 --test-crash-after 5 2>/dev/null; [ $? -eq 137 ] || fail "simulated crash"
"$K" sweep "${A[@]}" -o resumed.h5 --resume || fail "resume"
/usr/bin/python3 "$SRC/tests/cli/h5_equal.py" full.h5 resumed.h5 >/dev/null || fail "resumed extended sweep differs"
"$K" sweep "${SMALL[@]}" --scenarios wm.ini k4.ini --vary network.mode=well_mixed,knn --vary population.share_dairy=0.3,0.6 --replications 2 -o resumed.h5 --resume 2>err.txt
grep -q "holds a different sweep" err.txt || fail "a different categorical sweep was not refused: $(cat err.txt)"

# 6. Bad input for the new paths.
T=(--population.farmers 100 --run.years 2 -q -o e.h5)
printf "[run]\nyears = 3\n" > long.ini
printf "[scheme.extra]\npractice = nature_inclusive\ngovernment = province\nkind = area_payment\n" > extra.ini
expect "not both" sweep wm.ini --scenarios wm.ini k4.ini "${T[@]}"
expect "file not found" sweep --scenarios wm.ini missing.ini "${T[@]}"
expect "wm.ini is given twice" sweep --scenarios wm.ini wm.ini "${T[@]}"
expect "the same horizon" sweep --scenarios wm.ini long.ini --population.farmers 100 -q -o e.h5
expect "the same sections" sweep --scenarios wm.ini extra.ini "${T[@]}"
expect "is a list option; vary numbers, words or booleans" sweep "${T[@]}" --vary practice.nature_inclusive.eligible_types=dairy
expect "more than 1" sweep "${T[@]}" --vary population.share_dairy=0.5,0.9 --vary population.share_arable=0.3
expect "leave one out" sweep "${T[@]}" --vary population.share_dairy=0.4 --vary population.share_arable=0.3 \
  --vary population.share_mixed=0.2 --vary population.share_intensive_livestock=0.1

# 7. Sensitivity with replications: the noise line; a constant metric; runs without a finite value.
"$K" sweep "${SMALL[@]}" --vary population.farmers=60:200 --vary network.mode=knn,well_mixed --design sobol --samples 8 \
  --replications 3 --seed 3 -o noisy.h5 || fail "replicated sobol sweep"
"$K" sensitivity noisy.h5 --metric adoption.nature_inclusive.final_share --bootstrap 100 >table.txt 2>warn.txt || fail "sensitivity"
grep -q "run-to-run noise: .*% \[.*%, .*%\] of the variance of a single run" table.txt || fail "no noise line: $(cat table.txt)"
/usr/bin/python3 - <<'PY' || fail "noise attributes"
import h5py, numpy as np
g = h5py.File("noisy.h5", "r")["sensitivity/adoption.nature_inclusive.final_share"]
assert g.attrs["replications"] == 3
assert 0 <= g.attrs["noise_share"] <= 1 and g.attrs["noise_share_low"] <= g.attrs["noise_share_high"]
share = g.attrs["noise_share"]
warned = open("warn.txt").read()
assert (share >= 0.5) == ("warning: run-to-run noise dominates" in warned), (share, warned)
PY
"$K" sweep "${SMALL[@]}" --vary network.rewiring=0.01:0.5 --design sobol --samples 4 -o single.h5 || fail "sobol sweep"
"$K" sensitivity single.h5 --metric land.total_ha_end --bootstrap 50 | grep -q "run-to-run noise: not measured" \
  || fail "no 'not measured' line without replications"
# The manure grant opens in year 2, after this 2-year horizon: it pays nothing in every run.
expect "metric subsidy.manure_investment.paid_eur is constant" sensitivity noisy.h5 --metric subsidy.manure_investment.paid_eur
/usr/bin/python3 - <<'PY' || fail "making NaN values"
import h5py, numpy as np
f = h5py.File("noisy.h5", "a")
values = f["runs/summary/land.total_ha_end"]
data = values[()]
data[0] = np.nan                 # one replication of point 0: the point keeps two values
data[3:6] = np.nan               # every replication of point 1: its base row is dropped
values[...] = data
PY
"$K" sensitivity noisy.h5 --metric land.total_ha_end --bootstrap 50 >table.txt || fail "sensitivity with NaN"
grep -q "4 of 96 runs have no finite value and were dropped; 1 base rows dropped as incomplete" table.txt \
  || fail "NaN rule: $(head -3 table.txt)"
grep -q "(7 base samples x 3 replications" table.txt || fail "NaN rule did not drop the row: $(head -2 table.txt)"

[ $failures -eq 0 ] && echo ok
exit $failures
