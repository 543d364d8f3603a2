"""Load Kringloop HDF5 output (run and sweep files) into pandas and numpy.

The layout is the contract in docs/OUTPUT.md. This module is the only place in the toolkit that
knows it, so the plotting scripts and a notebook see the same data the same way:

    import sys; sys.path.insert(0, "analysis")
    import kringloop_io as kio
    run = kio.open_run("run.h5")
    run.meta["scenario_name"], run.summary["adoption.nature_inclusive.final_share"]
    run.series("practice/nature_inclusive/funnel")      # DataFrame indexed by month

Files are read eagerly for their small parts (attributes, summary, design, run table) and lazily
for series: each `series()` call reopens the file, so a `Run` or `Sweep` holds no open handle and
can live in a notebook while the simulator writes other files.

Every failure to read a file becomes a `KringloopFileError` whose message is one line naming the
file and the problem; the scripts print it and exit with code 2. A missing *optional* part raises
the subclass `MissingGroupError`, which also says what would have produced it.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import struct
from dataclasses import dataclass

import h5py
import numpy as np
import pandas as pd

RUN_FORMAT = "kringloop-run"
SWEEP_FORMAT = "kringloop-sweep"
SUPPORTED_FORMAT_VERSION = 1
DAYS_PER_YEAR = 365
# Columns of a sweep's run table that are not summary keys.
RUN_BOOKKEEPING = ("point", "replication", "seed", "done", "command")

REQUIRED_GROUPS = {
    RUN_FORMAT: ("/time", "/series", "/summary"),
    SWEEP_FORMAT: ("/time", "/design", "/runs"),
}

# What writes each optional part, so a missing one can be explained rather than just reported.
# Longest matching prefix wins.
PRODUCERS = {
    "/series/coalitions": "the coalition model (a run file written before coalitions existed)",
    "/series/exchange": "the land-exchange model (a scenario with a land-exchange practice, `exchange.practice`)",
    "/series/measures": "spatial measures (`measure.enabled = true`)",
    "/runs/series/coalitions": "the coalition model (a sweep file written before coalitions existed)",
    "/runs/series/exchange": "the land-exchange model (a scenario with a land-exchange practice, `exchange.practice`)",
    "/runs/series/measures": "spatial measures (`measure.enabled = true`)",
    "/snapshots": "`[output] snapshots = true` in the scenario",
    "/sensitivity": "`kringloop sensitivity`",
    "/runs/series": "`kringloop sweep` (stacked monthly series of each run)",
    "/runs/summary": "`kringloop sweep` (summary of each run)",
    "/series": "the model, but this run did not record it",
}


class KringloopFileError(Exception):
    """A file cannot be used: missing, not HDF5, truncated, wrong format or missing a part.

    `str(error)` is one line, "FILE: problem", ready to print after "error: ".
    """

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class MissingGroupError(KringloopFileError):
    """An optional group or dataset is absent; the message names it and what produces it."""

    def __init__(self, path, group, producer=None, available=None):
        self.group = group
        self.producer = producer if producer is not None else producer_of(group)
        problem = f"no {group} in this file; it is written by {self.producer}"
        if available:
            problem += f"; available: {', '.join(available)}"
        super().__init__(path, problem)


def producer_of(group):
    """Say what writes `group` (an absolute HDF5 path), for error messages."""
    matches = [prefix for prefix in PRODUCERS if group == prefix or group.startswith(prefix + "/")]
    return PRODUCERS[max(matches, key=len)] if matches else "a newer kringloop version"


def text(value):
    """Decode an HDF5 string (variable-length UTF-8 or fixed-length bytes) to `str`."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def texts(values):
    """Decode an array of HDF5 strings to a list of `str`."""
    return [text(v) for v in np.asarray(values).ravel()]


def plain(value):
    """Turn an HDF5 attribute value into a plain Python value (str, int, float or list)."""
    if isinstance(value, (bytes, np.bytes_, str)):
        return text(value)
    if isinstance(value, np.ndarray):
        if value.shape == ():
            return plain(value[()])
        if value.dtype.kind in "SOU":
            return texts(value)
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


@contextlib.contextmanager
def _reading(path):
    """Turn low-level read failures inside the block into a one-line KringloopFileError."""
    try:
        yield
    except KringloopFileError:
        raise
    except (OSError, KeyError, ValueError, TypeError, RuntimeError) as error:
        # RuntimeError: h5py's report of a failed HDF5 call, e.g. "incorrect metadata checksum"
        raise KringloopFileError(path, f"cannot read, damaged file? ({_first_line(error)})") from error


