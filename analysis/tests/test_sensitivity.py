"""sensitivity.py: bars and error bars are the stored indices and intervals."""

from __future__ import annotations

import numpy as np
from matplotlib.container import BarContainer

import kringloop_io as kio
import sensitivity
import synthetic
from conftest import error_segments, run_script

SOBOL = "adoption.nature_inclusive.final_share"
MORRIS = "adoption.land_exchange.final_share"


def test_sobol_bars_are_s1_and_st_with_their_intervals(sweep_file):
    path, written = sweep_file
    _, names, values = written["sensitivity"][SOBOL]
    ax = sensitivity.sobol_figure(kio.open_sweep(path), SOBOL).axes[0]
    order = np.argsort(-values["ST"], kind="stable")          # drawn with the largest ST on top
    assert [t.get_text() for t in ax.get_yticklabels()] == [names[k] for k in order]
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    for container, index in zip(bars, ("S1", "ST")):
        widths = [patch.get_width() for patch in container.patches]
        np.testing.assert_allclose(widths, values[index][order])
        low, high = error_segments(container.errorbar)
        np.testing.assert_allclose(low[:, 0], values[f"{index}_low"][order])
        np.testing.assert_allclose(high[:, 0], values[f"{index}_high"][order])


def test_morris_bars_and_scatter(sweep_file):
    path, written = sweep_file
    _, names, values = written["sensitivity"][MORRIS]
    bars, scatter = sensitivity.morris_figure(kio.open_sweep(path), MORRIS).axes
    order = np.argsort(-values["mu_star"], kind="stable")
    np.testing.assert_allclose([p.get_width() for p in bars.patches], values["mu_star"][order])
    np.testing.assert_allclose(scatter.collections[0].get_offsets(),
                               np.column_stack([values["mu_star"], values["sigma"]])[order])
    assert [t.get_text() for t in scatter.texts] == [names[k] for k in order]


def test_cli_writes_one_figure_per_metric(one_sweep_file, tmp_path):
    result = run_script("sensitivity", one_sweep_file[0], "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"sobol_{SOBOL}.png").exists()
    assert (tmp_path / f"morris_{MORRIS}.png").exists()
    result = run_script("sensitivity", one_sweep_file[0], "--metric", MORRIS, "-o", tmp_path / "one")
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["index.html", f"morris_{MORRIS}.png"]


def test_cli_without_sensitivity_results_explains_what_writes_them(tmp_path):
    path = tmp_path / "plain.h5"
    synthetic.write_sweep(path, sensitivity=())
    result = run_script("sensitivity", path, "-o", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: no /sensitivity in this file; it is written by " \
                            "`kringloop sensitivity`\n"
