"""The sync wire format shared by the head-office server and the branch client.

Pydantic models only; no server framework is imported here, so `desk_app.sync` can use it.
Every request carries three headers: the protocol version, the client's clock (the server
refuses a skew over `MAX_CLOCK_SKEW_S`) and, except for enrolment, the device token. Errors are
always `{"error": code, "reason": text}`; the reason is Chinese and shown on the branch screen.

Row payloads travel as the JSON text the branch's outbox trigger wrote (column -> SQLite
storage value: money as integer fen, times as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC, booleans 0/1),
so a retry sends the same bytes and the server can compare them exactly.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
MAX_CLOCK_SKEW_S = 300

HEADER_PROTOCOL = "X-BranchDesk-Protocol"
HEADER_CLIENT_TIME = "X-BranchDesk-Time"
HEADER_AUTH = "Authorization"

# Largest batch a push may carry and a pull page may return.
MAX_PUSH_ITEMS = 5_000
MAX_PULL_ITEMS = 10_000
BLOB_CHUNK = 1 << 20

# Tables a branch writes and pushes (captured by the outbox triggers).
BRANCH_TABLES = ("users", "user_roles", "proposals", "proposal_products", "case_events", "audit_log",
                 "page_blobs")
# Rows that belong to one case (their case id: `id` for proposals, `proposal_id` otherwise).
CASE_TABLES = ("proposals", "proposal_products", "case_events", "page_blobs")
# Reference data: only head office writes it, every organisation below the target receives it.
REFDATA_TABLES = ("products", "benefit_levels", "occupation_classes", "intermediaries", "agents",
                  "authority_levels", "policies", "refdata_versions")
# Written by the server only: the losing values of conflicts, for the conflict inbox.
CONFLICT_TABLE = "sync_conflicts"
# Pushed to head office but never sent to another store (its numbering is per store).
PUSH_ONLY_TABLES = ("audit_log",)
HEAD_OFFICE_ROWS = "HO"

# The primary-key column of each synced table (everything else uses `id`).
PRIMARY_KEYS = {"refdata_versions": "kind"}
# A second unique key a concurrent writer can collide on although the row ids differ.
CLASH_KEYS = {"case_events": ("proposal_id", "seq")}

Status = Literal["applied", "already_had", "conflict", "retry"]


def primary_key(table: str) -> str:
    return PRIMARY_KEYS.get(table, "id")


def case_id_of(table: str, row: dict[str, object]) -> str | None:
    if table == "proposals":
        return str(row["id"])
    if table in CASE_TABLES:
        value = row.get("proposal_id")
        return str(value) if value else None
    return None


def blob_refs(row: dict[str, object]) -> list[str]:
    """Content hashes a row refers to: every column named `sha256` or ending in `_sha256`."""
    return [str(v) for k, v in row.items() if (k == "sha256" or k.endswith("_sha256")) and v]


class ErrorBody(BaseModel):
    error: str
    reason: str


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(default="", max_length=100)


class EnrolResponse(BaseModel):
    token: str
    device_id: str
    org_code: str
    org_name: str
    server_time: dt.datetime


class StatusResponse(BaseModel):
    device_id: str
    org_code: str
    org_name: str
    server_time: dt.datetime
    head: int


class Change(BaseModel):
    """One write captured by a branch outbox trigger."""

    change_id: str = Field(min_length=8, max_length=64)
    table: str
    row_id: str
    # The server version of the row the writer had seen when it wrote (None: never seen).
    base_version: int | None = None
    payload: str


class PushRequest(BaseModel):
    changes: list[Change] = Field(max_length=MAX_PUSH_ITEMS)


class ItemResult(BaseModel):
    change_id: str
    status: Status
    reason: str = ""
    # applied: the row's new server version. conflict: the version of the winner.
    version: int | None = None
    # conflict on the same row: the winning payload (the client writes it in place of its own).
    winner: str | None = None
    # conflict against a different row (e.g. two events at one step): the client removes its row.
    remove_local: bool = False
    conflict_id: str | None = None


class PushResponse(BaseModel):
    results: list[ItemResult]
    server_time: dt.datetime


class PulledChange(BaseModel):
    seq: int
    op: Literal["upsert", "delete"] = "upsert"
    table: str
    row_id: str
    # The row's server version after this change; a client never applies an older one.
    version: int
    payload: str


class PullResponse(BaseModel):
    changes: list[PulledChange]
    cursor: int
    more: bool


class BlobQuery(BaseModel):
    hashes: list[str] = Field(max_length=MAX_PUSH_ITEMS)


class BlobMissing(BaseModel):
    missing: list[str]


class BlobUploadState(BaseModel):
    sha256: str
    present: bool
    received: int


def error_reason(body: object, fallback: str) -> str:
    """The reason of an `{error, reason}` body, or the fallback text."""
    if isinstance(body, dict) and isinstance(body.get("reason"), str):
        return body["reason"]
    return fallback
