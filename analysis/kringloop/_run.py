"""kringloop.run and kringloop.options."""

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _kringloop
from ._arguments import override_pairs, scenario_path, seed_value, thread_count

DAYS_PER_YEAR = 365


def options():
    """Every scenario option as a list of dicts (key, type, default, default_text, unit, min, max,
    choices, meaning, source), in the order `kringloop options --json` prints them.
    `pandas.DataFrame(kringloop.options())` makes it a table."""
    return json.loads(_kringloop._options_json())["options"]


def run(scenario=None, overrides=None, seed=None, threads=0):
    """Simulate one scenario in process and return a `RunResult`.

    scenario:  path of an INI file, or None for the embedded default scenario
    overrides: {"section.key": value} applied after the file, like `--section.key VALUE`
               (keys may also be written section__key); values are numbers, bools, str or lists
    seed:      root seed (overrides run.seed), as `kringloop run --seed`
    threads:   worker threads, 0 = all cores; the numbers do not depend on it

    The GIL is released while the scenario is validated and simulated.
    """
    raw = _kringloop._run(scenario_path(scenario), override_pairs(overrides), seed_value(seed),
                          thread_count(threads))
    return RunResult(raw)


class Model:
    """Describe, validate, run, as Mesa users write it: `Model(...).run()`.

    The scenario is resolved and checked when the Model is made (bad input raises there, with the
    CLI's message), so `scenario_text` shows every setting before anything runs; `run()` simulates
    it and may be called again (the same seed gives the same numbers).
    """

    def __init__(self, scenario=None, overrides=None, seed=None, threads=0):
        self._request = (scenario_path(scenario), override_pairs(overrides), seed_value(seed))
        self._threads = thread_count(threads)
        described = _kringloop._validate(*self._request)
        self.scenario_name = described["scenario_name"]
        self.scenario_text = described["scenario_text"]
        self.seed, self.years, self.farmers = described["seed"], described["years"], described["farmers"]

    def run(self):
        """Simulate the scenario; returns a `RunResult`."""
        return RunResult(_kringloop._run(*self._request, self._threads))

    def __repr__(self):
        return (f"Model(scenario={self.scenario_name!r}, farmers={self.farmers}, years={self.years}, "
                f"seed={self.seed})")


class SeriesFrames(Mapping):
    """The monthly series of a run by path ("practice/<p>/funnel"), each made into a DataFrame on
    first use (most analyses look at a few of the many series a run records)."""

    def __init__(self, series, month, year):
        self._raw = {path: (unit, description, columns, values)
                     for path, unit, description, columns, values in series}
        self._month, self._year = month, year
        self._frames = {}

    def __getitem__(self, path):
        path = path.strip("/")
        if path not in self._frames:
            if path not in self._raw:
                raise KeyError(f"no series {path!r} in this run (list them with result.list_series())")
            unit, description, columns, values = self._raw[path]
            names = list(columns) or [path.rsplit("/", 1)[-1]]
            frame = pd.DataFrame(values.reshape(len(self._month), -1), columns=names,
                                 index=pd.Index(self._month, name="month"))
            frame.insert(0, "year", self._year)
            frame.attrs.update(unit=unit, description=description, path=path, columns=names)
            self._frames[path] = frame
        return self._frames[path]

    def __iter__(self):
        return iter(self._raw)

    def __len__(self):
        return len(self._raw)

    def array(self, path):
        """The values exactly as recorded: (months,) or (months, columns), float64."""
        return self._raw[path.strip("/")][3]

    def columns(self, path):
        """The recorded column names of a 2-D series (empty for a 1-D one)."""
        return list(self._raw[path.strip("/")][2])

    def __repr__(self):
        return f"<{len(self)} series: {', '.join(list(self._raw)[:4])}, ...>"


class RunResult:
    """What one run produced, in memory.

    meta:    seed, threads, wall_seconds, scenario_name, scenario_text, years, farmers, months,
             kringloop_version, git_describe (the root attributes of a run file)
    summary: dict of the run summary, in the recorder's order (the /summary of a run file)
    series:  mapping path → DataFrame indexed by month, with a `year` column first and then the
             data (one column named after the series, or the series' own columns); `df.attrs`
             holds unit, description, path and columns. The same layout as
             kringloop_io.Run.series, so analysis code takes either.
    month, day, year: the time axis (1-based month, last day of each month, years since start)
    """

    def __init__(self, raw):
        self.meta = dict(raw["meta"])
        self.summary = {key: value for key, value in raw["summary"]}
        self.day = np.asarray(raw["day"])
        self.month = np.arange(1, len(self.day) + 1)
        self.year = self.day / DAYS_PER_YEAR
        self.series = SeriesFrames(raw["series"], self.month, self.year)

    def list_series(self):
        """Paths of every recorded series."""
        return list(self.series)

    @property
    def label(self):
        """A short name for legends: the scenario name."""
        return self.meta.get("scenario_name", "")

    def __repr__(self):
        return (f"RunResult(scenario={self.meta.get('scenario_name')!r}, seed={self.meta.get('seed')}, "
                f"months={len(self.month)}, series={len(self.series)}, summary={len(self.summary)})")
