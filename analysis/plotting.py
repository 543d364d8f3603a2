"""Plotting conventions shared by every script: labels with units, captions, bands, saving.

A newcomer should be able to read any figure on its own, so each one has a title, axis labels
with units taken from the data, a legend, and a caption saying where the data came from
(scenario and seed, or the sweep design and number of runs). Keeping these rules here means
the scripts cannot drift apart.

Figures are built with `matplotlib.figure.Figure` directly (not pyplot): no global state, no
GUI backend, nothing to close, and tests can inspect the returned Figure.
"""

from __future__ import annotations

import os
import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, PercentFormatter

TIME_LABEL = "time (years since start)"
BAND_PERCENTILES = (5, 95)          # the 90% band of every replication plot
DEFAULT_DPI = 100

# Units of summary and design keys, which carry no `unit` attribute: taken from the key's suffix.
KEY_UNITS = (
    ("final_share", "fraction of farmers"),
    ("_share", "fraction"),
    ("t_half_years", "years"),
    ("_years", "years"),
    ("_days", "days"),
    ("eur_per_adopted_ha", "€/ha"),
    ("_eur_ha", "€/ha"),
    ("_eur", "€"),
    ("_ha", "ha"),
    ("mean_end", "trust, 0–1"),
)


def label(name, unit=""):
    """An axis label "name (unit)"; the unit is left out when the data has none."""
    unit = (unit or "").strip()
    return f"{name} ({unit})" if unit and unit not in ("-", "–") else name


def unit_of_key(key):
    """The unit of a summary or design key, from its naming convention ('' when unknown)."""
    last = key.rsplit(".", 1)[-1]
    if key.startswith("dropouts."):
        return "farmers"
    if key.startswith("adoption_by_tenure."):
        return "fraction of farmers"
    for suffix, unit in KEY_UNITS:
        if last.endswith(suffix) or key.endswith(suffix):
            return unit
    return ""


def key_label(key):
    """Axis label for a summary or design key, with its unit (on a second line when long)."""
    text = label(key, unit_of_key(key))
    unit = unit_of_key(key)
    if len(text) > 45 and unit and text.endswith(f" ({unit})"):
        return text[: -len(f" ({unit})")] + f"\n({unit})"
    return text


def colors(count):
    """`count` distinguishable colours, the same sequence in every figure."""
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
               "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    return [palette[k % len(palette)] for k in range(count)]


def new_figure(width=8.0, height=4.5):
    """A blank figure of the given size in inches."""
    return Figure(figsize=(width, height))


def percentile_band(values, axis=0):
    """The 5th and 95th percentile of `values` along `axis` (numpy's linear interpolation)."""
    low, high = np.percentile(values, BAND_PERCENTILES, axis=axis)
    return low, high


def plot_mean_band(ax, x, values, color, label_text):
    """Plot the mean over runs (axis 0 of `values`) and, for two or more runs, the 90% band.

    Returns the mean's Line2D; the band is the only PolyCollection added, so tests can find it.
    """
    values = np.asarray(values, dtype=float)
    (line,) = ax.plot(x, values.mean(axis=0), color=color, label=label_text)
    if values.shape[0] >= 2:
        low, high = percentile_band(values)
        ax.fill_between(x, low, high, color=color, alpha=0.2, linewidth=0)
    return line


def band_note(counts):
    """Caption text explaining lines and bands for groups with the given numbers of runs."""
    if max(counts, default=1) < 2:
        return "Lines: single runs."
    return "Lines: mean over runs; shaded: 5th–95th percentile (90% band) over runs."


class EuroFormatter(Formatter):
    """Tick labels in €, k€ or M€ with thousands separators ("1,250 k€"), one scale per axis,
    chosen from the axis' largest value, so a programme manager reads every tick the same way."""

    def __call__(self, x, pos=None):
        low, high = self.axis.get_view_interval()
        scale, unit = euro_scale(max(abs(low), abs(high)))
        value = x / scale
        digits = 0 if abs(value - round(value)) < 1e-9 else 1
        return f"{value:,.{digits}f} {unit}"


