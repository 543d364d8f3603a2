#!/usr/bin/python3
"""kringloop.run from Python against the `kringloop run` program, and a Python thread pool of 2.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py build/kringloop [--repeat 15] [--pool-runs 8] [--threads N]

1. The default scenario, REPEAT times each, alternating so both see the same machine load:
   the program as a user runs it (a process that simulates and writes its HDF5 file) and
   kringloop.run (in an interpreter that has imported kringloop already, returning DataFrames on
   demand). Reported: medians of the wall time per run and of the simulation alone (the run's own
   `wall_seconds`), and kringloop.run's cost over the program.
2. POOL_RUNS default runs (seeds 1..N, threads=1 each) one after another, then on a
   multiprocessing.pool.ThreadPool(2): the speed-up shows the GIL is released while the model runs.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing.pool import ThreadPool
from pathlib import Path

import h5py

import kringloop


def cli_run(binary, output, threads):
    start = time.perf_counter()
    subprocess.run([binary, "run", "--quiet", "--overwrite", "--threads", str(threads), "-o", output], check=True)
    elapsed = time.perf_counter() - start
    with h5py.File(output, "r") as f:
        return elapsed, float(f.attrs["wall_seconds"])


def python_run(threads):
    start = time.perf_counter()
    result = kringloop.run(threads=threads)
    return time.perf_counter() - start, result.meta["wall_seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pool-runs", type=int, default=8)
    parser.add_argument("--threads", type=int, default=0, help="threads per run in part 1 (0 = all cores)")
    args = parser.parse_args()

    python_run(args.threads)  # warm-up: first-touch of the registry and the allocator
    cli_times, cli_sim, py_times, py_sim = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        output = str(Path(folder) / "default.h5")
        cli_run(args.binary, output, args.threads)
        for _ in range(args.repeat):
            elapsed, simulated = cli_run(args.binary, output, args.threads)
            cli_times.append(elapsed)
            cli_sim.append(simulated)
            elapsed, simulated = python_run(args.threads)
            py_times.append(elapsed)
            py_sim.append(simulated)
    cli_median, py_median = statistics.median(cli_times), statistics.median(py_times)
    print(f"default scenario, --threads {args.threads}, median of {args.repeat} runs each")
    print("| | wall time per run | simulation alone |")
    print("|---|---:|---:|")
    print(f"| `kringloop run -o FILE.h5` (process) | {cli_median:.3f} s | {statistics.median(cli_sim):.3f} s |")
    print(f"| `kringloop.run()` (Python) | {py_median:.3f} s | {statistics.median(py_sim):.3f} s |")
    print(f"kringloop.run costs {100 * (py_median / cli_median - 1):+.1f}% against the program; "
          f"it takes {100 * (py_median / statistics.median(py_sim) - 1):+.1f}% over the simulation inside it")

    requests = [dict(seed=seed, threads=1) for seed in range(1, args.pool_runs + 1)]
    start = time.perf_counter()
    for request in requests:
        kringloop.run(**request)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    with ThreadPool(2) as pool:
        pool.map(lambda request: kringloop.run(**request), requests)
    pooled = time.perf_counter() - start
    print(f"{args.pool_runs} default runs (threads=1 each): one after another {sequential:.2f} s, "
          f"ThreadPool(2) {pooled:.2f} s: {sequential / pooled:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
