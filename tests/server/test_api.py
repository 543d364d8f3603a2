"""The HTTP and WebSocket API of `kringloop serve` (docs/API.md) against a live server."""
import json
import subprocess
import sys

import pytest
import websocket

from conftest import BINARY, SOURCE, start_server, stop_server

sys.path.insert(0, str(SOURCE / "tests" / "cli"))
import h5_equal  # noqa: E402  (the repository's dataset-by-dataset comparison)

SMALL = {"population.farmers": 400, "run.years": 4}  # 48 months: quick, still every submodel


def datasets_equal(a, b):
    """Every dataset bit for bit (attributes such as wall time and command line may differ)."""
    left, right = h5_equal.collect(a), h5_equal.collect(b)
    left = {k: v for k, v in left.items() if k.startswith("dataset:")}
    right = {k: v for k, v in right.items() if k.startswith("dataset:")}
    assert left.keys() == right.keys()
    different = [k for k in left if not h5_equal.same(left[k], right[k])]
    assert not different, different[:5]
    return len(left)


def download(server, run_id, path):
    status, payload = server.get(f"/api/runs/{run_id}/result.h5")
    assert status == 200
    path.write_bytes(payload)
    return path


def frames_of(server, run_id, timeout=60):
    """Every message of a run's stream until the server closes it."""
    socket = websocket.create_connection(f"ws://127.0.0.1:{server.port}/api/runs/{run_id}/frames", timeout=timeout)
    messages = []
    try:
        while True:
            opcode, data = socket.recv_data()
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                break
            messages.append(data if opcode == websocket.ABNF.OPCODE_BINARY else json.loads(data))
    except websocket.WebSocketConnectionClosedException:
        pass
    finally:
        socket.close()
    return messages


def test_scenarios_list_bundled_configs_with_descriptions(server):
    status, scenarios = server.get("/api/scenarios")
    assert status == 200
    names = [s["name"] for s in scenarios]
    assert names[0] == "default"
    on_disk = sorted(p.stem for p in (SOURCE / "configs").glob("*.ini"))
    assert sorted(names) == on_disk
    stop_go = next(s for s in scenarios if s["name"] == "stop_go")
    assert stop_go["description"].startswith("Stop-go policy")


def test_option_schema_is_the_registry_of_kringloop_options(server):
    status, schema = server.get("/api/options")
    assert status == 200
    cli = json.loads(subprocess.run([BINARY, "options", "--json"], check=True, capture_output=True, text=True).stdout)
    assert schema == cli


def test_levers_carry_schema_and_scenario_values(server):
    status, levers = server.get("/api/levers?scenario=stop_go")
    assert status == 200
    by_key = {lever["key"]: lever for lever in levers}
    province = by_key["government.province.reversal_probability"]
    assert province["mid_run"] and province["min"] == 0 and province["max"] == 1 and province["source"]
    assert any(k.endswith(".announced_lead_time_days") for k in by_key)
    assert by_key["land.share_regular"]["mid_run"] is False
    # The coalition model's governance choices (MODEL §7.5), start-time only.
    assert by_key["coalition.nature_programme.form"]["mid_run"] is False
    assert by_key["government.province.staff_capacity"]["mid_run"] is False


def test_server_run_gives_the_datasets_of_kringloop_run(server, tmp_path):
    status, run = server.post("/api/runs", {"scenario": "messenger", "seed": 11, "overrides": SMALL})
    assert status == 201, run
    server.wait_for(run["id"])
    served = download(server, run["id"], tmp_path / "served.h5")
    cli = tmp_path / "cli.h5"
    subprocess.run([BINARY, "run", str(SOURCE / "configs" / "messenger.ini"), "--population.farmers", "400",
                    "--run.years", "4", "--seed", "11", "-o", str(cli), "-q"], check=True)
    assert datasets_equal(served, cli) > 50


