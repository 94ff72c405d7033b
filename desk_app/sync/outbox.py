"""Which outbox changes head office has answered: ranges of outbox seqs in `sync_acks`.

A change is acknowledged iff its seq lies in a range; ranges never overlap (a range is only
made of changes no range covers yet, checked in the acknowledging transaction). One row per
run of consecutive changes with one answer, extended while pushes continue the run, instead
of an UPDATE of every outbox row: that update grew each row and rewrote (and re-encrypted)
nearly every outbox page.

Outbox seqs are rowids and never reused: the newest outbox row is never deleted, so a new
change always gets a seq above every range.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# The outbox row `o` is not acknowledged: the nearest range starting at or below it ends below it.
NOT_ACKED = ("coalesce((SELECT a.hi FROM sync_acks a WHERE a.lo <= o.seq ORDER BY a.lo DESC LIMIT 1), 0) "
             "< o.seq")


def first_unacked(conn: Any) -> int:
    """The lowest seq that may be unacknowledged: every outbox row below it is acknowledged.

    Jumps range by range from the oldest outbox row (ranges are few: consecutive pushes extend
    one), so the pending queries below read only rows from here on.
    """
    seq = conn.execute("SELECT min(seq) FROM sync_outbox").fetchone()[0]
    if seq is None:
        return 0
    while True:
        row = conn.execute("SELECT hi FROM sync_acks WHERE lo <= ? ORDER BY lo DESC LIMIT 1", (seq,)).fetchone()
        if row is None or row[0] < seq:
            return seq
        nxt = conn.execute("SELECT min(seq) FROM sync_outbox WHERE seq > ?", (row[0],)).fetchone()[0]
        if nxt is None:
            return row[0] + 1
        seq = nxt


def pending_count(conn: Any) -> int:
    start = first_unacked(conn)
    return conn.execute(f"SELECT count(*) FROM sync_outbox o WHERE o.seq >= ? AND {NOT_ACKED}",
                        (start,)).fetchone()[0]


def pending_rows(conn: Any, columns: str, after: int = 0, limit: int = -1) -> list[tuple[Any, ...]]:
    """`columns` of unacknowledged outbox rows with seq > `after`, in seq order."""
    start = max(first_unacked(conn), after + 1)
    cur = conn.execute(f"SELECT {columns} FROM sync_outbox o WHERE o.seq >= ? AND {NOT_ACKED} "
                       "ORDER BY o.seq LIMIT ?", (start, limit))
    try:
        return cur.fetchall()
    finally:
        cur.close()


def acknowledge(conn: Any, answered: Sequence[tuple[int, str]], stamp: str) -> None:
    """Record (seq, status) answers, given in seq order, as ranges (one transaction with the rest).

    Consecutive answered seqs with one status form a run; a run is broken by an unanswered row
    of the outbox between them (a `retry`) and by a seq some range already covers (another sync
    of this store acknowledged it meanwhile: the first answer stands). A run that directly
    follows the newest range with the same status extends it.
    """
    if not answered:
        return
    lo_seq, hi_seq = answered[0][0], answered[-1][0]
    covered = conn.execute("SELECT lo, hi FROM sync_acks WHERE hi >= ? AND lo <= ?", (lo_seq, hi_seq)).fetchall()
    # Outbox rows in the span not answered now (unanswered, or acknowledged before) break runs.
    answered_seqs = {s for s, _ in answered}
    others = [s for (s,) in conn.execute("SELECT seq FROM sync_outbox WHERE seq BETWEEN ? AND ?", (lo_seq, hi_seq))
              if s not in answered_seqs]
    runs: list[list[Any]] = []
    oi = 0
    prev: int | None = None
    for seq, status in answered:
        while oi < len(others) and others[oi] < seq:
            oi += 1
            prev = None
        if covered and any(lo <= seq <= hi for lo, hi in covered):
            prev = None
            continue
        if prev is not None and runs[-1][2] == status:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq, status])
        prev = seq
    if not runs:
        return
    # Continue the range just below the first run when nothing unacknowledged lies between and it
    # was answered the same day: a range's `acked_at` is its newest answer, and `prune` forgets a
    # range a week after it, so a range that grew forever would never be forgotten.
    first = runs[0]
    below = conn.execute("SELECT lo, hi, status, acked_at FROM sync_acks WHERE lo < ? ORDER BY lo DESC LIMIT 1",
                         (first[0],)).fetchone()
    if (below is not None and below[2] == first[2] and below[1] < first[0]
            and str(below[3])[:10] == stamp[:10]):
        gap = conn.execute("SELECT 1 FROM sync_outbox WHERE seq > ? AND seq < ? LIMIT 1",
                           (below[1], first[0])).fetchone()
        if gap is None:
            conn.execute("UPDATE sync_acks SET hi = ?, acked_at = ? WHERE lo = ?", (first[1], stamp, below[0]))
            runs = runs[1:]
    if runs:
        conn.executemany("INSERT INTO sync_acks (lo, hi, status, acked_at) VALUES (?, ?, ?, ?)",
                         [(lo, hi, st, stamp) for lo, hi, st in runs])


def prune(conn: Any, before: str) -> None:
    """Forget acknowledged changes answered before `before` (never the newest outbox row: its seq
    keeps new changes above every range)."""
    newest = conn.execute("SELECT max(seq) FROM sync_outbox").fetchone()[0]
    if newest is None:
        return
    old = conn.execute("SELECT lo, hi FROM sync_acks WHERE acked_at < ?", (before,)).fetchall()
    if not old:
        return
    conn.executemany("DELETE FROM sync_outbox WHERE seq BETWEEN ? AND ? AND seq < ?",
                     [(lo, hi, newest) for lo, hi in old])
    conn.executemany("DELETE FROM sync_acks WHERE lo = ? AND hi < ?", [(lo, newest) for lo, _hi in old])
