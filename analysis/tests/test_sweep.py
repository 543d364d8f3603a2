"""sweep.py: the response curve and heat map show means (and bands) of the finished runs."""

from __future__ import annotations

import numpy as np
import pytest

import kringloop_io as kio
import sweep as sweep_script
from conftest import band_of, run_script

LEAD, LIBERALISED = "scheme.investment.lead_time_days", "lease.liberalised_share"


def _metric_by_run(written, metric):
    return np.array([s[metric] for s in written["summaries"]])


def test_default_metric_is_the_first_final_share_that_varies(sweep_file):
    sweep = kio.open_sweep(sweep_file[0])
    done = sweep.runs[sweep.runs["done"]]
    shares = [k for k in sweep.summary_keys if k.startswith("adoption.") and k.endswith(".final_share")]
    expected = next(k for k in shares if done[k].nunique() > 1)
    assert sweep_script.default_metric(sweep) == expected
    # A constant key is skipped: make the first share constant and the choice moves on.
    sweep.runs[shares[0]] = 0.0
    assert sweep_script.default_metric(sweep) == next(k for k in shares[1:] if done[k].nunique() > 1)


def test_response_curve_is_the_mean_and_band_over_finished_runs(sweep_file):
    path, written = sweep_file
    metric = "adoption.nature_inclusive.final_share"
    fig = sweep_script.response_figure(kio.open_sweep(path), LEAD, metric)
    ax = fig.axes[0]
    values = _metric_by_run(written, metric)
    lead = written["points"][written["point_of_run"], 0]
    xs = np.unique(lead)
    runs = [values[(lead == x) & written["done"]] for x in xs]
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), xs)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [r.mean() for r in runs])
    assert len(ax.lines[1].get_ydata()) == 29                  # the single runs, undone one left out
    low, high = band_of(ax.collections[0], xs)
    np.testing.assert_allclose(low, [np.percentile(r, 5) for r in runs])
    np.testing.assert_allclose(high, [np.percentile(r, 95) for r in runs])
    assert ax.get_xlabel() == f"{LEAD} (days)"
    caption = fig.texts[-1].get_text()
    assert "6 points × 5 replications = 30 runs (29 done)" in caption.replace("\n", " ")
    assert "Pooled over the other varied keys" in caption


def test_heat_map_cells_are_the_means(sweep_file):
    path, written = sweep_file
    metric = "adoption.nature_inclusive.final_share"
    ax = sweep_script.heatmap_figure(kio.open_sweep(path), LEAD, LIBERALISED, metric).axes[0]
    image = ax.images[0].get_array()
    values = _metric_by_run(written, metric)
    for row, liberalised in enumerate((0.1, 0.5)):
        for column, lead in enumerate((0.0, 180.0, 360.0)):
            point = next(p for p, (a, b) in enumerate(written["points"]) if (a, b) == (lead, liberalised))
            chosen = (written["point_of_run"] == point) & written["done"]
            assert image[row, column] == pytest.approx(values[chosen].mean(), rel=1e-12)


def test_cli_response_and_heat_map(one_sweep_file, tmp_path):
    path, _ = one_sweep_file
    result = run_script("sweep", path, "--x", LEAD, "-o", tmp_path / "one")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "one" / "response.png").exists() and (tmp_path / "one" / "index.html").exists()
    result = run_script("sweep", path, "--x", LEAD, "--x", LIBERALISED, "--y",
                        "dropouts.land_exchange", "-o", tmp_path / "two")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "two" / "heatmap.png").exists()


def test_cli_unknown_key_or_metric_is_one_line_and_exit_2(one_sweep_file, tmp_path):
    path, _ = one_sweep_file
    for extra in (["--x", "nope"], ["--x", LEAD, "--y", "nope"]):
        result = run_script("sweep", path, *extra, "-o", tmp_path / "out")
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}: ")
        assert not (tmp_path / "out").exists()