def test_lever_change_mid_run_is_recorded_and_reproduced_by_run_lever(server, tmp_path):
    status, run = server.post("/api/runs", {"seed": 5, "overrides": SMALL, "paused": True})
    assert status == 201 and run["state"] in ("paused", "running")
    run_id = run["id"]
    for _ in range(3):
        assert server.post(f"/api/runs/{run_id}/step")[0] == 202
    server.wait_for(run_id, states=("paused",))
    key = "scheme.monitor_reward.announced_lead_time_days"
    status, answer = server.post(f"/api/runs/{run_id}/levers", {"key": key, "value": 7})
    assert status == 202, answer
    assert server.post(f"/api/runs/{run_id}/resume")[0] == 202
    done = server.wait_for(run_id)
    assert done["state"] == "finished"
    [change] = done["lever_changes"]
    assert change["key"] == key and change["value"] == "7"
    status, summary = server.get(f"/api/runs/{run_id}/summary.json")
    assert status == 200 and summary["lever_changes"] == done["lever_changes"]
    assert f"--lever {change['month']}:{key}=7" in summary["equivalent_command"]
    served = download(server, run_id, tmp_path / "served.h5")
    import h5py
    with h5py.File(served) as f:
        assert f.attrs["lever_changes"] == f"month {change['month']}: {key} = 7"
    cli = tmp_path / "cli.h5"
    subprocess.run([BINARY, "run", "--population.farmers", "400", "--run.years", "4", "--seed", "5",
                    "--lever", f"{change['month']}:{key}=7", "-o", str(cli), "-q"], check=True)
    datasets_equal(served, cli)
    # ... and the lever did something: without it the datasets differ.
    plain = tmp_path / "plain.h5"
    subprocess.run([BINARY, "run", "--population.farmers", "400", "--run.years", "4", "--seed", "5", "-o", str(plain), "-q"],
                   check=True)
    with pytest.raises(AssertionError):
        datasets_equal(served, plain)


def test_stream_has_farms_every_month_maps_and_the_end(server):
    status, run = server.post("/api/runs", {"seed": 2, "overrides": SMALL, "paused": True})
    assert status == 201
    server.post(f"/api/runs/{run['id']}/resume")
    messages = frames_of(server, run["id"])
    farms = messages[0]
    assert farms["type"] == "farms" and len(farms["x_km"]) == 400 and "practice/nature_inclusive/funnel" in farms["series"]
    months = [m for m in messages if isinstance(m, dict) and m["type"] == "month"]
    assert [m["month"] for m in months] == list(range(1, 49))
    assert 0 <= months[-1]["series"]["practice/nature_inclusive/adopted_share"] <= 1
    maps = [m for m in messages if isinstance(m, bytes)]
    assert maps and maps[-1][:4] == b"KMAP" and len(maps[-1]) == 16 + 400 * len(farms["practices"])
    assert messages[-1]["type"] == "status" and messages[-1]["state"] == "finished"
    # A late subscriber gets the whole history, then the end.
    late = frames_of(server, run["id"])
    assert [m for m in late if isinstance(m, dict)] == [m for m in messages if isinstance(m, dict)]


def test_cancel_leaves_no_file(server):
    status, run = server.post("/api/runs", {"seed": 3, "paused": True})
    assert status == 201
    assert server.post(f"/api/runs/{run['id']}/cancel")[0] == 202
    assert server.wait_for(run["id"])["state"] == "cancelled"
    assert not (server.output_dir / f"run-{run['id']}.h5").exists()
    assert server.get(f"/api/runs/{run['id']}/result.h5")[0] == 409
    assert server.post(f"/api/runs/{run['id']}/levers", {"key": "scheme.monitor_reward.announced_lead_time_days", "value": 1})[0] == 409


