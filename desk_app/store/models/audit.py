"""The append-only audit log: who did what to which record.

UPDATE and DELETE on this table are refused by triggers created in the migration, and each
entry carries an HMAC over its content and the previous entry's HMAC (core.audit), so an
edit, deletion or reordering made with the file in hand is detected by `desk-app audit verify`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class AuditEntry(SyncedMixin, Base):
    __tablename__ = "audit_log"

    # Local order of entries; UUIDs alone do not say which came first.
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime] = mapped_column()
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    username: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(30), default="")
    target_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    mac: Mapped[str] = mapped_column(String(64), default="")
