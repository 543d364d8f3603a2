"""Synthetic run and sweep files written exactly per docs/OUTPUT.md, with known values.

The tests compare what each figure plots with what these files hold, so the values only need
to be distinct and plausible (logistic adoption, funnels that narrow, trust in [0, 1]). Strings
can be written either as variable-length UTF-8 or as fixed-length bytes, because the C++ side
may use either and the reader must decode both.
"""

from __future__ import annotations

import h5py
import numpy as np

PRACTICES = ("nature_inclusive", "land_exchange", "manure_valorisation", "performance_monitor")
INSTITUTIONS = ("province", "water_board", "collective")
SCHEMES = ("investment", "area_payment")
STAGES = ("unaware", "aware", "interested", "planning", "applied", "adopted", "dropped", "abandoned")
FUNNEL = ("aware", "interested", "planning", "applied", "adopted")
FARM_TYPES = ("arable", "dairy", "mixed", "intensive_livestock")
TENURES = ("owned", "regular", "liberalised", "one_year")
FORMS = ("decision", "cooperation", "network")
REGIONS = ("plateau", "rest_of_drenthe")
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
SWEEP_KEYS = ("scheme.investment.lead_time_days", "lease.liberalised_share")


def _string(value, kind):
    return np.bytes_(value.encode()) if kind == "fixed" else value


def _strings(values, kind):
    if kind == "fixed":
        return np.array([v.encode() for v in values], dtype=f"S{max(len(v) for v in values)}")
    return np.array(values, dtype=h5py.string_dtype())


def month_days(months):
    """Last day of each month counted from day 0, for a 365-day calendar."""
    lengths = [MONTH_DAYS[m % 12] for m in range(months)]
    return np.cumsum(lengths).astype(np.int32)