def euro_scale(largest):
    """(divisor, unit) for euro amounts up to `largest`: M€ from a million, k€ from ten thousand."""
    if largest >= 1e6:
        return 1e6, "M€"
    if largest >= 1e4:
        return 1e3, "k€"
    return 1.0, "€"


def euro_axis(ax, axis="y"):
    """Format an axis in euros: k€ or M€ with thousands separators (EuroFormatter)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(EuroFormatter())


def share_axis(ax, axis="y"):
    """Show a 0–1 share axis as percentages (the data stay fractions)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def percent_unit(unit):
    """"fraction of farms" -> "% of farms": the unit of a share shown by share_axis."""
    unit = (unit or "").strip()
    return "%" + unit[len("fraction"):] if unit.startswith("fraction") else unit


def legend_outside(ax, **kwargs):
    """A legend right of the axes, never over the data."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)


# How each kind of event is drawn on time series: (colour, line style, legend label).
EVENT_STYLES = {
    "opens": ("#2ca02c", "--", "scheme opens"),
    "closes": ("#d62728", "--", "scheme closes"),
    "exhausted": ("#000000", "-", "budget exhausted"),
    "election": ("#999999", ":", "election"),
}


def mark_events(ax, events):
    """Vertical lines at (year, kind, text) events; one legend entry per kind."""
    shown = set()
    for year, kind, _ in sorted(events):
        color, style, text = EVENT_STYLES[kind]
        ax.axvline(year, color=color, linestyle=style, linewidth=0.9, alpha=0.8,
                   label=None if kind in shown else text)
        shown.add(kind)


def events_note(events):
    """Caption text listing the events drawn (elections summarised)."""
    parts = [f"{text} (year {year:.1f})" for year, kind, text in sorted(events) if kind != "election"]
    elections = sorted({year for year, kind, _ in events if kind == "election"})
    if elections:
        parts.append("elections in years " + ", ".join(f"{y:g}" for y in elections))
    return (" Events: " + "; ".join(parts) + ".") if parts else ""


def run_caption(meta):
    """Where a run's figures come from: scenario, seed, size and version."""
    parts = [f"Scenario '{meta.get('scenario_name', '?')}'", f"seed {meta.get('seed', '?')}"]
    if "years" in meta and "farmers" in meta:
        parts.append(f"{meta['years']} years, {meta['farmers']} farmers")
    version = meta.get("kringloop_version")
    if version:
        parts.append(f"kringloop {version} ({meta.get('git_describe', '?')})")
    return ", ".join(parts) + "."


def sweep_caption(sweep):
    """Where a sweep's figures come from: scenario, design, varied keys and number of runs."""
    meta = sweep.meta
    done = int(sweep.runs["done"].sum())
    keys = ", ".join(sweep.design.columns) or "none"
    replications = meta.get("replications", sweep.runs["replication"].nunique())
    return (f"Sweep of scenario '{sweep.label}', design '{meta.get('design', '?')}' over {keys}: "
            f"{len(sweep.design)} points × {replications} replications = {len(sweep.runs)} runs "
            f"({done} done), seed {meta.get('seed', '?')}.")


def finish(fig, title, caption):
    """Give the figure its title and a wrapped caption underneath, and lay it out."""
    # Long dotted option names make long titles: wrap them (at spaces) rather than clip them.
    title = textwrap.fill(title, int(fig.get_figwidth() * 9))
    fig.suptitle(title, fontsize=13)
    top = 1 - (0.1 + 0.25 * (title.count("\n") + 1)) / fig.get_figheight()
    width_chars = int(fig.get_figwidth() * 14)
    wrapped = textwrap.fill(caption, width_chars)
    lines = wrapped.count("\n") + 1
    bottom = min(0.3, (lines * 0.16 + 0.1) / fig.get_figheight())
    fig.text(0.01, 0.01, wrapped, fontsize=8, va="bottom", ha="left", color="#333333")
    fig.tight_layout(rect=(0, bottom, 1, min(0.97, top)))
    return fig


def save(fig, directory, name, dpi=DEFAULT_DPI):
    """Write `fig` as DIRECTORY/NAME.png and return the file name (relative to DIRECTORY)."""
    filename = f"{name}.png"
    fig.savefig(os.path.join(directory, filename), dpi=dpi)
    return filename
