"""compare.py: replications are pooled by scenario content, lines are means and bands the 5–95% percentiles."""

from __future__ import annotations

import numpy as np
import pytest

import compare
import synthetic
from conftest import band_of, error_segments, run_script

SHARE = "practice/nature_inclusive/adopted_share"


def _stack(written_runs, path):
    return np.stack([w["series"][path][0] for w in written_runs])


def test_runs_with_the_same_scenario_name_are_one_group(replications):
    paths, _, fast, _ = replications
    groups = compare.load_groups(paths + [fast])
    assert [(g.label, g.size) for g in groups] == [("default", 5), ("fast", 1)]


def test_labels_override_scenario_names_and_must_match_the_files(replications):
    paths, _, fast, _ = replications
    groups = compare.load_groups(paths[:2] + [fast], labels=["a", "b", "a"])
    assert [(g.label, g.size) for g in groups] == [("a", 2), ("b", 1)]
    with pytest.raises(ValueError, match="once per file"):
        compare.load_groups(paths, labels=["a"])


def test_adoption_line_is_the_mean_and_band_the_5_95_percentile(replications):
    paths, written, fast, fast_written = replications
    fig = compare.adoption_figure(compare.load_groups(paths + [fast]))
    ax = next(a for a in fig.axes if a.get_title() == "nature_inclusive")
    values = _stack(written, SHARE)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), values.mean(axis=0))
    low, high = band_of(ax.collections[0], synthetic.month_days(36) / 365)
    np.testing.assert_allclose(low, np.percentile(values, 5, axis=0))
    np.testing.assert_allclose(high, np.percentile(values, 95, axis=0))
    # A single run has its own line and no band.
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), fast_written["series"][SHARE][0])
    assert len(ax.collections) == 1


def test_trust_and_subsidy_panels(replications):
    paths, written, _, _ = replications
    groups = compare.load_groups(paths)
    trust = compare.trust_figure(groups)
    ax = next(a for a in trust.axes if a.get_title() == "province")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), _stack(written, "trust/province/mean").mean(axis=0))
    subsidy = compare.subsidy_figure(groups)
    ax = next(a for a in subsidy.axes if a.get_title() == "investment")
    paid = np.cumsum(_stack(written, "scheme/investment/paid_eur"), axis=1)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), paid.mean(axis=0))
    low, high = band_of(ax.collections[0], synthetic.month_days(36) / 365)
    np.testing.assert_allclose(high, np.percentile(paid, 95, axis=0))


def test_funnel_bars_are_final_month_means_with_percentile_whiskers(replications):
    paths, written, fast, _ = replications
    fig = compare.funnel_figure(compare.load_groups(paths + [fast]))
    ax = next(a for a in fig.axes if a.get_title() == "land_exchange")
    final = _stack(written, "practice/land_exchange/funnel")[:, -1, :]
    heights = [patch.get_height() for patch in ax.containers[0].patches]
    np.testing.assert_allclose(heights, final.mean(axis=0))
    low, high = error_segments(ax.containers[1])
    np.testing.assert_allclose(low[:, 1], np.percentile(final, 5, axis=0))
    np.testing.assert_allclose(high[:, 1], np.percentile(final, 95, axis=0))


def test_a_sweep_is_one_group_of_its_finished_runs_or_one_per_point(sweep_file):
    path, written = sweep_file
    (group,) = compare.load_groups([path])
    assert group.label == "lead_time" and group.size == 29
    ax = next(a for a in compare.adoption_figure([group]).axes if a.get_title() == "nature_inclusive")
    done = written["series"][SHARE][0][written["done"]]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), done.mean(axis=0))
    low, high = band_of(ax.collections[0], synthetic.month_days(24) / 365)
    np.testing.assert_allclose(low, np.percentile(done, 5, axis=0))

    per_point = compare.load_groups([path], per_point=True)
    assert [g.size for g in per_point] == [5, 5, 5, 5, 5, 4]
    assert per_point[0].label == "lead_time: lead_time_days=0, liberalised_share=0.1"


def test_cli_writes_figures_and_names_each_group_by_content(replications, tmp_path):
    paths, _, fast, _ = replications
    out = tmp_path / "compare"
    result = run_script("compare", *paths, fast, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for name in ("adoption", "trust", "subsidy", "funnel"):
        assert (out / f"{name}.png").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    content = compare.scenario_hash(compare.parse_scenario(synthetic.SCENARIO_TEXT.format(
        name="default", years=3, seed=1)))
    assert f"default: 5 runs (seed 1, 2, 3, 4, 5; scenario {content})" in page


def test_cli_rejects_a_label_count_that_does_not_match(replications, tmp_path):
    paths, _, _, _ = replications
    result = run_script("compare", *paths[:2], "--label", "a", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "once per file" in result.stderr


def _set_scenario(path, extra):
    """Adds lines to a run file's resolved scenario, as an override on the command line would."""
    import h5py
    with h5py.File(path, "a") as handle:
        text = handle.attrs["scenario_text"]
        text = text.decode() if isinstance(text, bytes) else str(text)
        handle.attrs["scenario_text"] = text + extra


def test_runs_are_grouped_by_scenario_content_not_by_name(replications):
    paths, _, _, _ = replications
    _set_scenario(paths[3], "[scheme.nature_area_payment]\nbudget_eur = 4e7\n")
    _set_scenario(paths[4], "[scheme.nature_area_payment]\nbudget_eur = 4e7\n")
    groups = compare.load_groups(paths)
    assert [g.size for g in groups] == [3, 2]
    # Both are called "default": the legend names the key that tells them apart.
    assert groups[0].label == "default (budget_eur=(unset))"
    assert groups[1].label == "default (budget_eur=4e7)"
    assert groups[0].content != groups[1].content
    # The caption lists the override with its full key.
    assert "scheme.nature_area_payment.budget_eur = 4e7" in compare.inputs_note(groups)


def test_a_label_names_a_group_but_never_pools_different_scenarios(replications):
    paths, _, _, _ = replications
    _set_scenario(paths[1], "[network]\nq = 0.5\n")
    groups = compare.load_groups(paths[:3], labels=["x", "x", "x"])
    assert sorted(g.size for g in groups) == [1, 2]
    assert {g.label for g in groups} == {"x (q=(unset))", "x (q=0.5)"}


def test_seed_and_name_are_not_content():
    a = compare.parse_scenario("[run]\nname = a\nseed = 1\n[population]\nfarmers = 200\n")
    b = compare.parse_scenario("[run]\nname = b\nseed = 2\n[population]\nfarmers = 200\n")
    c = compare.parse_scenario("[run]\nname = a\nseed = 1\n[population]\nfarmers = 201\n")
    assert a == {"run.name": "a", "run.seed": "1", "population.farmers": "200"}
    assert compare.scenario_hash(a) == compare.scenario_hash(b) != compare.scenario_hash(c)
