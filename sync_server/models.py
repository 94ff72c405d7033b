"""Tables of the head-office database.

`feed` is the change log every pull reads: its `seq` is the cursor, assigned by the server
under one lock so seq order is commit order (a pull never skips a change committed late).
`rows` holds the current state of every synced row, for conflict checks and case sharing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The branch store's rule for constraint and index names: migrations name constraints, and both
# schemas must name them alike.
from desk_app.store.naming import NAMING_CONVENTION

# BIGINT on PostgreSQL; INTEGER on SQLite so the column is the rowid.
Seq = BigInteger().with_variant(Integer(), "sqlite")

# Partial indexes skip the entries no query looks for (about 4 in 10 of a branch's changes are
# audit entries: lane `keep`, no case, no clash key). Queries that use them repeat the condition
# literally (never as a parameter), so both databases can prove the index applies.
NOT_KEPT = "lane <> 'keep'"
HAS_CASE = "case_id IS NOT NULL"
HAS_CLASH_KEY = "clash_key IS NOT NULL"


def _partial(condition: str) -> dict[str, object]:
    return {"postgresql_where": text(condition), "sqlite_where": text(condition)}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime(timezone=True)}


class Org(Base):
    """Head office -> province -> branch -> outlet; `path` ('HO/GD/GD0101/') makes subtrees a prefix."""

    __tablename__ = "orgs"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_code: Mapped[str | None] = mapped_column(String(16), default=None)
    path: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[dt.datetime] = mapped_column()


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column()
    expires_at: Mapped[dt.datetime] = mapped_column()
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Device(Base):
    """An enrolled PC. Only the sha256 of its token is kept; revoking refuses the token from then on."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Received(Base):
    """Every change id ever pushed and what was answered: a replay gets the same answer."""

    __tablename__ = "received"

    change_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    payload_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    version: Mapped[int | None] = mapped_column(Seq, default=None)
    conflict_id: Mapped[str | None] = mapped_column(String(36), default=None)


class FeedEntry(Base):
    """The change log. lane: own (the row's organisation), up (its ancestors: shared cases),
    down (the organisation and everything below it: reference data), keep (never pulled)."""

    __tablename__ = "feed"
    __table_args__ = (Index("ix_feed_org_lane_seq", "org_code", "lane", "seq", **_partial(NOT_KEPT)),)

    seq: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=False)
    org_code: Mapped[str] = mapped_column(String(16))
    lane: Mapped[str] = mapped_column(String(4))
    op: Mapped[str] = mapped_column(String(6))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Seq)
    payload: Mapped[str] = mapped_column(Text)
    origin_device: Mapped[str | None] = mapped_column(String(36), default=None)


class RowState(Base):
    """The current value of every synced row, its owner and version (seq of the change that set it)."""

    __tablename__ = "rows"
    __table_args__ = (
        Index("ix_rows_case", "case_id", **_partial(HAS_CASE)),
        Index("uq_rows_clash", "table_name", "clash_key", unique=True, **_partial(HAS_CLASH_KEY)),
    )

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str | None] = mapped_column(String(36), default=None)
    clash_key: Mapped[str | None] = mapped_column(String(100), default=None)
    payload: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Seq)
    writer_device: Mapped[str | None] = mapped_column(String(36), default=None)
    writer_org: Mapped[str] = mapped_column(String(16))


class SharedCase(Base):
    """A case referred above its branch: its rows are also sent up the tree from then on."""

    __tablename__ = "shared_cases"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16))
    shared_seq: Mapped[int] = mapped_column(Seq)


class UserShare(Base):
    """A user row already sent to a lane where it is not the owner's (actors of shared events)."""

    __tablename__ = "user_shares"

    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    lane: Mapped[str] = mapped_column(String(4), primary_key=True)


class Conflict(Base):
    """The losing value of two writers meeting, kept for a person to see (never dropped)."""

    __tablename__ = "conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str | None] = mapped_column(String(36), default=None)
    losing_change_id: Mapped[str | None] = mapped_column(String(64), default=None)
    losing_org: Mapped[str] = mapped_column(String(16))
    losing_payload: Mapped[str] = mapped_column(Text)
    winning_org: Mapped[str] = mapped_column(String(16))
    winning_payload: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column()


class Blob(Base):
    """A page image in the blob store; the row exists only once the whole file is in place."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Seq)
    created_at: Mapped[dt.datetime] = mapped_column()


class BlobOwner(Base):
    """Which organisations have uploaded a blob (existence is never revealed to the others)."""

    __tablename__ = "blob_owners"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16), primary_key=True)


class AuditHead(Base):
    """The newest audit entry head office holds from each branch PC (its chain head)."""

    __tablename__ = "audit_heads"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Seq)
    mac: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column()


class AuditAlert(Base):
    """A branch PC's audit chain found truncated or rewritten (see audit_watch)."""

    __tablename__ = "audit_alerts"

    id: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    org_code: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    branch_seq: Mapped[int] = mapped_column(Seq)
    head_seq: Mapped[int] = mapped_column(Seq)
    reason: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[dt.datetime] = mapped_column()


class EnrolLimit(Base):
    """Failed enrolment attempts of one client address or organisation (`addr:…` / `org:…`):
    slowed after a few, locked for a while after more (see limits.EnrolLimiter)."""

    __tablename__ = "enrol_limits"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[dt.datetime] = mapped_column()
    last_attempt: Mapped[dt.datetime] = mapped_column()
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)


class BlobRef(Base):
    """A page file named by a pushed row's hash column (`sha256`, `*_sha256`): which row, so a blob
    read is decided by page -> case -> owning organisation, never by searching payloads."""

    __tablename__ = "blob_refs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
