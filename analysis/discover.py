#!/usr/bin/python3
"""Scenario discovery: `discover.py SWEEP.h5 --metric M --below X | --above X -o DIR`.

Answers "under which conditions does this policy fail?": the runs whose metric is below (or
above) X are the cases of interest, and PRIM (the patient rule induction method of Friedman &
Fisher 1999, in the scenario-discovery form of Bryant & Lempert 2010 and the EMA Workbench) finds
boxes in the space of varied keys, ranges of numbers and subsets of words, that hold many of them.
Each run is one case, at the values of its design point: with replications, the density of a box
is the chance that a run inside it is a case. Runs without a finite value of the metric are
dropped (their number is printed).

The algorithm, per box:
  peeling  from the box of all remaining runs, try removing the lowest or the highest `alpha`
           quantile of each numeric key, or one level of each categorical key; keep the peel that
           raises the share of cases most per run removed ((mean_new − mean_old) / (n_old − n_new),
           the EMA Workbench's default "lenient1" objective); stop when no peel raises it or the
           box would hold less than `--min-mass` of all runs. Every box on the way is recorded:
           the peeling trajectory, from high coverage and low density to the reverse.
  pasting  from the last box, try widening one limit by `alpha` of the box's runs (or adding back
           one level); keep a paste while it raises the share of cases.
  choice   the box on the trajectory with the greatest coverage whose density is at least
           `--min-density` (default 0.8); when none reaches it, the densest box. Then restrictions
           that do not earn their place are lifted: while lifting one lowers the density by less
           than 0.01, the one that lowers it least is lifted (peeling leaves such 5% cuts behind).
With `--boxes N` the runs inside a chosen box are set aside and the search repeats (covering),
stopping early when the next box would not reach `--min-density`.

coverage  cases inside the box / all cases          (how much of the failure the box explains)
density   cases inside the box / runs inside the box (how sure failure is inside it)
mass      runs inside the box / all runs
qp        per restricted key, the quasi-p-value of Bryant & Lempert (2010): the chance that the box
          would hold as many cases if that restriction were chance (binomial test against the box
          with the restriction lifted); small values mean the restriction matters
"""

from __future__ import annotations

import math

import numpy as np

import cli
import htmlpage
import kringloop_io as kio
from plotting import colors, finish, new_figure, save, sweep_caption


# ------------------------------------------------------------------ PRIM on plain arrays


class Box:
    """Limits per column: numeric (low, high), inclusive; categorical a frozenset of level codes."""

    def __init__(self, limits, inside, stats):
        self.limits = limits
        self.inside = inside          # boolean mask over the remaining runs
        self.coverage, self.density, self.mass, self.count = stats

    def restricted(self, initial):
        return [name for name, limit in self.limits.items() if limit != initial[name]]


def _quantile(values, level):
    """The EMA Workbench's peeling quantile (after sdtoolkit): between two distinct order
    statistics, so that a peel never cuts through a run of equal values."""
    data = np.sort(values)
    position = (len(data) - 1) * level
    lower, higher = int(math.floor(position)), int(math.ceil(position))
    if level > 0.5:
        while lower > 0 and data[lower] == data[higher]:
            lower -= 1
    else:
        while higher < len(data) - 1 and data[lower] == data[higher]:
            higher += 1
    return (data[lower] + data[higher]) / 2


def _inside(x, limits, categorical):
    mask = np.ones(len(next(iter(x.values()))), dtype=bool) if x else np.ones(0, dtype=bool)
    for name, limit in limits.items():
        column = x[name]
        if name in categorical:
            mask &= np.isin(column, list(limit))
        else:
            mask &= (column >= limit[0]) & (column <= limit[1])
    return mask


