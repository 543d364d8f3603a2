"""kringloop.sweep drives `kringloop sweep`: the same runs, the same numbers, the same errors."""

import h5py
import pytest

import kringloop
from conftest import cli, cli_error, same_bits

BASE = {"population.farmers": 150, "run.years": 2}
CLI_BASE = ["--population.farmers", "150", "--run.years", "2"]


def test_a_python_sweep_equals_the_cli_sweep(tmp_path):
    cli("sweep", *CLI_BASE, "--vary", "network.neighbours=4,8", "--replications", 2, "--seed", 5,
        "--quiet", "-o", tmp_path / "cli.h5")
    result = kringloop.sweep({"network.neighbours": [4, 8]}, overrides=BASE, replications=2, seed=5,
                             threads=1)
    assert result.file is None
    assert list(result.design.columns) == ["network.neighbours"]
    assert result.design["network.neighbours"].tolist() == [4.0, 8.0]
    assert result.runs[["point", "replication"]].values.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    with h5py.File(tmp_path / "cli.h5", "r") as f:
        assert result.runs["seed"].tolist() == [int(s) for s in f["runs/seed"][()]]
        assert sorted(f["runs/summary"]) == result.summary_keys and result.summary_keys
        for key in result.summary_keys:
            assert same_bits(result.runs[key].to_numpy(), f["runs/summary"][key][()]), key
    joined = result.runs_with_design()
    assert joined["network.neighbours"].tolist() == [4.0, 4.0, 8.0, 8.0]
    # Reading the CLI's file gives the same tables.
    again = kringloop.SweepResult.read(tmp_path / "cli.h5")
    assert again.file == str(tmp_path / "cli.h5")
    assert again.runs.equals(result.runs) and again.design.equals(result.design)


def test_a_range_with_a_design_and_a_kept_file(tmp_path):
    output = tmp_path / "lhs.h5"
    result = kringloop.sweep({"network.rewiring": (0.05, 0.3)}, overrides=BASE, design="lhs",
                             samples=3, output=output)
    assert output.exists() and result.file == str(output)
    assert result.meta["design"]["kind"] == "lhs" and len(result.runs) == 3
    values = result.design["network.rewiring"]
    assert ((values >= 0.05) & (values <= 0.3)).all() and values.nunique() == 3
    assert f"design='lhs', points=3, runs=3" in repr(result)
    with pytest.raises(kringloop.FileError, match="output file exists"):
        kringloop.sweep({"network.rewiring": (0.05, 0.3)}, overrides=BASE, design="lhs", samples=3,
                        output=output)
    resumed = kringloop.sweep({"network.rewiring": (0.05, 0.3)}, overrides=BASE, design="lhs",
                              samples=3, output=output, resume=True)
    assert resumed.runs.equals(result.runs)


@pytest.mark.parametrize("python, command", [
    (dict(vary={"network.neighbors": [4, 8]}), ["--vary", "network.neighbors=4,8"]),
    (dict(vary={"network.rewiring": (0.5, 0.1)}, samples=3), ["--vary", "network.rewiring=0.5:0.1", "--samples", "3"]),
    (dict(vary={"network.neighbours": [4, 8]}, design="lhs", samples=4),
     ["--vary", "network.neighbours=4,8", "--design", "lhs", "--samples", "4"]),
    (dict(vary={"run.seed": [1, 2]}), ["--vary", "run.seed=1,2"]),
    (dict(vary={"network.neighbours": [4, 8]}, scenario="missing.ini"), ["missing.ini", "--vary", "network.neighbours=4,8"]),
])
def test_bad_sweeps_raise_the_cli_message(tmp_path, python, command):
    message = cli_error("sweep", *CLI_BASE, "--quiet", "-o", tmp_path / "e.h5", *command, cwd=tmp_path)
    with pytest.raises(kringloop.ConfigError) as raised:
        kringloop.sweep(overrides=BASE, output=tmp_path / "p.h5", **python)
    assert str(raised.value) == message
    assert not (tmp_path / "p.h5").exists() and not (tmp_path / "p.h5.journal").exists()


@pytest.mark.parametrize("python, message", [
    (dict(vary={}), "vary: give a dict of at least one option"),
    (dict(vary=["network.neighbours=4,8"]), "vary: give a dict"),
    (dict(vary={"network.neighbours": []}), "vary network.neighbours: the list of values is empty"),
    (dict(vary={"network.rewiring": (0.1, 0.2, 0.3)}), "a range is a (low, high) tuple"),
    (dict(vary={"network.neighbours": {4, 8}}), "give a list of values"),
    (dict(vary={"network.neighbours": [4, 8]}, design="factorial"), "design = 'factorial': must be one of grid"),
    (dict(vary={"network.neighbours": [4, 8]}, replications=0), "replications = 0: must be a whole number >= 1"),
])
def test_bad_python_sweep_arguments(python, message):
    with pytest.raises(kringloop.ConfigError) as raised:
        kringloop.sweep(overrides=BASE, **python)
    assert message in str(raised.value)


def test_reading_a_run_file_as_a_sweep_is_a_file_error(tmp_path):
    cli("run", *CLI_BASE, "--quiet", "-o", tmp_path / "run.h5")
    with pytest.raises(kringloop.FileError, match="run.h5: is a 'kringloop-run' file, not a sweep"):
        kringloop.SweepResult.read(tmp_path / "run.h5")


def test_file_problems_raise_file_error_with_the_cli_message(tmp_path):
    target = tmp_path / "no_folder" / "s.h5"
    message = cli_error("sweep", *CLI_BASE, "--quiet", "--vary", "network.neighbours=4,8", "-o", target)
    with pytest.raises(kringloop.FileError) as raised:
        kringloop.sweep({"network.neighbours": [4, 8]}, overrides=BASE, output=target)
    assert str(raised.value) == message and isinstance(raised.value, OSError)
    with pytest.raises(kringloop.FileError, match="missing.h5: file not found"):
        kringloop.SweepResult.read(tmp_path / "missing.h5")
