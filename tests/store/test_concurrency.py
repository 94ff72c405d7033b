"""Two BranchDesk processes writing the same store at once (e.g. the desk app and sync or the CLI).

Writers begin with BEGIN IMMEDIATE and wait on the busy timeout, so neither may see
"database is locked", and numbers handed out under the write lock (case numbers, audit seq)
must stay unique and gap-free.
"""

from __future__ import annotations

import collections
from pathlib import Path

from tests.store.storecheck import check_store, connect, start_worker, wait_ready

PER_PROCESS = 30


def test_two_processes_register_cases_concurrently(demo_path: Path) -> None:
    before = check_store(demo_path)
    procs = [start_worker("register", str(demo_path), str(seed), str(PER_PROCESS)) for seed in (11, 22)]
    for proc in procs:
        wait_ready(proc)
    for proc in procs:  # released together so their transactions interleave
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=300) for proc in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert "database is locked" not in err
        assert proc.returncode == 0, err
        assert out.split() == ["done", str(PER_PROCESS)]

    after = check_store(demo_path)  # audit seq unique and contiguous, events and audit agree
    assert after["cases"] == before["cases"] + 2 * PER_PROCESS
    assert after["events"] == before["events"] + 2 * 2 * PER_PROCESS
    assert after["audit"] == before["audit"] + 2 * 2 * PER_PROCESS

    conn = connect(demo_path)
    try:
        case_nos = [n for (n,) in conn.execute("SELECT case_no FROM proposals")]
        # Which process (R<seed>N...) registered each new case, in audit order.
        intake = [u.split("N")[0] for (u,) in conn.execute(
            "SELECT p.proposal_no FROM audit_log a JOIN proposals p ON p.id = a.target_id "
            "WHERE a.action = 'case.receive' AND a.seq > ? ORDER BY a.seq", (before["audit"],))]
    finally:
        conn.close()
    dupes = [n for n, k in collections.Counter(case_nos).items() if k > 1]
    assert not dupes, f"duplicate case numbers: {dupes}"
    assert sorted(collections.Counter(intake).items()) == [("R11", PER_PROCESS), ("R22", PER_PROCESS)]
    # The two writers really overlapped: their intakes interleave in the audit order.
    switches = sum(1 for a, b in zip(intake, intake[1:], strict=False) if a != b)
    print(f"intake switched between the processes {switches} times")
    assert switches >= 1, "the processes ran one after the other; the test proved nothing"


def test_a_draft_commits_without_waiting_for_the_disk_and_the_next_action_waits_again(demo_store) -> None:
    """Drafts (a field saved while keying) commit with synchronous=NORMAL; every other action, on
    the same pooled connection, is FULL again (SQLite cannot change it inside a transaction)."""
    from sqlalchemy import text

    def level(**kw) -> int:
        with demo_store.transaction(**kw) as s:
            return s.execute(text("PRAGMA synchronous")).scalar_one()

    assert level() == 2  # FULL
    assert level(durable=False) == 1  # NORMAL
    assert level() == 2
    assert [level(durable=False), level(durable=False), level()] == [1, 1, 2]
