"""The sync wire format shared by the head-office server and the branch client.

Pydantic models only; no server framework is imported here, so `desk_app.sync` can use it.
Every request carries three headers: the protocol version, the client's clock (the server
refuses a skew over `MAX_CLOCK_SKEW_S`) and, except for enrolment, the device token. Errors are
always `{"error": code, "reason": text}`; the reason is Chinese and shown on the branch screen.

Row payloads travel as the JSON text the branch's outbox trigger wrote (column -> SQLite
storage value: money as integer fen, times as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC, booleans 0/1),
so a retry sends the same bytes and the server can compare them exactly.

The three bulk messages (a push batch, its answers, a pull page: up to thousands of items each)
are named tuples encoded and decoded with orjson and checked field by field here, not pydantic
models: validating 100,000 items through pydantic cost more than the database work (and tuples
of plain values drop out of the cyclic garbage collector's work, objects do not).
Their JSON shape is the one the pydantic models had, so either side may be the older one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Annotated, Any, Literal, NamedTuple

import orjson
from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
MAX_CLOCK_SKEW_S = 300

HEADER_PROTOCOL = "X-BranchDesk-Protocol"
HEADER_CLIENT_TIME = "X-BranchDesk-Time"
HEADER_AUTH = "Authorization"

# Largest batch a push may carry and a pull page may return. Every server accepts MAX_PUSH_ITEMS;
# a server says in its status how many it accepts (`max_push_items`: this one PUSH_ITEMS_ACCEPTED),
# and a client sends more than MAX_PUSH_ITEMS only to a server that said so.
MAX_PUSH_ITEMS = 5_000
PUSH_ITEMS_ACCEPTED = 20_000
MAX_PULL_ITEMS = 10_000
BLOB_CHUNK = 1 << 20
# Limits a server enforces at the edge (413 / 422 with a reason). A 20,000-change batch of
# ordinary rows is about 10 MB on the wire; the largest ordinary row (a scanned page's row with
# its clean-up steps) a few KB.
MAX_BODY_BYTES = 32 << 20
MAX_ROW_PAYLOAD = 256 << 10
# JSON separators (`,` and `:`) a push body may hold, counted before it is parsed: bounds the
# objects the parser would build (a body of 32 MB of `[0,0,...]` is 16 million of them).
MAX_BODY_TOKENS = PUSH_ITEMS_ACCEPTED * 120
MAX_BLOB_BYTES = 512 << 20
INT64_MAX = (1 << 63) - 1
# Column widths at head office (ids are UUIDs at the branches; a row id of any table up to 64).
ID_MAX = 64
CASE_ID_MAX = 36

# Tables a branch writes and pushes (captured by the outbox triggers).
BRANCH_TABLES = ("users", "user_roles", "proposals", "proposal_products", "case_events", "audit_log",
                 "page_blobs", "stationery_batches", "stationery_numbers", "intakes", "intake_checklist_items",
                 "deficiencies", "print_jobs", "scan_batches", "pages", "entry_passes", "entry_values",
                 "entry_fields", "insured_lists", "insured_persons", "rule_runs", "rule_results", "problem_cases",
                 "problem_items", "problem_events", "uw_issues", "uw_decisions", "policy_numbers",
                 "reprint_requests", "contract_prints", "archive_entries")
# Rows that belong to one case (their case id: `id` for proposals, `proposal_id` otherwise).
CASE_TABLES = ("proposals", "proposal_products", "case_events", "page_blobs", "intakes",
               "intake_checklist_items", "deficiencies", "print_jobs", "pages", "entry_passes", "entry_values",
               "entry_fields", "insured_lists", "insured_persons", "rule_runs", "rule_results", "problem_cases",
               "problem_items", "problem_events", "uw_issues", "uw_decisions", "policy_numbers",
               "reprint_requests", "contract_prints", "archive_entries")
# What a case row points at outside its case, by column: sent ahead of the row wherever the row
# goes (a referred case's pages need their scan batch and scanner at the province). Kept equal to
# the branch store's foreign keys by tests/sync/test_boundaries.py.
CASE_ROW_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "case_events": (("actor_id", "users"),),
    "intakes": (("clerk_id", "users"),),
    "deficiencies": (("raised_by", "users"),),
    "print_jobs": (("printed_by", "users"),),
    "pages": (("scanned_by", "users"), ("batch_id", "scan_batches")),
    "scan_batches": (("scanned_by", "users"),),
    "entry_passes": (("operator_id", "users"), ("assigned_by", "users")),
    "entry_values": (("pass_id", "entry_passes"),),
    "entry_fields": (("decided_by", "users"),),
    "insured_lists": (("imported_by", "users"),),
    "insured_persons": (("list_id", "insured_lists"),),
    "rule_runs": (("actor_id", "users"),),
    "rule_results": (("run_id", "rule_runs"),),
    "problem_cases": (("raised_by", "users"),),
    "problem_items": (("problem_id", "problem_cases"),),
    "problem_events": (("problem_id", "problem_cases"), ("actor_id", "users")),
    "uw_issues": (("decided_by", "users"),),
    "uw_decisions": (("actor_id", "users"),),
    "policy_numbers": (("issued_by", "users"),),
    "reprint_requests": (("requested_by", "users"), ("decided_by", "users")),
    "contract_prints": (("printed_by", "users"), ("reprint_id", "reprint_requests")),
    "archive_entries": (("archived_by", "users"),),
}
# -- who owns a pushed row --------------------------------------------------------------------
# Head office decides, for every row a branch pushes, which organisation owns it, and refuses a
# row its writer may not write, or one that points at another organisation's row: a per-item
# conflict with the reason (kept in the branch's conflict inbox), never applied, never a 403 that
# would stop the rest of the branch's changes. A new branch table says here who owns it (the
# server's tests fail for a table of BRANCH_TABLES missing from ROW_OWNERS).
#
#   OWNED_BY_CASE    the organisation of its case (the proposals row that `case_id_of` names): a
#                    case row carries its case's branch_code, and a case must be at head office
#                    before its rows. A row of no case (a page not yet assigned) is owned by itself.
#   OWNED_BY_ITSELF  its own branch_code (a user, a scan batch, the audit log).
#   (column, table)  the owner of the row it hangs off by that column (a user's roles): that row
#                    must be at head office and belong to the row's organisation.
#
# Who may write a row: its owner; an organisation above it only the rows of a case referred up
# (the provincial decision on a REFERRED case, shared from then on). Every row a pushed row
# points at (ROW_REFERENCES) must belong to the row's organisation or to the writer's (the
# province's underwriter deciding a branch's case); page files are referenced by hash, and a
# row may name only files its writer's organisation uploaded (the bytes prove possession).
OWNED_BY_CASE = "case"
OWNED_BY_ITSELF = "itself"
ROW_OWNERS: dict[str, str | tuple[str, str]] = {
    **{t: OWNED_BY_CASE for t in CASE_TABLES},
    "users": OWNED_BY_ITSELF,
    "user_roles": ("user_id", "users"),
    "audit_log": OWNED_BY_ITSELF,
    "stationery_batches": OWNED_BY_ITSELF,
    "stationery_numbers": ("batch_id", "stationery_batches"),
    "scan_batches": OWNED_BY_ITSELF,
}
# Every other row a pushed row names, by column (the store's foreign keys and the plain id
# columns that hold one): checked when head office holds the named row.
ROW_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    **CASE_ROW_PARENTS,
    "stationery_batches": (("received_by", "users"),),
    "stationery_numbers": (("proposal_id", "proposals"), ("changed_by", "users")),
}
# Columns that name a row but are not checked: an audit entry records who acted as its store saw
# it (a refused login of a remote user names that user), and it is never sent to another store.
UNCHECKED_REFERENCES: dict[str, tuple[str, ...]] = {"audit_log": ("user_id",)}
# Columns a row must carry (with a value) to be written into a branch store: the store's NOT NULL
# columns without a default (kept equal to them by tests/server/test_attacks.py). A row without
# one is refused at the edge: sent up with a referred case it would stop the province's pull.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "users": ('username', 'display_name', 'password_hash', 'authority_level', 'active', 'failed_logins', 'must_change_password', 'created_at', 'updated_at'),
    "user_roles": ('user_id', 'role', 'created_at', 'updated_at'),
    "proposals": ('case_no', 'proposal_no', 'business_type', 'applicant_name', 'business_source', 'insured_count', 'sum_insured_total', 'premium_total', 'term_months', 'special_agreements', 'state', 'state_since', 'created_at', 'updated_at'),
    "proposal_products": ('proposal_id', 'line_no', 'product_code', 'benefit_level', 'sum_insured', 'premium', 'created_at', 'updated_at'),
    "case_events": ('proposal_id', 'seq', 'action', 'to_state', 'actor_id', 'at', 'reason', 'created_at', 'updated_at'),
    "audit_log": ('seq', 'at', 'username', 'action', 'target_type', 'target_id', 'detail', 'mac', 'created_at', 'updated_at'),
    "page_blobs": ('sha256', 'size', 'media_type', 'created_at', 'updated_at'),
    "stationery_batches": ('batch_no', 'kind', 'prefix', 'width', 'first_serial', 'last_serial', 'received_by', 'received_at', 'created_at', 'updated_at'),
    "stationery_numbers": ('number', 'prefix', 'serial', 'batch_id', 'state', 'changed_by', 'changed_at', 'reason', 'created_at', 'updated_at'),
    "intakes": ('proposal_id', 'outcome', 'rules_version', 'clerk_id', 'at', 'past_date_confirmed', 'duplicates_confirmed', 'return_reasons', 'created_at', 'updated_at'),
    "intake_checklist_items": ('proposal_id', 'code', 'label', 'kind', 'received', 'note', 'created_at', 'updated_at'),
    "deficiencies": ('proposal_id', 'code', 'label', 'note', 'status', 'raised_by', 'raised_at', 'created_at', 'updated_at'),
    "print_jobs": ('proposal_id', 'kind', 'pdf_digest', 'size', 'copy_no', 'printed_by', 'printed_at', 'created_at', 'updated_at'),
    "scan_batches": ('source', 'label', 'page_count', 'scanned_by', 'started_at', 'created_at', 'updated_at'),
    "entry_passes": ('proposal_id', 'round', 'pass_no', 'form_code', 'form_version', 'fields', 'operator_id', 'status', 'keystrokes', 'active_ms', 'created_at', 'updated_at'),
    "entry_values": ('pass_id', 'proposal_id', 'field_key', 'value', 'keystrokes', 'created_at', 'updated_at'),
    "entry_fields": ('proposal_id', 'round', 'field_key', 'first_value', 'second_value', 'outcome', 'note', 'created_at', 'updated_at'),
    "insured_lists": ('proposal_id', 'version', 'file_name', 'file_digest', 'sheet', 'mapping', 'row_count', 'sum_insured_total', 'premium_total', 'warnings', 'imported_by', 'imported_at', 'created_at', 'updated_at'),
    "insured_persons": ('list_id', 'proposal_id', 'row_no', 'name', 'id_type', 'id_no', 'relation', 'created_at', 'updated_at'),
    "rule_runs": ('proposal_id', 'run_no', 'rules_version', 'actor_id', 'at', 'blocking', 'warnings', 'created_at', 'updated_at'),
    "rule_results": ('run_id', 'proposal_id', 'code', 'severity', 'fields', 'message', 'created_at', 'updated_at'),
    "problem_cases": ('proposal_id', 'problem_no', 'status', 'source', 'raised_by', 'raised_at', 'reopened', 'created_at', 'updated_at'),
    "problem_items": ('problem_id', 'proposal_id', 'code', 'description', 'source', 'status', 'created_at', 'updated_at'),
    "problem_events": ('problem_id', 'proposal_id', 'seq', 'action', 'actor_id', 'at', 'reason', 'detail', 'created_at', 'updated_at'),
    "uw_issues": ('proposal_id', 'round', 'issue_type', 'subject', 'facts', 'message', 'status', 'created_at', 'updated_at'),
    "uw_decisions": ('proposal_id', 'seq', 'decision', 'exclusion', 'reason', 'actor_id', 'authority_level', 'org_code', 'at', 'created_at', 'updated_at'),
    "policy_numbers": ('proposal_id', 'policy_no', 'prefix', 'serial', 'issued_by', 'issued_at', 'created_at', 'updated_at'),
    "reprint_requests": ('proposal_id', 'reason', 'status', 'requested_by', 'requested_at', 'decision_note', 'created_at', 'updated_at'),
    "contract_prints": ('proposal_id', 'policy_no', 'print_seq', 'content_hash', 'pdf_digest', 'pages', 'printer', 'copies', 'printed_by', 'printed_at', 'created_at', 'updated_at'),
    "archive_entries": ('proposal_id', 'box_no', 'position', 'archived_by', 'archived_at', 'created_at', 'updated_at'),
    "pages": ('batch_id', 'seq', 'sha256', 'size', 'media_type', 'original_sha256', 'source_name', 'source_page', 'width', 'height', 'dpi', 'deskew_deg', 'rotation', 'blank', 'seal_found', 'barcodes', 'qc_flags', 'steps', 'scanned_by', 'scanned_at', 'created_at', 'updated_at'),
}
# What stands in for a password hash in every user row head office sends (a branch never
# receives a credential): no password verifies against it. Users of another organisation
# arrive as display names only (REMOTE_USER_FIELDS; the rest set to harmless values).
NO_PASSWORD = "!remote"
REMOTE_USER_FIELDS = ("id", "branch_code", "display_name", "created_at", "updated_at", "deleted")

# Reference data: only head office writes it, every organisation below the target receives it.
REFDATA_TABLES = ("products", "benefit_levels", "occupation_classes", "intermediaries", "agents",
                  "authority_levels", "authority_grants", "policies", "refdata_versions")
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


# No NUL and no other control character in a short text field (PostgreSQL refuses NUL).
PLAIN_TEXT = r"^[^\x00-\x1f\x7f]*$"
SHA256_HEX = r"^[0-9a-f]{64}$"


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64, pattern=PLAIN_TEXT)
    device_name: str = Field(default="", max_length=100, pattern=PLAIN_TEXT)


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
    # Left out by servers older than this field: they accept MAX_PUSH_ITEMS.
    max_push_items: int = MAX_PUSH_ITEMS


class WireError(ValueError):
    """A bulk message that is not valid JSON or not of the documented shape (HTTP 422 / SyncError)."""


class Change(NamedTuple):
    """One write captured by a branch outbox trigger.

    Wire: `{"change_id": 8-64 chars, "table", "row_id", "base_version": int | null, "payload": str}`.
    """

    change_id: str
    table: str
    row_id: str
    # The server version of the row the writer had seen when it wrote (None: never seen).
    base_version: int | None
    payload: str


class ItemResult(NamedTuple):
    """Head office's answer to one change. Fields at their default are left out on the wire."""

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