def binomial_upper_tail(k, n, p):
    """P(X >= k) for X ~ Binomial(n, p), summed in log space (no scipy)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
             for i in range(k, n + 1)]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def _objective(y, old, new):
    """Lenient1: the rise in the share of cases per run removed (or added)."""
    n_old, n_new = old.sum(), new.sum()
    if n_new == 0 or n_old == n_new:
        return -np.inf
    return (y[new].mean() - y[old].mean()) / abs(n_old - n_new)


class Prim:
    """PRIM over columns `x` (dict name -> array), cases `y` (bool array).

    `categorical` names the columns whose values are level codes (peeled one level at a time).
    """

    def __init__(self, x, y, categorical=(), alpha=0.05, paste_alpha=0.05, min_mass=0.05):
        if not 0 < alpha < 0.5 or not 0 < paste_alpha < 0.5:
            raise ValueError("alpha must be between 0 and 0.5")
        if not 0 < min_mass < 1:
            raise ValueError("min_mass must be between 0 and 1")
        self.x = {name: np.asarray(values, dtype=float) for name, values in x.items()}
        self.y = np.asarray(y, dtype=bool)
        self.categorical = set(categorical)
        self.alpha, self.paste_alpha, self.min_mass = alpha, paste_alpha, min_mass
        self.n = len(self.y)
        self.total_cases = int(self.y.sum())
        self.initial = {name: (frozenset(np.unique(column).tolist()) if name in self.categorical
                               else (float(column.min()), float(column.max())))
                        for name, column in self.x.items()}
        self.remaining = np.ones(self.n, dtype=bool)

    def _box(self, limits):
        inside = _inside(self.x, limits, self.categorical) & self.remaining
        count = int(inside.sum())
        cases = int(self.y[inside].sum())
        stats = (cases / self.total_cases if self.total_cases else 0.0,
                 cases / count if count else 0.0, count / self.n, count)
        return Box(dict(limits), inside, stats)

    def _peels(self, box):
        for name, limit in box.limits.items():
            column = self.x[name][box.inside]
            if name in self.categorical:
                if len(limit) > 1:
                    for level in sorted(limit):
                        yield {**box.limits, name: limit - {level}}
                continue
            low = _quantile(column, self.alpha)
            high = _quantile(column, 1 - self.alpha)
            if low > limit[0]:
                yield {**box.limits, name: (low, limit[1])}
            if high < limit[1]:
                yield {**box.limits, name: (limit[0], high)}

    def _best(self, box, candidates, grow):
        best, best_score = None, (-np.inf, 0)
        for limits in candidates:
            candidate = self._box(limits)
            if candidate.count == box.count:
                continue
            if not grow and candidate.mass < self.min_mass:
                continue
            objective = _objective(self.y, box.inside, candidate.inside)
            # Ties go to the box that restricts fewer keys (as in the EMA Workbench).
            score = (objective, -len(candidate.restricted(self.initial)))
            if score > best_score:
                best, best_score = candidate, score
        return best, best_score[0]

    def peel(self, box):
        trajectory = [box]
        while True:
            candidate, objective = self._best(box, self._peels(box), grow=False)
            if candidate is None or not objective > 0:
                return trajectory
            box = candidate
            trajectory.append(box)

    def _pastes(self, box):
        # Runs inside the box on every key but `name`: those a wider limit on `name` would add.
        for name in box.restricted(self.initial):
            limit = box.limits[name]
            others = {k: v for k, v in box.limits.items() if k != name}
            near = _inside(self.x, others, self.categorical) & self.remaining & ~box.inside
            if name in self.categorical:
                for level in sorted(self.initial[name] - limit):
                    yield {**box.limits, name: limit | {level}}
                continue
            column = self.x[name]
            step = max(1, int(math.ceil(self.paste_alpha * box.count)))
            below = np.sort(column[near & (column < limit[0])])[::-1]
            above = np.sort(column[near & (column > limit[1])])
            if len(below):
                yield {**box.limits, name: (float(below[min(step, len(below)) - 1]), limit[1])}
            if len(above):
                yield {**box.limits, name: (limit[0], float(above[min(step, len(above)) - 1]))}

    def paste(self, box):
        pasted = []
        while True:
            candidate, _ = self._best(box, self._pastes(box), grow=True)
            if candidate is None or not candidate.density > box.density:
                return pasted
            box = candidate
            pasted.append(box)

    def simplify(self, box, tolerance=0.01):
        """Drops restrictions that do not earn their place: while lifting one (back to its full
        range) lowers the density by less than `tolerance`, the one that lowers it least is lifted.
        Peeling leaves such restrictions behind (a 5% peel that happened to help a little)."""
        while True:
            candidates = [self._box({**box.limits, name: self.initial[name]})
                          for name in box.restricted(self.initial)]
            candidates = [c for c in candidates if c.density >= box.density - tolerance]
            if not candidates:
                return box
            box = max(candidates, key=lambda c: (c.density, c.coverage))

    def quasi_p(self, box):
        """Per restricted key, the quasi-p-value of Bryant & Lempert (2010), as in the EMA Workbench:
        with that one restriction lifted the box holds T' runs with density p'; the value is
        P(X >= cases in the box) for X ~ Binomial(runs in the box, p'), the chance that a box of
        this size drawn from the wider one would hold as many cases. Small (say < 0.05): the
        restriction matters; large: it may be chance."""
        values = {}
        for name in box.restricted(self.initial):
            wider = self._box({**box.limits, name: self.initial[name]})
            values[name] = binomial_upper_tail(int(round(box.density * box.count)), box.count, wider.density)
        return values

    def find_box(self, min_density=0.8):
        """The peeling (and pasting) trajectory and the index of the chosen box on it. The chosen
        box, simplified, is appended to the trajectory when simplifying changed it."""
        start = self._box(self.initial)
        trajectory = self.peel(start)
        trajectory += self.paste(trajectory[-1])
        qualified = [i for i, b in enumerate(trajectory) if b.density >= min_density]
        if qualified:
            chosen = max(qualified, key=lambda i: (trajectory[i].coverage, trajectory[i].density))
        else:
            chosen = max(range(len(trajectory)), key=lambda i: (trajectory[i].density, -i))
        simple = self.simplify(trajectory[chosen])
        if simple.limits != trajectory[chosen].limits:
            trajectory.append(simple)
            chosen = len(trajectory) - 1
        return trajectory, chosen

    def covering(self, boxes=1, min_density=0.8):
        """Up to `boxes` boxes, each found among the runs the earlier ones left."""
        found = []
        for index in range(boxes):
            if not self.y[self.remaining].any():
                break
            trajectory, chosen = self.find_box(min_density)
            box = trajectory[chosen]
            if index > 0 and (box.density < min_density or not box.restricted(self.initial)):
                break
            box.qp = self.quasi_p(box)
            found.append((trajectory, chosen))
            self.remaining &= ~box.inside
        return found


# ------------------------------------------------------------------ the sweep file side


def cases_of(sweep, metric, below=None, above=None):
    """Design columns, cases of interest and the number of runs dropped for a non-finite metric."""
    if metric not in sweep.summary_keys:
        raise kio.KringloopFileError(sweep.path, f"no summary metric '{metric}'"
                                                 f"{kio.nearest_hint(metric, sweep.summary_keys)}")
    if sweep.design.shape[1] == 0:
        raise kio.KringloopFileError(sweep.path, "the sweep varies no key: nothing to discover "
                                                 "(a sweep of plain replications)")
    table = sweep.runs_with_design()
    if table.empty:
        raise kio.KringloopFileError(sweep.path, "sweep has no finished runs (all done = 0)")
    values = table[metric].to_numpy(dtype=float)
    finite = np.isfinite(values)
    dropped = int((~finite).sum())
    table, values = table[finite], values[finite]
    if not len(values):
        raise kio.KringloopFileError(sweep.path, f"metric {metric} has no finite value in any run")
    y = values < below if below is not None else values > above
    threshold = f"below {below:g}" if below is not None else f"above {above:g}"
    if not y.any():
        raise kio.KringloopFileError(sweep.path, f"no run has {metric} {threshold} (its range is "
                                                 f"{values.min():g} to {values.max():g})")
    if y.all():
        raise kio.KringloopFileError(sweep.path, f"every run has {metric} {threshold}: there is "
                                                 "no condition to find")
    x = {name: table[name].to_numpy(dtype=float) for name in sweep.design.columns}
    return x, y, dropped, threshold


def describe_limit(sweep, name, limit, initial):
    if name in sweep.labels:
        return "{" + ", ".join(sweep.labels[name][int(code)] for code in sorted(limit)) + "}"
    return f"[{limit[0]:.4g}, {limit[1]:.4g}] of [{initial[0]:.4g}, {initial[1]:.4g}]"


def box_rows(sweep, prim, found):
    rows = []
    for number, (trajectory, chosen) in enumerate(found, 1):
        box = trajectory[chosen]
        limits = box.restricted(prim.initial)
        qp = getattr(box, "qp", {})
        parts = []
        for name in limits:
            text = f"{name} in {describe_limit(sweep, name, box.limits[name], prim.initial[name])}"
            parts.append(text + (f" (qp {qp[name]:.2g})" if name in qp else ""))
        rows.append([number, f"{box.coverage:.2f}", f"{box.density:.2f}", f"{box.mass:.2f}", box.count,
                     "; ".join(parts) or "(whole space)"])
    return rows


def trajectory_figure(found, metric, threshold, caption):
    """Coverage against density along each box's peeling and pasting trajectory."""
    fig = new_figure(7, 5)
    ax = fig.add_subplot()
    for (trajectory, chosen), color, number in zip(found, colors(len(found)), range(1, len(found) + 1)):
        coverage = [b.coverage for b in trajectory]
        density = [b.density for b in trajectory]
        ax.plot(coverage, density, "-o", color=color, markersize=3, label=f"box {number} trajectory")
        ax.plot([coverage[chosen]], [density[chosen]], "*", color="black", markersize=14)
        ax.annotate(f"box {number}", (coverage[chosen], density[chosen]), textcoords="offset points",
                    xytext=(6, 6))
    ax.set_xlabel("coverage (share of all cases inside the box)")
    ax.set_ylabel("density (share of the box's runs that are cases)")
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left")
    return finish(fig, f"PRIM trajectory: runs with {metric} {threshold}", caption +
                  " Star: the chosen box (greatest coverage at the minimum density).")


def limits_figure(sweep, prim, found, metric, threshold, caption):
    """Each chosen box as bars over the range of every key it restricts (0 = lowest, 1 = highest)."""
    entries = []
    for number, (trajectory, chosen) in enumerate(found, 1):
        box = trajectory[chosen]
        for name in box.restricted(prim.initial):
            entries.append((number, name, box.limits[name], prim.initial[name]))
    fig = new_figure(8, max(3.0, 1.8 + 0.5 * len(entries)))
    ax = fig.add_subplot()
    palette = colors(len(found))
    for row, (number, name, limit, initial) in enumerate(entries):
        if name in sweep.labels:
            levels = sweep.labels[name]
            width = 1 / len(levels)
            for code in limit:
                ax.barh(row, width * 0.9, left=code * width, color=palette[number - 1])
            text = describe_limit(sweep, name, limit, initial)
        else:
            span = initial[1] - initial[0]
            left, right = (limit[0] - initial[0]) / span, (limit[1] - initial[0]) / span
            ax.barh(row, right - left, left=left, color=palette[number - 1])
            text = f"{limit[0]:.3g} – {limit[1]:.3g}"
        ax.text(1.02, row, text, va="center", fontsize=8)
    ax.set_yticks(range(len(entries)), [f"box {n}: {name}" for n, name, _, _ in entries])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.45)
    ax.set_xticks([0, 0.5, 1], ["lowest", "middle", "highest"])
    ax.set_xlabel("position in the key's sampled range")
    ax.grid(axis="x", alpha=0.3)
    return finish(fig, f"Where runs with {metric} {threshold} concentrate", caption)


