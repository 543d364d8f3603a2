#!/usr/bin/python3
"""Compare the speed of the current build with a previous commit on the same machine, in one run.

Usage: /usr/bin/python3 bench/compare_commits.py BASE_COMMIT [--build build] [--base-build DIR]
                                                 [--rounds 3] [--farmers 100000] [--sweep-runs 32] [--quick]

Builds BASE_COMMIT once (git archive into $TMPDIR/kringloop-base-<sha>, Release, ccache when
installed) unless --base-build names an existing build of it, then runs the same cases with both
builds, alternating base and current round by round so that a busy machine slows both alike:

  bass      bench/model_scale FARMERS 1 30 configs/bench/bass.ini  (peer-equivalent Bass model)
  full      bench/model_scale FARMERS 1 30                          (the default scenario's model)
  default   kringloop run (embedded default scenario, 3,000 farmers, HDF5 file written)
  sweep     kringloop sweep of the default scenario, SWEEP_RUNS runs on 2 threads (issue 16's
            runs-per-second aim; the command of bench/sweep/run_sweep_bench.sh), sweep file written

and prints, per case, the best time of each build and the ratio current / base (below 1 is
faster), and for the sweep the runs per second of each. Best-of-rounds, because noise on a shared
machine only ever adds time. It also says whether the two builds write bit-identical datasets for
the default scenario (tests/cli/h5_equal.py, run-specific attributes ignored): a change that should
not alter the model must say "identical".
Both builds run the current configs/bench/bass.ini (left out when the base cannot read it).
Exit code 0; 2 on bad arguments or a failed build.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUN_ATTRIBUTES = ["wall_seconds", "threads", "command_line", "kringloop_version", "git_describe", "summary_checksum"]


def fail(message):
    print(f"compare_commits: {message}", file=sys.stderr)
    sys.exit(2)


def build_base(commit, directory):
    source, build = directory / "src", directory / "build"
    if (build / "bench" / "model_scale").exists() and (build / "kringloop").exists():
        return build
    shutil.rmtree(directory, ignore_errors=True)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    configure = ["cmake", "-S", str(source), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    print(f"# building {commit} in {build} (once; reused next time)", flush=True)
    subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build), "-j2", "--target", "kringloop", "model_scale"], check=True,
                   stdout=subprocess.DEVNULL)
    return build


def model_scale(build, farmers, scenario):
    command = [str(build / "bench" / "model_scale"), str(farmers), "1", "30"]  # one thread: less noise
    if scenario:
        command.append(str(scenario))
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["seconds"]  # set-up + simulation: what every version of model_scale prints


def cli_run(build, output):
    start = time.perf_counter()
    subprocess.run([str(build / "kringloop"), "run", "--quiet", "--threads", "1", "--overwrite", "-o", str(output)],
                   check=True)
    return time.perf_counter() - start


def sweep(build, output, runs):
    output.unlink(missing_ok=True)  # an older base's sweep may not know --overwrite
    start = time.perf_counter()
    subprocess.run([str(build / "kringloop"), "sweep", "--vary", "network.rewiring=0.01:0.2", "--samples", str(runs),
                    "--threads", "2", "--quiet", "-o", str(output)], check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--build", default="build")
    parser.add_argument("--base-build")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--farmers", type=int, default=100000)
    parser.add_argument("--sweep-runs", type=int, default=32)
    parser.add_argument("--quick", action="store_true", help="one round, 20,000 farmers, an 8-run sweep")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.farmers, args.sweep_runs = 1, 20000, 8
    if args.rounds < 1 or args.farmers < 100 or args.sweep_runs < 2:
        fail(f"--rounds {args.rounds} / --farmers {args.farmers} / --sweep-runs {args.sweep_runs}: "
             "allowed rounds >= 1, farmers >= 100, sweep runs >= 2")
    current = pathlib.Path(args.build).resolve()
    if not (current / "bench" / "model_scale").exists():
        fail(f"{current}/bench/model_scale: not built (cmake --build {args.build} --target model_scale kringloop)")
    try:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.base], check=True,
                             capture_output=True, text=True).stdout.strip()
    except subprocess.CalledProcessError:
        fail(f"base commit '{args.base}': not a commit of this repository")
    try:
        base = pathlib.Path(args.base_build).resolve() if args.base_build else build_base(
            sha, pathlib.Path(tempfile.gettempdir()) / f"kringloop-base-{sha}")
    except subprocess.CalledProcessError as error:
        fail(f"building {sha} failed: {error}")

    # The current configs/bench/bass.ini for both builds (a base that cannot read it skips the case).
    bass = ROOT / "configs" / "bench" / "bass.ini"
    cases = [("full", lambda b, _: model_scale(b, args.farmers, None)), ("default", lambda b, out: cli_run(b, out)),
             ("sweep", lambda b, out: sweep(b, out.with_suffix(".sweep.h5"), args.sweep_runs))]
    try:
        model_scale(base, 1000, bass)
        cases.insert(0, ("bass", lambda b, _: model_scale(b, args.farmers, bass)))
    except subprocess.CalledProcessError:
        print("# the base build cannot run configs/bench/bass.ini: bass case left out")

    print(f"# machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
          f"base {sha} ({base}), current {current}; {args.rounds} rounds, {args.farmers} farmers, 1 thread "
          f"(the sweep: {args.sweep_runs} runs, 2 threads)")
    best = {(name, who): float("inf") for name, _ in cases for who in ("base", "current")}
    with tempfile.TemporaryDirectory() as scratch:
        outputs = {who: pathlib.Path(scratch) / f"{who}.h5" for who in ("base", "current")}
        for _ in range(args.rounds):
            for name, run in cases:
                for who, build in (("base", base), ("current", current)):
                    best[(name, who)] = min(best[(name, who)], run(build, outputs[who]))
        ignore = [flag for attribute in RUN_ATTRIBUTES for flag in ("--ignore-attr", attribute)]
        same = subprocess.run([sys.executable, str(ROOT / "tests" / "cli" / "h5_equal.py"), str(outputs["base"]),
                               str(outputs["current"]), *ignore], capture_output=True, text=True)
    print(f"{'case':<10} {'base s':>9} {'current s':>10} {'ratio':>7}")
    for name, _ in cases:
        b, c = best[(name, "base")], best[(name, "current")]
        rates = f"   {args.sweep_runs / b:.2f} → {args.sweep_runs / c:.2f} runs/s" if name == "sweep" else ""
        print(f"{name:<10} {b:9.3f} {c:10.3f} {c / b:7.3f}{rates}")
    print("default scenario datasets:", same.stdout.strip() or same.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