class PushResponse(NamedTuple):
    results: list[ItemResult]
    server_time: dt.datetime


class PulledChange(NamedTuple):
    """Wire: `{"seq", "op": "upsert" | "delete", "table", "row_id", "version", "payload"}`."""

    seq: int
    op: Literal["upsert", "delete"]
    table: str
    row_id: str
    # The row's server version after this change; a client never applies an older one.
    version: int
    payload: str


class PullResponse(NamedTuple):
    changes: list[PulledChange]
    cursor: int
    more: bool
    # The parsed rows, in the order of `changes`, when the page came with embedded rows (then
    # each change's `payload` is ""); None for the object shape (parse each `payload`).
    rows: list[dict[str, Any]] | None = None


STATUSES = frozenset(("applied", "already_had", "conflict", "retry"))
OPS = frozenset(("upsert", "delete"))


def _loads(body: bytes | str) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise WireError(f"不是有效的 JSON：{exc}") from None


def _list(doc: Any, key: str, limit: int | None = None) -> list[Any]:
    if type(doc) is not dict or type(doc.get(key)) is not list:
        raise WireError(f"缺少列表 {key}")
    items = doc[key]
    if limit is not None and len(items) > limit:
        raise WireError(f"{key} 最多 {limit} 项，收到 {len(items)} 项")
    return items


