"""One sync of a branch store with head office: upload page files, push the outbox, pull.

Order matters: page files go first (a change that refers to a file is refused until head
office holds the whole file), then the outbox in its own order, then the pull. A pull stops
before any change to a row this store has not yet pushed; the loop pushes and pulls again so
head office, the only arbiter, settles the meeting first. Each step commits with its own
bookkeeping (acknowledgements, cursor), so a kill at any moment loses nothing and a retry
repeats nothing: the server answers a repeated change id with "already had".
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import platform
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select, text

from desk_app.store.db import Store
from desk_app.store.models import PageBlob, SyncBlobUpload, SyncState
from desk_app.store.types import utcnow
from desk_app.sync import apply, outbox
from desk_app.sync.pages import page_files
from desk_app.sync.transport import PreparedChanges, SyncError, Transport
from sync_server import protocol as p

# The first push batch, and the most any server accepts per request (protocol MAX_PUSH_ITEMS).
PUSH_BATCH = p.MAX_PUSH_ITEMS
# Later batches of a long push, when the server's status says it accepts that many: fewer
# transactions and commits on both sides (each branch commit rewrites the pages of
# sync_row_versions its random keys touched, nearly all of them for a batch of 5,000).
PUSH_BATCH_LARGE = 20_000
# The most a server returns per page (protocol MAX_PULL_ITEMS).
PULL_PAGE = 10_000
# Pages already downloaded are applied together, up to this many changes or this long per local
# transaction: fewer commits (each rewrites the index pages it touched), while the write lock is
# never held waiting for the network nor for long (intake at the counter may be waiting to write).
PULL_TX_CHANGES = 50_000
PULL_TX_SECONDS = 1.0
MAX_ROUNDS = 5
ACKED_KEEP = dt.timedelta(days=7)

Progress = Callable[[str, int, int], None]


@dataclass
class SyncReport:
    pushed: int = 0
    already_had: int = 0
    conflicts: int = 0
    pulled: int = 0
    blobs_uploaded: int = 0
    blobs_fetched: int = 0
    bytes_sent: int = 0
    cursor: int = 0
    pending: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    org_code: str | None
    pending: int
    conflicts_unseen: int
    last_success_at: dt.datetime | None
    last_failure_at: dt.datetime | None
    last_failure_reason: str | None
    cursor: int


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def read_status(store: Store) -> SyncStatus:
    with store.reading() as s:
        st = s.get(SyncState, 1)
        pending = outbox.pending_count(_raw(s))
        unseen = s.execute(text("SELECT count(*) FROM sync_conflicts WHERE seen_at IS NULL")).scalar() or 0
    if st is None:
        return SyncStatus(False, None, None, pending, unseen, None, None, None, 0)
    return SyncStatus(bool(st.device_token), st.server_url, st.org_code, pending, unseen, st.last_success_at,
                      st.last_failure_at, st.last_failure_reason, st.cursor)


def enrol(store: Store, *, server_url: str, code: str, device_name: str | None = None) -> p.EnrolResponse:
    """Exchange a one-time code for this PC's device token and keep it in the (encrypted) store."""
    transport = Transport(server_url)
    try:
        resp = transport.enrol(code, device_name or platform.node() or "branch-pc")
    finally:
        transport.close()
    with store.transaction() as s:
        st = s.get(SyncState, 1)
        assert st is not None, "migration 0002 creates the sync_state row"
        if st.org_code and st.org_code != resp.org_code:
            raise SyncError(f"本机已注册到机构 {st.org_code}，不能改注册到 {resp.org_code}。", error="enrolled")
        st.server_url, st.device_id, st.device_token = server_url.rstrip("/"), resp.device_id, resp.token
        st.org_code = resp.org_code
    return resp


def _transport(store: Store) -> Transport:
    with store.reading() as s:
        st = s.get(SyncState, 1)
        if st is None or not st.device_token or not st.server_url:
            raise SyncError("本机尚未注册到总公司，请先在“同步”菜单中注册。", error="not_enrolled")
        return Transport(st.server_url, st.device_token)


def _branch_code(store: Store) -> str:
    with store.reading() as s:
        code = s.execute(text("SELECT branch_code FROM branch_info WHERE id = 1")).scalar()
    return code or ""


