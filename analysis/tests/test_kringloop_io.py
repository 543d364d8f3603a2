"""kringloop_io reads exactly what the contract says, and explains every file it cannot read."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

import kringloop_io as kio
import synthetic


def test_run_meta_summary_and_series_match_the_file(run_file):
    path, written = run_file
    run = kio.open_run(path)
    assert run.meta["scenario_name"] == "default"
    assert run.meta["seed"] == 3 and run.meta["threads"] == 4
    assert run.meta["scenario_text"].startswith("[run]")
    assert run.summary.to_dict() == pytest.approx(written["summary"])
    assert set(run.list_series()) == set(written["series"])
    assert run.children("practice") == sorted(synthetic.PRACTICES)

    funnel = run.series("practice/nature_inclusive/funnel")
    values, unit, _, columns = written["series"]["practice/nature_inclusive/funnel"]
    assert list(funnel.columns) == ["year"] + list(columns)
    np.testing.assert_array_equal(funnel[list(columns)].to_numpy(), values)
    assert funnel.attrs["unit"] == unit == "farmers"
    assert funnel.index.name == "month" and funnel.index[0] == 1

    share = run.series("practice/nature_inclusive/adopted_share")
    np.testing.assert_array_equal(share["adopted_share"], written["series"][
        "practice/nature_inclusive/adopted_share"][0])


def test_year_is_the_end_of_each_month_on_a_365_day_calendar(run_file):
    run = kio.open_run(run_file[0])
    year = run.series("exchange/share")["year"]
    assert year.iloc[0] == pytest.approx(31 / 365)
    assert year.iloc[11] == pytest.approx(1.0)
    assert year.iloc[-1] == pytest.approx(3.0)


def test_sweep_design_runs_and_stacked_series(sweep_file):
    path, written = sweep_file
    sweep = kio.open_sweep(path)
    assert list(sweep.design.columns) == list(synthetic.SWEEP_KEYS)
    np.testing.assert_array_equal(sweep.design.to_numpy(), written["points"])
    assert len(sweep.runs) == 30 and sweep.runs["done"].sum() == 29
    np.testing.assert_array_equal(sweep.runs["point"], written["point_of_run"])
    assert sweep.runs["command"][2] == "--seed 1002"
    assert "command" not in sweep.summary_keys and "done" not in sweep.summary_keys
    key = "adoption.nature_inclusive.final_share"
    np.testing.assert_array_equal(sweep.runs[key], [s[key] for s in written["summaries"]])

    funnel = sweep.stack("practice/nature_inclusive/funnel")       # done runs only
    expected = written["series"]["practice/nature_inclusive/funnel"][0][written["done"]]
    np.testing.assert_array_equal(funnel.values, expected)
    assert funnel.columns == list(synthetic.FUNNEL)
    assert funnel.column("adopted").shape == (29, 24)
    one_point = sweep.series("practice/nature_inclusive/adopted_share", runs=[0, 1])
    assert one_point.shape == (2, 24)

    table = sweep.runs_with_design()
    assert len(table) == 29
    assert (table["scheme.investment.lead_time_days"] == written["points"][table["point"], 0]).all()


def test_sensitivity_tables(sweep_file):
    path, written = sweep_file
    sweep = kio.open_sweep(path)
    assert sweep.list_sensitivity() == sorted(written["sensitivity"])
    for metric, (method, names, values) in written["sensitivity"].items():
        frame = sweep.sensitivity(metric)
        assert frame.attrs["method"] == method
        assert list(frame.index) == names
        for column, expected in values.items():
            np.testing.assert_array_equal(frame[column], expected)
    assert sweep.sensitivity("adoption.nature_inclusive.final_share").attrs["confidence"] == 0.95


def test_open_any_tells_runs_from_sweeps(run_file, sweep_file):
    assert isinstance(kio.open_any(run_file[0]), kio.Run)
    assert isinstance(kio.open_any(sweep_file[0]), kio.Sweep)


@pytest.mark.parametrize("kind, problem", [("missing", "no such file"),
                                           ("random bytes", "not an HDF5 file"),
                                           ("truncated", "truncated HDF5 file")])
def test_unreadable_files_raise_one_line_naming_file_and_problem(broken_files, kind, problem):
    path = broken_files[kind]
    with pytest.raises(kio.KringloopFileError) as caught:
        kio.open_run(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message
    assert not isinstance(caught.value, kio.MissingGroupError)


def test_wrong_format_says_which_kind_of_file_it_is(run_file, sweep_file):
    with pytest.raises(kio.KringloopFileError, match="format is 'kringloop-sweep'.*expected 'kringloop-run'"):
        kio.open_run(sweep_file[0])
    with pytest.raises(kio.KringloopFileError, match="format is 'kringloop-run'"):
        kio.open_sweep(run_file[0])


def test_foreign_hdf5_file_and_newer_version_are_rejected(tmp_path):
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as handle:
        handle["x"] = [1, 2]
    with pytest.raises(kio.KringloopFileError, match="without a 'format' attribute"):
        kio.open_run(foreign)
    newer = tmp_path / "newer.h5"
    synthetic.write_run(newer)
    with h5py.File(newer, "a") as handle:
        handle.attrs["format_version"] = np.int32(2)
    with pytest.raises(kio.KringloopFileError, match="format_version 2 is newer"):
        kio.open_run(newer)


@pytest.mark.parametrize("group", ["time", "series", "summary"])
def test_missing_required_group_is_a_file_error(tmp_path, group):
    path = tmp_path / "partial.h5"
    synthetic.write_run(path)
    with h5py.File(path, "a") as handle:
        del handle[group]
    with pytest.raises(kio.KringloopFileError) as caught:
        kio.open_run(path)
    assert f"missing required group /{group}" in str(caught.value)
    assert not isinstance(caught.value, kio.MissingGroupError)


def test_missing_optional_group_names_group_and_producer(bare_run_file):
    run = kio.open_run(bare_run_file[0])
    assert not run.has_group("coalitions")
    with pytest.raises(kio.MissingGroupError) as caught:
        run.series("coalitions/active")
    assert caught.value.group == "/series/coalitions/active"
    assert "coalition model" in str(caught.value)
    with pytest.raises(kio.MissingGroupError, match="land-exchange model"):
        run.series("exchange/share")
    with pytest.raises(kio.MissingGroupError, match="measure.enabled"):
        run.series("measures/cumulative")


def test_missing_sensitivity_lists_what_is_there(tmp_path):
    path = tmp_path / "sweep.h5"
    synthetic.write_sweep(path, sensitivity=("sobol",))
    sweep = kio.open_sweep(path)
    with pytest.raises(kio.MissingGroupError) as caught:
        sweep.sensitivity("dropouts.nature_inclusive")
    assert "kringloop sensitivity" in str(caught.value)
    assert "adoption.nature_inclusive.final_share" in str(caught.value)


def test_sweep_without_stacked_series(tmp_path):
    path = tmp_path / "sweep.h5"
    synthetic.write_sweep(path, series=False)
    sweep = kio.open_sweep(path)
    assert sweep.list_series() == []
    with pytest.raises(kio.MissingGroupError, match="kringloop sweep"):
        sweep.stack("practice/nature_inclusive/adopted_share")
