"""The conflict inbox: losing values kept by sync, for a supervisor to read and mark as seen."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select, update

from desk_app.core.privacy import redact
from desk_app.store.db import Store
from desk_app.store.models import SyncConflict
from desk_app.store.types import utcnow

FIELD_LABELS = {"state": "环节", "action": "操作", "reason": "原因", "applicant_name": "投保单位"}


@dataclass(frozen=True)
class ConflictLine:
    conflict_id: str
    table: str
    row_id: str
    case_id: str | None
    rule: str
    losing_org: str
    losing: str
    winning: str
    created_at: str
    seen_at: dt.datetime | None


def _summary(payload: str) -> str:
    """A short line for the inbox; a raw row (no labelled field) is shown with its ID, phone and
    bank numbers masked: the inbox is a screen like any other."""
    try:
        row = json.loads(payload) if payload else {}
    except ValueError:
        return redact(payload[:80])
    parts = [f"{label}：{row[k]}" for k, label in FIELD_LABELS.items() if row.get(k)]
    return "；".join(parts) or redact(payload[:80])


def list_conflicts(store: Store, *, include_seen: bool = False) -> list[ConflictLine]:
    with store.reading() as s:
        stmt = select(SyncConflict).order_by(SyncConflict.created_at.desc())
        if not include_seen:
            stmt = stmt.where(SyncConflict.seen_at.is_(None))
        return [ConflictLine(c.id, c.table_name, c.row_id, c.case_id, c.rule, c.losing_org,
                             _summary(c.losing_payload), _summary(c.winning_payload), c.created_at, c.seen_at)
                for c in s.scalars(stmt)]


def mark_seen(store: Store, conflict_ids: list[str], *, username: str) -> int:
    """Local only: the record stays (head office keeps its own copy); it leaves the unread list."""
    with store.transaction() as s:
        res = s.execute(update(SyncConflict).where(SyncConflict.id.in_(conflict_ids), SyncConflict.seen_at.is_(None))
                        .values(seen_at=utcnow(), seen_by=username))
        return res.rowcount or 0
