#!/usr/bin/python3
"""Figures and an index.html for one run: `report.py RUN.h5 -o DIR`.

Each figure has its own function that takes a `kringloop_io.Run` and returns a matplotlib
Figure, so a notebook can call it and the tests can check what it plots against the file.
A figure whose data the run did not write (coalitions and land exchange are optional) raises
`MissingGroupError`; the report turns that into a note in index.html instead of failing.
"""

from __future__ import annotations

import numpy as np

import cli
import htmlpage
import kringloop_io as kio
from plotting import (TIME_LABEL, colors, euro_axis, events_note, finish, label, legend_outside,
                      mark_events, new_figure, percent_unit, run_caption, save, share_axis, unit_of_key)


def _members_with(run, group, leaf):
    """(member, DataFrame) for every member of series/`group` that has the series `leaf`."""
    found = [(name, run.series(f"{group}/{name}/{leaf}")) for name in run.children(group)
             if run.has_series(f"{group}/{name}/{leaf}")]
    if not found:
        raise kio.MissingGroupError(run.path, f"/series/{group}/*/{leaf}")
    return found


def policy_events(run):
    """(year, kind, text) of what a reader needs to see on a time series: each scheme opening and
    closing (from its `open` series), a budget exhausted (summary `exhausted_year`), and the
    elections of every government (from the run's scenario)."""
    events = []
    for scheme in run.children("scheme"):
        if run.has_series(f"scheme/{scheme}/open"):
            frame = run.series(f"scheme/{scheme}/open")
            state = frame["open"].to_numpy() > 0.5
            years = frame["year"].to_numpy()
            previous = False
            for year, now in zip(years, state):
                if now != previous:
                    events.append((round(float(year), 2), "opens" if now else "closes",
                                   f"{scheme} {'opens' if now else 'closes'}"))
                previous = now
        exhausted = run.summary.get(f"subsidy.{scheme}.exhausted_year")
        if exhausted is not None and np.isfinite(exhausted):
            events.append((float(exhausted), "exhausted", f"{scheme} budget exhausted"))
    scenario = kio.parse_scenario(run.meta.get("scenario_text", ""))
    horizon = float(run.meta.get("years", 0) or 0)
    for key, value in scenario.items():
        if key.startswith("government.") and key.endswith(".election_cycle_years"):
            cycle = float(value)
            years = np.arange(cycle, horizon, cycle) if cycle > 0 else []
            events += [(float(y), "election", f"election ({key.split('.')[1]})") for y in years]
    return events


def adoption_figure(run):
    """Share of farmers that adopted, one line per practice, over time, with the policy events.
    Practices nobody adopted are left out and named in the caption."""
    fig = new_figure(9.5, 4.5)
    ax = fig.add_subplot()
    practices = _members_with(run, "practice", "adopted_share")
    drawn = [(p, f) for p, f in practices if np.nan_to_num(f["adopted_share"].to_numpy()).any()]
    empty = [p for p, _ in practices if p not in dict(drawn)]
    for (practice, frame), color in zip(drawn, colors(len(drawn))):
        ax.plot(frame["year"], frame["adopted_share"], color=color, label=practice)
    events = policy_events(run)
    mark_events(ax, events)
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(label("adopted", percent_unit(practices[0][1].attrs["unit"])))
    ax.set_ylim(bottom=0)
    share_axis(ax)
    legend_outside(ax, title="practice", fontsize="small")
    ax.grid(alpha=0.3)
    note = (" Not shown (no adopters in this run): " + ", ".join(empty) + ".") if empty else ""
    return finish(fig, "Adoption per practice", run_caption(run.meta) + note + events_note(events))


