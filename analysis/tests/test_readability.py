"""Figures a programme manager can read: euros in k€/M€ with thousands separators, shares in %,
legends outside the data, policy events marked, practices without adopters named, not drawn."""
import numpy as np
import pandas as pd
import pytest

import plotting
import report
from plotting import new_figure


def tick_text(formatter_setter, low, high, value):
    fig = new_figure()
    ax = fig.add_subplot()
    ax.set_ylim(low, high)
    formatter_setter(ax)
    return ax.yaxis.get_major_formatter()(value, 0)


@pytest.mark.parametrize("high, value, text", [
    (2.5e6, 1.5e6, "1.5 M€"), (5e9, 1.2e9, "1,200 M€"), (60_000, 25_000, "25 k€"),
    (900_000, 250_000, "250 k€"), (5_000, 2_500, "2,500 €"), (2e7, 1.2e7, "12 M€")])
def test_euro_ticks_use_one_scale_with_separators(high, value, text):
    assert tick_text(plotting.euro_axis, 0, high, value) == text


def test_shares_are_percentages_and_units_follow():
    assert tick_text(plotting.share_axis, 0, 1, 0.25) == "25%"
    assert plotting.percent_unit("fraction of farms") == "% of farms"
    assert plotting.percent_unit("ha") == "ha"


class FakeRun:
    """The parts of kringloop_io.Run that policy_events and adoption_figure read."""

    def __init__(self):
        years = np.arange(1, 61) / 12
        open_ = ((years > 1) & (years <= 3)).astype(float)
        self._series = {
            "scheme/grant/open": pd.DataFrame({"year": years, "open": open_}),
            "practice/a/adopted_share": pd.DataFrame({"year": years, "adopted_share": np.linspace(0, 0.4, 60)}),
            "practice/b/adopted_share": pd.DataFrame({"year": years, "adopted_share": np.zeros(60)}),
        }
        for name, frame in self._series.items():
            frame.attrs["unit"] = "fraction of farms" if "practice" in name else "0/1"
        self.summary = pd.Series({"subsidy.grant.exhausted_year": 2.5})
        self.meta = {"scenario_text": "[government.province]\nelection_cycle_years = 2\n", "years": 5,
                     "scenario_name": "fake", "seed": 1}
        self.path = "fake.h5"

    def children(self, group):
        return sorted({k.split("/")[1] for k in self._series if k.startswith(group + "/")})

    def has_series(self, path):
        return path in self._series

    def series(self, path):
        return self._series[path]


def test_policy_events_from_series_summary_and_scenario():
    events = report.policy_events(FakeRun())
    kinds = [(year, kind) for year, kind, _ in sorted(events)]
    assert (round(13 / 12, 2), "opens") in kinds and (round(37 / 12, 2), "closes") in kinds
    assert (2.5, "exhausted") in kinds
    assert [year for year, kind in kinds if kind == "election"] == [2.0, 4.0]


def test_adoption_figure_marks_events_omits_empty_practices_and_keeps_the_legend_outside():
    fig = report.adoption_figure(FakeRun())
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "a" in labels and "b" not in labels
    assert {"scheme opens", "scheme closes", "budget exhausted", "election"} <= set(labels)
    caption = fig.texts[-1].get_text().replace("\n", " ")
    assert "no adopters in this run): b" in caption and "grant budget exhausted (year 2.5)" in caption
    legend = ax.get_legend()
    fig.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # right of the data
    assert ax.get_ylabel() == "adopted (% of farms)"