def _is_int(v: Any) -> bool:
    return type(v) is int


def _opt_int(v: Any) -> bool:
    return v is None or type(v) is int


def _opt_str(v: Any) -> bool:
    return v is None or type(v) is str


def _is_str(v: Any) -> bool:
    return type(v) is str


def _bad(where: str, item: Any, fields: dict[str, Any], optional: Sequence[str] = ()) -> WireError:
    """Name the first field of `item` that is missing or of the wrong type."""
    if type(item) is not dict:
        return WireError(f"{where} 不是对象")
    for name, ok in fields.items():
        if name not in item:
            if name not in optional:
                return WireError(f"{where}.{name} 缺失")
        elif not ok(item[name]):
            return WireError(f"{where}.{name} 的值不正确：{str(item[name])[:40]}")
    return WireError(f"{where} 格式不正确")


_CHANGE_FIELDS = {"change_id": lambda v: type(v) is str and 8 <= len(v) <= 64, "table": _is_str,
                  "row_id": _is_str, "base_version": _opt_int, "payload": _is_str}


def encode_push_request(changes: Sequence[Change]) -> bytes:
    return orjson.dumps({"changes": [{"change_id": c.change_id, "table": c.table, "row_id": c.row_id,
                                      "base_version": c.base_version, "payload": c.payload} for c in changes]})


