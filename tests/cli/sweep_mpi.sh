#!/usr/bin/env bash
# mpirun -np 2 and -np 4 (oversubscribed on one machine) give the same file as a plain sweep, and an
# MPI sweep killed part-way resumes. Skipped when mpirun is missing or the binary has no MPI.
# Usage: bash sweep_mpi.sh KRINGLOOP_BINARY SOURCE_DIR
set -u
K="$1"; SRC="$2"
if ! command -v mpirun >/dev/null 2>&1; then echo "skipped: no mpirun"; exit 0; fi
if ! "$K" sweep --help | grep -q "mpi enabled"; then echo "skipped: kringloop built without MPI"; exit 0; fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; cd "$WORK"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
COMPARE="/usr/bin/python3 $SRC/tests/cli/sweep_compare.py"
fail() { echo "FAIL: $*"; exit 1; }
BASE=(--population.farmers 100 --run.years 3 --vary network.neighbours=4,8 --vary network.rewiring=0.01:0.2 --samples 3 --replications 2 --seed 11 --threads 1 -q)
"$K" sweep "${BASE[@]}" -o plain.h5 || fail "plain sweep"
for np in 2 4; do
  mpirun --oversubscribe -np $np "$K" sweep "${BASE[@]}" -o mpi$np.h5 >log.txt 2>&1 || { cat log.txt; fail "mpirun -np $np"; }
  ls mpi$np.h5.journal* >/dev/null 2>&1 && fail "rank journals left behind (-np $np)"
  $COMPARE plain.h5 mpi$np.h5 || fail "mpirun -np $np differs from the plain sweep"
done
mpirun --oversubscribe -np 2 "$K" sweep "${BASE[@]}" -o crash.h5 --test-crash-after 2 >/dev/null 2>&1
[ -f crash.h5 ] && fail "result written by a crashed MPI sweep"
mpirun --oversubscribe -np 2 "$K" sweep "${BASE[@]}" -o crash.h5 --resume >log.txt 2>&1 || { cat log.txt; fail "MPI resume"; }
$COMPARE plain.h5 crash.h5 || fail "resumed MPI sweep differs"
echo ok
