"""Every curl example of docs/API.md that needs a running server, run in order against a fresh one
(the blocks are marked not-run for the plain docs checker; this test is where they run)."""
import re
import subprocess

from conftest import SOURCE, start_server, stop_server

MARK = "tests/server/test_api_doc.py runs these blocks"


def server_blocks():
    text = (SOURCE / "docs" / "API.md").read_text()
    return [m.group(1) for m in re.finditer(r"<!--[^\n]*" + re.escape(MARK) + r"[^\n]*-->\n```sh\n(.*?)```", text, re.S)]


def test_api_doc_examples_run_against_a_live_server(tmp_path):
    blocks = server_blocks()
    assert len(blocks) >= 3
    live = start_server(tmp_path / "out")
    try:
        for block in blocks:
            script = block.replace("127.0.0.1:8080", f"127.0.0.1:{live.port}")
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True,
                                    text=True, timeout=180)
            assert result.returncode == 0, f"{block}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        assert (tmp_path / "run-1.h5").stat().st_size > 10000
        status, run = live.get("/api/runs/1")
        assert run["state"] == "finished" and len(run["lever_changes"]) == 1
    finally:
        stop_server(live)
