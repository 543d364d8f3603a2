"""Fixtures: synthetic run and sweep files, and helpers to read back what a figure drew."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ANALYSIS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ANALYSIS))
os.environ.setdefault("MPLBACKEND", "Agg")

import synthetic  # noqa: E402  (needs the path above)


@pytest.fixture(params=["vlen", "fixed"])
def run_file(request, tmp_path):
    """A complete run file, once with variable-length and once with fixed-length strings."""
    path = tmp_path / f"run_{request.param}.h5"
    written = synthetic.write_run(path, seed=3, strings=request.param)
    return path, written


@pytest.fixture
def one_run_file(tmp_path):
    """A single run file, for command-line tests where the string kind does not matter."""
    path = tmp_path / "run.h5"
    return path, synthetic.write_run(path, seed=3)


@pytest.fixture
def bare_run_file(tmp_path):
    """A run file without the optional coalition, region and land-exchange series."""
    path = tmp_path / "bare.h5"
    return path, synthetic.write_run(path, coalitions=False, exchange=False, regions=False)


@pytest.fixture
def replications(tmp_path):
    """Five replications of 'default' (seeds 1–5) and one run of 'fast'."""
    paths, written = [], []
    for seed in range(1, 6):
        paths.append(tmp_path / f"default_{seed}.h5")
        written.append(synthetic.write_run(paths[-1], seed=seed))
    fast = tmp_path / "fast.h5"
    return paths, written, fast, synthetic.write_run(fast, seed=9, name="fast", speed=2.0)


@pytest.fixture(params=["vlen", "fixed"])
def sweep_file(request, tmp_path):
    """A 3 × 2 grid sweep with 5 replications (run 29 not done) and Sobol and Morris results."""
    path = tmp_path / f"sweep_{request.param}.h5"
    return path, synthetic.write_sweep(path, strings=request.param)


@pytest.fixture
def one_sweep_file(tmp_path):
    """The sweep of `sweep_file` with one string kind, for command-line tests."""
    path = tmp_path / "sweep.h5"
    return path, synthetic.write_sweep(path)


@pytest.fixture
def broken_files(tmp_path):
    """{kind: path} for a missing file, random bytes and an HDF5 run file cut in half."""
    good = tmp_path / "good.h5"
    synthetic.write_run(good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.h5"
    junk.write_bytes(np.random.default_rng(7).bytes(4096))
    return {"missing": tmp_path / "missing.h5", "random bytes": junk, "truncated": truncated}


def run_script(script, *args):
    """Run analysis/SCRIPT.py with the current interpreter; return the CompletedProcess."""
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, str(ANALYSIS / f"{script}.py"), *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=300)


def band_of(collection, x):
    """(low, high) of a fill_between band at each x, read back from its polygon."""
    vertices = collection.get_paths()[0].vertices
    low, high = [], []
    for value in x:
        ys = vertices[np.isclose(vertices[:, 0], value), 1]
        low.append(ys.min())
        high.append(ys.max())
    return np.array(low), np.array(high)


def error_segments(container):
    """(low, high) ends of the error bars in an ErrorbarContainer, in drawing order."""
    segments = container.lines[2][0].get_segments()
    return np.array([s[0] for s in segments]), np.array([s[1] for s in segments])
