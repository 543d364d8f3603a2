#!/usr/bin/python3
"""Response of a summary metric to varied keys: `sweep.py SWEEP.h5 --x KEY [--y METRIC] -o DIR`.

With one `--x`, a response curve: the metric's mean over the finished runs at each value of the
key, with a 90% band (5th–95th percentile) and the single runs as dots. With two `--x`, a heat
map of the mean over the two keys. Runs that differ in other varied keys are pooled, and the
caption says so. The default metric is the first `adoption.*.final_share` key that varies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import cli
import htmlpage
import kringloop_io as kio
from plotting import (colors, finish, key_label, legend_outside, new_figure, percentile_band, save,
                      share_axis, sweep_caption)

MAX_HEATMAP_LEVELS = 25     # more distinct values than this on an axis are binned
HEATMAP_BINS = 10
ANNOTATE_CELLS = 150        # write the mean into each cell of grids up to this size


def default_metric(sweep):
    """The first `adoption.*.final_share` key that varies over the finished runs.

    A practice nobody adopts (all zeros) makes a flat, uninformative curve, so keys that vary are
    preferred; if none varies, the first final share (or the first key at all) is used.
    """
    keys = sweep.summary_keys
    shares = [k for k in keys if k.startswith("adoption.") and k.endswith(".final_share")]
    if not (shares or keys):
        raise kio.MissingGroupError(sweep.path, "/runs/summary")
    runs = sweep.runs[sweep.runs["done"]]
    varying = [k for k in shares if runs[k].nunique(dropna=True) > 1]
    return (varying or shares or keys)[0]


def _check_names(sweep, keys, metric):
    for key in keys:
        if key not in sweep.design.columns:
            raise kio.KringloopFileError(sweep.path, f"'{key}' is not a varied key of this sweep"
                                                     f"{kio.nearest_hint(key, sweep.design.columns)} "
                                                     f"(varied: {', '.join(sweep.design.columns) or 'none'})")
    if metric not in sweep.summary_keys:
        raise kio.KringloopFileError(sweep.path, f"no summary key '{metric}'"
                                                 f"{kio.nearest_hint(metric, sweep.summary_keys)} (keys: "
                                                 f"{', '.join(sweep.summary_keys)})")


def _label_categorical_axis(ax, sweep, key, axis="x"):
    """A categorical key's axis shows its levels (words, scenario files), not their indices."""
    if key in sweep.labels:
        levels = sweep.labels[key]
        (ax.set_xticks if axis == "x" else ax.set_yticks)(range(len(levels)), levels)


def _finished(sweep):
    table = sweep.runs_with_design()
    if table.empty:
        raise kio.KringloopFileError(sweep.path, "sweep has no finished runs (all done = 0)")
    return table


def _pooled_note(sweep, keys):
    others = [k for k in sweep.design.columns if k not in keys and sweep.design[k].nunique() > 1]
    return f" Pooled over the other varied keys ({', '.join(others)})." if others else ""


def response_table(sweep, key, metric):
    """Per value of `key`: number of runs, mean, 5th and 95th percentile of `metric`."""
    table = _finished(sweep)
    rows = []
    for value, values in table.groupby(key)[metric]:
        low, high = percentile_band(values.to_numpy())
        rows.append({key: value, "runs": len(values), "mean": values.mean(), "p5": low, "p95": high})
    return pd.DataFrame(rows).set_index(key)


def response_figure(sweep, key, metric):
    """Mean of `metric` against `key` (first line), its 90% band, and the single runs (dots)."""
    _check_names(sweep, [key], metric)
    stats = response_table(sweep, key, metric)
    table = _finished(sweep)
    fig = new_figure()
    ax = fig.add_subplot()
    color = colors(1)[0]
    ax.plot(stats.index, stats["mean"], marker="o", color=color, label="mean over runs")
    ax.plot(table[key], table[metric], linestyle="none", marker=".", color="#555555", alpha=0.4,
            label="single runs")
    if (stats["runs"] >= 2).any():
        ax.fill_between(stats.index, stats["p5"], stats["p95"], color=color, alpha=0.2,
                        linewidth=0, label="5th–95th percentile")
    _label_categorical_axis(ax, sweep, key)
    ax.set_xlabel(key_label(key))
    ax.set_ylabel(key_label(metric).replace("fraction", "%"))
    if metric.endswith("share"):
        share_axis(ax)
    legend_outside(ax, fontsize="small")
    ax.grid(alpha=0.3)
    return finish(fig, f"{metric} against {key}", sweep_caption(sweep) + _pooled_note(sweep, [key]))


