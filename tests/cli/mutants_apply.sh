#!/usr/bin/env bash
# Every mutant in tests/mutants/mutants/ still applies to the source: a change that moves or
# rewrites the code a mutant breaks must move the mutant with it, or the mutation run (not in CI,
# tests/mutants/run.sh) would stop at it. Four trust and snapshot mutants had gone stale unnoticed
# (issue 16, session 10); this test catches the next one in CI.
# Usage: mutants_apply.sh KRINGLOOP_BINARY SOURCE_DIR (the binary is not used).
set -u
src=$2
stale=0
for mutant in "$src"/tests/mutants/mutants/*.mutant; do
  if ! message=$(/usr/bin/python3 "$src/tests/mutants/mutant.py" check "$mutant" "$src" 2>&1); then
    echo "stale mutant $(basename "$mutant"): $message"
    stale=$((stale + 1))
  fi
done
count=$(ls "$src"/tests/mutants/mutants/*.mutant | wc -l)
echo "$((count - stale)) of $count mutants apply"
[ "$stale" -eq 0 ]