def decode_push_request(body: bytes | str, limit: int = MAX_PUSH_ITEMS) -> list[Change]:
    """The changes of a push body, each field checked; WireError names the first bad one."""
    items = _list(_loads(body), "changes", limit)
    out: list[Change] = []
    append = out.append
    for i, d in enumerate(items):
        try:
            cid, table, rid, payload = d["change_id"], d["table"], d["row_id"], d["payload"]
            base = d.get("base_version")
        except (KeyError, TypeError):
            raise _bad(f"changes[{i}]", d, _CHANGE_FIELDS, ("base_version",)) from None
        if (type(cid) is not str or not 8 <= len(cid) <= 64 or type(table) is not str or type(rid) is not str
                or type(payload) is not str or (base is not None and type(base) is not int)):
            raise _bad(f"changes[{i}]", d, _CHANGE_FIELDS, ("base_version",))
        # Widths of head office's columns, and no NUL (PostgreSQL text cannot hold one).
        if not 0 < len(rid) <= ID_MAX or len(table) > 40:
            raise WireError(f"changes[{i}].row_id 长度应为 1–{ID_MAX}")
        if len(payload) > MAX_ROW_PAYLOAD:
            raise WireError(f"changes[{i}].payload 超过 {MAX_ROW_PAYLOAD // 1024} KB")
        if "\x00" in cid or "\x00" in rid or "\x00" in payload:
            raise WireError(f"changes[{i}] 含有 NUL 字符")
        if base is not None and not 0 <= base <= INT64_MAX:
            raise WireError(f"changes[{i}].base_version 超出范围")
        append(Change(cid, table, rid, base, payload))
    return out


