#!/usr/bin/python3
"""Compare scenarios side by side: `compare.py A.h5 B.h5 ... -o DIR`.

Inputs are run files and sweep files. Run files whose resolved scenarios agree in every key but
run.seed and run.name are replications of one scenario and are pooled: the figures show their
mean and a 90% band (5th–95th percentile over the runs). Runs are grouped by this content, never
by name: two runs called "default" of which one has an override are two groups, and the legend
names the keys in which they differ. `--label` only names groups. A sweep file is one group of
all its finished runs, or with `--per-point` one group per design point.
"""

from __future__ import annotations

import hashlib
import os

import numpy as np
import pandas as pd

import cli
import htmlpage
import kringloop_io as kio
from plotting import (BAND_PERCENTILES, TIME_LABEL, band_note, colors, euro_axis, finish, label,
                      legend_outside, percent_unit, share_axis,
                      new_figure, percentile_band, plot_mean_band, save)


class RunGroup:
    """Replications of one scenario: run files whose resolved scenarios agree but for the seed."""

    def __init__(self, label, scenario=None):
        self.label = label
        self.scenario = scenario or {}
        self.content = scenario_hash(self.scenario)
        self.differs = {}   # keys in which this group differs from the other groups: key -> value
        self.runs = []

    @property
    def size(self):
        return len(self.runs)

    def describe(self):
        seeds = [run.meta.get("seed", "?") for run in self.runs]
        shown = ", ".join(map(str, seeds)) if len(seeds) <= 6 else \
            f"{', '.join(map(str, seeds[:3]))}, …, {seeds[-1]}"
        text = f"{self.label}: {self.size} run{'s' if self.size > 1 else ''} (seed {shown}; " \
               f"scenario {self.content}"
        if self.differs:
            text += "; " + ", ".join(f"{key} = {value}" for key, value in self.differs.items())
        return text + ")"

    def children(self, group):
        """Members of series/`group` that every run in the group has."""
        names = None
        for run in self.runs:
            found = set(run.children(group)) if run.has_group(group) else set()
            names = found if names is None else names & found
        return sorted(names or ())

    def has(self, path):
        return all(run.has_series(path) for run in self.runs)

    def stack(self, path):
        """The series over all runs of the group; the runs must have the same number of months."""
        stacks = [run.stack(path) for run in self.runs]
        for run, stack in zip(self.runs, stacks):
            if stack.values.shape[1:] != stacks[0].values.shape[1:]:
                raise kio.KringloopFileError(
                    run.path, f"{path} has shape {stack.values.shape[1:]}, but {self.runs[0].path} "
                    f"(same label '{self.label}') has {stacks[0].values.shape[1:]}")
        first = stacks[0]
        return kio.SeriesStack(first.path, np.concatenate([s.values for s in stacks]), first.month,
                               first.year, first.unit, first.description, first.columns)

    def summaries(self):
        return [run.summary for run in self.runs]


# Keys that do not change what a run computes beyond its random draws: replications differ in
# them and are still one scenario.
NOT_CONTENT = ("run.seed", "run.name")


parse_scenario = kio.parse_scenario  # kept here: older notebooks import it from compare


def scenario_hash(scenario):
    """A short hash of a scenario's content: every key but run.seed and run.name."""
    content = "\n".join(f"{k}={v}" for k, v in sorted(scenario.items()) if k not in NOT_CONTENT)
    return hashlib.sha256(content.encode()).hexdigest()[:8]


def _differences(groups):
    """Per group, the keys (of content) in which the run groups do not all agree."""
    run_groups = [g for g in groups if isinstance(g, RunGroup)]
    keys = set().union(*(g.scenario.keys() for g in run_groups)) - set(NOT_CONTENT) \
        if run_groups else set()
    varying = sorted(k for k in keys if len({g.scenario.get(k) for g in run_groups}) > 1)
    for g in run_groups:
        g.differs = {k: g.scenario.get(k, "(unset)") for k in varying}


def _name_apart(groups, shown=3):
    """Groups that share a label get the keys in which they differ appended to it."""
    by_label = {}
    for g in groups:
        by_label.setdefault(g.label, []).append(g)
    for label, same in by_label.items():
        run_groups = [g for g in same if isinstance(g, RunGroup)]
        if len(run_groups) < 2:
            continue
        keys = sorted(k for k in set().union(*(g.scenario.keys() for g in run_groups)) - set(NOT_CONTENT)
                      if len({g.scenario.get(k) for g in run_groups}) > 1)
        for g in run_groups:
            parts = [f"{k.rsplit('.', 1)[-1]}={g.scenario.get(k, '(unset)')}" for k in keys[:shown]]
            if len(keys) > shown:
                parts.append("…")
            g.label = f"{label} ({', '.join(parts)})"


