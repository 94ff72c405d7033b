"""Controlled stationery (单证): batches received from head office and every pre-printed number.

Each number is one row, so its state (in stock, issued, used, voided, lost, destroyed) and who
changed it, when and why are plain columns that a conditional UPDATE can test and set in the
same transaction as the case that uses it. Ranges are written with Core bulk statements
(core.stationery), never one ORM object per number.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class StationeryBatch(SyncedMixin, Base):
    """A batch of numbers received from head office: `prefix` + serials first..last."""

    __tablename__ = "stationery_batches"

    batch_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(30))  # proposal_form 投保单
    prefix: Mapped[str] = mapped_column(String(8))
    width: Mapped[int] = mapped_column(Integer)
    first_serial: Mapped[int] = mapped_column(Integer)
    last_serial: Mapped[int] = mapped_column(Integer)
    received_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[dt.datetime] = mapped_column()


class StationeryNumber(SyncedMixin, Base):
    """One pre-printed number and its current state (history is in the audit log)."""

    __tablename__ = "stationery_numbers"
    __table_args__ = (
        Index("ix_stationery_numbers_range", "prefix", "serial"),
        # The "issued but unused for N days" report and the holder check of intake.
        Index("ix_stationery_numbers_state", "state", "holder", "issued_at"),
    )

    number: Mapped[str] = mapped_column(String(32), unique=True)
    prefix: Mapped[str] = mapped_column(String(8))
    serial: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[str] = mapped_column(ForeignKey("stationery_batches.id"), index=True)
    # in_stock / issued / used / voided / lost / destroyed
    state: Mapped[str] = mapped_column(String(12))
    # Agent code the number is issued to, or "*" for the branch counter itself.
    holder: Mapped[str | None] = mapped_column(String(20), default=None)
    issued_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    proposal_id: Mapped[str | None] = mapped_column(String(36), default=None)
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[dt.datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
