"""Load on loopback: 50 concurrent WebSocket clients streaming 5 runs, plus clients that stall
(connect and never read). Bounded in time; every client gets every month or a drop marker that
accounts for the gap, no errors; the runs finish although some clients never read; server memory
stays bounded. Speed is measured in bench/ (bench/dashboard_bench.py), not asserted here."""
import json
import socket
import threading
import time

import websocket

CLIENTS = 50
RUNS = 5
STALLED = 5
MEMORY_BOUND_MIB = 256  # measured peak ≈ 30–70 MiB; the point is "bounded", bench/ reports the real figure


def stream(port, run_id, result):
    months, dropped, end = 0, 0, None
    try:
        connection = websocket.create_connection(f"ws://127.0.0.1:{port}/api/runs/{run_id}/frames", timeout=60)
        while True:
            opcode, data = connection.recv_data()
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                break
            if opcode != websocket.ABNF.OPCODE_TEXT:
                continue
            message = json.loads(data)
            if message["type"] == "month":
                months += 1
            elif message["type"] == "dropped":
                dropped += message["frames"]
            elif message["type"] == "status":
                end = message["state"]
        connection.close()
    except Exception as error:  # noqa: BLE001 - every failure is a finding
        result["error"] = repr(error)
    result.update(months=months, dropped=dropped, end=end)


def stalled_client(port, run_id):
    """A raw WebSocket handshake, then silence: the server must not wait for this reader."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    connection.sendall((f"GET /api/runs/{run_id}/frames HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    return connection


def test_fifty_clients_stream_five_runs(server):
    runs = []
    for seed in range(RUNS):
        status, run = server.post("/api/runs", {"seed": seed, "paused": True, "pace_ms": 5,
                                                "overrides": {"population.farmers": 3000, "run.years": 10}})
        assert status == 201, run
        runs.append(run["id"])
    results = [{} for _ in range(CLIENTS)]
    threads = [threading.Thread(target=stream, args=(server.port, runs[i % RUNS], results[i])) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stalled = [stalled_client(server.port, runs[i % RUNS]) for i in range(STALLED)]
    time.sleep(0.5)  # every client subscribed before the runs start
    for run_id in runs:
        assert server.post(f"/api/runs/{run_id}/resume")[0] == 202
    peak_kib = 0
    start = time.monotonic()
    while any(t.is_alive() for t in threads):
        assert time.monotonic() - start < 120, "the load test took too long"
        peak_kib = max(peak_kib, server.memory_kib())
        time.sleep(0.05)
    for connection in stalled:
        connection.close()
    for thread in threads:
        thread.join()
    errors = [r["error"] for r in results if "error" in r]
    assert not errors, errors[:3]
    for result in results:
        assert result["end"] == "finished", result
        assert result["months"] + result["dropped"] == 120, result
    for run_id in runs:
        assert server.wait_for(run_id)["state"] == "finished"
    assert peak_kib / 1024 < MEMORY_BOUND_MIB, f"server peaked at {peak_kib / 1024:.0f} MiB"
    print(f"\n{CLIENTS} clients, {RUNS} runs: {time.monotonic() - start:.1f} s, server peak {peak_kib / 1024:.0f} MiB, "
          f"{sum(r['dropped'] for r in results)} frames dropped for slow readers")
