"""Contract printing (合同缮制), reprint control, and the archive (归档).

A ContractPrint is one print of a case's policy contract: its sequence (1 the original, 2… the
reprints), the hash of the contract's content that every page's QR code carries, the pages, the
printer and who printed it. A reprint needs a ReprintRequest approved by a supervisor. An
ArchiveEntry records the box and position a case's file was filed under.

All rows carry `proposal_id`, so sync carries them with the case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class ContractPrint(SyncedMixin, Base):
    """One print of a policy contract: the newest print is the current one, older prints are superseded."""

    __tablename__ = "contract_prints"
    __table_args__ = (UniqueConstraint("proposal_id", "print_seq", name="proposal_print_seq"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    policy_no: Mapped[str] = mapped_column(String(32), index=True)
    print_seq: Mapped[int] = mapped_column(Integer)  # 1 the original, then each reprint
    content_hash: Mapped[str] = mapped_column(String(64))  # of the contract's content, in every page's QR
    # sha256 of the PDF file. Not named `sha256`: sync would wait for it as a page blob.
    pdf_digest: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer)
    printer: Mapped[str] = mapped_column(String(120), default="")  # "" : saved as a file
    copies: Mapped[int] = mapped_column(Integer, default=1)
    reprint_id: Mapped[str | None] = mapped_column(ForeignKey("reprint_requests.id"), default=None)
    printed_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[dt.datetime] = mapped_column()


class ReprintRequest(SyncedMixin, Base):
    """A reprint asked for with a reason; a supervisor approves or refuses it; a print uses it once."""

    __tablename__ = "reprint_requests"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # pending / approved / refused / used
    requested_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column()
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class ArchiveEntry(SyncedMixin, Base):
    """Where a case's paper file was filed: box and position, who and when."""

    __tablename__ = "archive_entries"
    __table_args__ = (UniqueConstraint("branch_code", "box_no", "position", name="branch_box_position"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), unique=True)
    box_no: Mapped[str] = mapped_column(String(30))
    position: Mapped[int] = mapped_column(Integer)
    archived_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    archived_at: Mapped[dt.datetime] = mapped_column()
