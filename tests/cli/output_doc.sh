#!/usr/bin/env bash
# docs/OUTPUT.md is true to the files, both ways (tests/docs/output_doc_check.py): a real run file
# with snapshots and a real Sobol sweep file with sensitivity indices. Then the same check on a
# damaged copy of the document must fail, so the check can catch a stale document.
set -u
kringloop=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
check=$source_dir/tests/docs/output_doc_check.py
"$kringloop" run --population.farmers 200 --run.years 2 --output.snapshots true --quiet -o run.h5 || fail "run"
"$kringloop" sweep --population.farmers 100 --run.years 2 --design sobol --samples 4 --replications 2 \
  --vary trust.loss_ratio=1:5 --vary network.mode=knn,well_mixed --quiet -o sweep.h5 || fail "sweep"
"$kringloop" sensitivity sweep.h5 --metric adoption.nature_inclusive.final_share --quiet > /dev/null 2>&1 || fail "sensitivity"
/usr/bin/python3 "$check" "$source_dir/docs/OUTPUT.md" run.h5 sweep.h5 || fail "docs/OUTPUT.md differs from the files (above)"
# The optional per-region series and keys, from a scenario with two regions.
"$kringloop" run "$source_dir/configs/two_regions.ini" --population.farmers 200 --run.years 2 --output.snapshots true --quiet -o regions.h5 || fail "run two_regions"
/usr/bin/python3 "$check" "$source_dir/docs/OUTPUT.md" regions.h5 sweep.h5 || fail "docs/OUTPUT.md differs from a two-region run (above)"

# Mutations of the document that the check must notice.
mutate() {  # mutate NAME SED-EXPRESSION
  sed "$2" "$source_dir/docs/OUTPUT.md" > mutated.md
  cmp -s mutated.md "$source_dir/docs/OUTPUT.md" && fail "mutation '$1' changed nothing (update this test)"
  /usr/bin/python3 "$check" mutated.md run.h5 sweep.h5 > /dev/null && fail "the check missed: $1"
  return 0
}
mutate "a dataset missing from the document" '/^| `\/time\/day` /d'
mutate "a wrong attribute type" 's/^| `\/` attrs `seed` | attribute | scalar | uint64 |/| `\/` attrs `seed` | attribute | scalar | int32 |/'
mutate "a wrong unit" 's/`fraction of farms`/`fraction`/'
mutate "wrong columns" 's/| owned, regular, liberalised, one_year, pool |/| owned, regular, pool |/'
mutate "a documented series the files lack" 's/`series\/population\/active_farms`/`series\/population\/farms_left`/'
mutate "a summary key missing" '/^| `land.total_ha_end` /d'
mutate "a snapshot missing" '/^| `x_km`, `y_km` /d'
mutate "a sweep dataset's type" 's/^| `\/runs\/point` | (R) | int64 |/| `\/runs\/point` | (R) | int32 |/'
echo "output doc: ok"
