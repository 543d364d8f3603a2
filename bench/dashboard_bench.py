#!/usr/bin/python3
"""The dashboard server's speed (issue 12 point 7), on loopback:

    /usr/bin/python3 bench/dashboard_bench.py build/kringloop [--clients 50] [--changes 10]

1. Frames per second streamed to one client for the default scenario at full speed (360 months),
   and the bytes of a month frame and of a map frame.
2. Lever change → updated chart data: the time from POST /api/runs/N/levers to the first month
   frame that carries the change (its `levers_applied` count), at the dashboard's "fast" pace
   (25 ms a month) for the default scenario, and at full speed for 100,000 farmers. The browser then
   draws on its next animation frame (≤ 16.7 ms at 60 Hz).
3. Server memory (VmRSS) idle, and at its peak while CLIENTS WebSocket clients stream 5 default runs
   at 25 ms a month.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import websocket

for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(name, None)
os.environ["no_proxy"] = "*"
SOURCE = Path(__file__).resolve().parents[1]


def call(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method), timeout=60) as response:
        return json.loads(response.read())


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def connect(port, run_id):
    return websocket.create_connection(f"ws://127.0.0.1:{port}/api/runs/{run_id}/frames", timeout=120)


def frames_per_second(base, port):
    run = call(base, "POST", "/api/runs", {"paused": True})
    socket = connect(port, run["id"])
    call(base, "POST", f"/api/runs/{run['id']}/resume")
    start, months, month_bytes, map_bytes = None, 0, [], []
    while True:
        opcode, data = socket.recv_data()
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            break
        if opcode == websocket.ABNF.OPCODE_BINARY:
            map_bytes.append(len(data))
            continue
        message = json.loads(data)
        if message["type"] == "month":
            start = start or time.perf_counter()
            months += 1
            month_bytes.append(len(data))
        if message["type"] == "status":
            break
    seconds = time.perf_counter() - start
    socket.close()
    return (months - 1) / seconds, statistics.median(month_bytes), statistics.median(map_bytes)


def lever_latency(base, port, changes, pace_ms, farmers):
    run = call(base, "POST", "/api/runs", {"paused": True, "pace_ms": pace_ms, "overrides": {"population.farmers": farmers}})
    socket = connect(port, run["id"])
    call(base, "POST", f"/api/runs/{run['id']}/resume")
    latencies, applied, asked_at, month = [], 0, None, 0
    while True:
        opcode, data = socket.recv_data()
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            break
        if opcode != websocket.ABNF.OPCODE_TEXT:
            continue
        message = json.loads(data)
        if message["type"] == "status":
            break
        if message["type"] != "month":
            continue
        month = message["month"]
        if asked_at is not None and message["levers_applied"] > applied:
            latencies.append(time.perf_counter() - asked_at)
            applied, asked_at = message["levers_applied"], None
        if asked_at is None and len(latencies) < changes and month % 12 == 6:
            asked_at = time.perf_counter()
            call(base, "POST", f"/api/runs/{run['id']}/levers",
                 {"key": "scheme.monitor_reward.announced_lead_time_days", "value": 30 + len(latencies)})
    socket.close()
    return latencies


def memory_with_clients(base, port, pid, clients):
    runs = [call(base, "POST", "/api/runs", {"seed": s, "paused": True, "pace_ms": 25})["id"] for s in range(5)]
    counts = [0] * clients

    def client(i):
        socket = connect(port, runs[i % len(runs)])
        while True:
            opcode, data = socket.recv_data()
            if opcode == websocket.ABNF.OPCODE_CLOSE or (opcode == websocket.ABNF.OPCODE_TEXT and b'"type":"status"' in data[:20]):
                break
            counts[i] += 1
        socket.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    for run_id in runs:
        call(base, "POST", f"/api/runs/{run_id}/resume")
    peak = 0.0
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss_mib(pid))
        time.sleep(0.02)
    return peak, sum(counts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        server = subprocess.Popen([args.binary, "serve", "--port", "0", "--max-runs", "6", "--output-dir", out,
                                   "--web", str(SOURCE / "web"), "--configs", str(SOURCE / "configs")],
                                  stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        base = f"http://127.0.0.1:{port}"
        try:
            idle = rss_mib(server.pid)
            rate, month_bytes, map_bytes = frames_per_second(base, port)
            print(f"frames: {rate:.0f} month frames/s for the default scenario at full speed; "
                  f"month frame {month_bytes / 1024:.1f} KiB, map frame {map_bytes / 1024:.1f} KiB")
            for pace, farmers in ((25, 3000), (0, 100000)):
                latencies = lever_latency(base, port, args.changes, pace, farmers)
                print(f"lever change -> frame with it: median {1000 * statistics.median(latencies):.1f} ms, "
                      f"max {1000 * max(latencies):.1f} ms ({len(latencies)} changes, {farmers} farmers, "
                      f"pace {pace} ms/month)")
            peak, frames = memory_with_clients(base, port, server.pid, args.clients)
            print(f"memory: {idle:.1f} MiB idle; peak {peak:.1f} MiB with {args.clients} clients streaming 5 runs "
                  f"({frames} messages delivered)")
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