def sync_once(store: Store, *, progress: Progress | None = None, transport: Transport | None = None) -> SyncReport:
    """Run one full sync; raises SyncError (recorded as the last failure) when it cannot finish."""
    progress = progress or _noop
    report = SyncReport()
    own = transport is None
    try:
        transport = transport or _transport(store)
        _mark(store, attempt=True)
        branch = _branch_code(store)
        for _ in range(MAX_ROUNDS):
            upload_blobs(store, transport, report, progress)
            push(store, transport, report, progress, branch)
            blocked = pull(store, transport, report, progress, branch)
            if not blocked:
                break
        fetch_pages(store, transport, report, progress)
        report.bytes_sent = transport.bytes_sent
    except SyncError as exc:
        _mark(store, failure=exc.reason)
        raise
    finally:
        if own and transport is not None:
            transport.close()
    _mark(store, success=True)
    st = read_status(store)
    report.pending, report.cursor = st.pending, st.cursor
    return report


def _mark(store: Store, *, attempt: bool = False, success: bool = False, failure: str | None = None) -> None:
    with store.transaction() as s:
        st = s.get(SyncState, 1)
        if st is None:
            return
        now = utcnow()
        if attempt:
            st.last_attempt_at = now
        if success:
            st.last_success_at = now
            st.last_failure_reason = None
        if failure is not None:
            st.last_failure_at = now
            st.last_failure_reason = failure


# -- push ------------------------------------------------------------------------------------


class Outgoing(NamedTuple):
    """An unacknowledged outbox row."""

    seq: int
    change_id: str
    table_name: str
    row_id: str
    base_version: int | None
    payload: str


def _raw(s) -> Any:  # noqa: ANN001
    """The session's DB-API connection (in the session's transaction)."""
    return s.connection().connection.driver_connection


def _outbox_page(store: Store, after: int, limit: int = PUSH_BATCH) -> list[Outgoing]:
    """The next batch of unacknowledged changes in outbox order (DB-API rows: no ORM per change)."""
    with store.reading() as s:
        return list(map(Outgoing._make, outbox.pending_rows(
            _raw(s), "o.seq, o.change_id, o.table_name, o.row_id, o.base_version, o.payload", after, limit)))


def _changes(rows: list[Outgoing]) -> list[p.Change]:
    return [p.Change(r[1], r[2], r[3], r[4], r[5]) for r in rows]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a push or pull moves thousands of rows.

    Each batch makes hundreds of thousands of short-lived tuples and dicts, which set off the
    collector's passes, and its full passes walk every object of the process (measured: about
    0.3 s per 100,000 pulled changes). It is switched back on (if it was on) when the bulk step
    ends, however it ends, and collects whatever cycles were made meanwhile.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
        total = outbox.pending_count(_raw(s))
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
        outbox.acknowledge(_raw(s), sorted(acks), stamp)
        apply.save_versions(s, versions)
        outbox.prune(_raw(s), (utcnow() - ACKED_KEEP).astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" "))
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


# -- pull ------------------------------------------------------------------------------------


def pull(store: Store, transport: Transport, report: SyncReport, progress: Progress, branch: str) -> bool:
    """Pull until caught up; True if it stopped at a change waiting for this store's own push."""
    with collector_paused():
        return _pull(store, transport, report, progress, branch)