def _result_wire(r: ItemResult) -> dict[str, Any]:
    d: dict[str, Any] = {"change_id": r.change_id, "status": r.status}
    if r.reason:
        d["reason"] = r.reason
    if r.version is not None:
        d["version"] = r.version
    if r.winner is not None:
        d["winner"] = r.winner
    if r.remove_local:
        d["remove_local"] = True
    if r.conflict_id is not None:
        d["conflict_id"] = r.conflict_id
    return d


def encode_push_response(results: Sequence[ItemResult], server_time: dt.datetime) -> bytes:
    return orjson.dumps({"results": [_result_wire(r) for r in results], "server_time": server_time})


_RESULT_OPTIONAL = ("reason", "version", "winner", "remove_local", "conflict_id")
_RESULT_FIELDS = {"change_id": _is_str, "status": lambda v: v in STATUSES, "reason": lambda v: type(v) is str,
                  "version": _opt_int, "winner": _opt_str, "remove_local": lambda v: type(v) is bool,
                  "conflict_id": _opt_str}


def decode_push_response(body: bytes | str) -> PushResponse:
    doc = _loads(body)
    items = _list(doc, "results")
    try:
        when = dt.datetime.fromisoformat(doc["server_time"])
    except (KeyError, TypeError, ValueError):
        raise WireError("server_time 缺失或格式不正确") from None
    out: list[ItemResult] = []
    append = out.append
    for i, d in enumerate(items):
        try:
            r = ItemResult(d["change_id"], d["status"], d.get("reason", ""), d.get("version"), d.get("winner"),
                           d.get("remove_local", False), d.get("conflict_id"))
        except (KeyError, TypeError, AttributeError):
            raise _bad(f"results[{i}]", d, _RESULT_FIELDS, _RESULT_OPTIONAL) from None
        if (type(r.change_id) is not str or r.status not in STATUSES or type(r.reason) is not str
                or not _opt_int(r.version) or not _opt_str(r.winner) or type(r.remove_local) is not bool
                or not _opt_str(r.conflict_id)):
            raise _bad(f"results[{i}]", d, _RESULT_FIELDS, _RESULT_OPTIONAL)
        append(r)
    return PushResponse(out, when)


