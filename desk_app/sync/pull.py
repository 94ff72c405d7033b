"""Pull: head office's changes for this store, page after page, applied in short transactions.

A pull stops before any change to a row this store has not yet pushed (the engine pushes and
pulls again, so head office settles the meeting first).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from desk_app.bulk import collector_paused
from desk_app.store.db import Store
from desk_app.sync import apply
from desk_app.sync.report import Progress, SyncReport
from desk_app.sync.transport import SyncError, Transport
from sync_server import protocol as p

# The most a server returns per page (protocol MAX_PULL_ITEMS).
PULL_PAGE = 10_000
# Pages already downloaded are applied together, up to this many changes or this long per local
# transaction: fewer commits (each rewrites the index pages it touched), while the write lock is
# never held waiting for the network nor for long (intake at the counter may be waiting to write).
PULL_TX_CHANGES = 50_000
PULL_TX_SECONDS = 1.0


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
