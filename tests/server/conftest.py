"""A live `kringloop serve` on a free loopback port for the server tests (tests/server)."""
import json
import os
import pathlib
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

BINARY = os.environ.get("KRINGLOOP_BINARY", "build/kringloop")
SOURCE = pathlib.Path(os.environ.get("KRINGLOOP_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))

# Loopback only: no proxy may stand between the tests and the server.
for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(name, None)
os.environ["no_proxy"] = os.environ["NO_PROXY"] = "*"


class Server:
    def __init__(self, process, port, output_dir):
        self.process = process
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.output_dir = output_dir

    def request(self, method, path, body=None, raw=None):
        """(status, parsed JSON or bytes) of one request."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload, kind = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, payload, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        return status, (json.loads(payload) if kind.startswith("application/json") and payload else payload)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body=None, raw=None):
        return self.request("POST", path, body if body is not None else ({} if raw is None else None), raw)

    def wait_for(self, run_id, states=("finished", "cancelled", "failed"), timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, run = self.get(f"/api/runs/{run_id}")
            assert status == 200
            if run["state"] in states:
                return run
            time.sleep(0.05)
        raise AssertionError(f"run {run_id} did not reach {states} in {timeout} s")

    def memory_kib(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


def start_server(output_dir, *extra):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--output-dir", str(output_dir),
                                "--web", str(SOURCE / "web"), "--configs", str(SOURCE / "configs"), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert "dashboard at http://127.0.0.1:" in line, line + process.stderr.read()
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return Server(process, port, output_dir)


def stop_server(server):
    server.process.send_signal(signal.SIGTERM)
    out, err = server.process.communicate(timeout=60)
    assert server.process.returncode == 0, err
    assert "HDF5-DIAG" not in err, err  # every thread silences HDF5's own error printing
    left = [p.name for p in pathlib.Path(server.output_dir).iterdir() if ".tmp-" in p.name or ".partial" in p.name]
    assert not left, f"half-written files were left: {left}"
    return out, err


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = start_server(tmp_path_factory.mktemp("serve"), "--max-runs", "6")
    yield live
    stop_server(live)
