#!/usr/bin/env bash
# JSON for programs: `options --json` is the registry (same keys as the Markdown table, typed
# defaults), `inspect SWEEP.h5 --json` describes a sweep exactly as the file holds it, `inspect
# RUN.h5 --json` keeps its integers as integers, and every bad input is one line with exit code 2.
set -u
kringloop=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect() {  # expect "MESSAGE PART" ARGS...: exit 2, one line on stderr containing the message
  local want="$1"; shift
  "$kringloop" "$@" >out.txt 2>err.txt; local code=$?
  if [ $code -ne 2 ] || ! grep -qF -- "$want" err.txt || [ "$(wc -l <err.txt)" -ne 1 ]; then
    fail "kringloop $* -> exit $code, stderr: $(cat err.txt) (wanted: $want)"
  fi
}

"$kringloop" options --json > options.json || fail "options --json"
"$kringloop" options --markdown > options.md || fail "options --markdown"
/usr/bin/python3 - options.json options.md <<'PY' || fail "options --json content"
import json, sys
options = json.load(open(sys.argv[1]))["options"]
lines = open(sys.argv[2]).read().split("\n## ")[0].splitlines()   # the option table, not the named sections
table = [line.split("`")[1] for line in lines if line.startswith("| `")]
assert [o["key"] for o in options] == table, "options --json and --markdown list different keys"
kinds = {"integer": int, "real": (int, float), "boolean": bool, "list": list, "text": str, "choice": str}
for o in options:
    assert set(o) == {"key", "type", "default", "default_text", "unit", "min", "max", "choices", "meaning", "source"}, o
    if o["default_text"] or o["type"] in ("text", "choice"):
        assert isinstance(o["default"], kinds[o["type"]]), o
    if o["type"] in ("choice", "list"):
        assert o["choices"], o
seed = next(o for o in options if o["key"] == "run.seed")
assert seed["type"] == "integer" and isinstance(seed["default"], int) and seed["min"] is not None, seed
PY

args=(--population.farmers 150 --run.years 2 --quiet)
"$kringloop" sweep "${args[@]}" --vary network.neighbours=4,8 --replications 2 --seed 3 -o s.h5 || fail "sweep"
"$kringloop" inspect s.h5 --json > sweep.json || fail "inspect SWEEP.h5 --json"
"$kringloop" inspect s.h5 > sweep.txt || fail "inspect SWEEP.h5"
grep -q "2 points x 2 replications = 4 runs" sweep.txt || fail "inspect SWEEP.h5 text: $(cat sweep.txt)"
/usr/bin/python3 - sweep.json s.h5 <<'PY' || fail "inspect SWEEP.h5 --json content"
import json, sys
import h5py
d = json.load(open(sys.argv[1]))
with h5py.File(sys.argv[2]) as f:
    assert d["format"] == "kringloop-sweep" and d["sweep_id"] == f.attrs["sweep_id"], d
    assert d["runs"] == 4 and d["points"] == 2 and d["replications"] == 2 and d["seed"] == 3, d
    assert d["months"] == len(f["time/month"]) == 24, d["months"]
    design = d["design"]
    assert design["kind"] == "grid" and design["names"] == ["network.neighbours"], design
    assert design["points"] == [[4.0], [8.0]] and design["integer"] == [True], design
    assert d["run_point"] == f["runs/point"][()].tolist() == [0, 0, 1, 1], d["run_point"]
    assert d["run_replication"] == [0, 1, 0, 1], d["run_replication"]
    assert d["run_seed"] == [int(s) for s in f["runs/seed"][()]], "run seeds differ from /runs/seed"
    assert d["metrics"] == sorted(f["runs/summary"].keys()) and d["metrics"], d["metrics"]
    series = []
    f["runs/series"].visititems(lambda name, obj: series.append(name) if isinstance(obj, h5py.Dataset) else None)
    assert d["series"] == sorted(series) and d["series"], d["series"][:3]
    assert d["sensitivity"] == [], d["sensitivity"]
PY

"$kringloop" run "${args[@]}" -o r.h5 || fail "run"
"$kringloop" inspect r.h5 --json > run.json || fail "inspect RUN.h5 --json"
grep -q '"years":2,' run.json || fail "inspect --json prints integral numbers as integers: $(head -c 300 run.json)"
/usr/bin/python3 - run.json r.h5 <<'PY' || fail "inspect RUN.h5 --json keys"
import json, math, sys
import h5py
d = json.load(open(sys.argv[1]))
with h5py.File(sys.argv[2]) as f:
    # The integrity checksums (docs/RELIABILITY.md) are for the readers, not part of the description.
    expected = [k for k in sorted(f.attrs) if k != "scenario_text" and not k.endswith("checksum")] + sorted(f["summary"].attrs)
    assert sorted(d) == sorted(expected), set(d) ^ set(expected)
    for key, value in f["summary"].attrs.items():
        value = float(value)
        assert (d[key] is None) if math.isnan(value) else d[key] == value, key
PY

# Bad input: one line, exit 2.
expect "--markdown, --json, --man and --names exclude each other" options --json --markdown
expect "inspect: name a result file" inspect --json
mkdir folder
expect "folder: is a directory" inspect folder --json
echo "plain text" > text.h5
expect "text.h5: not an HDF5 file" inspect text.h5 --json
expect "nothing.h5: file not found" inspect nothing.h5 --json
/usr/bin/python3 -c "
import h5py, shutil
with h5py.File('bare.h5', 'w') as f: f['x'] = [1]
with h5py.File('other.h5', 'w') as f: f.attrs['format'] = 'kringloop-report'
shutil.copy('s.h5', 'damaged.h5')
with h5py.File('damaged.h5', 'a') as f: del f['runs/seed']
"
expect "bare.h5: not a Kringloop file (no 'format' attribute)" inspect bare.h5 --json
expect "other.h5: is a 'kringloop-report' file, not a Kringloop run or sweep file" inspect other.h5 --json
expect "damaged.h5: no dataset /runs/seed" inspect damaged.h5 --json

[ $failures -eq 0 ] && echo "json outputs: all checks passed"
exit $((failures > 0))
