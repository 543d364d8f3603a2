"""kringloop.sweep: `kringloop sweep` in process, results as DataFrames."""

import json
import os
import shutil
import tempfile

import numpy as np
import pandas as pd

from . import _kringloop
from ._arguments import ConfigError, option_key, option_text, override_pairs, scenario_path, \
    seed_value, thread_count

DESIGNS = ("grid", "lhs", "sobol", "morris")


def _vary_argument(key, values):
    """One `--vary KEY=...`: a list of values, a (low, high) tuple for a range, or the CLI's text."""
    key = option_key(key)
    if isinstance(values, str):
        return f"{key}={values}"
    if isinstance(values, tuple):
        if len(values) != 2:
            raise ConfigError(f"vary {key} = {values!r}: a range is a (low, high) tuple; "
                              "give a list for separate values")
        return f"{key}={option_text(key, values[0])}:{option_text(key, values[1])}"
    if isinstance(values, (list, np.ndarray, range)):
        if len(values) == 0:
            raise ConfigError(f"vary {key}: the list of values is empty")
        return f"{key}={','.join(option_text(key, v) for v in values)}"
    raise ConfigError(f"vary {key} = {values!r}: give a list of values, a (low, high) tuple or "
                      "text as after --vary KEY=")


def _positive(name, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ConfigError(f"{name} = {value!r}: must be a whole number >= 1")
    return int(value)


def sweep_arguments(vary, *, scenario=None, overrides=None, design="grid", samples=None, levels=None,
                    replications=1, seed=None, output, threads=0, overwrite=False, resume=False):
    """The `kringloop sweep` arguments that `sweep` passes (also handy to print the CLI form)."""
    if not hasattr(vary, "items") or len(vary) == 0:
        raise ConfigError("vary: give a dict of at least one option, e.g. "
                          "{'scheme.investment.lead_time_days': (30, 120)}")
    if design not in DESIGNS:
        raise ConfigError(f"design = {design!r}: must be one of {', '.join(DESIGNS)}")
    arguments = [f"--output={os.fspath(output)}", "--quiet", f"--design={design}",
                 f"--threads={thread_count(threads)}"]
    path = scenario_path(scenario)
    if path is not None:
        arguments.append(f"--scenario={path}")
    arguments += [f"--vary={_vary_argument(key, values)}" for key, values in vary.items()]
    arguments += [f"--{key}={value}" for key, value in override_pairs(overrides)]
    for name, value in (("samples", _positive("samples", samples)), ("levels", _positive("levels", levels)),
                        ("replications", _positive("replications", replications)),
                        ("seed", seed_value(seed))):
        if value is not None:
            arguments.append(f"--{name}={value}")
    if overwrite:
        arguments.append("--overwrite")
    if resume:
        arguments.append("--resume")
    return arguments


def sweep(vary, *, scenario=None, overrides=None, design="grid", samples=None, levels=None,
          replications=1, seed=None, output=None, threads=0, overwrite=False, resume=False):
    """Run a sweep with `kringloop sweep`'s own machinery and return a `SweepResult`.

    vary:   {"section.key": values}: a list of values (grid), a (low, high) tuple (a range, for
            any design), or the text that follows `--vary KEY=` on the command line
    design: "grid", "lhs", "sobol" or "morris"; samples, levels, replications, seed as the CLI's
            --samples, --levels, --replications, --seed (docs/EXPERIMENTS.md)
    scenario, overrides, threads: as for `kringloop.run`
    output: the sweep file to keep (None: a temporary file, removed once read); overwrite and
            resume as the CLI's --overwrite and --resume

    The GIL is released while the runs execute. Do not read HDF5 files with h5py from another
    Python thread meanwhile: Debian's HDF5 library is not thread-safe.
    """
    keep = output is not None
    folder = None if keep else tempfile.mkdtemp(prefix="kringloop-sweep-")
    path = os.fspath(output) if keep else os.path.join(folder, "sweep.h5")
    try:
        arguments = sweep_arguments(vary, scenario=scenario, overrides=overrides, design=design,
                                    samples=samples, levels=levels, replications=replications,
                                    seed=seed, output=path, threads=threads, overwrite=overwrite,
                                    resume=resume)
        _kringloop._sweep(arguments)
        return SweepResult.read(path, keep_path=keep)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


class SweepResult:
    """A finished sweep.

    meta:   what `kringloop inspect SWEEP.h5 --json` prints (design, runs, metrics, series, ...)
    design: DataFrame of design points (index `point`) × varied keys
    runs:   DataFrame with one row per run (index `run`): point, replication, seed and every
            summary metric
    file:   the sweep file, or None when it was temporary (read its series with kringloop_io)
    """

    def __init__(self, meta, metrics, file):
        self.meta = meta
        self.file = file
        names = meta["design"]["names"]
        points = np.asarray(meta["design"]["points"], dtype=float).reshape(-1, len(names))
        self.design = pd.DataFrame(points, columns=names,
                                   index=pd.RangeIndex(len(points), name="point"))
        table = {"point": np.asarray(meta["run_point"], dtype=np.int64),
                 "replication": np.asarray(meta["run_replication"], dtype=np.int64),
                 "seed": np.asarray(meta["run_seed"], dtype=np.uint64)}
        table.update({key: values for key, values in metrics})
        self.runs = pd.DataFrame(table, index=pd.RangeIndex(meta["runs"], name="run"))

    @classmethod
    def read(cls, path, keep_path=True):
        """Read any finished sweep file (for example one the CLI wrote)."""
        path = os.fspath(path)
        meta = json.loads(_kringloop._sweep_overview_json(path))
        return cls(meta, _kringloop._sweep_metrics(path), path if keep_path else None)

    @property
    def summary_keys(self):
        """The summary metrics recorded for every run."""
        return list(self.meta["metrics"])

    def runs_with_design(self):
        """`runs` joined with the design values of each run's point."""
        return self.runs.join(self.design, on="point")

    def __repr__(self):
        return (f"SweepResult(design={self.meta['design']['kind']!r}, points={len(self.design)}, "
                f"runs={len(self.runs)}, file={self.file!r})")
