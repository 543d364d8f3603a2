#!/usr/bin/env bash
# End to end through the binary: a run writes a complete file, inspect --json exposes the keys
# other tools rely on, the same seed gives identical datasets on 1, 2 and 4 threads (V12, at the
# file level), --version matches the CMake project version, and a run file's own scenario text
# reproduces the run.
set -u
kringloop=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

args=(--population.farmers 6000 --run.years 8 --quiet)
for t in 1 2 4; do "$kringloop" run "${args[@]}" --threads $t -o t$t.h5 || fail "run --threads $t"; done
ignore=(--ignore-attr wall_seconds --ignore-attr threads --ignore-attr command_line)
/usr/bin/python3 "$source_dir/tests/cli/h5_equal.py" t1.h5 t2.h5 "${ignore[@]}" || fail "threads 1 vs 2 differ"
/usr/bin/python3 "$source_dir/tests/cli/h5_equal.py" t1.h5 t4.h5 "${ignore[@]}" || fail "threads 1 vs 4 differ"
"$kringloop" run "${args[@]}" --seed 99 -o other.h5 || fail "run --seed 99"
/usr/bin/python3 "$source_dir/tests/cli/h5_equal.py" t1.h5 other.h5 "${ignore[@]}" >/dev/null && fail "a different seed gave an identical file"

"$kringloop" inspect t1.h5 --json > inspect.json || fail "inspect --json"
/usr/bin/python3 - inspect.json <<'PY' || fail "inspect --json content"
import json, sys
d = json.load(open(sys.argv[1]))
for key in ("seed", "threads", "years", "farmers"):
    assert key in d, key
assert d["years"] == 8 and d["farmers"] == 6000 and d["seed"] == 1 and d["threads"] == 1, d
shares = [k for k in d if k.startswith("adoption.") and k.endswith(".final_share")]
halves = [k for k in d if k.startswith("adoption.") and k.endswith(".t_half_years")]
assert shares and len(shares) == len(halves), (shares, halves)
assert all(0 <= d[k] <= 1 for k in shares), shares
PY

# The scenario stored in the file reproduces the run exactly.
/usr/bin/python3 -c "import h5py,sys; open('replay.ini','w').write(h5py.File('t1.h5')['/'].attrs['scenario_text'])"
"$kringloop" run replay.ini --quiet -o replay.h5 || fail "run of the stored scenario"
/usr/bin/python3 "$source_dir/tests/cli/h5_equal.py" t1.h5 replay.h5 "${ignore[@]}" || fail "stored scenario does not reproduce the run"

version=$(sed -n 's/^project(kringloop VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
"$kringloop" --version | grep -q "kringloop $version" || fail "--version does not say $version"
"$kringloop" --help | grep -q "run \[SCENARIO.ini\]" || fail "--help"

# Optional yearly agent snapshots: one row per year, one column per farmer, deflate-compressed,
# and absent unless asked for.
"$kringloop" run --population.farmers 300 --run.years 4 --output.snapshots true --quiet -o snap.h5 || fail "run with snapshots"
/usr/bin/python3 - snap.h5 t1.h5 <<'PY' || fail "snapshots"
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    snaps = f["snapshots"]
    assert len(snaps) > 0
    for name, d in snaps.items():
        assert d.shape == (4, 300), (name, d.shape)
        assert d.compression == "gzip", name
        assert "unit" in d.attrs, name
    stages = [n for n in snaps if n.startswith("stage_")]
    assert stages and all(0 <= snaps[n][()].min() and snaps[n][()].max() <= 7 for n in stages)
    # A map can be drawn from the snapshots: position inside the region, type, area, active.
    for name in ("x_km", "y_km", "farm_type", "area_ha", "active"):
        assert name in snaps, name
    x, y, kind, area, active = (snaps[n][()] for n in ("x_km", "y_km", "farm_type", "area_ha", "active"))
    assert 0 <= x.min() and x.max() <= 40 and 0 <= y.min() and y.max() <= 40, "positions outside the 40 x 40 km region"
    assert (x[0] == x[-1]).all() and (y[0] == y[-1]).all(), "farms do not move"
    assert set(kind.ravel()) <= {0, 1, 2, 3} and len(set(kind[0])) > 1, "farm types"
    assert set(active.ravel()) <= {0, 1} and active[0].mean() > 0.9, "active flags"
    assert (area[active == 1] > 0).all(), "an active farm without land"
with h5py.File(sys.argv[2]) as f:
    assert "snapshots" not in f
PY

# Default output location and the embedded default scenario.
"$kringloop" run --quiet && [ -f out/default.h5 ] || fail "default run did not write out/default.h5"
echo "$failures failed"
[ "$failures" -eq 0 ]