def _first_line(error):
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _open_h5(path):
    """Open `path` read-only, explaining the usual ways this fails in one line."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise KringloopFileError(path, "no such file")
    if os.path.isdir(path):
        raise KringloopFileError(path, "is a directory, not an HDF5 file")
    if os.path.getsize(path) == 0:
        raise KringloopFileError(path, "empty file (0 bytes)")
    try:
        return h5py.File(path, "r")
    except OSError as error:
        message = str(error)
        if "truncated" in message:
            expected = re.search(r"stored_eof = (\d+)", message)
            size = f"{os.path.getsize(path)} of {expected.group(1)} bytes" if expected \
                else f"{os.path.getsize(path)} bytes"
            raise KringloopFileError(path, f"truncated HDF5 file ({size}; copied or written only "
                                           "in part?)") from error
        if "signature" in message:
            raise KringloopFileError(path, "not an HDF5 file") from error
        raise KringloopFileError(path, f"cannot open as HDF5 ({_first_line(error)})") from error


def is_checksum_attribute(name):
    """`checksum`, `summary_checksum`, `design_checksum`: digests, not data."""
    return name == "checksum" or name.endswith("_checksum")


def attributes_digest(obj):
    """FNV-1a digest of an HDF5 object's attributes except the checksums, as the C++ writer computes
    it (sim/output/dataset_checksum.hpp): name order; name, NUL, type tag, value bytes."""
    digest = 0xcbf29ce484222325

    def add(data):
        nonlocal digest
        for byte in data:
            digest = ((digest ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF

    for name in sorted(obj.attrs.keys(), key=lambda key: key.encode()):
        if is_checksum_attribute(name):
            continue
        value = obj.attrs[name]
        kind = obj.attrs.get_id(name).dtype.kind
        add(name.encode() + b"\0")
        if kind == "i":
            add(b"i" + int(value).to_bytes(8, "little", signed=True))
        elif kind == "u":
            add(b"u" + int(value).to_bytes(8, "little", signed=False))
        elif kind == "f":
            add(b"f" + struct.pack("<d", float(value)))
        else:
            add(b"s" + (value if isinstance(value, bytes) else str(value).encode()) + b"\0")
    return digest


def verify_checksum(path, root, name, obj, what):
    """Raise KringloopFileError when the root attribute `name` (a digest of `obj`'s attributes) does
    not match them. Files written before checksums (or by another tool) have none and pass."""
    if name not in root.attrs:
        return
    if int(root.attrs[name]) != attributes_digest(obj):
        raise KringloopFileError(path, f"damaged file: the attributes of {what} do not match their checksum")


def _attributes(obj):
    """An object's attributes as plain values, without the checksums."""
    return {key: plain(value) for key, value in obj.attrs.items() if not is_checksum_attribute(key)}


def _check_format(path, handle, expected):
    """Check the root `format` and `format_version` attributes and the required groups."""
    if "format" not in handle.attrs:
        raise KringloopFileError(path, "HDF5 file without a 'format' attribute (not kringloop output)")
    found = text(handle.attrs["format"])
    if found != expected:
        kinds = {RUN_FORMAT: "a run file", SWEEP_FORMAT: "a sweep file"}
        what = kinds.get(found, "not kringloop output")
        raise KringloopFileError(
            path, f"format is '{found}' ({what}), expected '{expected}' ({kinds[expected]})")
    version = plain(handle.attrs.get("format_version", SUPPORTED_FORMAT_VERSION))
    if version > SUPPORTED_FORMAT_VERSION:
        raise KringloopFileError(
            path, f"format_version {version} is newer than this toolkit reads "
            f"({SUPPORTED_FORMAT_VERSION}); update analysis/")
    for group in REQUIRED_GROUPS[expected]:
        if group not in handle:
            raise KringloopFileError(path, f"missing required group {group} (incomplete {expected} file)")
    verify_checksum(path, handle, "checksum", handle, "the root group")


def _read_time(path, handle):
    """Month numbers and the year (end of month, in years since start) of every recorded month."""
    if "month" not in handle["time"]:
        raise KringloopFileError(path, "missing required dataset /time/month")
    month = np.asarray(handle["time/month"][()], dtype=int)
    if "day" in handle["time"]:
        year = np.asarray(handle["time/day"][()], dtype=float) / DAYS_PER_YEAR
    else:
        year = month / 12.0
    if year.shape != month.shape:
        raise KringloopFileError(path, "/time/month and /time/day differ in length")
    return month, year


def _dataset_paths(group):
    """All dataset paths below `group`, relative to it, in sorted order."""
    found = []
    group.visititems(lambda name, obj: found.append(name) if isinstance(obj, h5py.Dataset) else None)
    return sorted(found)


@dataclass
class SeriesStack:
    """One monthly series over several runs: replications of a scenario or the runs of a sweep.

    `values` has shape (runs, months) or (runs, months, columns). `month` and `year` index the
    second axis; `columns` names the third (None for a 1-D series).
    """

    path: str
    values: np.ndarray
    month: np.ndarray
    year: np.ndarray
    unit: str
    description: str
    columns: list | None

    def column(self, name):
        """The (runs, months) slice of one named column of a 2-D series."""
        if self.columns is None:
            raise KeyError(f"{self.path} is a 1-D series without columns")
        return self.values[:, :, self.columns.index(name)]


def _read_series(path, handle, full, month, leading_axes):
    """Read the dataset at `full` and check its month axis against /time."""
    if full not in handle:
        raise MissingGroupError(path, full)
    dataset = handle[full]
    if not isinstance(dataset, h5py.Dataset):
        examples = ", ".join(_dataset_paths(dataset)[:3])
        raise KringloopFileError(path, f"{full} is a group, not a series (it holds e.g. {examples})")
    values = np.asarray(dataset[()], dtype=float)
    if values.ndim < leading_axes + 1 or values.shape[leading_axes] != len(month):
        raise KringloopFileError(path, f"{full} has shape {values.shape}, but /time has "
                                       f"{len(month)} months")
    columns = None
    if values.ndim == leading_axes + 2:
        width = values.shape[-1]
        columns = texts(dataset.attrs["columns"]) if "columns" in dataset.attrs \
            else [str(k) for k in range(width)]
        if len(columns) != width:
            raise KringloopFileError(path, f"{full} has {width} columns but its 'columns' "
                                           f"attribute names {len(columns)}")
    return values, columns, text(dataset.attrs.get("unit", "")), text(dataset.attrs.get("description", ""))


class _SeriesListing:
    """Finding series by path; shared by `Run` (under /series) and `Sweep` (under /runs/series)."""

    _root = "/series"
    _series: list

    def list_series(self):
        """Paths of every series, relative to the series root (e.g. 'trust/province/mean')."""
        return list(self._series)

    def has_series(self, path):
        """Whether the series `path` was written."""
        return path.strip("/") in self._series

    def has_group(self, group):
        """Whether any series was written under `group` (e.g. 'coalitions')."""
        prefix = group.strip("/") + "/"
        return any(p.startswith(prefix) for p in self._series)

    def children(self, group):
        """Names directly under `group`, e.g. children('practice') lists the practices."""
        prefix = group.strip("/") + "/"
        names = sorted({p[len(prefix):].split("/")[0] for p in self._series if p.startswith(prefix)})
        if not names:
            raise MissingGroupError(self.path, f"{self._root}/{group.strip('/')}")
        return names


class Run(_SeriesListing):
    """A single run file (`kringloop run -o RUN.h5`).

    Attributes: `path`; `meta`, a dict of the root attributes (strings decoded, numbers as Python
    numbers); `summary`, a pandas Series of the summary keys; `month` and `year`, the time axis.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        with _open_h5(self.path) as handle, _reading(self.path):
            _check_format(self.path, handle, RUN_FORMAT)
            self.meta = _attributes(handle)
            verify_checksum(self.path, handle, "summary_checksum", handle["summary"], "/summary")
            self.summary = pd.Series({key: float(value) for key, value
                                      in sorted(_attributes(handle["summary"]).items())}, dtype=float,
                                     name=self.meta.get("scenario_name", ""))
            self.month, self.year = _read_time(self.path, handle)
            self._series = _dataset_paths(handle["series"])

    def __repr__(self):
        return (f"Run({self.path!r}, scenario={self.meta.get('scenario_name')!r}, "
                f"seed={self.meta.get('seed')}, months={len(self.month)})")

    @property
    def label(self):
        """A short name for legends: the scenario name (the file name when it has none)."""
        return self.meta.get("scenario_name") or os.path.basename(self.path)

    def stack(self, path):
        """The series `path` as a one-run `SeriesStack` (the shape the comparison code wants)."""
        full = "/series/" + path.strip("/")
        with _open_h5(self.path) as handle, _reading(self.path):
            values, columns, unit, description = _read_series(
                self.path, handle, full, self.month, leading_axes=0)
        return SeriesStack(path.strip("/"), values[np.newaxis], self.month, self.year, unit,
                           description, columns)

    def series(self, path):
        """The series `path` (relative to /series) as a DataFrame indexed by month.

        Columns: `year` (end of the month in years since the start, a helper for plotting) and
        then the data: one column named after the series for a 1-D series, or the dataset's
        `columns` for a 2-D one. `df.attrs` holds `unit`, `description`, `path` and `columns`.
        """
        stack = self.stack(path)
        values = stack.values[0]
        columns = stack.columns or [stack.path.rsplit("/", 1)[-1]]
        frame = pd.DataFrame(values.reshape(len(self.month), -1), columns=columns,
                             index=pd.Index(self.month, name="month"))
        frame.insert(0, "year", self.year)
        frame.attrs.update(unit=stack.unit, description=stack.description, path=stack.path,
                           columns=columns)
        return frame


class Sweep(_SeriesListing):
    """A sweep file (`kringloop sweep … -o SWEEP.h5`), possibly with sensitivity results.

    Attributes: `path`; `meta` (root attributes); `design`, a DataFrame of design points × varied
    keys (a categorical key holds level indices); `labels`, each categorical key's levels
    (`design_labels()` puts them in); `runs`, a DataFrame with one row per run (point,
    replication, seed, done and every summary key); `month` and `year`, the time axis.
    """

    _root = "/runs/series"

    def __init__(self, path):
        self.path = os.fspath(path)
        with _open_h5(self.path) as handle, _reading(self.path):
            _check_format(self.path, handle, SWEEP_FORMAT)
            self.meta = _attributes(handle)
            if "design" in handle:
                verify_checksum(self.path, handle, "design_checksum", handle["design"], "/design")
            self.month, self.year = _read_time(self.path, handle)
            self.design = self._read_design(handle)
            self.runs = self._read_runs(handle)
            self._series = _dataset_paths(handle["runs/series"]) if "runs/series" in handle else []
            self._sensitivity = sorted(handle["sensitivity"].keys()) if "sensitivity" in handle else []

    def __repr__(self):
        return (f"Sweep({self.path!r}, design={self.meta.get('design')!r}, "
                f"points={len(self.design)}, runs={len(self.runs)})")

    @property
    def label(self):
        """A short name for legends: `[run] name` of the sweep's scenario text, or the file name."""
        section = ""
        for line in str(self.meta.get("scenario_text", "")).splitlines():
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
            key, _, value = line.partition("=")
            if section == "run" and key.strip() == "name" and value.strip():
                return value.strip()
        return os.path.basename(self.path)

    def _read_design(self, handle):
        names = texts(handle["design/names"][()]) if "names" in handle["design"] else []
        points = np.asarray(handle["design/points"][()], dtype=float) if "points" in handle["design"] \
            else np.zeros((0, len(names)))
        points = points.reshape(-1, len(names)) if names else np.zeros((points.shape[0], 0))
        if points.shape[1] != len(names):
            raise KringloopFileError(self.path, f"/design/points has {points.shape[1]} columns "
                                                f"for {len(names)} names")
        self.labels = {}   # categorical factor -> its levels (the design holds level indices)
        if "labels" in handle["design"]:
            for name in handle["design/labels"].keys():
                self.labels[name] = texts(handle[f"design/labels/{name}"][()])
        return pd.DataFrame(points, columns=names, index=pd.RangeIndex(len(points), name="point"))

    def design_labels(self):
        """`design` with each categorical factor's level index replaced by its label (a word, a
        boolean or, for the factor `scenario`, a scenario file)."""
        frame = self.design.copy()
        for name, levels in self.labels.items():
            if name in frame:
                frame[name] = [levels[int(index)] for index in frame[name]]
        return frame

    def _read_runs(self, handle):
        table = {}
        for name, dtype in (("point", int), ("replication", int), ("seed", np.uint64), ("done", bool)):
            if name not in handle["runs"]:
                raise KringloopFileError(self.path, f"missing required dataset /runs/{name}")
            table[name] = np.asarray(handle[f"runs/{name}"][()]).astype(dtype)
        if "command" in handle["runs"]:        # arguments that repeat the run (newer writers)
            table["command"] = texts(handle["runs/command"][()])
        lengths = {len(v) for v in table.values()}
        if "summary" in handle["runs"]:
            for key in sorted(handle["runs/summary"].keys()):
                table[key] = np.asarray(handle[f"runs/summary/{key}"][()], dtype=float)
                lengths.add(len(table[key]))
        if len(lengths) > 1:
            raise KringloopFileError(self.path, "datasets under /runs differ in length")
        return pd.DataFrame(table, index=pd.RangeIndex(len(table["point"]), name="run"))

    @property
    def summary_keys(self):
        """The summary keys recorded per run (columns of `runs` after the bookkeeping ones)."""
        return [c for c in self.runs.columns if c not in RUN_BOOKKEEPING]

    def runs_with_design(self, done_only=True):
        """`runs` joined with the design values of each run's point (only finished runs by default)."""
        runs = self.runs[self.runs["done"]] if done_only else self.runs
        return runs.join(self.design, on="point")

    def stack(self, path, runs=None):
        """The stacked series `path` as a `SeriesStack` over the given runs (default: the done ones).

        `runs` is a sequence of run indices (rows of `runs`); pass e.g.
        `sweep.runs.index[sweep.runs.point == 3]` to look at one design point.
        """
        full = "/runs/series/" + path.strip("/")
        with _open_h5(self.path) as handle, _reading(self.path):
            values, columns, unit, description = _read_series(
                self.path, handle, full, self.month, leading_axes=1)
        if values.shape[0] != len(self.runs):
            raise KringloopFileError(self.path, f"{full} has {values.shape[0]} runs, /runs has "
                                                f"{len(self.runs)}")
        selected = self.runs.index[self.runs["done"]] if runs is None else np.asarray(runs, dtype=int)
        return SeriesStack(path.strip("/"), values[selected], self.month, self.year, unit,
                           description, columns)

    def series(self, path, runs=None):
        """The stacked series `path` as an ndarray (runs, months[, columns]); see `stack`."""
        return self.stack(path, runs).values

    def list_sensitivity(self):
        """Metrics that have sensitivity results (names under /sensitivity)."""
        return list(self._sensitivity)

    def sensitivity(self, metric):
        """Sensitivity indices of `metric` as a DataFrame indexed by varied key.

        Sobol: columns S1, S1_low, S1_high, ST, ST_low, ST_high; Morris: mu, mu_star, sigma.
        `df.attrs` holds `method`, `metric`, (Sobol) `confidence` and, from `kringloop
        sensitivity` of this version on, `replications`, `noise_share` (with `noise_share_low`
        and `_high`), `mean_noise_share`, `noise_variance` and `dropped_runs`.
        """
        full = f"/sensitivity/{metric}"
        if metric not in self._sensitivity:
            raise MissingGroupError(self.path, full, available=self._sensitivity)
        columns = {"sobol": ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"),
                   "morris": ("mu", "mu_star", "sigma")}
        with _open_h5(self.path) as handle, _reading(self.path):
            group = handle[full]
            method = text(group.attrs.get("method", "")).lower()
            if method not in columns:
                raise KringloopFileError(self.path, f"{full} has method '{method}', expected "
                                                    "'sobol' or 'morris'")
            names = texts(group["names"][()])
            table = {}
            for column in columns[method]:
                if column not in group:
                    raise KringloopFileError(self.path, f"{full} lacks dataset '{column}'")
                table[column] = np.asarray(group[column][()], dtype=float)
                if len(table[column]) != len(names):
                    raise KringloopFileError(self.path, f"{full}/{column} has {len(table[column])} "
                                                        f"values for {len(names)} names")
            frame = pd.DataFrame(table, index=pd.Index(names, name="key"))
            frame.attrs.update(method=method, metric=metric)
            for key in ("confidence", "replications", "noise_share", "noise_share_low",
                        "noise_share_high", "mean_noise_share", "noise_variance", "dropped_runs"):
                if key in group.attrs:
                    frame.attrs[key] = float(plain(group.attrs[key]))
        return frame


def nearest_hint(name, candidates):
    """" (did you mean 'X'?)" with the candidate closest to a misspelt `name`, or "" when none is."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def open_run(path):
    """Open a run file; raise `KringloopFileError` if it is missing, damaged or not a run file."""
    return Run(path)


def open_sweep(path):
    """Open a sweep file; raise `KringloopFileError` if it is missing, damaged or not a sweep file."""
    return Sweep(path)


def open_any(path):
    """Open a run or a sweep file, whichever `path` is (by its `format` attribute)."""
    with _open_h5(path) as handle, _reading(path):
        found = text(handle.attrs["format"]) if "format" in handle.attrs else None
    return Sweep(path) if found == SWEEP_FORMAT else Run(path)


def parse_scenario(scenario_text):
    """The resolved scenario (INI text of a run file) as {"section.key": "value"}."""
    section, values = "", {}
    for line in str(scenario_text or "").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif "=" in line:
            key, _, value = line.partition("=")
            values[f"{section}.{key.strip()}" if section else key.strip()] = value.strip()
    return values
