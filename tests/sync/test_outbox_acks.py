"""Acknowledgement ranges (desk_app.sync.outbox) against a plain set of acknowledged seqs."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.sync import outbox


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY, table_name TEXT, row_id TEXT, case_id TEXT)")
    conn.execute("CREATE TABLE sync_acks (lo INTEGER PRIMARY KEY, hi INTEGER NOT NULL, status TEXT NOT NULL, "
                 "acked_at TEXT NOT NULL)")
    return conn


def _pending(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in outbox.pending_rows(conn, "o.seq")]


def _check(conn: sqlite3.Connection, acked: set[int]) -> None:
    seqs = [r[0] for r in conn.execute("SELECT seq FROM sync_outbox ORDER BY seq")]
    want = [s for s in seqs if s not in acked]
    assert _pending(conn) == want
    assert outbox.pending_count(conn) == len(want)
    for after in (0, *seqs[:: max(1, len(seqs) // 5)]):
        assert [r[0] for r in outbox.pending_rows(conn, "o.seq", after, 3)] == [s for s in want if s > after][:3]
    ranges = conn.execute("SELECT lo, hi FROM sync_acks ORDER BY lo").fetchall()
    for (_lo1, hi1), (lo2, _hi2) in zip(ranges, ranges[1:], strict=False):
        assert hi1 < lo2, "ranges overlap"


ops = st.lists(st.one_of(
    st.tuples(st.just("write"), st.integers(1, 30)),
    # A batch: the first n pending rows, the answer cut at k (the rest retry), statuses by a seed.
    st.tuples(st.just("push"), st.integers(1, 40), st.integers(0, 40), st.integers(0, 3)),
    # An answer missing one item of the batch.
    st.tuples(st.just("hole"), st.integers(1, 20), st.integers(0, 19)),
    # A second sync acknowledging a batch read before the first one's answer.
    st.tuples(st.just("twice"), st.integers(1, 20)),
    st.tuples(st.just("prune"),),
), max_size=25)


@settings(max_examples=200, deadline=None)
@given(ops)
def test_ranges_acknowledge_exactly_the_answered_changes(script: list[tuple]) -> None:
    conn = _db()
    acked: set[int] = set()
    clock = 0

    def ack(answered: list[tuple[int, str]]) -> None:
        nonlocal clock
        clock += 1
        outbox.acknowledge(conn, answered, f"2026-01-01 00:00:{clock:02d}")
        acked.update(s for s, _ in answered)

    for op in script:
        if op[0] == "write":
            conn.executemany("INSERT INTO sync_outbox (table_name, row_id) VALUES ('t', 'r')", [()] * op[1])
        elif op[0] == "push":
            batch = _pending(conn)[:op[1]]
            statuses = ("applied", "already_had", "conflict")
            ack([(s, statuses[(s * op[3]) % 3] if op[3] else "applied") for s in batch[:op[2]]])
        elif op[0] == "hole":
            batch = _pending(conn)[:op[1]]
            ack([(s, "applied") for i, s in enumerate(batch) if i != op[2]])
        elif op[0] == "twice":
            batch = _pending(conn)[:op[1]]
            ack([(s, "applied") for s in batch])
            outbox.acknowledge(conn, [(s, "already_had") for s in batch], "2026-01-01 00:01:00")
        else:
            newest = conn.execute("SELECT max(seq) FROM sync_outbox").fetchone()[0]
            outbox.prune(conn, "2026-01-01 00:00:10")
            gone = {s for s in acked if not conn.execute("SELECT 1 FROM sync_outbox WHERE seq = ?", (s,)).fetchone()}
            assert newest is None or newest not in gone
        _check(conn, acked)
    # New changes after everything: never taken for acknowledged.
    conn.executemany("INSERT INTO sync_outbox (table_name, row_id) VALUES ('t', 'r')", [()] * 3)
    _check(conn, acked)


def test_ranges_of_different_days_stay_apart_and_a_week_old_one_is_forgotten() -> None:
    conn = _db()
    conn.executemany("INSERT INTO sync_outbox (table_name, row_id) VALUES ('t', 'r')", [()] * 9)
    outbox.acknowledge(conn, [(1, "applied"), (2, "applied"), (3, "applied")], "2026-01-01 10:00:00")
    outbox.acknowledge(conn, [(4, "applied"), (5, "applied")], "2026-01-01 23:00:00")  # same day: one range
    outbox.acknowledge(conn, [(6, "applied"), (7, "applied")], "2026-01-09 08:00:00")  # a week later: a new one
    assert conn.execute("SELECT lo, hi, acked_at FROM sync_acks ORDER BY lo").fetchall() == [
        (1, 5, "2026-01-01 23:00:00"), (6, 7, "2026-01-09 08:00:00")]
    outbox.prune(conn, "2026-01-02 00:00:00")
    assert [r[0] for r in conn.execute("SELECT seq FROM sync_outbox")] == [6, 7, 8, 9]
    assert _pending(conn) == [8, 9]
    conn.execute("INSERT INTO sync_outbox (table_name, row_id) VALUES ('t', 'r')")
    assert _pending(conn) == [8, 9, 10]
