"""Head-office sync as the branch sees it: enrol this PC, sync now, the status, the conflict inbox.

`sync_now` and `enrol` talk to the network: the window runs them off its database worker (as
Anki runs sync off the collection thread); the sync engine keeps its own short transactions,
one per batch, so the counter is never held up by a slow line.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.sync import conflicts, engine, enrolment, state
from desk_app.sync.conflicts import ConflictLine
from desk_app.sync.report import Progress, SyncReport
from desk_app.sync.state import SyncStatus
from desk_app.sync.transport import SyncError
from sync_server.protocol import EnrolResponse

# A pull can bring cases, numbers, pages and users of this branch (another PC's work, a
# province's decision) and conflicts; a push changes only the outbox.
PULLED = Changes(cases=True, queues=True, stationery=True, pages=True, users=True, sync=True, conflicts=True)
PUSHED = Changes(sync=True, conflicts=True)


@dataclass(frozen=True)
class SyncOutcome:
    ok: bool
    reason: str | None  # why it failed, for the status bar (Chinese)
    report: SyncReport | None
    status: SyncStatus


def sync_now(store: Store, *, progress: Progress | None = None) -> Done[SyncOutcome]:
    """Push pending changes and pull head office's, once. A failure is an outcome (with its
    reason, also recorded as the last failure), not an exception: nothing is lost, the pending
    changes wait for the next try."""
    try:
        report, ok, reason = engine.sync_once(store, progress=progress), True, None
    except SyncError as exc:
        report, ok, reason = None, False, exc.reason
    changes = PULLED if report is not None and report.pulled else PUSHED
    return Done(SyncOutcome(ok, reason, report, state.read_status(store)), changes)


def status(store: Store) -> SyncStatus:
    return state.read_status(store)


def enrol(store: Store, *, server_url: str, code: str, device_name: str | None = None) -> Done[EnrolResponse]:
    """Enrol this PC with head office using a one-time code (SyncError with the reason if refused)."""
    return Done(enrolment.enrol(store, server_url=server_url, code=code, device_name=device_name), Changes(sync=True))


def list_conflicts(store: Store, *, include_seen: bool = False) -> list[ConflictLine]:
    return conflicts.list_conflicts(store, include_seen=include_seen)


def mark_conflicts_seen(store: Store, conflict_ids: list[str], *, username: str) -> Done[int]:
    return Done(conflicts.mark_seen(store, conflict_ids, username=username), Changes(conflicts=True, sync=True))