class SweepGroup:
    """Finished runs of a sweep (all of them, or those of one design point)."""

    def __init__(self, label, sweep, runs):
        self.label = label
        self.sweep = sweep
        self.run_indices = list(runs)

    @property
    def size(self):
        return len(self.run_indices)

    def describe(self):
        return f"{self.label}: {self.size} runs of sweep {os.path.basename(self.sweep.path)}"

    def children(self, group):
        return self.sweep.children(group) if self.sweep.has_group(group) else []

    def has(self, path):
        return self.sweep.has_series(path)

    def stack(self, path):
        return self.sweep.stack(path, self.run_indices)

    def summaries(self):
        keys = self.sweep.summary_keys
        return [row for _, row in self.sweep.runs.loc[self.run_indices, keys].iterrows()]


def _point_label(sweep, point):
    values = sweep.design_labels().loc[point]
    return ", ".join(f"{key.rsplit('.', 1)[-1]}={value:g}" if isinstance(value, float) else
                     f"{key.rsplit('.', 1)[-1]}={value}" for key, value in values.items()) \
        or f"point {point}"


def load_groups(paths, labels=None, per_point=False):
    """Open the inputs and group them: run files by the content of their resolved scenario."""
    if labels and len(labels) != len(paths):
        raise ValueError(f"--label given {len(labels)} times for {len(paths)} files; give it once "
                         "per file or not at all")
    groups = {}
    for index, path in enumerate(paths):
        source = kio.open_any(path)
        name = labels[index] if labels else source.label
        if isinstance(source, kio.Sweep):
            done = source.runs.index[source.runs["done"]]
            if not len(done):
                raise kio.KringloopFileError(path, "sweep has no finished runs (all done = 0)")
            parts = [(name, done)] if not per_point else [
                (f"{name}: {_point_label(source, point)}", done[source.runs.loc[done, "point"] == point])
                for point in sorted(source.runs.loc[done, "point"].unique())]
            for part_label, runs in parts:
                key = ("sweep", os.path.abspath(path), part_label)
                groups[key] = SweepGroup(part_label, source, runs)
            continue
        scenario = parse_scenario(source.meta.get("scenario_text"))
        content = scenario_hash(scenario)
        group = groups.setdefault(("runs", name, content), RunGroup(name, scenario))
        group.runs.append(source)
    result = list(groups.values())
    _differences(result)
    _name_apart(result)
    seen = set()
    for g in result:       # a sweep part and another group may still share a label
        while g.label in seen:
            g.label += " (2)"
        seen.add(g.label)
    return result


def inputs_note(groups):
    """Which groups were compared and how many runs each."""
    return "Compared: " + "; ".join(g.describe() for g in groups) + "."


def compare_caption(groups, reading=None):
    """The inputs and how to read the marks (default: lines and bands)."""
    return inputs_note(groups) + " " + (reading or band_note([g.size for g in groups]))


def _members(groups, group):
    return sorted(set().union(*(g.children(group) for g in groups)))


