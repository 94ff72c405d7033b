"""The store's identity: which branch it belongs to (one row)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base
from desk_app.store.types import utcnow


class BranchInfo(Base):
    """Not synced: it says which branch this PC's store is, fixed at `desk-app init`."""

    __tablename__ = "branch_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_code: Mapped[str] = mapped_column(String(16))
    branch_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
