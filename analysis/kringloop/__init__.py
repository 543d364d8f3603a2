"""Kringloop from Python: the simulator in process, with results as pandas objects.

    import kringloop
    result = kringloop.run(overrides={"population.farmers": 500, "run.years": 5}, seed=7)
    result.summary["land.total_ha_end"]           # the run summary: a dict, as `inspect --json`
    result.series["land/area_by_tenure_ha"]       # a monthly series: a DataFrame indexed by month
    kringloop.options()                           # every scenario option (`kringloop options --json`)
    model = kringloop.Model("configs/stop_go.ini", seed=3)   # validated now (Mesa style)
    model.run()
    study = kringloop.sweep({"network.neighbours": [4, 8]}, overrides={"run.years": 3})
    study.runs_with_design()                      # one row per run: design values and summary

`run` gives the same numbers as `kringloop run` writes to its HDF5 file for the same scenario,
overrides and seed (bit for bit; tests/python/test_run.py checks it), and releases the GIL while
the model runs, so a thread pool runs several at once. `ema_model` is a function with EMA
Workbench's model signature. Bad input raises `ConfigError` (a ValueError) or `FileError` (an
OSError) with the one-line message the command-line program prints.

The package is assembled by CMake in build/python/kringloop (this folder's files next to the
compiled `_kringloop` module): `PYTHONPATH=build/python /usr/bin/python3`.
"""

try:
    from . import _kringloop
except ImportError as error:  # the source folder without the compiled half
    raise ImportError(
        "kringloop: the compiled module _kringloop is missing here. Build with CMake "
        "(bash .ci/setup) and import the package from build/python "
        "(PYTHONPATH=build/python), or install it (cmake --install build --component python)"
    ) from error

from ._kringloop import ConfigError, FileError
from ._run import Model, RunResult, options, run
from ._sweep import SweepResult, sweep
from .ema import ema_model, make_ema_model, outcome_name

__version__ = _kringloop.__version__
git_describe = _kringloop.git_describe

__all__ = ["run", "Model", "options", "sweep", "ema_model", "make_ema_model", "outcome_name", "RunResult",
           "SweepResult", "ConfigError", "FileError", "__version__", "git_describe"]
