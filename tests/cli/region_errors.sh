#!/usr/bin/env bash
# Bad region inputs through the real binary (issue 10 item 4): exit code 2, exactly one line on
# stderr naming key, value, what is allowed and the file, and no output file left behind.
set -u
kringloop=$1
source_dir=$2
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
  if ls ./*.h5 ./*.h5.tmp-* >/dev/null 2>&1; then
    echo "FAIL: kringloop $* left a file behind: $(ls ./*.h5* 2>/dev/null)"
    failures=$((failures + 1))
  fi
}

# The schemes' x-range keys are gone: the usual unknown-key line, naming the file.
printf '[scheme.nature_area_payment]\nregion_x_min_km = 10\n' > old.ini
expect_error "old.ini: unknown key 'scheme.nature_area_payment.region_x_min_km'" run old.ini -o a.h5
# Overlapping regions, named with the file the value came from.
printf '[region.a]\nfarmer_share = 0.5\narea = fixed\nwidth_km = 30\n[region.b]\nfarmer_share = 0.5\nx_min_km = 20\n' > overlap.ini
expect_error "region.b.x_min_km = 20 (overlap.ini): region b" run overlap.ini -o a.h5
expect_error "overlaps region a (0.000000–30.000000 km) (allowed: x_min_km ≥ 30.000000)" run overlap.ini -o a.h5
printf '[region.a]\nfarmer_share = 0.5\n[region.b]\nfarmer_share = 0.3\n' > shares.ini
expect_error "region.*.farmer_share sum to 0.800000 (shares.ini; allowed: exactly 1)" run shares.ini -o a.h5
two="$source_dir/configs/two_regions.ini"
expect_error "scheme.plateau_manure_hub.region = twente (command line): 'twente' is not a region of the scenario (allowed: plateau)" \
  run "$two" --scheme.plateau_manure_hub.region twente -o a.h5
expect_error "'rest_of_drenthe' is not a region the government covers (allowed: plateau)" \
  validate "$two" --scheme.plateau_manure_hub.region rest_of_drenthe
expect_error "region.plateau.share_mixed = -1 (command line): not a share (allowed: a number in [0, 1])" \
  run "$two" --region.plateau.share_mixed -1 -o a.h5
# The shipped two-region scenario itself is valid.
"$kringloop" validate "$two" >/dev/null 2>stderr.txt || { echo "FAIL: validate two_regions.ini: $(cat stderr.txt)"; failures=$((failures + 1)); }

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "region errors: all as expected"
