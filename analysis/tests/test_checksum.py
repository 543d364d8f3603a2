"""The attribute checksum (sim/output/dataset_checksum.hpp) is computed alike here and in C++, and a
changed attribute makes the reader stop with one clear error (needs KRINGLOOP_BINARY, set by ctest)."""

from __future__ import annotations

import os
import subprocess

import h5py
import numpy as np
import pytest

import kringloop_io as kio

BINARY = os.environ.get("KRINGLOOP_BINARY", "")
needs_binary = pytest.mark.skipif(not BINARY or not os.path.isfile(BINARY),
                                  reason="KRINGLOOP_BINARY is not set or not built")


def simulate(path):
    result = subprocess.run([BINARY, "run", "-o", str(path), "--population.farmers", "40",
                             "--run.years", "1", "-q"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@needs_binary
def test_the_digest_matches_the_one_the_simulator_wrote(tmp_path):
    path = tmp_path / "run.h5"
    simulate(path)
    with h5py.File(path, "r") as handle:
        for name, group in (("checksum", handle), ("summary_checksum", handle["summary"])):
            assert int(handle.attrs[name]) == kio.attributes_digest(group)
        assert not [key for key in handle["summary"].attrs if "checksum" in key]  # /summary holds data only
    run = kio.open_run(path)
    assert not [key for key in run.meta if "checksum" in key]


@needs_binary
@pytest.mark.parametrize("group,name,value", [("/", "seed", np.uint64(2)),
                                              ("/", "scenario_text", "[run]\nyears = 1\n"),
                                              ("/summary", "subsidy.total_paid_eur", 1.0)])
def test_a_changed_attribute_is_reported_as_damage(tmp_path, group, name, value):
    path = tmp_path / "run.h5"
    simulate(path)
    with h5py.File(path, "r+") as handle:
        handle[group].attrs[name] = value
    with pytest.raises(kio.KringloopFileError, match="damaged file"):
        kio.open_run(path)
