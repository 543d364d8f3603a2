"""kringloop.ema_model has EMA Workbench's model signature: keyword levers in, named outcomes out.
(EMA Workbench itself is not a Debian package; these tests call the function as it does.)"""

import inspect
import math

import numpy as np
import pytest

import kringloop
from conftest import same_bits


def call_like_ema(function, experiment, outcome_names):
    """What ema_workbench's Model does per experiment: function(**experiment), then pick each
    declared outcome by name (a missing name is an error there too)."""
    output = function(**experiment)
    return {name: output[name] for name in outcome_names}


def test_signature_takes_keyword_levers_only():
    parameters = list(inspect.signature(kringloop.ema_model).parameters.values())
    assert [p.kind for p in parameters] == [inspect.Parameter.VAR_KEYWORD]


def test_outcomes_are_every_summary_value_and_series_under_identifier_names():
    outcomes = kringloop.ema_model(population__farmers=300.0, run__years=2, seed=9)
    result = kringloop.run(overrides={"population.farmers": 300, "run.years": 2}, seed=9)
    assert all(name.isidentifier() for name in outcomes)
    for key, value in result.summary.items():
        assert same_bits(outcomes[kringloop.outcome_name(key)], value), key
    expected = len(result.summary)
    for path in result.series:
        values = result.series.array(path)
        if values.ndim == 1:
            assert same_bits(outcomes[kringloop.outcome_name(path)], values), path
            expected += 1
        else:
            for index, column in enumerate(result.series[path].attrs["columns"]):
                assert same_bits(outcomes[kringloop.outcome_name(path, column)], values[:, index])
                expected += 1
    assert len(outcomes) == expected
    chosen = list(outcomes)[:3]
    picked = call_like_ema(kringloop.ema_model, {"population__farmers": 300, "run__years": 2, "seed": 9}, chosen)
    assert all(same_bits(picked[name], outcomes[name]) for name in chosen)


def test_outcome_names():
    assert kringloop.outcome_name("adoption.nature.final_share") == "adoption__nature__final_share"
    assert kringloop.outcome_name("trust/province/mean") == "trust__province__mean"
    assert kringloop.outcome_name("land/area", "one-year") == "land__area__one_year"
    assert kringloop.outcome_name("2x.y") == "_2x__y"


def test_a_model_for_another_scenario_with_scalars_only(other_scenario):
    model = kringloop.make_ema_model(other_scenario, seed=4, threads=1, series=False)
    outcomes = model(population__farmers=250, run__years=2)
    result = kringloop.run(other_scenario, {"population.farmers": 250, "run.years": 2}, seed=4)
    expected = {kringloop.outcome_name(k): v for k, v in result.summary.items()}
    assert outcomes.keys() == expected.keys()
    # NaN (e.g. a scheme never exhausted) equals itself here: the same run gives the same numbers.
    assert all(a == b or (math.isnan(a) and math.isnan(b)) for a, b in ((outcomes[k], expected[k]) for k in expected))
    assert all(isinstance(v, float) for v in outcomes.values())


def test_bad_levers_raise_config_error():
    with pytest.raises(kringloop.ConfigError, match="population.farmerz"):
        kringloop.ema_model(population__farmerz=100)
    with pytest.raises(kringloop.ConfigError, match="population.farmers"):
        kringloop.ema_model(population__farmers=100.5, run__years=1)  # not an integer: refused, not rounded
