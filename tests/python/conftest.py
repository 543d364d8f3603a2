"""The kringloop package under test comes from the build tree (ctest sets PYTHONPATH to
build/python); the command-line program from KRINGLOOP_BINARY, to compare against."""

import os
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

SOURCE_DIR = Path(os.environ.get("KRINGLOOP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("KRINGLOOP_BINARY", str(SOURCE_DIR / "build" / "kringloop"))


def cli(*arguments, cwd=None, check=True):
    """Run the kringloop program; returns the CompletedProcess."""
    done = subprocess.run([BINARY, *map(str, arguments)], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"kringloop {' '.join(map(str, arguments))} failed: {done.stderr}")
    return done


def cli_error(*arguments, cwd=None):
    """The one-line message the program prints for bad input (after checking exit code 2)."""
    done = cli(*arguments, cwd=cwd, check=False)
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, (done.returncode, done.stderr)
    prefix = "kringloop: error: "
    assert lines[0].startswith(prefix), lines[0]
    return lines[0][len(prefix):]


def read_run_file(path):
    """Everything a run file holds that a RunResult also holds."""
    with h5py.File(path, "r") as f:
        series = {}
        f["series"].visititems(lambda name, obj: series.__setitem__(name, obj[()])
                               if isinstance(obj, h5py.Dataset) else None)
        summary = {key: float(value) for key, value in f["summary"].attrs.items()}
        attrs = {key: (value.decode() if isinstance(value, bytes) else value) for key, value in f.attrs.items()}
        return series, summary, np.asarray(f["time/day"][()]), attrs


def same_bits(a, b):
    """Equal as stored: same shape and the same bytes (NaN equals NaN, 0.0 differs from -0.0)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.fixture(scope="session")
def other_scenario():
    """A scenario file other than the default (whichever configs/ ships first by name)."""
    files = sorted(p for p in (SOURCE_DIR / "configs").glob("*.ini") if p.name != "default.ini")
    assert files, "configs/ has no scenario besides default.ini"
    return files[0]