def _panel_grid(fig, count):
    columns = 1 if count == 1 else 2
    return [fig.add_subplot((count + columns - 1) // columns, columns, k + 1) for k in range(count)]


def _time_panels(groups, group, leaf, title, ylabel, transform=None, limits=None, share=False,
                 omit_empty=False):
    """One panel per member of `group` (e.g. per practice), each group a mean line and band.

    `limits` fixes the y range (trust: 0–1, so small differences are not blown up), `share` shows
    a fraction as %, and `omit_empty` leaves out members that are zero in every run (named in
    the caption)."""
    members = [m for m in _members(groups, group)
               if any(g.has(f"{group}/{m}/{leaf}") for g in groups)]
    empty = []
    if omit_empty:
        empty = [m for m in members
                 if not any(np.nan_to_num(g.stack(f"{group}/{m}/{leaf}").values).any()
                            for g in groups if g.has(f"{group}/{m}/{leaf}"))]
        members = [m for m in members if m not in empty]
    if not members:
        return None
    fig = new_figure(11, 1.5 + 3.0 * ((len(members) + 1) // 2))
    palette = colors(len(groups))
    for ax, member in zip(_panel_grid(fig, len(members)), members):
        unit = ""
        for g, color in zip(groups, palette):
            if not g.has(f"{group}/{member}/{leaf}"):
                continue
            stack = g.stack(f"{group}/{member}/{leaf}")
            values = transform(stack.values) if transform else stack.values
            plot_mean_band(ax, stack.year, values, color, g.label)
            unit = stack.unit
        ax.set_title(member, fontsize=10)
        ax.set_xlabel(TIME_LABEL)
        ax.set_ylabel(label(ylabel, percent_unit(unit) if share else unit))
        if limits is not None:
            ax.set_ylim(*limits)
        if share:
            share_axis(ax)
        ax.grid(alpha=0.3)
    legend_outside(fig.axes[min(1, len(fig.axes) - 1)], title="scenario", fontsize="small")
    note = (" Not shown (zero in every run): " + ", ".join(empty) + ".") if empty else ""
    return finish(fig, title, compare_caption(groups) + note)


def adoption_figure(groups):
    """Share of farmers that adopted, one panel per practice, one line (and band) per group."""
    return _time_panels(groups, "practice", "adopted_share", "Adoption per practice", "adopted",
                        share=True, omit_empty=True)


def trust_figure(groups):
    """Mean trust per institution, one panel per institution, on the full 0–1 scale."""
    return _time_panels(groups, "trust", "mean", "Trust per institution", "mean trust", limits=(0, 1))


def subsidy_figure(groups):
    """Money paid so far (cumulative sum of monthly payments), one panel per scheme."""
    fig = _time_panels(groups, "scheme", "paid_eur", "Subsidy paid per scheme (cumulative)",
                       "paid so far", transform=lambda values: np.cumsum(values, axis=1),
                       omit_empty=True)
    if fig is not None:
        for ax in fig.axes:
            euro_axis(ax)
            ax.set_ylabel("paid so far (€)")
    return fig


def funnel_figure(groups):
    """Final-month funnel per practice: bars per stage and group, whiskers for the 90% band."""
    practices = [p for p in _members(groups, "practice")
                 if any(g.has(f"practice/{p}/funnel") for g in groups)]
    if not practices:
        return None
    fig = new_figure(10, 1.5 + 3.0 * ((len(practices) + 1) // 2))
    palette = colors(len(groups))
    width = 0.8 / len(groups)
    for ax, practice in zip(_panel_grid(fig, len(practices)), practices):
        stages, unit = [], ""
        for k, (g, color) in enumerate(zip(groups, palette)):
            if not g.has(f"practice/{practice}/funnel"):
                continue
            stack = g.stack(f"practice/{practice}/funnel")
            final = stack.values[:, -1, :]
            stages, unit = stack.columns, stack.unit
            x = np.arange(len(stages)) + (k - (len(groups) - 1) / 2) * width
            mean = final.mean(axis=0)
            ax.bar(x, mean, width, color=color, label=g.label)
            if final.shape[0] >= 2:
                low, high = percentile_band(final)
                ax.errorbar(x, mean, yerr=[mean - low, high - mean], fmt="none", ecolor="black",
                            capsize=2, linewidth=1)
        ax.set_xticks(np.arange(len(stages)), stages, fontsize="small")
        ax.set_title(practice, fontsize=10)
        ax.set_ylabel(label("ever reached", unit))
    legend_outside(fig.axes[min(1, len(fig.axes) - 1)], title="scenario", fontsize="small")
    return finish(fig, "Participation funnel in the final month",
                  compare_caption(groups, f"Bars: mean over runs; whiskers: {BAND_PERCENTILES[0]}th–"
                                          f"{BAND_PERCENTILES[1]}th percentile over runs."))


FIGURES = (
    ("adoption", adoption_figure, "Share of farmers that adopted each practice (line: mean over "
                                  "runs; band: 90%)."),
    ("trust", trust_figure, "Mean trust of farmers in each institution (line: mean over runs; "
                            "band: 90%)."),
    ("subsidy", subsidy_figure, "Subsidy paid out so far per scheme (line: mean over runs; band: "
                                "90%)."),
    ("funnel", funnel_figure, "Farmers that ever reached each stage, in the final month (bars: "
                              "mean over runs; whiskers: 90% band)."),
)


def summary_table(groups):
    """Rows: summary keys; cells: mean over the group's runs, with the 90% band when n ≥ 2."""
    frames = [pd.DataFrame(g.summaries()) for g in groups]
    rows = []
    for key in sorted(set().union(*(frame.columns for frame in frames))):
        row = [key]
        for frame in frames:
            column = frame[key].dropna().to_numpy() if key in frame else np.array([])
            cell = f"{column.mean():.4g}" if len(column) else "–"
            if len(column) >= 2:
                low, high = percentile_band(column)
                cell += f" [{low:.4g}, {high:.4g}]"
            row.append(cell)
        rows.append(row)
    return htmlpage.table(rows, ["key"] + [g.label for g in groups])


def main(argv):
    parser = cli.parser(__doc__.splitlines()[0], epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("files", metavar="FILE.h5", nargs="+", help="run or sweep files")
    parser.add_argument("--label", action="append", metavar="NAME",
                        help="legend label, once per file in order (files with the same label are "
                             "pooled as replications); default: the scenario name")
    parser.add_argument("--per-point", action="store_true",
                        help="split a sweep file into one group per design point")
    args = parser.parse_args(argv)
    try:
        groups = load_groups(args.files, args.label, args.per_point)
    except ValueError as error:
        parser.error(str(error))
    figures = [(name, make(groups), explanation) for name, make, explanation in FIGURES]
    directory = cli.output_folder(args.output)
    sections = [("heading", "Inputs"),
                ("table", htmlpage.table([(g.label, g.size, g.describe()) for g in groups],
                                         ("label", "runs", "source")))]
    for name, fig, explanation in figures:
        if fig is None:
            sections.append(("note", f"No {name} figure: none of the inputs has these series."))
            continue
        sections.append(("figure", (save(fig, directory, name, args.dpi),
                                    f"{explanation} {inputs_note(groups)}")))
    sections += [("heading", "Summary (mean [5th, 95th percentile] over runs)"),
                 ("table", summary_table(groups))]
    htmlpage.write_index(directory, "Kringloop comparison: " + ", ".join(g.label for g in groups),
                         sections)
    return cli.EXIT_OK


if __name__ == "__main__":
    cli.run(main)
