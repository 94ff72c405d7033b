"""One sync of a branch store with head office: upload page files, push the outbox, pull.

Order matters: page files go first (a change that refers to a file is refused until head
office holds the whole file), then the outbox in its own order, then the pull. A pull stops
before any change to a row this store has not yet pushed; the loop pushes and pulls again so
head office, the only arbiter, settles the meeting first. Each step commits with its own
bookkeeping (acknowledgements, cursor), so a kill at any moment loses nothing and a retry
repeats nothing: the server answers a repeated change id with "already had".

The steps live in their own modules: `push`, `pull`, `blobs` (page files), `state` (status and
the marks of each attempt), `enrolment`.
"""

from __future__ import annotations

from desk_app.store.db import Store
from desk_app.sync import state
from desk_app.sync.blobs import fetch_pages, upload_blobs
from desk_app.sync.pull import pull
from desk_app.sync.push import push
from desk_app.sync.report import Progress, SyncReport, no_progress
from desk_app.sync.transport import SyncError, Transport

MAX_ROUNDS = 5


def sync_once(store: Store, *, progress: Progress | None = None, transport: Transport | None = None) -> SyncReport:
    """Run one full sync; raises SyncError (recorded as the last failure) when it cannot finish."""
    progress = progress or no_progress
    report = SyncReport()
    own = transport is None
    try:
        transport = transport or state.transport_for(store)
        state.mark(store, attempt=True)
        branch = state.branch_code(store)
        for _ in range(MAX_ROUNDS):
            upload_blobs(store, transport, report, progress)
            push(store, transport, report, progress, branch)
            blocked = pull(store, transport, report, progress, branch)
            if not blocked:
                break
        fetch_pages(store, transport, report, progress)
        report.bytes_sent = transport.bytes_sent
    except SyncError as exc:
        state.mark(store, failure=exc.reason)
        raise
    finally:
        if own and transport is not None:
            transport.close()
    state.mark(store, success=True)
    st = state.read_status(store)
    report.pending, report.cursor = st.pending, st.cursor
    return report
