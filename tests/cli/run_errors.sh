#!/usr/bin/env bash
# Every bad input to `kringloop run` / `validate` / `inspect`: exit code 2, exactly one line on
# stderr naming the problem, and no output file (not even a .partial) left behind.
set -u
kringloop=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0

expect_error() {  # expect_error "what it must say" ARGS...
  local message=$1; shift
  "$kringloop" "$@" >stdout.txt 2>stderr.txt
  local code=$?
  local lines
  lines=$(wc -l <stderr.txt)
  if [ "$code" -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -qF -- "$message" stderr.txt; then
    echo "FAIL: kringloop $* -> exit $code, stderr ($lines lines): $(cat stderr.txt)"
    echo "      expected exit 2 and one line containing: $message"
    failures=$((failures + 1))
  fi
  if ls ./*.h5 ./*.partial out/*.h5 out/*.partial >/dev/null 2>&1; then
    echo "FAIL: kringloop $* left a file behind: $(ls ./*.h5* out/* 2>/dev/null)"
    failures=$((failures + 1))
  fi
}

printf '[population]\nfarmers = 50\n' > good.ini
expect_error "unknown key 'population.farmrs' (did you mean 'population.farmers'?)" run --population.farmrs 10 -o a.h5
expect_error "population.farmers = 'ten': not an integer" run --population.farmers ten -o a.h5
expect_error "population.farmers = '0': out of range (allowed: an integer in [1," run --population.farmers 0 -o a.h5
expect_error "network.rewiring = '1.5': out of range (allowed: a number in [0, 1])" run --network.rewiring 1.5 -o a.h5
expect_error "network.mode = 'grid': not allowed (allowed: one of: knn well_mixed)" run --network.mode grid -o a.h5
printf '[population]\nfarmers = 50\n[network]\nneighbours = 4\n[population]\nfarmers = 60\n' > dup.ini
expect_error "dup.ini: duplicate section [population] at lines 1 and 5" run dup.ini -o a.h5
printf '[population]\nfarmers = 50\nfarmers = 60\n' > dupkey.ini
expect_error "dupkey.ini: duplicate key population.farmers" run dupkey.ini -o a.h5
printf '[population]\nfarmerz = 50\n' > typo.ini
expect_error "typo.ini: unknown key 'population.farmerz' (did you mean 'population.farmers'?)" run typo.ini -o a.h5
expect_error "missing.ini: scenario file not found" run missing.ini -o a.h5
mkdir adir
expect_error "adir: is a directory" run adir -o a.h5
printf 'no section and no equals sign\n' > garbage.ini
expect_error "garbage.ini:" run garbage.ini -o a.h5
expect_error "output folder nowhere does not exist" run good.ini -o nowhere/a.h5
mkdir readonly && chmod 555 readonly
if [ "$(id -u)" -ne 0 ]; then  # root writes anywhere; the check only means something for users
  expect_error "cannot write to output folder" run good.ini -o readonly/a.h5
fi
expect_error "needs a value" run --population.farmers
expect_error "unknown command 'rnu'" rnu
expect_error "scenario: population.share_arable/dairy/mixed/intensive_livestock sum to" run --population.share_dairy 0.9 -o a.h5
expect_error "file not found" inspect nothing.h5
printf 'junk' > junk.h5; expect_error "not an HDF5 file" inspect junk.h5; rm junk.h5
expect_error "validate: name a scenario file" validate

# Regions (issue 10 item 4).
# The schemes' x-range keys are gone: the usual unknown-key line, naming the file.
printf '[scheme.nature_area_payment]\nregion_x_min_km = 10\n' > old.ini
expect_error "old.ini: unknown key 'scheme.nature_area_payment.region_x_min_km'" run old.ini -o a.h5
# Overlapping regions, named with the file the value came from.
printf '[region.a]\nfarmer_share = 0.5\narea = fixed\nwidth_km = 30\n[region.b]\nfarmer_share = 0.5\nx_min_km = 20\n' > overlap.ini
expect_error "region.b.x_min_km = 20 (overlap.ini): region b" run overlap.ini -o a.h5
expect_error "overlaps region a (0.000000–30.000000 km) (allowed: x_min_km ≥ 30.000000)" run overlap.ini -o a.h5
printf '[region.a]\nfarmer_share = 0.5\n[region.b]\nfarmer_share = 0.3\n' > shares.ini
expect_error "region.*.farmer_share sum to 0.800000 (shares.ini; allowed: exactly 1)" run shares.ini -o a.h5
two="$2/configs/two_regions.ini"
expect_error "scheme.plateau_manure_hub.region = twente (command line): 'twente' is not a region of the scenario (allowed: plateau)" \
  run "$two" --scheme.plateau_manure_hub.region twente -o a.h5
expect_error "'rest_of_drenthe' is not a region the government covers (allowed: plateau)" \
  validate "$two" --scheme.plateau_manure_hub.region rest_of_drenthe
expect_error "region.plateau.share_mixed = -1 (command line): not a share (allowed: a number in [0, 1])" \
  run "$two" --region.plateau.share_mixed -1 -o a.h5
# The shipped two-region scenario itself is valid.
"$kringloop" validate "$two" >/dev/null 2>stderr.txt || { echo "FAIL: validate two_regions.ini: $(cat stderr.txt)"; failures=$((failures + 1)); }


# An existing result is never overwritten without --overwrite, and survives the refusal intact.
"$kringloop" run good.ini -o keep.h5 --quiet || { echo "FAIL: good run"; failures=$((failures + 1)); }
before=$(md5sum keep.h5)
"$kringloop" run good.ini -o keep.h5 --quiet 2>stderr.txt
code=$?
if [ $code -ne 2 ] || ! grep -q "exists (use --overwrite" stderr.txt || [ "$(md5sum keep.h5)" != "$before" ]; then
  echo "FAIL: existing file not protected (exit $code: $(cat stderr.txt))"; failures=$((failures + 1))
fi
"$kringloop" run good.ini -o keep.h5 --quiet --overwrite || { echo "FAIL: --overwrite refused"; failures=$((failures + 1)); }
rm -f keep.h5

"$kringloop" validate good.ini >stdout.txt 2>&1 && grep -q "valid" stdout.txt || { echo "FAIL: validate good.ini: $(cat stdout.txt)"; failures=$((failures + 1)); }

echo "$failures failed"
[ "$failures" -eq 0 ]