def _pull(store: Store, transport: Transport, report: SyncReport, progress: Progress, branch: str) -> bool:
    """Pull until caught up; True if it stopped at a change waiting for this store's own push.

    The next page is downloaded while this one is applied (requests stay sequential). Each local
    transaction applies one or more downloaded pages and stores the cursor of the last one.
    """
    with store.reading() as s:
        cursor = s.execute(text("SELECT cursor FROM sync_state WHERE id = 1")).scalar() or 0
        # The audit chain's head travels with the first page: head office compares it with the
        # entries it already holds, so a log cut at the end is caught there too (audit_watch).
        head = s.execute(text("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-pull") as pool:
        ahead = pool.submit(_fetch, transport, cursor, (head[0], head[1]) if head else None)
        while True:
            page, rows = ahead.result()  # outside any transaction: a slow network never holds the write lock
            ahead = pool.submit(_fetch, transport, page.cursor) if page.more else None
            started, taken = time.monotonic(), 0
            with store.transaction() as s:
                while True:
                    res = apply.apply_changes(s, page.changes, branch_code=branch, rows=rows)
                    taken += len(page.changes)
                    new_cursor = res.last_seq if res.blocked else page.cursor
                    if new_cursor is not None and new_cursor > cursor:
                        s.execute(text("UPDATE sync_state SET cursor = :c WHERE id = 1 AND cursor < :c"),
                                  {"c": new_cursor})
                        cursor = new_cursor
                    report.pulled += res.applied
                    if (res.blocked or ahead is None or not ahead.done() or ahead.exception() is not None
                            or taken >= PULL_TX_CHANGES or time.monotonic() - started > PULL_TX_SECONDS):
                        break
                    page, rows = ahead.result()
                    ahead = pool.submit(_fetch, transport, page.cursor) if page.more else None
            progress("pull", report.pulled, report.pulled + (PULL_PAGE if page.more else 0))
            if res.blocked:
                return True
            if ahead is None:
                return False


def _fetch(transport: Transport, cursor: int,
           audit_head: tuple[int, str] | None = None) -> tuple[p.PullResponse, list[dict]]:
    """A page and its parsed rows (parsed here, in the downloading thread, while the store writes)."""
    page = transport.pull(cursor, PULL_PAGE, audit_head=audit_head)
    if page.rows is not None:  # embedded rows: parsed with the page
        return page, page.rows
    try:
        return page, apply.parse_payloads(page.changes)
    except ValueError as exc:
        raise SyncError(f"总公司服务器发来的变更内容不是有效的 JSON（{exc}），稍后自动重试。", error="bad_answer") from None


# -- page files ------------------------------------------------------------------------------


def upload_blobs(store: Store, transport: Transport, report: SyncReport, progress: Progress) -> None:
    """Send every page file head office does not hold yet; resumes where an upload was cut."""
    with store.reading() as s:
        todo = s.execute(select(PageBlob.sha256, PageBlob.size).where(
            PageBlob.sha256.not_in(select(SyncBlobUpload.sha256))).distinct()).all()
    if not todo:
        return
    files = page_files(store)
    missing = set()
    for i in range(0, len(todo), p.MAX_PUSH_ITEMS):
        missing.update(transport.missing_blobs([t.sha256 for t in todo[i:i + p.MAX_PUSH_ITEMS]]))
    done: list[str] = []
    for n, (sha, _size) in enumerate(todo):
        if sha in missing:
            progress("files", n, len(todo))
            data = files.get(sha)
            state = transport.blob_state(sha)
            offset = state.received
            if not state.present:
                while True:
                    chunk = data[offset:offset + p.BLOB_CHUNK]
                    try:
                        state = transport.put_blob(sha, offset, len(data), chunk)
                    except SyncError as exc:
                        if exc.error == "offset_mismatch":
                            offset = int(exc.body.get("received", 0))
                            continue
                        raise
                    offset = state.received
                    if state.present or offset >= len(data):
                        break
            report.blobs_uploaded += 1
        done.append(sha)
    with store.transaction() as s:
        now = utcnow()
        for sha in done:
            s.merge(SyncBlobUpload(sha256=sha, uploaded_at=now))


def fetch_pages(store: Store, transport: Transport, report: SyncReport, progress: Progress) -> None:
    """Download page files of pulled pages this PC does not hold (checked, then stored atomically)."""
    with store.reading() as s:
        rows = s.execute(select(PageBlob.sha256).where(PageBlob.deleted.is_(False)).distinct()).scalars().all()
    files = page_files(store)
    need = [h for h in rows if not files.exists(h)]
    for n, sha in enumerate(need):
        progress("files", n, len(need))
        data = transport.get_blob(sha)
        if hashlib.sha256(data).hexdigest() != sha:
            raise SyncError(f"从总公司下载的影像文件 {sha[:12]}… 校验失败，稍后重试。", error="hash_mismatch")
        files.put(data)
        report.blobs_fetched += 1
