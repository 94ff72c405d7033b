"""Push: this store's outbox to head office, in order, with head office's answers recorded.

Only an answer acknowledges a change; a change that lost at head office takes the winner and
keeps this store's version in the conflict inbox.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import NamedTuple

from desk_app.bulk import collector_paused
from desk_app.store.db import Store
from desk_app.store.types import utcnow
from desk_app.sync import apply, outbox
from desk_app.sync.report import Progress, SyncReport
from desk_app.sync.state import raw
from desk_app.sync.transport import PreparedChanges, SyncError, Transport
from sync_server import protocol as p

# The first push batch, and the most any server accepts per request (protocol MAX_PUSH_ITEMS).
PUSH_BATCH = p.MAX_PUSH_ITEMS
# Later batches of a long push, when the server's status says it accepts that many: fewer
# transactions and commits on both sides (each branch commit rewrites the pages of
# sync_row_versions its random keys touched, nearly all of them for a batch of 5,000).
PUSH_BATCH_LARGE = 20_000
ACKED_KEEP = dt.timedelta(days=7)


class Outgoing(NamedTuple):
    """An unacknowledged outbox row."""

    seq: int
    change_id: str
    table_name: str
    row_id: str
    base_version: int | None
    payload: str


def _outbox_page(store: Store, after: int, limit: int = PUSH_BATCH) -> list[Outgoing]:
    """The next batch of unacknowledged changes in outbox order (DB-API rows: no ORM per change)."""
    with store.reading() as s:
        return list(map(Outgoing._make, outbox.pending_rows(
            raw(s), "o.seq, o.change_id, o.table_name, o.row_id, o.base_version, o.payload", after, limit)))


def _changes(rows: list[Outgoing]) -> list[p.Change]:
    return [p.Change(r[1], r[2], r[3], r[4], r[5]) for r in rows]


def push(store: Store, transport: Transport, report: SyncReport, progress: Progress, branch: str) -> None:
    with collector_paused():
        _push(store, transport, report, progress, branch)


def _push(store: Store, transport: Transport, report: SyncReport, progress: Progress, branch: str) -> None:
    """Send the outbox in order, one batch at a time.

    Requests stay strictly sequential and batch k+1 leaves only once batch k's answer holds no
    `retry` (so head office applies in order); while it is on its way, batch k's answers are
    recorded and batch k+2 is read from the outbox and encoded, so head office waits for the
    branch as little as possible.
    """
    with store.reading() as s:
        total = outbox.pending_count(raw(s))
    rows = _outbox_page(store, 0)
    if not rows:
        return
    size = PUSH_BATCH
    if total > PUSH_BATCH:
        # A long push: as large batches as the server accepts (an older server says nothing: 5,000).
        size = max(PUSH_BATCH, min(PUSH_BATCH_LARGE, transport.status().max_push_items))
    read = len(rows)

    def limit() -> int:
        # The last batch stays small: its answer is recorded while nothing else is on its way.
        left = total - read
        return size if left > size + PUSH_BATCH else max(PUSH_BATCH, left - PUSH_BATCH)

    progress("push", 0, total)
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-push") as pool:
        fut: Future[p.PushResponse] | None = pool.submit(transport.push, _changes(rows))
        ahead = _outbox_page(store, rows[-1].seq, limit())
        read += len(ahead)
        prepared = PreparedChanges(_changes(ahead)) if ahead else None
        while fut is not None:
            resp = fut.result()
            stop = any(r.status == "retry" for r in resp.results)
            fut = pool.submit(transport.push, prepared) if prepared is not None and not stop else None
            try:
                retry = _acknowledge(store, rows, resp.results, report, branch)
                after = _outbox_page(store, ahead[-1].seq, limit()) if fut is not None else []
                read += len(after)
                prepared = PreparedChanges(_changes(after)) if after else None
            except BaseException:
                if fut is not None:
                    wait([fut])  # the request on its way is answered before this sync gives up
                raise
            done += len(rows)
            progress("push", done, total)
            if retry:
                raise SyncError(retry, error="retry")
            rows, ahead = ahead, after


def _acknowledge(store: Store, rows: list, results: list[p.ItemResult], report: SyncReport,  # noqa: ANN001
                 branch: str) -> str | None:
    """Record head office's answers in one transaction; only an answer acknowledges a change."""
    by_id = {r.change_id: r for r in rows}
    stamp = utcnow().astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    acks: list[tuple[int, str]] = []
    versions: list[tuple[str, str, int]] = []
    retry: str | None = None
    with store.transaction() as s:
        apply.set_applying(s, True)
        writer = apply.Writer(s, branch)
        for res in results:
            row = by_id.get(res.change_id)
            if row is None:
                continue
            if res.status == "retry":
                retry = retry or res.reason
                continue
            acks.append((row.seq, res.status))
            if res.status == "applied":
                report.pushed += 1
            elif res.status == "already_had":
                report.already_had += 1
            if res.version is not None and res.status in ("applied", "already_had"):
                versions.append((row.table_name, row.row_id, res.version))
            if res.status == "conflict":
                report.conflicts += 1
                _lost(s, writer, row, res, branch)
                if res.version is not None and res.winner is not None:
                    versions.append((row.table_name, row.row_id, res.version))
        writer.flush()
        outbox.acknowledge(raw(s), sorted(acks), stamp)
        apply.save_versions(s, versions)
        outbox.prune(raw(s), (utcnow() - ACKED_KEEP).astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" "))
        apply.set_applying(s, False)
    return retry


def _lost(s, writer: apply.Writer, row, res: p.ItemResult, branch: str) -> None:  # noqa: ANN001
    """This store's change lost at head office: take the winner, keep ours in the conflict inbox."""
    if res.winner is not None:
        writer.upsert(row.table_name, json.loads(res.winner))
    elif res.remove_local:
        writer.delete(row.table_name, row.row_id)
    if res.conflict_id:
        writer.flush()
        payload = json.loads(row.payload)
        writer.upsert(p.CONFLICT_TABLE, {
            "id": res.conflict_id, "branch_code": str(payload.get("branch_code", branch)),
            "table_name": row.table_name, "row_id": row.row_id,
            "case_id": p.case_id_of(row.table_name, payload), "losing_org": branch, "losing_payload": row.payload,
            "winning_org": "", "winning_payload": res.winner or "", "rule": res.reason,
            "created_at": utcnow().isoformat()})
