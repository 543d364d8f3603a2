"""report.py: each figure plots the run's datasets, and absent optional data becomes a note."""

from __future__ import annotations

import h5py
import numpy as np

import kringloop_io as kio
import report
import synthetic
from conftest import band_of, run_script


def _series(written, path):
    return written["series"][path][0]


def test_adoption_lines_are_the_adopted_share_datasets(run_file):
    path, written = run_file
    fig = report.adoption_figure(kio.open_run(path))
    ax = fig.axes[0]
    practices = sorted(synthetic.PRACTICES)
    assert [line.get_label() for line in ax.lines] == practices
    for line, practice in zip(ax.lines, practices):
        np.testing.assert_array_equal(line.get_ydata(), _series(written, f"practice/{practice}/adopted_share"))
        np.testing.assert_allclose(line.get_xdata(), synthetic.month_days(36) / 365)
    assert ax.get_ylabel() == "adopted (% of farmers)"
    assert "Scenario 'default', seed 3" in fig.texts[-1].get_text()


def test_funnel_bars_are_the_final_month_and_lines_the_whole_run(run_file):
    path, written = run_file
    fig = report.funnel_figure(kio.open_run(path))
    bars, *panels = fig.axes
    practices = sorted(synthetic.PRACTICES)
    heights = np.array([patch.get_height() for patch in bars.patches]).reshape(len(synthetic.FUNNEL),
                                                                              len(practices))
    for k, practice in enumerate(practices):
        funnel = _series(written, f"practice/{practice}/funnel")
        np.testing.assert_array_equal(heights[:, k], funnel[-1])
        assert panels[k].get_title() == practice
        for stage, line in enumerate(panels[k].lines):
            np.testing.assert_array_equal(line.get_ydata(), funnel[:, stage])


def test_trust_lines_are_the_mean_and_the_band_mean_plus_minus_std(run_file):
    path, written = run_file
    ax = report.trust_figure(kio.open_run(path)).axes[0]
    years = synthetic.month_days(36) / 365
    for k, institution in enumerate(sorted(synthetic.INSTITUTIONS)):
        mean = _series(written, f"trust/{institution}/mean")
        spread = _series(written, f"trust/{institution}/std")
        np.testing.assert_array_equal(ax.lines[k].get_ydata(), mean)
        low, high = band_of(ax.collections[k], years)
        np.testing.assert_allclose(low, np.clip(mean - spread, 0, 1))
        np.testing.assert_allclose(high, np.clip(mean + spread, 0, 1))


def test_coalition_and_exchange_figures_plot_their_datasets(run_file):
    path, written = run_file
    run = kio.open_run(path)
    active = _series(written, "coalitions/active")
    members = _series(written, "coalitions/members")
    axes = report.coalition_figure(run).axes
    assert [line.get_label() for line in axes[0].lines] == list(synthetic.FORMS)
    for k, line in enumerate(axes[0].lines):
        np.testing.assert_array_equal(line.get_ydata(), active[:, k])
    for k, line in enumerate(axes[1].lines):
        np.testing.assert_array_equal(line.get_ydata(), members[:, k])
    share_ax, pairs_ax = report.exchange_figure(run).axes
    np.testing.assert_array_equal(share_ax.lines[0].get_ydata(), _series(written, "exchange/share"))
    assert share_ax.get_ylabel() == "farmland in exchange (0–1)"
    np.testing.assert_array_equal(pairs_ax.lines[0].get_ydata(), _series(written, "exchange/pairs"))
    formed_per_year = [patch.get_height() for patch in pairs_ax.containers[0]]
    assert sum(formed_per_year) == _series(written, "exchange/formed").sum()
    ax = report.measures_figure(run).axes[0]
    measures = _series(written, "measures/cumulative")
    assert [line.get_label() for line in ax.lines] == ["proposed", "realised", "blocked"]
    for k, line in enumerate(ax.lines):
        np.testing.assert_array_equal(line.get_ydata(), measures[:, k])