def funnel_figure(run):
    """The participation funnel: final-month bars per practice, then each stage over time."""
    practices = _members_with(run, "practice", "funnel")
    stages = practices[0][1].attrs["columns"]
    unit = practices[0][1].attrs["unit"]
    rows = 1 + (len(practices) + 1) // 2
    fig = new_figure(10, 3.2 * rows)
    grid = fig.add_gridspec(rows, 2)
    bars = fig.add_subplot(grid[0, :])
    width = 0.8 / len(stages)
    stage_colors = colors(len(stages))
    for k, stage in enumerate(stages):
        heights = [frame[stage].iloc[-1] for _, frame in practices]
        bars.bar(np.arange(len(practices)) + (k - (len(stages) - 1) / 2) * width, heights, width,
                 color=stage_colors[k], label=stage)
    bars.set_xticks(np.arange(len(practices)), [name for name, _ in practices])
    bars.set_ylabel(label("ever reached", unit))
    bars.set_title(f"final month (month {practices[0][1].index[-1]})", fontsize=10)
    bars.set_ylim(0, 1.3 * max(max(p.get_height() for p in bars.patches), 1))  # room for the legend
    bars.legend(title="stage", ncol=len(stages), fontsize="small", loc="upper center")
    for n, (practice, frame) in enumerate(practices):
        ax = fig.add_subplot(grid[1 + n // 2, n % 2])
        for stage, color in zip(stages, stage_colors):
            ax.plot(frame["year"], frame[stage], color=color, label=stage)
        ax.set_title(practice, fontsize=10)
        ax.set_xlabel(TIME_LABEL)
        ax.set_ylabel(label("cumulative", unit))
        ax.grid(alpha=0.3)
    return finish(fig, "Participation funnel (farmers that ever reached each stage)",
                  run_caption(run.meta))


def trust_figure(run):
    """Mean trust per institution over time, with a ±1 standard deviation band."""
    fig = new_figure(9.5, 4.5)
    ax = fig.add_subplot()
    institutions = _members_with(run, "trust", "mean")
    for (institution, frame), color in zip(institutions, colors(len(institutions))):
        ax.plot(frame["year"], frame["mean"], color=color, label=institution)
        if run.has_series(f"trust/{institution}/std"):
            spread = run.series(f"trust/{institution}/std")["std"]
            ax.fill_between(frame["year"], np.clip(frame["mean"] - spread, 0, 1),
                            np.clip(frame["mean"] + spread, 0, 1), color=color, alpha=0.15,
                            linewidth=0)
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(label("trust of farmers in the institution", institutions[0][1].attrs["unit"]))
    ax.set_ylim(0, 1)
    legend_outside(ax, title="institution", fontsize="small")
    ax.grid(alpha=0.3)
    return finish(fig, "Trust per institution",
                  run_caption(run.meta) + " Line: mean over farmers; band: ±1 standard deviation "
                  "(clipped to 0–1).")


def coalition_figure(run):
    """Active coalitions by form (top) and the farmers in them (bottom) over time (MODEL §7.5)."""
    frame = run.series("coalitions/active")
    fig = new_figure(8, 6)
    ax, members_ax = fig.subplots(2, 1, sharex=True)
    forms = frame.attrs["columns"]
    for form, color in zip(forms, colors(len(forms))):
        ax.plot(frame["year"], frame[form], color=color, label=form)
    ax.set_ylabel(label("active coalitions", frame.attrs["unit"]))
    ax.set_ylim(bottom=0)
    legend_outside(ax, title="form")
    ax.grid(alpha=0.3)
    if run.has_series("coalitions/members"):
        members = run.series("coalitions/members")
        for form, color in zip(forms, colors(len(forms))):
            members_ax.plot(members["year"], members[form], color=color, label=form)
        members_ax.set_ylabel(label("members", members.attrs["unit"]))
    members_ax.set_ylim(bottom=0)
    members_ax.set_xlabel(TIME_LABEL)
    members_ax.grid(alpha=0.3)
    return finish(fig, "Coalitions by form", run_caption(run.meta) + " Bottom: farmers in active coalitions.")


def knowledge_figure(run):
    """Mean tacit (solid) and codified (dashed) knowledge per practice (top) and the projects
    started, duplicated and reused (bottom, cumulative) over time (MODEL §7.6)."""
    tacit = _members_with(run, "practice", "tacit_mean")
    projects = run.series("knowledge/projects_started")
    fig = new_figure(8, 6)
    ax, projects_ax = fig.subplots(2, 1, sharex=True)
    for (practice, frame), color in zip(tacit, colors(len(tacit))):
        ax.plot(frame["year"], frame["tacit_mean"], color=color, label=f"{practice}: tacit")
        if run.has_series(f"practice/{practice}/codified_mean"):
            codified = run.series(f"practice/{practice}/codified_mean")
            ax.plot(codified["year"], codified["codified_mean"], color=color, linestyle="--",
                    label=f"{practice}: codified")
    ax.set_ylabel(label("mean knowledge", tacit[0][1].attrs["unit"]))
    ax.set_ylim(bottom=0)
    legend_outside(ax, title="practice", fontsize="small")
    ax.grid(alpha=0.3)
    practices = projects.attrs["columns"]
    reused = run.series("knowledge/projects_reused") if run.has_series("knowledge/projects_reused") else None
    for practice, color in zip(practices, colors(len(practices))):
        projects_ax.plot(projects["year"], projects[practice], color=color, label=f"{practice}: started")
        if reused is not None and float(reused[practice].max()) > 0:
            projects_ax.plot(reused["year"], reused[practice], color=color, linestyle=":",
                             label=f"{practice}: reused")
    projects_ax.set_ylabel(label("projects", projects.attrs["unit"]))
    projects_ax.set_ylim(bottom=0)
    projects_ax.set_xlabel(TIME_LABEL)
    legend_outside(projects_ax, title="projects", fontsize="small")
    projects_ax.grid(alpha=0.3)
    return finish(fig, "Knowledge and projects",
                  run_caption(run.meta) + " Bottom: projects started (solid) and coalitions that reused the "
                  "platform's results (dotted), cumulative.")
def region_figure(run):
    """Adoption per region: one panel per practice, one line per region (series/region/<name>/
    adopted_share, written only when the scenario has two or more regions)."""
    regions = _members_with(run, "region", "adopted_share")
    practices = list(regions[0][1].attrs["columns"])
    columns = min(3, len(practices))
    rows = (len(practices) + columns - 1) // columns
    fig = new_figure(4.2 * columns + 2, 3.4 * rows)
    axes = np.atleast_1d(fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)).ravel()
    for ax, practice in zip(axes, practices):
        for (region, frame), color in zip(regions, colors(len(regions))):
            ax.plot(frame["year"], frame[practice], color=color, label=region)
        ax.set_title(practice, fontsize="medium")
        ax.set_ylim(bottom=0)
        share_axis(ax)
        ax.grid(alpha=0.3)
    for ax in axes[len(practices):]:
        ax.set_visible(False)
    for ax in axes[::columns]:
        ax.set_ylabel(label("adopted", percent_unit(regions[0][1].attrs["unit"])))
    for ax in axes[-columns:]:
        ax.set_xlabel(TIME_LABEL)
    legend_outside(axes[min(columns, len(practices)) - 1], title="region", fontsize="small")
    return finish(fig, "Adoption per region", run_caption(run.meta)
                  + " Share of each region's active farms that adopted the practice.")


def exchange_figure(run):
    """Land exchange (MODEL §7.4b): share of farmland in exchange (top), running pairs with the pairs
    formed and broken per year (bottom)."""
    share = run.series("exchange/share")
    fig = new_figure(8, 6)
    ax, pairs_ax = fig.subplots(2, 1, sharex=True)
    ax.plot(share["year"], share["share"], color=colors(1)[0])
    ax.set_ylabel(label("farmland in exchange", share.attrs["unit"]))
    share_axis(ax)
    ax.grid(alpha=0.3)
    if run.has_series("exchange/pairs"):
        pairs = run.series("exchange/pairs")
        pairs_ax.plot(pairs["year"], pairs["pairs"], color="black", label="running pairs")
        years = np.floor(pairs["year"] - 1e-9).astype(int)
        for leaf, color in zip(("formed", "broken"), colors(2)):
            if run.has_series(f"exchange/{leaf}"):
                per_year = run.series(f"exchange/{leaf}")[leaf].groupby(years.values).sum()
                pairs_ax.bar(per_year.index + 0.5 + (-0.2 if leaf == "formed" else 0.2), per_year.values, width=0.4,
                             color=color, label=f"{leaf} per year")
        pairs_ax.set_ylabel(label("pairs", pairs.attrs["unit"]))
        legend_outside(pairs_ax)
    pairs_ax.set_ylim(bottom=0)
    pairs_ax.set_xlabel(TIME_LABEL)
    pairs_ax.grid(alpha=0.3)
    return finish(fig, "Land exchange between arable and dairy farms",
                  run_caption(run.meta) + " Share: land of farms in at least one exchange pair / all farmland.")


def measures_figure(run):
    """Spatial measures (MODEL §7.4c): measures proposed, realised and blocked so far."""
    frame = run.series("measures/cumulative")
    fig = new_figure()
    ax = fig.add_subplot()
    for column, color in zip(frame.attrs["columns"], colors(len(frame.attrs["columns"]))):
        ax.step(frame["year"], frame[column], where="post", color=color, label=column)
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(label("measures so far", frame.attrs["unit"]))
    ax.set_ylim(bottom=0)
    legend_outside(ax)
    ax.grid(alpha=0.3)
    return finish(fig, "Spatial measures (buffer strips, water levels)",
                  run_caption(run.meta) + " A measure is blocked when one farm of its cluster has a negative utility.")


def subsidy_figure(run):
    """Per scheme: money committed (solid) and paid so far (dashed, cumulative) over time."""
    fig = new_figure(10, 4.5)
    ax = fig.add_subplot()
    schemes = _members_with(run, "scheme", "committed_eur")
    for (scheme, committed), color in zip(schemes, colors(len(schemes))):
        ax.plot(committed["year"], committed["committed_eur"], color=color,
                label=f"{scheme}: committed")
        if run.has_series(f"scheme/{scheme}/paid_eur"):
            paid = run.series(f"scheme/{scheme}/paid_eur")
            ax.plot(paid["year"], paid["paid_eur"].cumsum(), color=color, linestyle="--",
                    label=f"{scheme}: paid (cumulative)")
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(label("subsidy", schemes[0][1].attrs["unit"]))
    events = [e for e in policy_events(run) if e[1] != "election"]
    mark_events(ax, events)
    euro_axis(ax)
    ax.set_ylim(bottom=0)
    legend_outside(ax, title="scheme", fontsize="small")
    ax.grid(alpha=0.3)
    return finish(fig, "Subsidy committed and paid per scheme", run_caption(run.meta) + events_note(events))


# (file name, figure function, what the reader sees) in the order of index.html.
FIGURES = (
    ("adoption", adoption_figure, "Share of farmers that adopted each practice, month by month."),
    ("funnel", funnel_figure, "Participation funnel: farmers that ever reached each stage of the "
                              "adoption pipeline; top: the final month, below: each practice over time."),
    ("trust", trust_figure, "Mean trust of farmers in each institution, with a ±1 standard "
                            "deviation band across farmers."),
    ("coalitions", coalition_figure, "Active coalitions by form (decision-, cooperation- and "
                                     "network-oriented), and the farmers in them."),
    ("knowledge", knowledge_figure, "Mean tacit (solid) and codified (dashed) knowledge per practice over "
                                    "the active farms, and the knowledge projects started and reused."),
    ("regions", region_figure, "Adoption of each practice per region (scenarios with two or more "
                               "[region.NAME] sections)."),
    ("exchange", exchange_figure, "Share of farmland in arable–dairy land exchange, and the exchange "
                                  "pairs running, formed and broken."),
    ("measures", measures_figure, "Spatial measures proposed, realised and blocked (one holdout blocks a "
                                  "measure), cumulative."),
    ("subsidy", subsidy_figure, "Money committed to farmers (solid) and paid out so far (dashed, "
                                "cumulative sum of the monthly payments) per scheme."),
)


def _meta_rows(run):
    meta = run.meta
    wall = meta.get("wall_seconds")
    return [
        ("scenario", meta.get("scenario_name", "")),
        ("seed", meta.get("seed", "")),
        ("threads", meta.get("threads", "")),
        ("version", f"{meta.get('kringloop_version', '?')} ({meta.get('git_describe', '?')})"),
        ("wall time", f"{wall:.1f} s" if isinstance(wall, (int, float)) else ""),
        ("horizon", f"{meta.get('years', '?')} years ({len(run.month)} months recorded)"),
        ("farmers", meta.get("farmers", "")),
        ("file", run.path),
    ] + ([("command line", meta["command_line"])] if meta.get("command_line") else [])


def build_report(run, directory, dpi):
    """Write every figure the run has data for, and index.html; return the files written."""
    sections = [("heading", "Run"), ("table", htmlpage.table(_meta_rows(run))), ("heading", "Figures")]
    written = []
    for name, make, explanation in FIGURES:
        try:
            fig = make(run)
        except kio.MissingGroupError as missing:
            sections.append(("note", f"No {name} figure: {missing.problem}."))
            continue
        written.append(save(fig, directory, name, dpi))
        sections.append(("figure", (written[-1], f"{explanation} {run_caption(run.meta)}")))
    rows = [(key, float(value), unit_of_key(key)) for key, value in run.summary.items()]
    sections += [("heading", "Summary"), ("table", htmlpage.table(rows, ("key", "value", "unit")))]
    if run.meta.get("scenario_text"):
        sections.append(("pre", ("Resolved scenario (run it again with `kringloop run`)",
                                 run.meta["scenario_text"])))
    title = f"Kringloop run: {run.label} (seed {run.meta.get('seed', '?')})"
    htmlpage.write_index(directory, title, sections)
    written.append("index.html")
    return written


def main(argv):
    parser = cli.parser(__doc__.splitlines()[0],
                        epilog="Figures: " + ", ".join(f"{name}.png" for name, _, _ in FIGURES)
                        + ", and index.html. Absent optional data becomes a note in index.html.")
    parser.add_argument("run", metavar="RUN.h5", help="a run file written by `kringloop run -o`")
    args = parser.parse_args(argv)
    run = kio.open_run(args.run)
    build_report(run, cli.output_folder(args.output), args.dpi)
    return cli.EXIT_OK


if __name__ == "__main__":
    cli.run(main)
