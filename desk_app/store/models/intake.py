"""What the counter recorded at intake: the outcome, the material checklist, deficiencies, prints.

All rows belong to one case (`proposal_id`), so sync carries them with the case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class Intake(SyncedMixin, Base):
    """The counter's decision on one proposal, with the warnings the clerk confirmed."""

    __tablename__ = "intakes"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), unique=True)
    # accepted / accepted_with_deficiencies / returned
    outcome: Mapped[str] = mapped_column(String(30))
    rules_version: Mapped[int] = mapped_column(Integer)
    clerk_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column()
    past_date_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Case numbers of open cases that looked like duplicates, when the clerk went on anyway.
    duplicates_confirmed: Mapped[str] = mapped_column(Text, default="")
    return_reasons: Mapped[str] = mapped_column(Text, default="")


class IntakeChecklistItem(SyncedMixin, Base):
    """One line of the material checklist as ticked at the counter."""

    __tablename__ = "intake_checklist_items"
    __table_args__ = (UniqueConstraint("proposal_id", "code", name="proposal_code"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # material / counter_check
    received: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class Deficiency(SyncedMixin, Base):
    """A missing item accepted at the counter; the problem-case work picks up the open ones."""

    __tablename__ = "deficiencies"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open / resolved
    raised_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[dt.datetime] = mapped_column()


class PrintJob(SyncedMixin, Base):
    """One paper handed over (receipt or return notice); the PDF is in the encrypted file store."""

    __tablename__ = "print_jobs"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # receipt / return_notice
    # sha256 of the PDF. Not named `sha256`: sync would then wait for the file to be uploaded as a
    # page blob, and the sync client uploads page files only (the PDF can be made again).
    pdf_digest: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    copy_no: Mapped[int] = mapped_column(Integer)
    printed_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[dt.datetime] = mapped_column()