def test_knowledge_figure_plots_tacit_codified_and_projects(run_file):
    path, written = run_file
    run = kio.open_run(path)
    axes = report.knowledge_figure(run).axes
    for k, practice in enumerate(sorted(synthetic.PRACTICES)):  # the practice group, in name order
        tacit, codified = axes[0].lines[2 * k], axes[0].lines[2 * k + 1]
        assert tacit.get_label() == f"{practice}: tacit" and codified.get_label() == f"{practice}: codified"
        np.testing.assert_array_equal(tacit.get_ydata(), _series(written, f"practice/{practice}/tacit_mean"))
        np.testing.assert_array_equal(codified.get_ydata(), _series(written, f"practice/{practice}/codified_mean"))
    for k, practice in enumerate(synthetic.PRACTICES):  # the series' columns, in their order
        started, reused = axes[1].lines[2 * k], axes[1].lines[2 * k + 1]
        assert started.get_label() == f"{practice}: started" and reused.get_label() == f"{practice}: reused"
        np.testing.assert_array_equal(started.get_ydata(), _series(written, "knowledge/projects_started")[:, k])
        np.testing.assert_array_equal(reused.get_ydata(), _series(written, "knowledge/projects_reused")[:, k])
def test_region_panels_are_one_per_practice_with_a_line_per_region(run_file):
    path, written = run_file
    fig = report.region_figure(kio.open_run(path))
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == list(synthetic.PRACTICES)
    for k, ax in enumerate(panels):
        assert [line.get_label() for line in ax.lines] == sorted(synthetic.REGIONS)
        for line, region in zip(ax.lines, sorted(synthetic.REGIONS)):
            np.testing.assert_array_equal(line.get_ydata(), _series(written, f"region/{region}/adopted_share")[:, k])


def test_subsidy_lines_are_committed_and_cumulative_paid(run_file):
    path, written = run_file
    ax = report.subsidy_figure(kio.open_run(path)).axes[0]
    for k, scheme in enumerate(sorted(synthetic.SCHEMES)):
        committed, paid = ax.lines[2 * k], ax.lines[2 * k + 1]
        np.testing.assert_array_equal(committed.get_ydata(), _series(written, f"scheme/{scheme}/committed_eur"))
        np.testing.assert_allclose(paid.get_ydata(), np.cumsum(_series(written, f"scheme/{scheme}/paid_eur")))
        assert paid.get_label() == f"{scheme}: paid (cumulative)"


def test_report_writes_figures_and_index_with_metadata_and_summary(one_run_file, tmp_path):
    path, written = one_run_file
    out = tmp_path / "report"
    result = run_script("report", path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for name in ("adoption", "funnel", "trust", "coalitions", "knowledge", "regions", "exchange", "measures", "subsidy"):
        assert (out / f"{name}.png").stat().st_size > 1000
    page = (out / "index.html").read_text(encoding="utf-8")
    for text in ("default", "<td>seed</td><td>3</td>", "<td>threads</td><td>4</td>",
                 "0.1.0 (v0.1.0-3-gabc1234)", "12.5 s", 'src="adoption.png"',
                 "adoption.nature_inclusive.final_share", "[run]"):
        assert text in page, text
    assert "class=\"note\"" not in page


def test_report_without_optional_groups_notes_their_absence(bare_run_file, tmp_path):
    out = tmp_path / "report"
    result = run_script("report", bare_run_file[0], "-o", out)
    assert result.returncode == 0, result.stderr
    assert not (out / "coalitions.png").exists() and not (out / "exchange.png").exists()
    assert not (out / "regions.png").exists()
    assert "No regions figure: no /series/region" in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "No coalitions figure: no /series/coalitions/active" in page
    assert "No exchange figure: no /series/exchange/share" in page
    assert "No measures figure: no /series/measures/cumulative" in page
    assert (out / "adoption.png").exists()


def test_run_with_only_the_required_groups_gives_notes_not_failures(tmp_path):
    path = tmp_path / "minimal.h5"
    with h5py.File(path, "w") as handle:
        handle.attrs["format"] = "kringloop-run"
        handle.create_dataset("time/month", data=np.arange(1, 13, dtype=np.int32))
        handle.create_group("series")
        handle.create_group("summary")
    written = report.build_report(kio.open_run(path), tmp_path, dpi=50)
    assert written == ["index.html"]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count('class="note"') == len(report.FIGURES)