# `GET /v1/pull?...&rows=1`: the client reads embedded rows. Each change is then the array
# `[seq, op, table, row_id, version, row]` with the row as a JSON object (the stored payload text
# written into the page as it is), not a JSON string to parse again: the branch parses a page
# once, and neither side escapes or unescapes 45 MB of quotes per 100,000 changes. A server that
# does not know the parameter answers the object shape, which decode_pull_response still reads.
PULL_EMBEDDED = "rows"


def encode_pull_response(rows: Sequence[Sequence[Any]], cursor: int, more: bool, *, embedded: bool = False) -> bytes:
    """`rows` are (seq, op, table, row_id, version, payload) tuples, oldest first; payloads are
    JSON objects (stored payloads always are: parsed and checked when pushed, or made here)."""
    if embedded:
        raw = orjson.Fragment
        return orjson.dumps({"changes": [[s, o, t, r, v, raw(pl)] for s, o, t, r, v, pl in rows],
                             "cursor": cursor, "more": more})
    return orjson.dumps({"changes": [{"seq": s, "op": o, "table": t, "row_id": r, "version": v, "payload": pl}
                                     for s, o, t, r, v, pl in rows], "cursor": cursor, "more": more})


_PULLED_FIELDS = {"seq": _is_int, "op": lambda v: v in OPS, "table": _is_str, "row_id": _is_str,
                  "version": _is_int, "payload": _is_str}