@pytest.mark.parametrize("body, words", [
    ({"overrides": {"population.farmerz": 10}}, ["population.farmerz", "population.farmers"]),
    ({"overrides": {"run.years": 0}}, ["run.years", "0"]),
    ({"seed": -1}, ["seed", "-1"]),
    ({"scenario": "../etc/passwd"}, ["scenario", "no such bundled scenario"]),
    ({"speed": 3}, ["unknown key 'speed'"]),
    ({"overrides": {"population.farmers": 5000000}}, ["population.farmers", "most"]),
])
def test_bad_start_requests_get_400_with_the_reason(server, body, words):
    status, answer = server.post("/api/runs", body)
    assert status == 400, answer
    for word in words:
        assert word in answer["error"]


def test_bad_lever_changes_get_400_with_the_registry_message(server):
    status, run = server.post("/api/runs", {"seed": 4, "overrides": SMALL, "paused": True})
    assert status == 201
    run_id = run["id"]
    status, answer = server.post(f"/api/runs/{run_id}/levers", {"key": "scheme.monitor_reward.announced_lead_time_days", "value": 99999})
    assert status == 400 and "99999" in answer["error"] and "3650" in answer["error"]
    status, answer = server.post(f"/api/runs/{run_id}/levers", {"key": "population.farmers", "value": 10})
    assert status == 400 and "not a lever that can change during a run" in answer["error"]
    status, answer = server.post(f"/api/runs/{run_id}/levers", {"key": "scheme.nonexistent.announced_lead_time_days", "value": 10})
    assert status == 400 and "no such scheme" in answer["error"]
    server.post(f"/api/runs/{run_id}/cancel")
    server.wait_for(run_id)


def test_unknown_runs_and_paths_get_404(server):
    assert server.get("/api/runs/999999")[0] == 404
    assert server.get("/api/runs/abc")[0] == 404
    assert server.post("/api/runs/999999/pause")[0] == 404
    assert server.get("/api/nothing")[0] == 404
    assert server.get("/no-such-file.js")[0] == 404
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(f"ws://127.0.0.1:{server.port}/api/runs/999999/frames", timeout=5)


def test_malformed_json_gets_400(server):
    status, answer = server.post("/api/runs", raw=b"{not json")
    assert status == 400 and "malformed JSON" in answer["error"]


def test_static_files_and_their_headers(server):
    status, page = server.get("/")
    assert status == 200 and b"Kringloop" in page
    assert server.get("/app.js")[0] == 200


def test_cap_on_concurrent_runs_answers_429(tmp_path):
    small = start_server(tmp_path, "--max-runs", "1")
    try:
        status, first = small.post("/api/runs", {"paused": True})
        assert status == 201
        status, answer = small.post("/api/runs", {})
        assert status == 429 and "--max-runs" in answer["error"]
    finally:
        stop_server(small)  # SIGTERM cancels the paused run: exit 0, no half-written file


def test_sigterm_during_a_running_run_leaves_no_partial_file(tmp_path):
    live = start_server(tmp_path)
    status, run = live.post("/api/runs", {"overrides": {"population.farmers": 20000}, "pace_ms": 5})
    assert status == 201
    live.wait_for(run["id"], states=("running",))
    out, err = stop_server(live)
    assert "stopped" in out
    assert list(tmp_path.iterdir()) == []


def test_server_threads_do_not_change_the_datasets(tmp_path):
    live = start_server(tmp_path / "out", "--threads", "2")
    try:
        status, run = live.post("/api/runs", {"scenario": "lease_security", "seed": 9, "overrides": SMALL})
        assert status == 201
        live.wait_for(run["id"])
        served = download(live, run["id"], tmp_path / "served.h5")
    finally:
        stop_server(live)
    cli = tmp_path / "cli.h5"
    subprocess.run([BINARY, "run", str(SOURCE / "configs" / "lease_security.ini"), "--population.farmers", "400",
                    "--run.years", "4", "--seed", "9", "--threads", "1", "-o", str(cli), "-q"], check=True)
    datasets_equal(served, cli)