def make_series(months, speed=1.0, rng=None, coalitions=True, exchange=True, regions=True):
    """Monthly series of one run: {path: (values, unit, description, columns or None)}.

    `speed` scales adoption so that sweep runs differ in a known direction.
    """
    rng = rng or np.random.default_rng(0)
    years = month_days(months) / 365.0
    farmers = 200.0
    series = {}
    for k, practice in enumerate(PRACTICES):
        share = (0.6 - 0.1 * k) / (1 + np.exp(-(speed * years - 1.0 - 0.3 * k) * 3))
        share = np.clip(share + rng.normal(0, 0.005, months), 0, 1)
        adopted = share * farmers
        funnel = np.stack([adopted * f for f in (3.0, 2.2, 1.6, 1.3, 1.0)], axis=1)
        funnel = np.minimum(np.maximum.accumulate(funnel, axis=0), farmers)
        counts = np.zeros((months, len(STAGES)))
        counts[:, STAGES.index("adopted")] = adopted
        counts[:, STAGES.index("aware")] = funnel[:, 0] - funnel[:, 1]
        counts[:, STAGES.index("interested")] = funnel[:, 1] - funnel[:, 2]
        counts[:, STAGES.index("unaware")] = farmers - counts.sum(axis=1)
        base = f"practice/{practice}"
        series[f"{base}/stage_count"] = (counts, "farmers", "farmers in each stage", STAGES)
        series[f"{base}/funnel"] = (funnel, "farmers", "farmers that ever reached each stage", FUNNEL)
        series[f"{base}/adopted_share"] = (share, "fraction of farmers", "share of farmers adopted", None)
        series[f"{base}/adopted_area_ha"] = (adopted * 45.0, "ha", "area under the practice", None)
        series[f"{base}/adopters_by_type"] = (np.outer(adopted, [0.4, 0.3, 0.2, 0.1]), "farmers",
                                              "adopters by farm type", FARM_TYPES)
        series[f"{base}/adopters_by_tenure"] = (np.outer(adopted, [0.5, 0.3, 0.15, 0.05]), "farmers",
                                                "adopters by main tenure class", TENURES)
        series[f"{base}/dropouts"] = (np.maximum.accumulate(0.2 * adopted), "farmers",
                                      "cumulative drop-outs", None)
        series[f"{base}/knowledge_mean"] = (np.clip(0.1 + share, 0, 1), "0–1", "mean knowledge", None)
        series[f"{base}/codified_mean"] = (np.clip(0.03 + share / 6, 0, 1), "0–1", "mean codified knowledge", None)
        series[f"{base}/tacit_mean"] = (np.clip(0.07 + share * 5 / 6, 0, 1), "0–1", "mean tacit knowledge", None)
    for k, institution in enumerate(INSTITUTIONS):
        mean = np.clip(0.5 + 0.1 * k + 0.1 * np.sin(years + k) + 0.2 * (speed - 1)
                       + rng.normal(0, 0.004, months), 0, 1)
        series[f"trust/{institution}/mean"] = (mean, "0–1", "mean trust of farmers", None)
        series[f"trust/{institution}/std"] = (np.full(months, 0.08 + 0.02 * k), "0–1",
                                              "spread of trust", None)
    for k, scheme in enumerate(SCHEMES):
        awards = np.round(rng.uniform(0, 4, months) * speed)
        paid = awards * (5000.0 + 2000 * k)
        base = f"scheme/{scheme}"
        series[f"{base}/applications"] = (awards + 1, "count per month", "applications", None)
        series[f"{base}/awards"] = (awards, "count per month", "awards", None)
        series[f"{base}/rejections"] = (np.ones(months), "count per month", "rejections", None)
        series[f"{base}/late_decisions"] = (np.zeros(months), "count per month", "late decisions", None)
        series[f"{base}/paid_eur"] = (paid, "€ per month", "paid", None)
        series[f"{base}/committed_eur"] = (np.cumsum(paid) * 1.5, "€", "committed (stock)", None)
        series[f"{base}/budget_left_eur"] = (1e6 - np.cumsum(paid) * 1.5, "€", "budget left", None)
    series["land/area_by_tenure_ha"] = (np.tile([4000.0, 2500, 1500, 800, 200], (months, 1)), "ha",
                                        "area by tenure class", ("owned", "regular", "liberalised",
                                                                 "one_year", "pool"))
    series["chain/dairy_processor/capacity_used"] = (np.linspace(0.1, 0.9, months),
                                                     "fraction of capacity", "capacity used", None)
    if coalitions:
        active = np.stack([np.floor(years * (k + 1)) for k in range(len(FORMS))], axis=1)
        series["coalitions/active"] = (active, "coalitions", "active coalitions by form", FORMS)
        series["coalitions/members"] = (active * 12, "farmers", "farmers in active coalitions by form", FORMS)
    started = np.stack([np.floor(years * (k + 2)) for k in range(len(PRACTICES))], axis=1)
    series["knowledge/projects_started"] = (started, "projects", "projects started by practice", PRACTICES)
    series["knowledge/projects_reused"] = (started * 2, "coalitions", "coalitions that reused by practice", PRACTICES)
    if regions:  # the optional per-region series (two or more [region.NAME])
        for r, region in enumerate(REGIONS):
            shares = np.stack([series[f"practice/{p}/adopted_share"][0] * (0.8 + 0.4 * r) for p in PRACTICES], axis=1)
            series[f"region/{region}/adopted_share"] = (np.clip(shares, 0, 1), "fraction of farms",
                                                        "adopters / the region's active farms", PRACTICES)
            series[f"region/{region}/active_farms"] = (np.full(months, 100.0), "farms", "active farms", None)
    if exchange:
        series["exchange/share"] = (np.clip(0.2 + 0.05 * years, 0, 1), "0–1", "share of farmland in exchange", None)
        series["exchange/pairs"] = (np.floor(10 + 2 * years), "pairs", "running exchange pairs", None)
        series["exchange/formed"] = ((np.arange(months) % 12 == 2) * 3.0, "per month", "pairs formed", None)
        series["exchange/broken"] = ((np.arange(months) % 12 == 2) * 1.0, "per month", "pairs broken", None)
        proposed = np.floor(years)
        series["measures/cumulative"] = (np.stack([proposed, np.floor(proposed / 3), proposed - np.floor(proposed / 3)], axis=1),
                                         "measures", "spatial measures so far", ("proposed", "realised", "blocked"))
    return series