def _levels(values, names=None):
    """Heat-map levels of one key: its distinct values, or equal-width bins when there are many.

    Returns the level of each run, every level in order, and a tick label per level (`names`:
    a categorical key's labels, indexed by level).
    """
    if names is not None:
        levels = list(range(len(names)))
        return values, levels, list(names)
    if values.nunique() <= MAX_HEATMAP_LEVELS:
        levels = sorted(values.unique())
        return values, levels, [f"{v:g}" for v in levels]
    bins = pd.cut(values, HEATMAP_BINS)
    return bins.cat.codes, list(range(HEATMAP_BINS)), [f"{b.mid:.3g}" for b in bins.cat.categories]


def heatmap_table(sweep, key_x, key_y, metric):
    """Mean of `metric` over the runs in each (key_y, key_x) cell; NaN where no run fell."""
    table = _finished(sweep)
    x, x_levels, x_labels = _levels(table[key_x], sweep.labels.get(key_x))
    y, y_levels, y_labels = _levels(table[key_y], sweep.labels.get(key_y))
    grid = table.assign(_x=x, _y=y).groupby(["_y", "_x"])[metric].mean().unstack("_x")
    grid = grid.reindex(index=y_levels, columns=x_levels)
    return grid.to_numpy(), x_labels, y_labels


def heatmap_figure(sweep, key_x, key_y, metric):
    """Heat map of the mean of `metric` over two varied keys (cells: distinct values or bins)."""
    _check_names(sweep, [key_x, key_y], metric)
    means, x_labels, y_labels = heatmap_table(sweep, key_x, key_y, metric)
    fig = new_figure(8, 6)
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(means), origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(np.arange(len(x_labels)), x_labels, rotation=45 if len(x_labels) > 8 else 0)
    ax.set_yticks(np.arange(len(y_labels)), y_labels)
    ax.set_xlabel(key_label(key_x))
    ax.set_ylabel(key_label(key_y))
    if means.size <= ANNOTATE_CELLS:
        threshold = np.nanmean(means)
        for (row, column), value in np.ndenumerate(means):
            if np.isfinite(value):
                ax.text(column, row, f"{value:.3g}", ha="center", va="center", fontsize=8,
                        color="white" if value < threshold else "black")
    fig.colorbar(image, ax=ax, label="mean " + key_label(metric))
    uneven = [key for key in (key_x, key_y) if _uneven(_finished(sweep)[key], sweep.labels.get(key))]
    spacing = (" Levels of " + " and ".join(uneven) + " are unevenly spaced values, drawn as equal "
               "cells (categories) and labelled with their values.") if uneven else ""
    return finish(fig, f"Mean {metric}", sweep_caption(sweep) + " Cells: mean over runs; blank: "
                  "no runs." + spacing + _pooled_note(sweep, [key_x, key_y]))


def _uneven(values, names=None):
    """True when a numeric key's distinct levels are not equally spaced (e.g. 0, 90, 180, 365, 730)."""
    if names is not None or values.nunique() > MAX_HEATMAP_LEVELS or values.nunique() < 3:
        return False
    steps = np.diff(sorted(values.unique()))
    return not np.allclose(steps, steps[0], rtol=1e-6)


def main(argv):
    parser = cli.parser(__doc__.splitlines()[0], epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("sweep", metavar="SWEEP.h5", help="a sweep file written by `kringloop sweep`")
    parser.add_argument("--x", action="append", required=True, metavar="KEY",
                        help="varied key on the x axis; give it twice for a heat map")
    parser.add_argument("--y", metavar="METRIC", help="summary key to plot (default: the first "
                                                       "adoption.*.final_share)")
    args = parser.parse_args(argv)
    if len(args.x) > 2:
        parser.error("--x can be given once (response curve) or twice (heat map)")
    sweep = kio.open_sweep(args.sweep)
    metric = args.y or default_metric(sweep)
    sections = [("heading", "Sweep"), ("table", htmlpage.table([("file", sweep.path),
                                                                ("design", sweep.meta.get("design", "?")),
                                                                ("runs", len(sweep.runs))])),
                ("heading", "Design points"), ("table", htmlpage.frame_table(sweep.design_labels()))]
    if len(args.x) == 1:
        fig = response_figure(sweep, args.x[0], metric)
        name = "response"
        details = htmlpage.frame_table(response_table(sweep, args.x[0], metric))
    else:
        fig = heatmap_figure(sweep, args.x[0], args.x[1], metric)
        name = "heatmap"
        details = None
    directory = cli.output_folder(args.output)
    sections.insert(0, ("figure", (save(fig, directory, name, args.dpi), sweep_caption(sweep))))
    if details:
        sections += [("heading", f"{metric} per value of {args.x[0]}"), ("table", details)]
    htmlpage.write_index(directory, f"Kringloop sweep: {metric}", sections)
    return cli.EXIT_OK


if __name__ == "__main__":
    cli.run(main)
