"""Recording who did what. Every user action writes one entry in its own transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.roles import Actor
from desk_app.store.models import AuditEntry
from desk_app.store.types import utcnow


def record(
    session: Session,
    *,
    actor: Actor | None,
    action: str,
    target_type: str = "",
    target_id: str = "",
    detail: dict[str, Any] | None = None,
    branch_code: str = "",
    username: str | None = None,
    now: dt.datetime | None = None,
) -> AuditEntry:
    """Append one audit entry in the caller's transaction (so it lands with the action or not at all)."""
    # BEGIN IMMEDIATE holds the write lock, so max(seq)+1 cannot race another writer.
    seq = (session.scalar(select(func.max(AuditEntry.seq))) or 0) + 1
    entry = AuditEntry(
        seq=seq,
        at=now or utcnow(),
        user_id=actor.user_id if actor else None,
        username=username or (actor.username if actor else ""),
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True),
        branch_code=branch_code or (actor.branch_code if actor else ""),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: dt.datetime
    username: str
    action: str
    target_type: str
    target_id: str
    detail: str


def recent(session: Session, *, limit: int = 100, target_id: str | None = None) -> list[AuditLine]:
    stmt = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if target_id is not None:
        stmt = stmt.where(AuditEntry.target_id == target_id)
    return [
        AuditLine(e.seq, e.at, e.username, e.action, e.target_type, e.target_id, e.detail)
        for e in session.scalars(stmt)
    ]
