#!/usr/bin/python3
"""Sensitivity indices from `kringloop sensitivity`: `sensitivity.py SWEEP.h5 -o DIR [--metric M]`.

Sobol results become bar charts of first-order (S1) and total (ST) indices with their bootstrap
confidence intervals as error bars; Morris results become bars of mu* (mean absolute elementary
effect) and a mu* against sigma scatter, where keys far right matter and keys high up interact
or act non-linearly. Without `--metric`, every metric in the file gets a figure.
"""

from __future__ import annotations

import re

import numpy as np

import cli
import htmlpage
import kringloop_io as kio
from plotting import colors, finish, label, new_figure, save, sweep_caption, unit_of_key


def noise_note(frame):
    """How much of the metric's variance is run-to-run noise, as `kringloop sensitivity` measured it."""
    share = frame.attrs.get("noise_share")
    if share is None:
        return ""
    if not np.isfinite(share):
        return " Run-to-run noise not measured (one run per design point)."
    low, high = frame.attrs.get("noise_share_low", np.nan), frame.attrs.get("noise_share_high", np.nan)
    replications = int(frame.attrs.get("replications", 1))
    text = (f" Run-to-run noise: {share:.0%} [{low:.0%}, {high:.0%}] of a single run's variance; "
            f"indices of the mean over {replications} replications")
    if share >= 0.5:
        text += " (noise dominates single runs)"
    return text + "."


def sobol_figure(sweep, metric):
    """Horizontal bars of S1 and ST per varied key (largest ST on top), error bars = CI."""
    frame = sweep.sensitivity(metric).sort_values("ST", ascending=False)
    if not np.isfinite(frame[["S1", "ST"]].to_numpy()).any():
        raise kio.KringloopFileError(sweep.path, f"/sensitivity/{metric}: every index is NaN (a metric "
                                                 "that does not vary); nothing to plot")
    fig = new_figure(8, max(3.5, 1.8 + 0.45 * len(frame)))
    ax = fig.add_subplot()
    y = np.arange(len(frame))
    height = 0.38
    for offset, (index, name), color in zip((-height / 2, height / 2),
                                             (("S1", "first order (S1)"), ("ST", "total (ST)")),
                                             colors(2)):
        centre = frame[index].to_numpy()
        error = [centre - frame[f"{index}_low"].to_numpy(), frame[f"{index}_high"].to_numpy() - centre]
        ax.barh(y + offset, centre, height, xerr=error, color=color, label=name,
                error_kw={"ecolor": "black", "capsize": 2, "linewidth": 1})
    ax.set_yticks(y, frame.index)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Sobol index (share of the metric's variance)")
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    confidence = frame.attrs.get("confidence")
    interval = f"{confidence:.0%} bootstrap confidence interval" if confidence else \
        "bootstrap confidence interval"
    return finish(fig, f"Sobol indices of {metric}",
                  sweep_caption(sweep) + f" Error bars: {interval}." + noise_note(frame))


def morris_figure(sweep, metric):
    """Bars of mu* per varied key, and mu* against sigma with each point named."""
    frame = sweep.sensitivity(metric).sort_values("mu_star", ascending=False)
    unit = unit_of_key(metric)
    fig = new_figure(12, max(4.5, 2.2 + 0.4 * len(frame)))
    bars, scatter = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    y = np.arange(len(frame))
    bars.barh(y, frame["mu_star"], color=colors(1)[0])
    bars.set_yticks(y, frame.index)
    bars.invert_yaxis()
    bars.set_xlabel(label("mu* (mean |elementary effect|)", unit))
    bars.grid(axis="x", alpha=0.3)
    scatter.scatter(frame["mu_star"], frame["sigma"], color=colors(1)[0])
    for name, row in frame.iterrows():
        scatter.annotate(name, (row["mu_star"], row["sigma"]), fontsize=8,
                         xytext=(3, 3), textcoords="offset points")
    scatter.set_xlabel(label("mu*", unit))
    scatter.set_ylabel(label("sigma", unit))
    scatter.set_title("sigma: spread of the elementary effects", fontsize=9)
    scatter.set_xlim(0, 1.4 * max(frame["mu_star"].max(), 1e-12))   # room for the names
    scatter.set_ylim(0, 1.15 * max(frame["sigma"].max(), 1e-12))
    scatter.grid(alpha=0.3)
    return finish(fig, f"Morris screening of {metric}",
                  sweep_caption(sweep) + " Right: keys far right matter; keys high up interact "
                  "with others or act non-linearly." + noise_note(frame))


FIGURE_OF = {"sobol": sobol_figure, "morris": morris_figure}


def figure(sweep, metric):
    """The figure that suits the method of `metric`'s results."""
    return FIGURE_OF[sweep.sensitivity(metric).attrs["method"]](sweep, metric)


def file_name(method, metric):
    """A safe PNG base name, e.g. 'sobol_adoption.nature_inclusive.final_share'."""
    return f"{method}_" + re.sub(r"[^A-Za-z0-9._-]", "_", metric)


def main(argv):
    parser = cli.parser(__doc__.splitlines()[0], epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("sweep", metavar="SWEEP.h5",
                        help="a sweep file with results of `kringloop sensitivity`")
    parser.add_argument("--metric", metavar="M", help="summary key whose indices to plot "
                                                      "(default: every one in the file)")
    args = parser.parse_args(argv)
    sweep = kio.open_sweep(args.sweep)
    metrics = [args.metric] if args.metric else sweep.list_sensitivity()
    if not metrics:
        raise kio.MissingGroupError(sweep.path, "/sensitivity")
    figures = [(metric, figure(sweep, metric)) for metric in metrics]
    directory = cli.output_folder(args.output)
    sections = []
    for metric, fig in figures:
        frame = sweep.sensitivity(metric)
        sections += [("heading", f"{metric} ({frame.attrs['method']})"),
                     ("figure", (save(fig, directory, file_name(frame.attrs["method"], metric),
                                      args.dpi),
                                 sweep_caption(sweep))),
                     ("table", htmlpage.frame_table(frame))]
    htmlpage.write_index(directory, f"Kringloop sensitivity: {sweep.label}", sections)
    return cli.EXIT_OK


if __name__ == "__main__":
    cli.run(main)
