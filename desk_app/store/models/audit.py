"""The append-only audit log: who did what to which record.

UPDATE and DELETE on this table are refused by triggers created in the migration, so even
code holding a session cannot rewrite history; tamper evidence (an HMAC chain) is a later step.
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