def decode_pull_response(body: bytes | str) -> PullResponse:
    doc = _loads(body)
    items = _list(doc, "changes")
    cursor, more = doc.get("cursor"), doc.get("more")
    if type(cursor) is not int or type(more) is not bool:
        raise WireError("cursor 或 more 缺失或格式不正确")
    if items and type(items[0]) is list:
        return _decode_embedded(items, cursor, more)
    out: list[PulledChange] = []
    append = out.append
    for i, d in enumerate(items):
        try:
            c = PulledChange(d["seq"], d.get("op", "upsert"), d["table"], d["row_id"], d["version"], d["payload"])
        except (KeyError, TypeError, AttributeError):
            raise _bad(f"changes[{i}]", d, _PULLED_FIELDS, ("op",)) from None
        if (type(c.seq) is not int or c.op not in OPS or type(c.table) is not str or type(c.row_id) is not str
                or type(c.version) is not int or type(c.payload) is not str):
            raise _bad(f"changes[{i}]", d, _PULLED_FIELDS, ("op",))
        append(c)
    return PullResponse(out, cursor, more)


_EMBEDDED_FIELDS = (("seq", _is_int), ("op", lambda v: type(v) is str and v in OPS), ("table", _is_str),
                    ("row_id", _is_str), ("version", _is_int), ("row", lambda v: type(v) is dict))


def _decode_embedded(items: list[Any], cursor: int, more: bool) -> PullResponse:
    out: list[PulledChange] = []
    rows: list[dict[str, Any]] = []
    append, keep = out.append, rows.append
    for i, d in enumerate(items):
        if type(d) is not list or len(d) != 6:
            raise WireError(f"changes[{i}] 不是 6 项的数组")
        seq, op, table, row_id, version, row = d
        if (type(seq) is not int or type(op) is not str or op not in OPS or type(table) is not str
                or type(row_id) is not str or type(version) is not int or type(row) is not dict):
            name = next(n for (n, ok), v in zip(_EMBEDDED_FIELDS, d, strict=True) if not ok(v))
            raise WireError(f"changes[{i}].{name} 的值不正确：{str(d[[n for n, _ in _EMBEDDED_FIELDS].index(name)])[:40]}")
        append(PulledChange(seq, op, table, row_id, version, ""))
        keep(row)
    return PullResponse(out, cursor, more, rows)


class BlobQuery(BaseModel):
    hashes: list[Annotated[str, Field(pattern=SHA256_HEX)]] = Field(max_length=MAX_PUSH_ITEMS)


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


# -- reference data ----------------------------------------------------------------------------
# The file format head office publishes and branches load (resources/refdata: `{"kind", "version",
# "rows"}`, products carrying their benefit levels inline), and the row ids both sides derive
# from a row's natural key, so head office and branches agree on a row without a lookup.

REFDATA_NS = uuid.UUID("6f1c2a52-8d0e-4e57-9b7a-0b5a0d7c1e11")

# table -> natural key columns
REFDATA_KEYS: dict[str, tuple[str, ...]] = {
    "products": ("code",),
    "benefit_levels": ("product_code", "level"),
    "occupation_classes": ("industry_code",),
    "intermediaries": ("code",),
    "agents": ("code",),
    "authority_levels": ("level",),
    "authority_grants": ("level", "issue_type"),
    "policies": ("key",),
}
# Money in yuan in the files (integer fen in the store); ratios as decimals.
MONEY_FIELDS = frozenset({"sum_insured", "premium_per_person", "max_sum_insured", "max_amount"})
DECIMAL_FIELDS = frozenset({"commission_cap"})


def refdata_id(kind: str, key: tuple[Any, ...]) -> str:
    """The same id at head office and at every branch for the same reference row."""
    return str(uuid.uuid5(REFDATA_NS, kind + ":" + "|".join(str(k) for k in key)))


def split_rows(kind: str, raw_rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A file's rows by table: products' inline benefit levels become benefit_levels rows."""
    out: dict[str, list[dict[str, Any]]] = {kind: []}
    for raw in raw_rows:
        row = dict(raw)
        if kind == "products":
            levels = row.pop("levels", [])
            out.setdefault("benefit_levels", []).extend({"product_code": row["code"], **lv} for lv in levels)
        elif kind == "authority_levels":
            grants = row.pop("grants", [])
            out.setdefault("authority_grants", []).extend({"level": row["level"], **g} for g in grants)
        out[kind].append(row)
    return out