def summary_of(series):
    """Summary keys computed from the series, as the model would report them."""
    summary = {}
    for practice in PRACTICES:
        share = series[f"practice/{practice}/adopted_share"][0]
        summary[f"adoption.{practice}.final_share"] = float(share[-1])
        summary[f"adoption.{practice}.t_half_years"] = float(np.argmax(share >= share[-1] / 2) / 12)
        summary[f"dropouts.{practice}"] = float(series[f"practice/{practice}/dropouts"][0][-1])
        for tenure, weight in zip(TENURES, (0.5, 0.3, 0.15, 0.05)):
            summary[f"adoption_by_tenure.{practice}.{tenure}"] = float(share[-1] * weight * 2)
    for institution in INSTITUTIONS:
        summary[f"trust.{institution}.mean_end"] = float(series[f"trust/{institution}/mean"][0][-1])
    for scheme in SCHEMES:
        summary[f"subsidy.{scheme}.paid_eur"] = float(series[f"scheme/{scheme}/paid_eur"][0].sum())
    summary["eur_per_adopted_ha"] = 1234.5
    return summary


def _write_series(group, series, strings):
    for path, (values, unit, description, columns) in series.items():
        values = np.asarray(values, dtype=float)
        maxshape = (None,) + values.shape[1:]
        dataset = group.create_dataset(path, data=values, maxshape=maxshape, chunks=True)
        dataset.attrs["unit"] = _string(unit, strings)
        dataset.attrs["description"] = _string(description, strings)
        if columns is not None:
            dataset.attrs["columns"] = _strings(columns, strings)


def _write_time(handle, months):
    handle.create_dataset("time/month", data=np.arange(1, months + 1, dtype=np.int32))
    handle.create_dataset("time/day", data=month_days(months))


SCENARIO_TEXT = "[run]\nname = {name}\nyears = {years}\nseed = {seed}\n[population]\nfarmers = 200\n"


