"""Declarative base of the branch database and the columns every syncable row carries."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, MetaData, String, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk_app.store.naming import NAMING_CONVENTION
from desk_app.store.types import DecimalText, UTCDateTime, utcnow


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        Decimal: DecimalText(),
    }


class SyncedMixin:
    """Columns that let the sync issue replicate any row without a schema rewrite.

    The id is generated on the branch (UUID) so rows created offline never collide;
    `deleted` is a tombstone because a hard delete cannot be replicated.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
