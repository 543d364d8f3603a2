#!/usr/bin/env bash
# Hostile inputs and resource bounds (issue 17, findings 4-6, 8, 9): each one exit code 2, exactly
# one line on stderr naming the problem, and no result, temporary or journal file left behind.
# Usage: bash reliability_inputs.sh KRINGLOOP_BINARY SOURCE_DIR
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
    echo "FAIL: kringloop $(echo "$*" | cut -c1-200) -> exit $code, stderr ($lines lines): $(head -c 400 stderr.txt)"
    echo "      expected exit 2 and one line containing: $message"
    failures=$((failures + 1))
  fi
  if ls ./*.h5 ./*.tmp-* ./*.journal* out >/dev/null 2>&1; then
    echo "FAIL: kringloop $* left a file behind: $(ls)"
    failures=$((failures + 1))
    rm -rf ./*.h5 ./*.tmp-* ./*.journal* out
  fi
}

SMALL=(--population.farmers 40 --run.years 1)

# 4. A scenario that cannot be read fails; it is never taken as an empty (default) scenario.
expect_error "cannot read scenario file" run /proc/self/mem -o a.h5
expect_error "larger than" validate /dev/zero

# 5. A 20,000-byte key is refused at once (it took over a minute: quadratic suggestion search).
long_key=$(head -c 20000 /dev/zero | tr '\0' 'k')
expect_error "longer than any option" run "--population.$long_key" 1 -o a.h5
printf '[population]\n%s = 1\n' "$long_key" > long.ini
expect_error "longer than any option" validate long.ini

# 6. Counts are validated before anything is allocated or run.
expect_error "--threads = 1000000000: must be from 0" sweep "${SMALL[@]}" --vary network.rewiring=0.1,0.2 --threads 1000000000 -o s.h5
expect_error "--threads = 1000000000: must be from 0" run "${SMALL[@]}" --threads 1000000000 -o a.h5
expect_error "--samples 1000000000: at most" sweep "${SMALL[@]}" --vary network.rewiring=0.1:0.2 --samples 1000000000 -o s.h5
expect_error "the argument ('-1') for option '--samples' is invalid" sweep "${SMALL[@]}" --vary network.rewiring=0.1:0.2 --samples -1 -o s.h5
expect_error "the argument ('-2') for option '--levels' is invalid" sweep "${SMALL[@]}" --design morris --vary network.rewiring=0.1:0.2 --samples 2 --levels -2 -o s.h5
expect_error "--levels 100000: at most" sweep "${SMALL[@]}" --design morris --vary network.rewiring=0.1:0.2 --samples 2 --levels 100000 -o s.h5
expect_error "the argument ('-1') for option '--seed' is invalid" run "${SMALL[@]}" --seed -1 -o a.h5
expect_error "the argument ('-1') for option '--seed' is invalid" sweep "${SMALL[@]}" --vary network.rewiring=0.1,0.2 --seed -1 -o s.h5
expect_error "the argument ('1e9') for option '--replications' is invalid" sweep "${SMALL[@]}" --vary network.rewiring=0.1,0.2 --replications 1e9 -o s.h5
# Memory: the documented maximum (50 million farmers, 64 neighbours) estimates at 27 GB; refused
# where it cannot fit (it ran 35 s into bad_alloc). Yearly snapshots of 200 years need ~350 GB.
memory_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
if [ "$memory_kib" -lt $((26 * 1024 * 1024)) ]; then
  expect_error "more than this machine has" run --population.farmers 50000000 --network.neighbours 64 -o a.h5
else
  echo "SKIP: this machine has $((memory_kib / 1024 / 1024)) GiB; the 27 GB run would fit"
fi
expect_error "more than this machine has" run --population.farmers 50000000 --output.snapshots true --run.years 200 -o a.h5
expect_error "64 runs at once needs about" sweep --population.farmers 50000000 --vary network.rewiring=0.01:0.2 --samples 64 --threads 64 -o s.h5

# 8. Sweeps that could never finish are refused before the first run.
expect_error "every run of a sweep must simulate the same horizon" sweep --population.farmers 40 --vary run.years=1,2 -o s.h5
expect_error "control character" sweep "${SMALL[@]}" --run.name "$(printf 'two\nlines')" --vary network.rewiring=0.1,0.2 -o s.h5
expect_error "'#', which starts a comment" sweep "${SMALL[@]}" --run.name "a#b" --vary network.rewiring=0.1,0.2 -o s.h5

# 9. Messages: one line whatever the input holds; no silent wrap-around; no empty file names.
expect_error 'population.farmers = '"'"'1\n2'"'"'' run --population.farmers "$(printf '1\n2')" -o a.h5
printf '[population]\nfarmers = 5\0005\n' > nul.ini
expect_error 'farmers = '"'"'5\05'"'"': contains a control character' validate nul.ini
expect_error "output file name is empty" run "${SMALL[@]}" -o ""
expect_error "-o: the output file name is empty" sweep "${SMALL[@]}" --vary network.rewiring=0.1,0.2 -o ""

# A byte order mark at the start of a scenario is not an error.
printf '\xef\xbb\xbf[population]\nfarmers = 50\n' > bom.ini
"$kringloop" validate bom.ini >stdout.txt 2>stderr.txt || { echo "FAIL: BOM scenario refused: $(cat stderr.txt)"; failures=$((failures + 1)); }

echo "$failures failed"
[ "$failures" -eq 0 ]