def write_run(path, seed=3, months=36, name="default", strings="vlen", coalitions=True,
              exchange=True, speed=1.0, regions=True):
    """Write a run file; return {"series": ..., "summary": ..., "meta": ...} of what was written."""
    rng = np.random.default_rng(seed)
    series = make_series(months, speed, rng, coalitions, exchange, regions)
    summary = summary_of(series)
    meta = {"format": "kringloop-run", "format_version": np.int32(1),
            "kringloop_version": "0.1.0", "git_describe": "v0.1.0-3-gabc1234",
            "seed": np.uint64(seed), "threads": np.int32(4), "wall_seconds": 12.5,
            "scenario_name": name,
            "scenario_text": SCENARIO_TEXT.format(name=name, years=months // 12, seed=seed),
            "years": np.int32(months // 12), "farmers": np.int32(200), "months": np.int32(months)}
    with h5py.File(path, "w") as handle:
        for key, value in meta.items():
            handle.attrs[key] = _string(value, strings) if isinstance(value, str) else value
        _write_time(handle, months)
        _write_series(handle.create_group("series"), series, strings)
        summary_group = handle.create_group("summary")
        for key, value in summary.items():
            summary_group.attrs[key] = np.float64(value)
    return {"series": series, "summary": summary, "meta": meta}


def sweep_design():
    """A 3 × 2 grid over two keys."""
    return np.array([[lead, lib] for lead in (0.0, 180.0, 360.0) for lib in (0.1, 0.5)])


def write_sweep(path, months=24, replications=5, strings="vlen", sensitivity=("sobol", "morris"),
                undone=(29,), series=True, name="lead_time"):
    """Write a grid sweep (6 points × `replications`); return what was written.

    Run r is design point r // replications. Runs listed in `undone` have done = 0 and zero rows,
    as an interrupted sweep leaves them.
    """
    points = sweep_design()
    runs = len(points) * replications
    point_of_run = np.repeat(np.arange(len(points)), replications)
    per_run_series, summaries = [], []
    for run in range(runs):
        lead, liberalised = points[point_of_run[run]]
        speed = 1.5 - lead / 720 - liberalised
        run_series = make_series(months, speed, np.random.default_rng(100 + run))
        if run in undone:
            run_series = {k: (np.zeros_like(v[0]),) + v[1:] for k, v in run_series.items()}
        per_run_series.append(run_series)
        summaries.append(summary_of(run_series))
    done = np.array([0 if r in undone else 1 for r in range(runs)], dtype=np.uint8)
    with h5py.File(path, "w") as handle:
        text = SCENARIO_TEXT.format(name=name, years=months // 12, seed=11)
        for key, value in {"format": "kringloop-sweep", "design": "grid", "scenario_text": text}.items():
            handle.attrs[key] = _string(value, strings)
        for key, value in {"format_version": np.int32(1), "seed": np.uint64(11), "runs": np.int32(runs),
                           "points": np.int32(len(points)),
                           "replications": np.int32(replications)}.items():
            handle.attrs[key] = value
        _write_time(handle, months)
        handle.create_dataset("design/names", data=_strings(SWEEP_KEYS, strings))
        handle.create_dataset("design/points", data=points)
        handle.create_dataset("runs/point", data=point_of_run.astype(np.int64))
        handle.create_dataset("runs/replication", data=np.tile(np.arange(replications), len(points))
                              .astype(np.int32))
        handle.create_dataset("runs/seed", data=np.arange(1000, 1000 + runs, dtype=np.uint64))
        handle.create_dataset("runs/done", data=done)
        handle.create_dataset("runs/command", data=_strings([f"--seed {1000 + r}" for r in range(runs)],
                                                            strings))
        for key in summaries[0]:
            handle.create_dataset(f"runs/summary/{key}", data=[s[key] for s in summaries])
        stacked = {}
        if series:
            for key, (_, unit, description, columns) in per_run_series[0].items():
                stacked[key] = (np.stack([s[key][0] for s in per_run_series]), unit, description,
                                columns)
            _write_series(handle.create_group("runs/series"), stacked, strings)
        indices = _write_sensitivity(handle, sensitivity, strings)
    return {"points": points, "point_of_run": point_of_run, "done": done.astype(bool),
            "summaries": summaries, "series": stacked, "sensitivity": indices}


def _write_sensitivity(handle, methods, strings):
    """Sobol indices for the first adoption metric, Morris for the second."""
    names = list(SWEEP_KEYS) + ["trust.a_plus"]
    written = {}
    metrics = {"sobol": "adoption.nature_inclusive.final_share",
               "morris": "adoption.land_exchange.final_share"}
    for method in methods:
        group = handle.create_group(f"sensitivity/{metrics[method]}")
        group.attrs["method"] = _string(method, strings)
        group.create_dataset("names", data=_strings(names, strings))
        if method == "sobol":
            group.attrs["confidence"] = 0.95
            values = {"S1": [0.55, 0.25, 0.02], "ST": [0.65, 0.33, 0.05]}
            for name in ("S1", "ST"):
                centre = np.array(values[name])
                values[f"{name}_low"] = centre - [0.05, 0.04, 0.03]
                values[f"{name}_high"] = centre + [0.06, 0.05, 0.02]
        else:
            values = {"mu": [-0.2, 0.1, 0.01], "mu_star": [0.25, 0.12, 0.02],
                      "sigma": [0.1, 0.15, 0.01]}
        for key, data in values.items():
            group.create_dataset(key, data=np.asarray(data, dtype=float))
        written[metrics[method]] = (method, names, {k: np.asarray(v) for k, v in values.items()})
    return written
