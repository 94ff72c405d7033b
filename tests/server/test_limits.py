"""Limits at the edge, through a real `sync-server` process: a body over the limit is refused with
413 while it is read, and enrolment guessing is slowed, then locked, per client address; the
right code still works for the right PC (another address) meanwhile, and for the locked address
once the lock is over. The lock is counted in `sync-server audit alerts`."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync_server import limits
from sync_server import protocol as p
from tests.server.harness import REPO, ServerProcess, enrolment_code, env, new_server_db
from tests.server.test_api import hdrs

LOCK_S = 4


def post(srv: ServerProcess, path: str, body: bytes, *, source: str = "127.0.0.1",
         headers: dict[str, str] | None = None) -> tuple[int, dict]:
    """POST from a chosen loopback address (127.0.0.2 is another PC as far as the server knows)."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30, source_address=(source, 0))
    try:
        conn.request("POST", path, body=body, headers={**hdrs(), "Content-Type": "application/json", **(headers or {})})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")
    finally:
        conn.close()


def enrol(srv: ServerProcess, code: str, source: str = "127.0.0.1") -> tuple[int, dict]:
    return post(srv, "/v1/enrol", json.dumps({"code": code, "device_name": "pc"}).encode(), source=source)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(limits.ENV_LOCK_S, str(LOCK_S))  # inherited by the server process
    db_url = new_server_db("sqlite", tmp_path, None)
    srv = ServerProcess(db_url, tmp_path / "blobs", tmp_path / "server.log").start()
    yield srv, db_url
    srv.stop()
    assert "Traceback" not in (tmp_path / "server.log").read_text(errors="replace")


def test_enrolment_guessing_is_slowed_then_locked_per_address(server) -> None:
    srv, db_url = server
    right = enrolment_code(db_url, "GD0101")
    statuses = []
    started = time.monotonic()
    # As fast as one client goes, for as long as it takes the lock to come.
    while time.monotonic() - started < 60:
        status, body = enrol(srv, f"WRONG-{len(statuses):04d}-GUESS")
        statuses.append(status)
        if status == 429 and "暂停注册" in body["reason"]:
            break
    checked = statuses.count(400)  # answered "wrong code": the guesses the server looked at
    assert checked == limits.LOCK_AFTER, statuses
    assert statuses[:limits.SLOW_AFTER] == [400] * limits.SLOW_AFTER  # a few typos cost nothing
    assert statuses.count(429) > 0  # then the address had to wait between guesses
    # Locked: even the right code is not looked at from this address.
    assert enrol(srv, right)[0] == 429
    # The right PC (another address) enrols with the right code meanwhile.
    status, body = enrol(srv, right, source="127.0.0.2")
    assert status == 200 and body["org_code"] == "GD0101"
    # The lock is an audit alert.
    out = subprocess.run([sys.executable, "-m", "sync_server.cli", "--db", db_url, "audit", "alerts", "--json"],
                         cwd=REPO, env={**env(), **os.environ}, capture_output=True, text=True, timeout=60)
    alerts = json.loads(out.stdout)
    assert [a["kind"] for a in alerts] == ["enrol_locked"] and "addr:127.0.0.1" in alerts[0]["reason"]
    # After the lock, the locked address enrols with a right code again.
    time.sleep(LOCK_S + 0.5)
    status, body = enrol(srv, enrolment_code(db_url, "GD0102"))
    assert status == 200 and body["org_code"] == "GD0102"
    rate = checked / (time.monotonic() - started)
    print(f"guesses checked per address: {checked} in {time.monotonic() - started:.1f} s ({rate:.2f}/s, "
          f"then locked for {LOCK_S} s here, 15 minutes by default)")


def test_a_body_over_the_limit_is_refused_while_it_is_read(server) -> None:
    srv, _db = server
    # Declared too large: refused before a byte of the body is read.
    status, body = post(srv, "/v1/push", b"{}", headers={"Content-Length": str(p.MAX_BODY_BYTES + 1)})
    assert status == 413 and body["error"] == "too_large"
    # Chunked, no length: counted as it arrives, refused once past the limit.
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
    try:
        head = "".join(f"{k}: {v}\r\n" for k, v in hdrs().items())
        sock.sendall(f"POST /v1/enrol HTTP/1.1\r\nHost: x\r\n{head}Transfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"x" * (1 << 20)
        sent = 0
        try:
            while sent <= p.MAX_BODY_BYTES + (4 << 20):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed: what we want
        answer = sock.recv(4096).decode(errors="replace")
    finally:
        sock.close()
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
