"""Faults: the server and the client SIGKILLed at random moments, the connection cut mid-upload,
the network down for a while. Afterwards nothing is lost, nothing applied twice, no page is
present without its whole file, and the stores converge.

Round counts: BRANCHDESK_FULL_SLOW=1 runs 100 rounds each; otherwise a CI-sized 10.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app.sync import engine
from desk_app.sync.pages import add_page_file
from desk_app.sync.state import read_status
from desk_app.sync.transport import SyncError, Transport
from sync_server import db as server_db
from tests.e2e.world import Site, make_site
from tests.server.harness import REPO, ServerProcess, env, free_port, new_server_db, running_server

FULL = os.environ.get("BRANCHDESK_FULL_SLOW") == "1"
ROUNDS = 100 if FULL else 10


def server_state(db_url: str, blob_dir: Path) -> dict:
    eng = server_db.make_engine(db_url)
    with eng.connect() as conn:
        received = {r.change_id: (r.status, r.device_id) for r in conn.execute(
            text("SELECT change_id, status, device_id FROM received"))}
        own = conn.execute(text("SELECT origin_device, count(*) FROM feed WHERE lane IN ('own', 'keep') "
                                "AND origin_device IS NOT NULL GROUP BY origin_device")).all()
        rows = {(r.table_name, r.row_id): r.payload for r in conn.execute(
            text("SELECT table_name, row_id, payload FROM rows"))}
        blobs = conn.execute(text("SELECT sha256, size FROM blobs")).all()
    eng.dispose()
    for sha, size in blobs:
        path = blob_dir / sha[:2] / sha[2:4] / sha
        data = path.read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == sha, "a blob marked present is partial"
    return {"received": received, "own_entries": dict(own), "rows": rows}


def check_converged(site: Site, db_url: str, blob_dir: Path) -> None:
    """Every local change is applied at head office exactly once and the row values agree."""
    with site.store.reading() as s:
        outbox = s.execute(text("SELECT change_id, table_name, row_id FROM sync_outbox")).all()
        local = {}
        for table in ("proposals", "proposal_products", "case_events", "users"):
            for r in s.execute(text(f"SELECT * FROM {table} WHERE branch_code = :b"), {"b": site.code}).mappings():
                local[(table, r["id"])] = dict(r)
        device = s.execute(text("SELECT device_id FROM sync_state")).scalar()
    assert read_status(site.store).pending == 0
    st = server_state(db_url, blob_dir)
    lost = [c for c, _t, _r in outbox if c not in st["received"]]
    assert lost == [], f"{len(lost)} changes lost"
    assert all(st["received"][c][0] == "applied" for c, _t, _r in outbox)
    # Exactly one feed entry per applied change of this device: nothing was applied twice.
    applied = sum(1 for status, dev in st["received"].values() if status == "applied" and dev == device)
    assert st["own_entries"].get(device, 0) == applied == len(outbox)
    for key, row in local.items():
        assert json.loads(st["rows"][key]) == row, key


def test_network_down_intakes_go_on_and_everything_goes_up_once(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    srv = ServerProcess(db_url, tmp_path / "blobs", tmp_path / "server.log").start()
    a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
    a.sync()
    srv.stop()
    before = read_status(a.store).pending
    for n in range(5):
        a.new_case(n)
        with pytest.raises(SyncError) as err:
            a.sync()
        assert "无法连接" in err.value.reason
    status = read_status(a.store)
    assert status.pending > before and status.last_failure_reason and "无法连接" in status.last_failure_reason
    srv.port = srv.port  # the same address comes back
    srv.start()
    try:
        report = a.sync()
        assert report.pushed == status.pending and report.already_had == 0
        again = a.sync()
        assert again.pushed == 0 and read_status(a.store).last_failure_reason is None
        check_converged(a, db_url, tmp_path / "blobs")
    finally:
        srv.stop()


@pytest.mark.slow
def test_server_killed_at_random_moments_during_push_and_pull(tmp_path: Path) -> None:
    rng = random.Random(2026)
    db_url = new_server_db("sqlite", tmp_path, None)
    srv = ServerProcess(db_url, tmp_path / "blobs", tmp_path / "server.log").start()
    a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
    prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
    kills = 0
    try:
        for n in range(ROUNDS):
            a.new_case(n, refer=n % 3 == 0)
            with a.store.transaction() as s:
                add_page_file(s, a.store, data=rng.randbytes(rng.randrange(1, 300_000)), branch_code="GD0101")
            timer = threading.Timer(rng.uniform(0.0, 0.25), srv.kill)
            timer.start()
            for site in (a, prov):
                try:
                    site.sync()
                except SyncError:
                    pass
            timer.join()
            if srv.proc and srv.proc.poll() is not None:
                kills += 1
                srv.start()
        srv.proc.poll() is None or srv.start()
        for _ in range(3):
            a.sync()
            prov.sync()
        check_converged(a, db_url, tmp_path / "blobs")
        referred = {pid for pid, state in a.cases().items() if state == "REFERRED"}
        assert set(prov.cases()) == referred
        assert kills >= ROUNDS // 3
    finally:
        srv.stop()


@pytest.mark.slow
def test_client_killed_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(7)
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        path = a.store.path
        a.store.close()
        for _ in range(ROUNDS):
            proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("sync_worker.py")), str(path),
                                     "1000"], cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready", proc.stderr.read()
            time.sleep(rng.uniform(0.05, 0.6))
            proc.kill()
            proc.wait(10)
        from desk_app.store.migrate import open_store

        a = Site("GD0101", open_store(path))
        a.sync()
        a.sync()
        check_converged(a, db_url, tmp_path / "blobs")


class CuttingProxy:
    """Forwards one loopback connection at a time and cuts it after `limit` request bytes."""

    def __init__(self, target_port: int, limit: int) -> None:
        self.target, self.limit = target_port, limit
        self.port = free_port()
        self.sock = socket.create_server(("127.0.0.1", self.port))
        self.sock.settimeout(0.2)
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                client, _ = self.sock.accept()
            except TimeoutError:
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target))
            sent = 0

            def back(c: socket.socket = client, u: socket.socket = upstream) -> None:
                try:
                    while data := u.recv(65536):
                        c.sendall(data)
                except OSError:
                    pass

            threading.Thread(target=back, daemon=True).start()
            try:
                while data := client.recv(65536):
                    if sent + len(data) > self.limit:
                        upstream.sendall(data[: self.limit - sent])
                        break
                    upstream.sendall(data)
                    sent += len(data)
            except OSError:
                pass
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


def test_connection_cut_mid_upload_resumes_and_never_marks_a_partial_page(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        a.sync()
        data = random.Random(3).randbytes(2_500_000)
        with a.store.transaction() as s:
            sha = add_page_file(s, a.store, data=data, branch_code="GD0101").sha256
        proxy = CuttingProxy(srv.port, limit=1_600_000)
        try:
            token = a.store  # the store's own token is used through the proxy
            with token.reading() as s:
                tok = s.execute(text("SELECT device_token FROM sync_state")).scalar()
            cut = Transport(f"http://127.0.0.1:{proxy.port}", tok)
            with pytest.raises(SyncError):
                engine.sync_once(a.store, transport=cut)
        finally:
            proxy.close()
        state = server_state(db_url, tmp_path / "blobs")  # asserts no partial blob is marked present
        assert all(sha != b for b in state["rows"])
        part = list((tmp_path / "blobs" / "tmp").glob(f"{sha}.*.part"))
        assert part and 0 < part[0].stat().st_size < len(data), "the server kept what arrived"
        resumed = Transport(srv.url, tok)
        report = engine.sync_once(a.store, transport=resumed)
        assert report.blobs_uploaded == 1
        assert resumed.bytes_sent < len(data), "the upload resumed instead of starting again"
        assert (tmp_path / "blobs" / sha[:2] / sha[2:4] / sha).read_bytes() == data
        # Already present: a re-sync sends no page bytes at all.
        again = Transport(srv.url, tok)
        engine.sync_once(a.store, transport=again)
        assert again.bytes_sent == 0
        check_converged(a, db_url, tmp_path / "blobs")
