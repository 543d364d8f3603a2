"""From Python values to the text the scenario reader checks, exactly as on the command line."""

import numbers
import os

import numpy as np

from ._kringloop import ConfigError


def option_text(key, value):
    """A scenario value as INI text: booleans as true/false, floats in shortest round-trip form
    (so 0.1 is the same double the CLI reads from `0.1`), lists comma-separated."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return repr(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(option_text(key, item) for item in value)
    raise ConfigError(f"{key} = {value!r}: a scenario value must be a number, bool, str or list "
                      f"(got {type(value).__name__})")


def option_key(key):
    """`section.key`, also written `section__key` (keyword arguments cannot contain dots)."""
    if not isinstance(key, str):
        raise ConfigError(f"option name {key!r} is not a string (write 'section.key')")
    return key.replace("__", ".")


def override_pairs(overrides):
    """A dict (or pairs) of options → [(key, text)], keeping the caller's order."""
    if overrides is None:
        return []
    items = overrides.items() if hasattr(overrides, "items") else overrides
    pairs = []
    for item in items:
        try:
            key, value = item
        except (TypeError, ValueError):
            raise ConfigError(f"overrides: {item!r} is not a (key, value) pair; pass a dict like "
                              "{'population.farmers': 500}") from None
        pairs.append((option_key(key), option_text(key, value)))
    return pairs


def scenario_path(scenario):
    """None (the embedded default) or a scenario file path as text."""
    if scenario is None:
        return None
    if isinstance(scenario, (str, os.PathLike)):
        return os.fspath(scenario)
    raise ConfigError(f"scenario = {scenario!r}: give the path of an INI file, or None for the "
                      "embedded default")


def seed_value(seed):
    """None or a root seed in [0, 2^64)."""
    if seed is None:
        return None
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral) \
            or not 0 <= int(seed) < 2**64:
        raise ConfigError(f"seed = {seed!r}: must be a whole number from 0 to 2^64-1")
    return int(seed)


def thread_count(threads):
    """A whole number; the simulator itself refuses negative counts with the CLI's message."""
    if isinstance(threads, (bool, np.bool_)) or not isinstance(threads, numbers.Integral):
        raise ConfigError(f"threads = {threads!r}: must be a whole number (0 = all cores)")
    return int(threads)
