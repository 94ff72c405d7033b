"""Scanned pages and the batches they came in (the scanning station).

A Page's image files (the cleaned page and the untouched original) are page blobs: stored
encrypted and content-addressed through `desk_app.sync.pages.add_page_file`, referred to here by
sha256, so sync uploads the files before the rows. `proposal_id` is empty while the page waits
in the unindexed tray. Nothing is ever hard-deleted: a deleted page or a dropped blank back is a
row with `deleted` (or `blank`) set, and can be brought back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class ScanBatch(SyncedMixin, Base):
    """One run of the scanner, hot folder or camera: which files, who, when, how it ended."""

    __tablename__ = "scan_batches"

    source: Mapped[str] = mapped_column(String(20))  # file / hot_folder / camera
    label: Mapped[str] = mapped_column(Text, default="")  # file names, as the operator saw them
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    scanned_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[dt.datetime] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Page(SyncedMixin, Base):
    """One scanned page: its case (or the unindexed tray), document type, order, files and QC."""

    __tablename__ = "pages"
    __table_args__ = (Index("ix_pages_case_order", "proposal_id", "doc_type", "seq"),)

    batch_id: Mapped[str] = mapped_column(ForeignKey("scan_batches.id"), index=True)
    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id"), default=None)
    doc_type: Mapped[str | None] = mapped_column(String(30), default=None)
    seq: Mapped[int] = mapped_column(Integer)  # order within the batch, then within the case
    # The cleaned page as stored (grayscale JPEG or bilevel PNG/TIFF) and the file it came from.
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(40))
    original_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(Text, default="")
    source_page: Mapped[int] = mapped_column(Integer, default=0)  # page of a multi-page file
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    dpi: Mapped[int] = mapped_column(Integer)
    deskew_deg: Mapped[float] = mapped_column(Float, default=0.0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)  # 0/90/180/270 clockwise, applied
    blank: Mapped[bool] = mapped_column(Boolean, default=False)
    seal_found: Mapped[bool] = mapped_column(Boolean, default=False)
    barcodes: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{format, text}]
    qc_flags: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{code, reason}]
    steps: Mapped[str] = mapped_column(Text, default="[]")  # JSON: each clean-up step and its values
    scanned_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    scanned_at: Mapped[dt.datetime] = mapped_column()
