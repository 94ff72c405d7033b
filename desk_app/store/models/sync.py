"""Tables of the branch half of sync: the outbox, sync state, row versions, conflicts, page files.

The outbox is filled by SQLite triggers (created in migration 0002 from `capture_trigger_sql`),
not by Python code: every INSERT or UPDATE of a synced table, from the ORM, a Core bulk insert
or a hand-written statement, appends its change in the same transaction. So a change is in the
outbox if and only if its write committed. The payload is the row as stored (JSON), fixed at
write time, so a retried push sends the same bytes. While pulled changes are applied,
`sync_state.applying` is 1 inside that transaction and the triggers stay quiet.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin

# Branch-written tables whose rows go to head office (the order is the order of creation).
CAPTURED_TABLES = ("users", "user_roles", "proposals", "proposal_products", "case_events", "audit_log",
                   "page_blobs", "stationery_batches", "stationery_numbers", "intakes", "intake_checklist_items",
                   "deficiencies", "print_jobs", "scan_batches", "pages", "entry_passes", "entry_values",
                   "entry_fields", "insured_lists", "insured_persons", "rule_runs", "rule_results",
                   "problem_cases", "problem_items", "problem_events", "uw_issues", "uw_decisions",
                   "policy_numbers", "reprint_requests", "contract_prints", "archive_entries")
# Rows of reference data (owned by head office) carry this branch code and are never captured.
HEAD_OFFICE_CODE = "HO"


class SyncOutbox(Base):
    """One captured change waiting for (or acknowledged by) head office."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_pending", "acked_at", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(32), unique=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    # The server version of the row when it was written here (None: never seen from the server).
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    acked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # applied / already_had / conflict, as head office answered.
    status: Mapped[str | None] = mapped_column(String(12), default=None)


class SyncState(Base):
    """The one row (id 1) of this store's sync: enrolment, cursor, last outcome, capture switch."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    applying: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    server_url: Mapped[str | None] = mapped_column(String(200), default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    device_token: Mapped[str | None] = mapped_column(String(100), default=None)
    org_code: Mapped[str | None] = mapped_column(String(16), default=None)
    cursor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_success_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_failure_reason: Mapped[str | None] = mapped_column(Text, default=None)


class SyncAck(Base):
    """Outbox changes head office answered, as ranges of outbox seqs (migration 0005).

    A change is acknowledged iff its seq lies in a range; ranges never overlap. One row per run
    of consecutive changes with one answer, instead of an update of every outbox row (which
    rewrote every outbox page). `acked_at`/`status` of the outbox are those of stores before 0005.
    """

    __tablename__ = "sync_acks"

    lo: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hi: Mapped[int] = mapped_column(Integer)
    # applied / already_had / conflict, as head office answered.
    status: Mapped[str] = mapped_column(String(12))
    acked_at: Mapped[dt.datetime] = mapped_column()


class SyncRowVersion(Base):
    """The head-office version of each row this store holds: older pulled values are not applied."""

    __tablename__ = "sync_row_versions"
    # One b-tree keyed by (table, row) instead of a rowid table plus its key index (0005).
    __table_args__ = {"sqlite_with_rowid": False}

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class SyncConflict(Base):
    """A losing value kept for the supervisor's conflict inbox (written by sync, never captured)."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    branch_code: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    losing_org: Mapped[str] = mapped_column(String(16))
    losing_payload: Mapped[str] = mapped_column(Text)
    winning_org: Mapped[str] = mapped_column(String(16))
    winning_payload: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    seen_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    seen_by: Mapped[str | None] = mapped_column(String(40), default=None)


class PageBlob(SyncedMixin, Base):
    """A scanned page's file, by the sha256 of its content; the file is in the store's file folder.

    The row is written only after the file is completely stored (store.files.put is atomic), and
    it is pushed only after head office has the whole file, so no store or server ever lists a
    page whose file it does not hold.
    """

    __tablename__ = "page_blobs"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    proposal_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    media_type: Mapped[str] = mapped_column(String(40), default="image/png")


class SyncBlobUpload(Base):
    """Files head office confirmed it holds whole: they are not sent again."""

    __tablename__ = "sync_blob_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column()


def _case_expr(table: str, columns: list[str]) -> str:
    if table == "proposals":
        return "NEW.id"
    return "NEW.proposal_id" if "proposal_id" in columns else "NULL"


def capture_trigger_sql(table: str, columns: list[str]) -> list[str]:
    """CREATE TRIGGER statements that append every insert and update of `table` to the outbox.

    `columns` are the table's columns as they exist when the trigger is made; a later migration
    that adds a column to a captured table must drop and re-create these triggers.
    """
    # json_object takes at most 127 arguments in a default SQLite build: 63 columns.
    if len(columns) > 63:
        raise ValueError(f"{table} has too many columns for one json_object()")
    payload = "json_object(" + ", ".join(f"'{c}', NEW.\"{c}\"" for c in columns) + ")"
    out = []
    for event, suffix in (("INSERT", "ins"), ("UPDATE", "upd")):
        out.append(
            f"CREATE TRIGGER sync_capture_{table}_{suffix} AFTER {event} ON {table} "
            f"WHEN COALESCE((SELECT applying FROM sync_state WHERE id = 1), 0) = 0 "
            f"AND NEW.branch_code <> '{HEAD_OFFICE_CODE}' "
            "BEGIN "
            "INSERT INTO sync_outbox (change_id, table_name, row_id, case_id, base_version, payload, created_at) "
            f"VALUES (lower(hex(randomblob(16))), '{table}', NEW.id, {_case_expr(table, columns)}, "
            f"(SELECT version FROM sync_row_versions WHERE table_name = '{table}' AND row_id = NEW.id), "
            f"{payload}, strftime('%Y-%m-%d %H:%M:%f', 'now')); "
            "END"
        )
    return out


def drop_capture_trigger_sql(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS sync_capture_{table}_{s}" for s in ("ins", "upd")]
