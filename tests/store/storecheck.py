"""Helpers of the store tests: running crash_worker.py and checking a store's invariants."""

from __future__ import annotations

import collections
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk_app.core import audit, workflow
from desk_app.store import keys
from desk_app.store.db import raw_connect
from desk_app.store.migrate import open_store
from desk_app.store.models import CaseEvent, Proposal

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parent / "crash_worker.py"
READY_TIMEOUT_S = 60
# Branch-written tables the worker writes; every row of them must have reached the sync outbox.
OUTBOX_TABLES = ("proposals", "proposal_products", "case_events", "audit_log")


def connect(path: Path, key_dir: Path | None = None) -> Any:
    """A bare DB-API connection to a store, keyed with its secret from the credential store
    (the secret of the store in `key_dir`, by default the file's own folder)."""
    return raw_connect(path, keys.load_secret(key_dir or path.parent))


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def start_worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args], cwd=REPO, env=worker_env(), text=True, encoding="utf-8",
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def wait_lines(proc: subprocess.Popen[str], text: str, count: int) -> None:
    """Block until the worker has printed `text` on `count` more lines (read in a thread, like wait_ready)."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None

    def read() -> None:
        for _ in range(count):
            lines.put(proc.stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    for _ in range(count):
        try:
            line = lines.get(timeout=READY_TIMEOUT_S)
        except queue.Empty:
            proc.kill()
            raise AssertionError(f"worker silent for {READY_TIMEOUT_S}s: {proc.communicate()[1]}") from None
        if line.strip() != text:
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"worker stopped (rc={proc.returncode}):\n{line}{err}")


def wait_ready(proc: subprocess.Popen[str]) -> None:
    """Block until the worker prints "ready" (read in a thread: pipes cannot be polled on Windows)."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=READY_TIMEOUT_S)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"worker not ready after {READY_TIMEOUT_S}s: {proc.communicate()[1]}") from None
    if line.strip() != "ready":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"worker failed to start (rc={proc.returncode}):\n{line}{err}")


def check_store(path: Path) -> dict[str, int]:
    """Assert every invariant of a consistent store; returns row counts."""
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        events: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
        for pid, seq, action in conn.execute("SELECT proposal_id, seq, action FROM case_events"):
            events[pid].append((seq, action))
        audits: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for target, action in conn.execute(
            "SELECT target_id, action FROM audit_log WHERE action LIKE 'case.%' AND target_type = 'proposal'"
        ):
            audits[target][action] += 1
        lines = dict(conn.execute(
            "SELECT p.id, count(l.id) FROM proposals p LEFT JOIN proposal_products l ON l.proposal_id = p.id "
            "GROUP BY p.id"
        ).fetchall())
        premium_mismatch = conn.execute(
            "SELECT p.case_no FROM proposals p JOIN proposal_products l ON l.proposal_id = p.id "
            "GROUP BY p.id HAVING sum(l.premium) != p.premium_total"
        ).fetchall()
        audit_seqs = [s for (s,) in conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
        n_cases = conn.execute("SELECT count(*) FROM proposals").fetchone()[0]
        # Sync capture: a row is in the outbox if and only if its write committed.
        uncaptured = {
            table: conn.execute(
                f"SELECT count(*) FROM (SELECT id FROM {table} EXCEPT "
                f"SELECT row_id FROM sync_outbox WHERE table_name = '{table}')").fetchone()[0]
            + conn.execute(
                f"SELECT count(*) FROM (SELECT row_id FROM sync_outbox WHERE table_name = '{table}' "
                f"EXCEPT SELECT id FROM {table})").fetchone()[0]
            for table in OUTBOX_TABLES
        }
    finally:
        conn.close()

    assert audit_seqs == list(range(1, len(audit_seqs) + 1)), "audit_log seq is not unique and contiguous"
    assert not any(uncaptured.values()), f"rows and sync outbox disagree: {uncaptured}"
    assert set(audits) <= set(events), "audit entries for a case whose events are missing"
    assert premium_mismatch == [], f"premium total differs from its lines: {premium_mismatch[:5]}"
    for pid, n_lines in lines.items():
        assert n_lines >= 1, f"proposal {pid} has no product line"
        evs = sorted(events.get(pid, []))
        assert evs, f"proposal {pid} has no case_event"
        assert [s for s, _ in evs] == list(range(1, len(evs) + 1)), f"case_events seq of {pid} not 1..n: {evs}"
        assert evs[0][1] == "receive", f"first event of {pid} is {evs[0][1]}"
        expected = collections.Counter(f"case.{a}" for _, a in evs)
        assert audits.get(pid, collections.Counter()) == expected, f"audit of {pid} != its events"
    assert set(events) <= set(lines), "case_events of a proposal that does not exist"

    # Opened the way the app opens it after a power cut.
    store = open_store(path)
    try:
        with store.reading() as session:
            # The state projection equals what the event history derives (the workflow's own rule).
            by_case: dict[str, list[CaseEvent]] = collections.defaultdict(list)
            for ev in session.scalars(select(CaseEvent)):
                by_case[ev.proposal_id].append(ev)
            for p in session.scalars(select(Proposal)):
                assert p.state == workflow.derive_state(by_case[p.id]).value, f"{p.case_no}: state {p.state}"
            # The audit HMAC chain is whole, and the anchor kept outside is not ahead of it.
            chain = audit.verify(session, anchor=store.audit_anchor())
            assert chain.ok, chain.problems
            assert chain.entries == len(audit_seqs)
    finally:
        store.close()
    return {"cases": n_cases, "events": sum(len(v) for v in events.values()), "audit": len(audit_seqs)}
