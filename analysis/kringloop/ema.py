"""A model function with EMA Workbench's signature: keyword levers in, a dict of outcomes out.

    from ema_workbench import Model, RealParameter, IntegerParameter, ScalarOutcome
    import kringloop
    model = Model("kringloop", function=kringloop.ema_model)
    model.uncertainties = [RealParameter("trust__gain_rate", 0.01, 0.05)]
    model.levers = [IntegerParameter("scheme__investment__lead_time_days", 30, 180)]
    model.outcomes = [ScalarOutcome("subsidy__total_paid_eur")]

EMA Workbench 3 wants every parameter and outcome name to be a Python identifier, so a scenario
option `section.key` is written `section__key`, and outcomes are named the same way:
summary key `adoption.p.final_share` → `adoption__p__final_share`, series `trust/i/mean` →
`trust__i__mean` (a time series), column c of a 2-D series → `path__c`. The outcome set is
whatever the model records (no names are fixed here); `outcome_name` gives the mapping.
"""

import functools
import re

import numpy as np

from ._run import options, run


def outcome_name(key, column=None):
    """The EMA outcome name of a summary key or series path (and optional column)."""
    name = re.sub(r"[./]", "__", key.strip("/"))
    if column is not None:
        name += "__" + column
    name = re.sub(r"[^0-9A-Za-z_]", "_", name)
    return name if name.isidentifier() else "_" + name


@functools.lru_cache(maxsize=1)
def _integer_patterns():
    return tuple(option["key"].split(".") for option in options() if option["type"] == "integer")


def _is_integer_option(key):
    parts = key.split(".")
    return any(len(parts) == len(pattern) and all(p == "*" or p == k for p, k in zip(pattern, parts))
               for pattern in _integer_patterns())


def _lever_value(key, value):
    """EMA samples integers as floats in some designs: 120.0 for an integer option becomes 120."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer() and _is_integer_option(key):
        return int(value)
    return value


def outcomes(result, series=True):
    """A `RunResult` as EMA outcomes: every summary value (float) and, when `series`, every
    monthly series as a 1-D array (2-D series one array per column)."""
    found = {}

    def add(name, value, origin):
        if name in found:
            raise ValueError(f"two outcomes are both named {name!r} (the second from {origin})")
        found[name] = value

    for key, value in result.summary.items():
        add(outcome_name(key), float(value), f"summary {key}")
    if series:
        for path in result.series:
            values = result.series.array(path)
            if values.ndim == 1:
                add(outcome_name(path), values, f"series {path}")
            else:
                for index, column in enumerate(result.series.columns(path)):
                    add(outcome_name(path, column), values[:, index], f"series {path}")
    return found


def make_ema_model(scenario=None, seed=None, threads=0, series=True):
    """An EMA model function for `scenario` (None: the embedded default). Its keyword arguments
    are scenario options (`section__key` or `section.key`) and optionally `seed`. Use threads=1
    with EMA's MultiprocessingEvaluator (one run per process), 0 (all cores) otherwise."""

    def kringloop_model(**levers):
        run_seed = levers.pop("seed", seed)
        overrides = {}
        for name, value in levers.items():
            key = name.replace("__", ".")
            overrides[key] = _lever_value(key, value)
        return outcomes(run(scenario, overrides, seed=run_seed, threads=threads), series=series)

    kringloop_model.__doc__ = (f"Kringloop ({scenario or 'embedded default scenario'}): scenario "
                               "options as keyword arguments, outcomes as a dict (kringloop.ema).")
    return kringloop_model


ema_model = make_ema_model()
