"""A corpus of malformed and hostile requests (tests/server/malformed/*.http, raw bytes on the wire):
every one gets a 4xx answer, nothing escapes web/, and the server stays healthy afterwards."""
import pathlib
import socket

import pytest

CORPUS = sorted((pathlib.Path(__file__).parent / "malformed").glob("*.http"))


def status_of(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        received = b""
        while b"\r\n" not in received:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
    line = received.split(b"\r\n", 1)[0].decode("latin-1")
    assert line.startswith("HTTP/1.1 "), f"no HTTP answer: {line!r}"
    return int(line.split()[1]), received


def test_corpus_is_there():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("request_file", CORPUS, ids=[p.stem for p in CORPUS])
def test_malformed_request_gets_4xx(server, request_file):
    status, answer = status_of(server.port, request_file.read_bytes())
    assert 400 <= status < 500, answer[:300]
    assert b"root:" not in answer  # nothing of /etc/passwd, whatever the path trick


def test_server_is_healthy_after_the_corpus(server):
    for request_file in CORPUS:
        status_of(server.port, request_file.read_bytes())
    status, health = server.get("/api/health")
    assert status == 200 and health["ok"] is True
    status, run = server.post("/api/runs", {"overrides": {"population.farmers": 300, "run.years": 2}})
    assert status == 201
    assert server.wait_for(run["id"])["state"] == "finished"
