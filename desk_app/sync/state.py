"""The store's sync state: the status the screens show, the marks each attempt leaves, and the
transport its enrolment configures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk_app.store.db import Store
from desk_app.store.models import SyncState
from desk_app.store.types import utcnow
from desk_app.sync import outbox
from desk_app.sync.transport import SyncError, Transport


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


def raw(s: Session) -> Any:
    """The session's DB-API connection (in the session's transaction): the outbox is read and
    acknowledged in bulk without an ORM object per change."""
    return s.connection().connection.driver_connection


def read_status(store: Store) -> SyncStatus:
    with store.reading() as s:
        st = s.get(SyncState, 1)
        pending = outbox.pending_count(raw(s))
        unseen = s.execute(text("SELECT count(*) FROM sync_conflicts WHERE seen_at IS NULL")).scalar() or 0
    if st is None:
        return SyncStatus(False, None, None, pending, unseen, None, None, None, 0)
    return SyncStatus(bool(st.device_token), st.server_url, st.org_code, pending, unseen, st.last_success_at,
                      st.last_failure_at, st.last_failure_reason, st.cursor)


def mark(store: Store, *, attempt: bool = False, success: bool = False, failure: str | None = None) -> None:
    """Record an attempt, a success or a failure with its reason (what the status bar shows)."""
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


def transport_for(store: Store) -> Transport:
    """A transport to the server this PC is enrolled with, with its device token."""
    with store.reading() as s:
        st = s.get(SyncState, 1)
        if st is None or not st.device_token or not st.server_url:
            raise SyncError("本机尚未注册到总公司，请先在“同步”菜单中注册。", error="not_enrolled")
        return Transport(st.server_url, st.device_token)


def branch_code(store: Store) -> str:
    with store.reading() as s:
        code = s.execute(text("SELECT branch_code FROM branch_info WHERE id = 1")).scalar()
    return code or ""