def main(argv):
    parser = cli.parser(__doc__.splitlines()[0], epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("file", metavar="SWEEP.h5", help="a sweep file")
    parser.add_argument("--metric", required=True, help="summary key whose runs are judged")
    threshold = parser.add_mutually_exclusive_group(required=True)
    threshold.add_argument("--below", type=float, metavar="X", help="cases: runs with metric < X")
    threshold.add_argument("--above", type=float, metavar="X", help="cases: runs with metric > X")
    parser.add_argument("--alpha", type=float, default=0.05, help="peeling and pasting share (default 0.05)")
    parser.add_argument("--min-mass", type=float, default=0.05,
                        help="smallest share of runs a box may hold (default 0.05)")
    parser.add_argument("--min-density", type=float, default=0.8,
                        help="density the chosen box must reach (default 0.8)")
    parser.add_argument("--boxes", type=int, default=2, help="at most this many boxes (default 2)")
    args = parser.parse_args(argv)
    if not 0 < args.alpha < 0.5:
        parser.error(f"--alpha {args.alpha:g}: must be between 0 and 0.5")
    if not 0 < args.min_mass < 1:
        parser.error(f"--min-mass {args.min_mass:g}: must be between 0 and 1")
    if not 0 < args.min_density <= 1:
        parser.error(f"--min-density {args.min_density:g}: must be above 0 and at most 1")
    if args.boxes < 1:
        parser.error(f"--boxes {args.boxes}: must be at least 1")
    sweep = kio.open_sweep(args.file)
    x, y, dropped, threshold_text = cases_of(sweep, args.metric, args.below, args.above)
    prim = Prim(x, y, categorical=sweep.labels.keys() & x.keys(), alpha=args.alpha,
                paste_alpha=args.alpha, min_mass=args.min_mass)
    found = prim.covering(args.boxes, args.min_density)
    rows = box_rows(sweep, prim, found)
    note = f" {dropped} runs without a finite {args.metric} were dropped." if dropped else ""
    print(f"{args.file}: {int(y.sum())} of {len(y)} runs have {args.metric} {threshold_text}.{note}")
    for number, coverage, density, mass, count, limits in rows:
        print(f"box {number}: coverage {coverage}, density {density}, mass {mass} ({count} runs): {limits}")
    caption = (sweep_caption(sweep) + f" Cases: {int(y.sum())} of {len(y)} runs with {args.metric} "
               f"{threshold_text}.{note} PRIM, alpha {args.alpha:g}, minimum mass {args.min_mass:g}.")
    directory = cli.output_folder(args.output)
    sections = [("heading", "Boxes"),
                ("table", htmlpage.table(rows, ("box", "coverage", "density", "mass", "runs", "limits"))),
                ("figure", (save(trajectory_figure(found, args.metric, threshold_text, caption),
                                 directory, "prim_trajectory", args.dpi),
                            "Coverage and density of every box PRIM passed on its way; the star is "
                            "the chosen box. " + caption)),
                ("figure", (save(limits_figure(sweep, prim, found, args.metric, threshold_text, caption),
                                 directory, "prim_boxes", args.dpi),
                            "The restricted keys of each chosen box within their sampled ranges. " + caption))]
    htmlpage.write_index(directory, f"Scenario discovery: {args.metric} {threshold_text}", sections)
    return cli.EXIT_OK


if __name__ == "__main__":
    cli.run(main)
