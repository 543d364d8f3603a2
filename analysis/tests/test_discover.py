"""discover.py: PRIM finds a known box in a synthetic design; bad inputs give one line and exit 2."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

import discover
from conftest import run_script


def _uniform(n=2000, seed=5):
    rng = np.random.default_rng(seed)
    return {name: rng.uniform(0, 1, n) for name in ("a", "b", "c")}, rng


def test_quantile_never_cuts_through_equal_values():
    values = np.array([0, 0, 0, 0, 1, 2, 3, 4, 5, 5], dtype=float)
    assert discover._quantile(values, 0.05) == 0.5    # between the last 0 and the first 1
    assert discover._quantile(values, 0.95) == 4.5


def test_prim_finds_the_box_that_makes_the_cases():
    x, _ = _uniform()
    y = (x["a"] < 0.3) & (x["b"] > 0.6)
    prim = discover.Prim(x, y)
    trajectory, chosen = prim.find_box(min_density=0.9)
    box = trajectory[chosen]
    assert sorted(box.restricted(prim.initial)) == ["a", "b"]
    assert box.limits["a"][1] == pytest.approx(0.3, abs=0.04)
    assert box.limits["b"][0] == pytest.approx(0.6, abs=0.04)
    assert box.coverage >= 0.85 and box.density >= 0.9
    # Coverage falls and density rises along the peeling trajectory.
    peeled = prim.peel(prim._box(prim.initial))
    assert all(b.coverage <= a.coverage + 1e-12 for a, b in zip(peeled, peeled[1:]))
    assert peeled[-1].density > peeled[0].density
    assert peeled[0].coverage == 1 and peeled[0].mass == 1


def test_statistics_are_counts_of_runs_inside():
    x, _ = _uniform(500)
    y = x["a"] < 0.5
    prim = discover.Prim(x, y)
    box = prim._box({**prim.initial, "a": (0.0, 0.25)})
    inside = (x["a"] <= 0.25)
    assert box.count == inside.sum()
    assert box.density == 1.0
    assert box.coverage == pytest.approx(inside.sum() / y.sum())
    assert box.mass == pytest.approx(inside.mean())


def test_prim_peels_a_categorical_key_one_level_at_a_time():
    x, rng = _uniform()
    x["mode"] = rng.integers(0, 3, len(x["a"])).astype(float)
    y = (x["a"] < 0.4) & (x["mode"] == 1)
    prim = discover.Prim(x, y, categorical={"mode"})
    trajectory, chosen = prim.find_box(min_density=0.9)
    box = trajectory[chosen]
    assert box.limits["mode"] == frozenset({1.0})
    assert box.limits["a"][1] == pytest.approx(0.4, abs=0.05)
    assert "b" not in box.restricted(prim.initial) and "c" not in box.restricted(prim.initial)


def test_covering_finds_two_separate_boxes():
    x, _ = _uniform(3000)
    y = ((x["a"] < 0.25) & (x["b"] < 0.25)) | ((x["a"] > 0.75) & (x["c"] > 0.75))
    found = discover.Prim(x, y).covering(boxes=3, min_density=0.8)
    assert len(found) >= 2
    first, second = (t[c] for t, c in found[:2])
    assert first.coverage + second.coverage >= 0.8
    assert not (first.inside & second.inside).any()


def test_pasting_widens_a_box_cut_too_far():
    x, _ = _uniform()
    y = x["a"] < 0.5
    prim = discover.Prim(x, y, paste_alpha=0.05)
    narrow = prim._box({**prim.initial, "a": (0.0, 0.3)})
    pasted = prim.paste(narrow)
    # Widening the limit while every added run is a case keeps density at 1: pasting stops only
    # when the density would fall, so the limit moves up towards 0.5 but never beyond it.
    assert pasted == [] or (pasted[-1].limits["a"][1] <= 0.5 + 1e-9)


def _write_design_sweep(path, runs=400, seed=3, name_metric="adoption.x.final_share"):
    """A sweep file with an lhs-like design over a number and a categorical key."""
    rng = np.random.default_rng(seed)
    budget = rng.uniform(0, 100, runs)
    mode = rng.integers(0, 2, runs)
    metric = np.where((budget < 30) & (mode == 0), 0.05, 0.5) + rng.normal(0, 0.01, runs)
    metric[:5] = np.nan          # e.g. t_half_years when never reached
    with h5py.File(path, "w") as handle:
        handle.attrs.update({"format": "kringloop-sweep", "design": "lhs", "scenario_text": "[run]\nname = d\n",
                             "seed": np.uint64(1), "runs": runs, "points": runs, "replications": 1,
                             "format_version": 1})
        handle.create_dataset("time/month", data=np.arange(1, 13, dtype=np.int32))
        handle.create_dataset("time/day", data=np.arange(1, 13, dtype=np.int32) * 30)
        handle.create_dataset("design/names", data=np.array([b"scheme.a.budget_eur", b"network.mode"]))
        handle.create_dataset("design/points", data=np.stack([budget, mode.astype(float)], axis=1))
        handle.create_dataset("design/labels/network.mode", data=np.array([b"knn", b"well_mixed"]))
        handle.create_dataset("runs/point", data=np.arange(runs, dtype=np.int64))
        handle.create_dataset("runs/replication", data=np.zeros(runs, dtype=np.int32))
        handle.create_dataset("runs/seed", data=np.arange(runs, dtype=np.uint64))
        handle.create_dataset("runs/done", data=np.ones(runs, dtype=np.uint8))
        handle.create_dataset(f"runs/summary/{name_metric}", data=metric)
    return path


def test_script_prints_and_plots_the_box(tmp_path, capsys):
    path = _write_design_sweep(tmp_path / "design.h5")
    assert discover.main([str(path), "--metric", "adoption.x.final_share", "--below", "0.2",
                          "-o", str(tmp_path / "out"), "--boxes", "1"]) == 0
    out = capsys.readouterr().out
    assert "5 runs without a finite adoption.x.final_share were dropped" in out
    line = next(l for l in out.splitlines() if l.startswith("box 1"))
    assert "network.mode in {knn}" in line and "scheme.a.budget_eur in [" in line
    assert (tmp_path / "out" / "prim_trajectory.png").exists()
    assert (tmp_path / "out" / "prim_boxes.png").exists()
    assert "coverage" in (tmp_path / "out" / "index.html").read_text()


def _run_in_process(capsys, *argv):
    """discover.main as cli.run calls it: (exit code, stderr); fast, no interpreter start-up."""
    import cli
    import kringloop_io as kio
    try:
        code = discover.main([str(a) for a in argv])
    except kio.KringloopFileError as error:
        print(f"error: {error}", file=__import__("sys").stderr)
        code = cli.EXIT_BAD_INPUT
    except SystemExit as exit_:      # argparse
        code = exit_.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("arguments, message", [
    (["--metric", "adoption.x.final_shar", "--below", "0.2"],
     "no summary metric 'adoption.x.final_shar' (did you mean 'adoption.x.final_share'?)"),
    (["--metric", "adoption.x.final_share", "--below", "-1"], "no run has adoption.x.final_share below -1"),
    (["--metric", "adoption.x.final_share", "--above", "-1"], "every run has adoption.x.final_share above -1"),
    (["--metric", "adoption.x.final_share", "--below", "0.2", "--alpha", "0.7"], "--alpha 0.7"),
    (["--metric", "adoption.x.final_share", "--below", "0.2", "--boxes", "0"], "--boxes 0"),
    (["--metric", "adoption.x.final_share"], "one of the arguments --below --above is required"),
    (["--metric", "adoption.x.final_share", "--below", "1", "--above", "2"], "not allowed with argument"),
])
def test_bad_input_gives_one_line_and_exit_2(tmp_path, capsys, arguments, message):
    path = _write_design_sweep(tmp_path / "design.h5")
    code, error = _run_in_process(capsys, path, *arguments, "-o", tmp_path / "out")
    assert code == 2
    # One line naming the problem (argparse puts its usage above it).
    assert message in error.strip().splitlines()[-1]


def test_the_script_itself_keeps_the_contract(tmp_path):
    path = _write_design_sweep(tmp_path / "design.h5")
    result = run_script("discover", path, "--metric", "adoption.x.final_shar", "--below", "0.2",
                        "-o", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {path}: no summary metric 'adoption.x.final_shar' (did you mean 'adoption.x.final_share'?)"]


def test_a_sweep_without_factors_has_nothing_to_discover(tmp_path, capsys):
    path = tmp_path / "plain.h5"
    _write_design_sweep(path)
    with h5py.File(path, "a") as handle:
        del handle["design/names"], handle["design/points"], handle["design/labels"]
        handle.create_dataset("design/points", data=np.zeros((400, 0)))
    code, error = _run_in_process(capsys, path, "--metric", "adoption.x.final_share", "--below", "0.2",
                                  "-o", tmp_path / "out")
    assert code == 2 and "varies no key" in error


def test_categorical_keys_read_as_labels_and_misspelt_keys_get_a_suggestion(tmp_path):
    import kringloop_io as kio
    import sweep as sweep_script
    path = _write_design_sweep(tmp_path / "design.h5")
    sweep = kio.open_sweep(path)
    assert sweep.labels == {"network.mode": ["knn", "well_mixed"]}
    labelled = sweep.design_labels()
    assert set(labelled["network.mode"]) == {"knn", "well_mixed"}
    assert (labelled["network.mode"] == "knn").sum() == (sweep.design["network.mode"] == 0).sum()
    with pytest.raises(kio.KringloopFileError, match=r"did you mean 'adoption.x.final_share'"):
        sweep_script.response_figure(sweep, "network.mode", "adoption.x.final_shar")
    with pytest.raises(kio.KringloopFileError, match=r"did you mean 'network.mode'"):
        sweep_script.response_figure(sweep, "network.mod", "adoption.x.final_share")
    fig = sweep_script.response_figure(sweep, "network.mode", "adoption.x.final_share")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["knn", "well_mixed"]
    _, x_labels, _ = sweep_script.heatmap_table(sweep, "network.mode", "scheme.a.budget_eur",
                                                "adoption.x.final_share")
    assert x_labels == ["knn", "well_mixed"]


def test_sensitivity_noise_attributes_and_an_all_nan_result(tmp_path):
    import kringloop_io as kio
    import sensitivity
    path = _write_design_sweep(tmp_path / "design.h5")
    with h5py.File(path, "a") as handle:
        group = handle.create_group("sensitivity/adoption.x.final_share")
        group.attrs.update({"method": "sobol", "confidence": 0.95, "replications": 4.0,
                            "noise_share": 0.61, "noise_share_low": 0.5, "noise_share_high": 0.7})
        group.create_dataset("names", data=np.array([b"scheme.a.budget_eur", b"network.mode"]))
        for name in ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"):
            group.create_dataset(name, data=np.array([0.5, 0.1]))
    sweep = kio.open_sweep(path)
    frame = sweep.sensitivity("adoption.x.final_share")
    assert frame.attrs["noise_share"] == 0.61 and frame.attrs["replications"] == 4
    note = sensitivity.noise_note(frame)
    assert "61% [50%, 70%] of a single run's variance" in note and "noise dominates" in note
    with h5py.File(path, "a") as handle:
        for name in ("S1", "ST"):
            handle[f"sensitivity/adoption.x.final_share/{name}"][...] = np.nan
    with pytest.raises(kio.KringloopFileError, match="every index is NaN"):
        sensitivity.sobol_figure(kio.open_sweep(path), "adoption.x.final_share")


def test_simplify_lifts_a_restriction_that_does_not_earn_its_place():
    x, _ = _uniform()
    y = x["a"] < 0.3
    prim = discover.Prim(x, y)
    # a needed restriction on a, and a 10% cut of b that changes nothing about the cases
    box = prim._box({**prim.initial, "a": (0.0, 0.3), "b": (0.0, 0.9)})
    simple = prim.simplify(box)
    assert simple.restricted(prim.initial) == ["a"]
    assert simple.coverage > box.coverage and simple.density == 1.0
    # the needed one stays: lifting it would lower the density from 1 to 0.3
    assert prim.simplify(prim._box({**prim.initial, "a": (0.0, 0.3)})).restricted(prim.initial) == ["a"]


def test_binomial_tail_and_quasi_p_values():
    # P(X >= 3) for X ~ Binomial(4, 0.5) = (4 + 1) / 16
    assert discover.binomial_upper_tail(3, 4, 0.5) == pytest.approx(5 / 16)
    assert discover.binomial_upper_tail(0, 4, 0.3) == 1.0
    assert discover.binomial_upper_tail(5, 4, 0.3) == 0.0
    assert discover.binomial_upper_tail(60, 100, 0.5) == pytest.approx(0.028443966820490392)
    x, _ = _uniform()
    y = x["a"] < 0.3
    prim = discover.Prim(x, y)
    # the restriction on a makes the cases; the one on b (keeping 90%) is chance
    qp = prim.quasi_p(prim._box({**prim.initial, "a": (0.0, 0.3), "b": (0.0, 0.9)}))
    assert qp["a"] < 1e-10 and qp["b"] > 0.05
