"""kringloop.run: the CLI's numbers in process, bit for bit; errors as the CLI words them."""

import threading
from multiprocessing.pool import ThreadPool

import pytest

import kringloop
from conftest import SOURCE_DIR, cli, cli_error, read_run_file, same_bits


def assert_same_as_file(result, path):
    series, summary, day, attrs = read_run_file(path)
    assert sorted(result.series) == sorted(series), "different series"
    for name, values in series.items():
        assert same_bits(result.series.array(name), values), f"series {name} differs"
    assert list(summary) == sorted(result.summary), "different summary keys"
    for key, value in summary.items():
        assert same_bits(result.summary[key], value), f"summary {key}: {result.summary[key]!r} != {value!r}"
    assert same_bits(result.day, day)
    for key in ("seed", "years", "farmers", "months", "scenario_name", "scenario_text"):
        assert result.meta[key] == attrs[key], key


def test_default_scenario_matches_the_cli_file(tmp_path):
    cli("run", "--quiet", "-o", tmp_path / "default.h5")
    assert_same_as_file(kringloop.run(), tmp_path / "default.h5")


def test_scenario_overrides_and_seed_match_the_cli_file(tmp_path, other_scenario):
    cli("run", other_scenario, "--population.farmers", 700, "--run.years", 6, "--seed", 17,
        "--threads", 1, "--quiet", "-o", tmp_path / "other.h5")
    result = kringloop.run(other_scenario, {"population.farmers": 700, "run.years": 6}, seed=17,
                           threads=2)
    assert_same_as_file(result, tmp_path / "other.h5")
    assert result.meta["threads"] == 2 and result.meta["seed"] == 17


def test_series_frames_are_indexed_by_month_with_the_recorded_columns():
    result = kringloop.run(overrides={"population.farmers": 200, "run__years": 2}, seed=3)
    assert len(result.month) == 24 and result.meta["months"] == 24
    assert len(result.series) > 0
    for path in result.series:
        frame = result.series[path]
        assert list(frame.index) == list(range(1, 25)) and frame.index.name == "month"
        assert frame.columns[0] == "year" and same_bits(frame["year"], result.day / 365)
        assert frame["year"].iloc[-1] == pytest.approx(2.0, abs=2 / 365)
        values = result.series.array(path)
        data = frame.drop(columns="year").to_numpy()
        assert same_bits(data.reshape(values.shape), values), path
        assert frame.attrs["path"] == path
    with pytest.raises(KeyError, match="no series 'no/such/series'"):
        result.series["no/such/series"]


def test_concurrent_runs_in_a_thread_pool_equal_sequential_runs():
    requests = [dict(overrides={"population.farmers": 400, "run.years": 3}, seed=s, threads=1) for s in (1, 2, 3, 4)]
    sequential = [kringloop.run(**r) for r in requests]
    with ThreadPool(2) as pool:
        parallel = pool.map(lambda r: kringloop.run(**r), requests)
    for a, b in zip(sequential, parallel):
        assert a.meta["seed"] == b.meta["seed"]
        for path in a.series:
            assert same_bits(a.series.array(path), b.series.array(path)), path
        assert a.summary.keys() == b.summary.keys()
        assert all(same_bits(a.summary[k], b.summary[k]) for k in a.summary)
    assert not all(same_bits(sequential[0].summary[k], sequential[1].summary[k]) for k in sequential[0].summary), \
        "different seeds gave identical summaries"


def test_the_gil_is_released_while_the_model_runs():
    # While a run holds the GIL, this thread cannot execute a single Python statement: the loop
    # below would count once or twice. Released, it keeps counting through the whole run.
    done = threading.Event()
    worker = threading.Thread(target=lambda: (kringloop.run(threads=1), done.set()))
    ticks = 0
    worker.start()
    while not done.is_set():
        ticks += 1
        done.wait(0.001)
    worker.join()
    assert ticks >= 10, f"only {ticks} ticks of the main thread during a run: GIL held?"


@pytest.mark.parametrize("python, command", [
    (dict(overrides={"population.farmerz": 100}), ["--population.farmerz", "100"]),
    (dict(overrides={"run.years": "many"}), ["--run.years", "many"]),
    (dict(overrides={"run.years": -3}), ["--run.years", "-3"]),
    (dict(scenario="no_such_scenario.ini"), ["no_such_scenario.ini"]),
    (dict(threads=-1), ["--threads", "-1"]),
])
def test_bad_input_raises_the_cli_message(tmp_path, python, command):
    message = cli_error("run", *command, "-o", tmp_path / "x.h5", cwd=tmp_path)
    with pytest.raises(kringloop.ConfigError) as raised:
        kringloop.run(**python)
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)
    assert not (tmp_path / "x.h5").exists()


@pytest.mark.parametrize("python, message", [
    (dict(seed=-1), "seed = -1: must be a whole number from 0 to 2^64-1"),
    (dict(seed=1.5), "seed = 1.5: must be a whole number"),
    (dict(threads="2"), "threads = '2': must be a whole number"),
    (dict(overrides=[("run.years",)]), "is not a (key, value) pair"),
    (dict(overrides={"run.years": object()}), "run.years = <object"),
    (dict(overrides={3: 4}), "option name 3 is not a string"),
    (dict(scenario=42), "scenario = 42: give the path of an INI file"),
])
def test_bad_python_arguments_raise_config_error(python, message):
    with pytest.raises(kringloop.ConfigError, match=None) as raised:
        kringloop.run(**python)
    assert message in str(raised.value)


def test_options_are_the_cli_schema():
    import json
    schema = json.loads(cli("options", "--json").stdout)["options"]
    assert kringloop.options() == schema
    keys = [o["key"] for o in schema]
    assert "run.seed" in keys and len(keys) == len(set(keys))


def test_version_matches_the_program():
    # The first line is the version; the second names the vector paths that run (cli.vector_paths).
    first, paths = cli("--version").stdout.strip().split("\n")
    assert f"kringloop {kringloop.__version__} ({kringloop.git_describe})" == first
    assert paths.startswith("vector paths: ")


def test_source_folder_without_the_module_explains_itself(tmp_path):
    import subprocess
    import sys
    code = "import kringloop"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(SOURCE_DIR / "analysis")})
    assert done.returncode != 0 and "the compiled module _kringloop is missing" in done.stderr


def test_a_model_is_validated_when_made_and_runs_like_run(other_scenario):
    model = kringloop.Model(other_scenario, {"population.farmers": 300, "run.years": 2}, seed=8)
    assert model.seed == 8 and model.years == 2 and model.farmers == 300
    assert "farmers = 300" in model.scenario_text
    first, second = model.run(), model.run()
    direct = kringloop.run(other_scenario, {"population.farmers": 300, "run.years": 2}, seed=8)
    assert first.meta["scenario_text"] == model.scenario_text
    for path in direct.series:
        assert same_bits(first.series.array(path), direct.series.array(path))
        assert same_bits(second.series.array(path), direct.series.array(path))
    with pytest.raises(kringloop.ConfigError, match="did you mean 'run.years'"):
        kringloop.Model(overrides={"run.yeras": 2})


def test_per_region_results_are_reachable():
    """Issue 10 item 4: a two-region scenario's region series and summary keys come back in process."""
    result = kringloop.run(SOURCE_DIR / "configs" / "two_regions.ini",
                           {"population.farmers": 400, "run.years": 3}, seed=2)
    frame = result.series["region/plateau/adopted_share"]
    assert "manure_valorisation" in frame.columns and len(frame) == 36
    active = result.series.array("region/plateau/active_farms") + result.series.array("region/rest_of_drenthe/active_farms")
    assert same_bits(active, result.series.array("population/active_farms"))
    for region in ("plateau", "rest_of_drenthe"):
        key = f"region.{region}.adoption.manure_valorisation.final_share"
        assert same_bits(result.summary[key], result.series[f"region/{region}/adopted_share"]["manure_valorisation"].iloc[-1])
