"""Push and pull: applying a batch of branch changes once each, and serving the change log.

Every write to the feed happens under one lock (a PostgreSQL advisory transaction lock; on
SQLite the BEGIN IMMEDIATE write lock), and `seq` is assigned here as max+1. So seq order is
commit order and a pull that read up to seq N can never later miss a change below N.
A batch is decided in memory against the rows it touches (loaded with a few IN queries) and
written with Core executemany: cost grows with the batch, not with the tables.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

import orjson
from sqlalchemy import JSON, Connection, String, bindparam, cast, func, or_, select, text, union_all
from sqlalchemy.dialects import postgresql, sqlite

from sync_server.models import (
    HAS_CASE,
    HAS_CLASH_KEY,
    NOT_KEPT,
    Blob,
    BlobOwner,
    BlobRef,
    Conflict,
    FeedEntry,
    Org,
    Received,
    RowState,
    SharedCase,
    UserShare,
)
from sync_server.orgs import DeviceView, utcnow
from sync_server.protocol import (
    BRANCH_TABLES,
    CASE_ID_MAX,
    CASE_ROW_PARENTS,
    CASE_TABLES,
    CLASH_KEYS,
    CONFLICT_TABLE,
    ID_MAX,
    INT64_MAX,
    NO_PASSWORD,
    OWNED_BY_CASE,
    OWNED_BY_ITSELF,
    PUSH_ONLY_TABLES,
    REMOTE_USER_FIELDS,
    REQUIRED_COLUMNS,
    ROW_OWNERS,
    ROW_REFERENCES,
    Change,
    ItemResult,
    PulledChange,
    PullResponse,
    blob_refs,
    case_id_of,
    encode_pull_response,
    primary_key,
)

LOCK_KEY = 0x4244_5359
CHUNK = 900  # SQLite's limit of bound parameters is 999
# Parents before children: CASE_TABLES lists the case's tables in that order.
CASE_TABLE_ORDER = {t: i for i, t in enumerate(CASE_TABLES)}
RULE_ABOVE = "上报案件的决定属于上级机构：省公司/总公司的修改优先"
RULE_OWNER = "案件属于分公司：所属机构的修改优先"
RULE_FIRST = "同一机构的两台设备同时修改：先到达总公司的修改优先"
REFUSED = "refused"  # `received.status` of a row refused for its ownership (answered as a conflict)
SHA_HEX = frozenset("0123456789abcdef")


class Forbidden(Exception):
    """The device tried to touch something outside its organisation's subtree (HTTP 403)."""


class BadRequest(Exception):
    """A malformed batch (HTTP 422)."""


def lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        # psycopg prepares a statement run five times; a generic plan made while `rows` was small
        # (a new server's first big push) scans the whole table for every later batch.
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def head(conn: Connection) -> int:
    return conn.scalar(select(func.max(FeedEntry.seq))) or 0


def chunks(items: Sequence[Any], n: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def id_chunks(conn: Connection, items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """Lists of ids for `in_`: all at once (one JSON parameter, see `in_`)."""
    return [items] if items else []


def in_(conn: Connection, column: Any, values: Sequence[str]) -> Any:
    """`column IN values` with the values as one JSON array parameter: no thousand-placeholder query
    to compile and parse (SQLAlchemy spent about 1 µs per value expanding them; psycopg's text
    array dumper about 2 µs in Python), and no chunks for SQLite's limit of bound parameters."""
    ids = orjson.dumps(list(values)).decode()
    if conn.dialect.name == "postgresql":
        return column.in_(select(func.json_array_elements_text(cast(bindparam(None, ids, type_=String), JSON))))
    return column.in_(select(func.json_each(bindparam(None, ids, type_=String)).table_valued("value").c.value))


def org_paths(conn: Connection) -> dict[str, str]:
    return {code: path for code, path in conn.execute(select(Org.code, Org.path))}


def _insert(conn: Connection):  # noqa: ANN202 - dialect-specific insert construct
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def user_for_own(payload: str) -> str:
    """A user row as its own organisation's other PCs receive it: everything but the password hash
    (head office keeps the row as pushed; no credential ever goes down)."""
    data = orjson.loads(payload)
    if "password_hash" not in data:
        return payload
    data["password_hash"] = NO_PASSWORD
    return orjson.dumps(data).decode()


def user_for_others(payload: str) -> str:
    """A user row as another organisation receives it (the actor of a shared case's event): a
    display name under a name that is only its id, no roles, no authority, never able to log in."""
    data = orjson.loads(payload)
    row = {k: data[k] for k in REMOTE_USER_FIELDS if k in data}
    row.update(username=str(data.get("id", "")), password_hash=NO_PASSWORD, authority_level=0, active=0,
               failed_logins=0, locked_until=None, must_change_password=0)
    return orjson.dumps(row).decode()


@dataclass(slots=True)
class Row:
    table: str
    row_id: str
    org: str
    case_id: str | None
    clash_key: str | None
    payload: str
    version: int
    writer_device: str | None
    writer_org: str

    def values(self) -> tuple[Any, ...]:
        """In the order of ROW_COLUMNS."""
        return (self.table, self.row_id, self.org, self.case_id, self.clash_key, self.payload, self.version,
                self.writer_device, self.writer_org)


def _row(r: Any) -> Row:
    return Row(r.table_name, r.row_id, r.org_code, r.case_id, r.clash_key, r.payload, r.version,
               r.writer_device, r.writer_org)


@dataclass
class Batch:
    """One transaction's worth of feed entries, row states and conflicts, written at `flush()`."""

    conn: Connection
    writer_device: str | None
    writer_org: str
    paths: dict[str, str]
    seq: int = 0
    state: dict[tuple[str, str], Row | None] = field(default_factory=dict)
    clash: dict[tuple[str, str], Row] = field(default_factory=dict)
    shared: set[str] = field(default_factory=set)
    user_shares: set[tuple[str, str, str]] = field(default_factory=set)
    row_shares: set[tuple[str, str, str, str]] = field(default_factory=set)
    # Feed entries as tuples in the order of FEED_COLUMNS.
    feed: list[tuple[Any, ...]] = field(default_factory=list)
    upserts: dict[tuple[str, str], Row] = field(default_factory=dict)
    deletes: set[tuple[str, str]] = field(default_factory=set)
    new_shares: list[dict[str, Any]] = field(default_factory=list)
    new_user_shares: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    # Keys looked up in `rows` and not found there: written with a plain insert, not an upsert.
    absent: set[tuple[str, str]] = field(default_factory=set)
    # Keys in `state` by case id (may be stale: checked against `state` when used).
    case_keys: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # Current rows of cases about to be shared, loaded in one query (see preload_cases).
    case_rows: dict[str, dict[tuple[str, str], Row]] = field(default_factory=dict)
    # Page files named by rows written in this batch (sha256, table, row id), for blob reads.
    blob_refs: set[tuple[str, str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        lock(self.conn)
        self.seq = head(self.conn)

    def put(self, key: tuple[str, str], row: Row | None) -> None:
        self.state[key] = row
        if row is not None and row.case_id is not None:
            self.case_keys.setdefault(row.case_id, set()).add(key)

    # -- loading ------------------------------------------------------------------------------

    def load_rows(self, keys: Iterable[tuple[str, str]]) -> None:
        by_table: dict[str, list[str]] = {}
        state = self.state
        for key in keys:
            if key not in state:
                by_table.setdefault(key[0], []).append(key[1])
                state[key] = None
        for t, ids in by_table.items():
            self.absent.update((t, r) for r in ids)
            for part in id_chunks(self.conn, ids):
                for r in self.conn.execute(select(RowState).where(RowState.table_name == t,
                                                                  in_(self.conn, RowState.row_id, part))):
                    self.put((t, r.row_id), _row(r))
                    self.absent.discard((t, r.row_id))

    def load_clash(self, table: str, keys: Sequence[str]) -> None:
        for part in id_chunks(self.conn, list(set(keys))):
            for r in self.conn.execute(select(RowState).where(RowState.table_name == table, text(HAS_CLASH_KEY),
                                                              in_(self.conn, RowState.clash_key, part))):
                row = _row(r)
                self.clash[(table, row.clash_key or "")] = row
                if (table, row.row_id) not in self.state:
                    self.put((table, row.row_id), row)

    def load_shared(self, case_ids: Iterable[str]) -> None:
        ids = sorted({c for c in case_ids if c})
        for part in id_chunks(self.conn, ids):
            self.shared.update(self.conn.scalars(select(SharedCase.case_id).where(in_(self.conn, SharedCase.case_id, part))))

    def preload_cases(self, case_ids: Iterable[str]) -> None:
        """The stored rows of cases this batch may share (one query instead of one per case)."""
        ids = sorted({c for c in case_ids if c and c not in self.shared and c not in self.case_rows})
        for c in ids:
            self.case_rows[c] = {}
        for part in id_chunks(self.conn, ids):
            for r in self.conn.execute(select(RowState).where(text(HAS_CASE), in_(self.conn, RowState.case_id, part))):
                self.case_rows[r.case_id][(r.table_name, r.row_id)] = _row(r)

    # -- the organisation tree ------------------------------------------------------------------

    def above(self, org: str, row_org: str) -> bool:
        """True when `org` is a strict ancestor of `row_org`."""
        mine, theirs = self.paths.get(org), self.paths.get(row_org)
        return bool(mine and theirs and org != row_org and theirs.startswith(mine))

    def incoming_wins(self, incoming_org: str, opponent_org: str, row_org: str) -> tuple[bool, str]:
        inc_up, opp_up = self.above(incoming_org, row_org), self.above(opponent_org, row_org)
        if inc_up != opp_up:
            return inc_up, RULE_ABOVE
        if (incoming_org == row_org) != (opponent_org == row_org):
            return incoming_org == row_org, RULE_OWNER
        return False, RULE_FIRST

    # -- writing ---------------------------------------------------------------------------------

    def emit(self, *, org: str, lane: str, op: str, table: str, row_id: str, payload: str,
             version: int | None = None, origin: str | None = None) -> int:
        self.seq += 1
        self.feed.append((self.seq, org, lane, op, table, row_id, version or self.seq, payload, origin))
        return self.seq

    def write_row(self, *, table: str, row_id: str, org: str, data: dict[str, Any], payload: str,
                  lane: str = "own") -> Row:
        case_id = case_id_of(table, data)
        if lane == "own" and table in CASE_ROW_PARENTS:
            self.ensure_parents(table, data, org, "own")
        if table in PUSH_ONLY_TABLES:
            lane = "keep"
        sent = user_for_own(payload) if table == "users" else payload
        version = self.emit(org=org, lane=lane, op="upsert", table=table, row_id=row_id, payload=sent,
                            origin=self.writer_device)
        clash_key = "|".join(str(data.get(k)) for k in CLASH_KEYS[table]) if table in CLASH_KEYS else None
        row = Row(table, row_id, org, case_id, clash_key, payload, version, self.writer_device, self.writer_org)
        self.put((table, row_id), row)
        if "sha256" in payload:
            self.blob_refs.update((h, table, row_id) for h in blob_refs(data))
        if clash_key is not None:
            self.clash[(table, clash_key)] = row
        self.upserts[(table, row_id)] = row
        self.deletes.discard((table, row_id))
        if case_id in self.shared and lane == "own":
            self.ensure_parents(table, data, org, "up")
            self.emit(org=org, lane="up", op="upsert", table=table, row_id=row_id, payload=sent,
                      version=version, origin=self.writer_device)
        if table == "proposals" and data.get("state") == "REFERRED" and case_id and case_id not in self.shared:
            self.share_case(case_id, org)
        return row

    def delete_row(self, row: Row) -> int:
        version = self.emit(org=row.org, lane="own", op="delete", table=row.table, row_id=row.row_id,
                            payload=json.dumps({primary_key(row.table): row.row_id}))
        if row.case_id in self.shared:
            self.emit(org=row.org, lane="up", op="delete", table=row.table, row_id=row.row_id,
                      payload=json.dumps({primary_key(row.table): row.row_id}), version=version)
        self.put((row.table, row.row_id), None)
        if row.clash_key is not None:
            self.clash.pop((row.table, row.clash_key), None)
        self.upserts.pop((row.table, row.row_id), None)
        self.deletes.add((row.table, row.row_id))
        return version

    def ensure_parents(self, table: str, data: dict[str, Any], org: str, lane: str) -> None:
        """Send what a case row points at outside its case (its actor, its scan batch) where the row
        goes, ahead of it: the receiving store checks foreign keys."""
        for column, parent in CASE_ROW_PARENTS.get(table, ()):
            ref = data.get(column)
            if not ref:
                continue
            if parent == "users":
                self.ensure_user(str(ref), org, lane)
            else:
                self.ensure_row(parent, str(ref), org, lane)

    def ensure_row(self, table: str, row_id: str, org: str, lane: str) -> None:
        """A parent row other than a user (a scan batch): sent once per batch of changes and
        destination; a later page of the same scan batch sends it again, which an upsert absorbs."""
        key = (table, row_id, org, lane)
        if key in self.row_shares:
            return
        self.row_shares.add(key)
        self.load_rows([(table, row_id)])
        row = self.state.get((table, row_id))
        if row is None or (row.org == org and lane == "own"):
            return
        self.ensure_parents(table, json.loads(row.payload), org, lane)
        self.emit(org=org, lane=lane, op="upsert", table=table, row_id=row_id, payload=row.payload,
                  version=row.version)

    def ensure_user(self, user_id: str, org: str, lane: str) -> None:
        """Send the actor of an event where that event goes, so the receiving store has its user."""
        key = (user_id, org, lane)
        if key in self.user_shares:
            return
        self.load_rows([("users", user_id)])
        user = self.state.get(("users", user_id))
        if user is None:
            return
        if user.org == org and lane == "own":
            # Nothing to send, now or later in this batch (a row never changes organisation).
            self.user_shares.add(key)
            return
        if self.conn.scalar(select(func.count()).select_from(UserShare).where(
                UserShare.user_id == user_id, UserShare.org_code == org, UserShare.lane == lane)):
            self.user_shares.add(key)
            return
        self.user_shares.add(key)
        self.new_user_shares.append({"user_id": user_id, "org_code": org, "lane": lane})
        self.emit(org=org, lane=lane, op="upsert", table="users", row_id=user_id,
                  payload=user_for_others(user.payload), version=user.version)

    def share_case(self, case_id: str, org: str) -> None:
        """A case referred up: send its current rows up the tree, parents before children."""
        self.shared.add(case_id)
        self.new_shares.append({"case_id": case_id, "org_code": org, "shared_seq": self.seq})
        stored = self.case_rows.pop(case_id, None)
        if stored is None:
            stored = {(r.table_name, r.row_id): _row(r)
                      for r in self.conn.execute(select(RowState).where(text(HAS_CASE), RowState.case_id == case_id))}
        # The stored rows as this batch has changed them: deleted ones dropped, written ones replaced.
        rows: dict[tuple[str, str], Row] = {}
        for key, row in stored.items():
            if key not in self.state:
                rows[key] = row
                continue
            now = self.state[key]
            if now is not None:
                rows[key] = now if now.case_id == case_id else row
        for key in self.case_keys.get(case_id, ()):
            now = self.state.get(key)
            if now is not None and now.case_id == case_id:
                rows[key] = now
        ordered = sorted(rows.values(), key=lambda r: (CASE_TABLE_ORDER.get(r.table, 9), r.version))
        for row in ordered:
            if row.table in CASE_ROW_PARENTS:
                self.ensure_parents(row.table, json.loads(row.payload), org, "up")
            self.emit(org=org, lane="up", op="upsert", table=row.table, row_id=row.row_id, payload=row.payload,
                      version=row.version)

    def conflict(self, *, row_org: str, table: str, row_id: str, case_id: str | None, losing_change: str | None,
                 losing_org: str, losing_payload: str, winning_org: str, winning_payload: str, rule: str) -> str:
        cid = str(uuid.uuid4())
        now = utcnow()
        rec = {"id": cid, "org_code": row_org, "table_name": table, "row_id": row_id, "case_id": case_id,
               "losing_change_id": losing_change, "losing_org": losing_org, "losing_payload": losing_payload,
               "winning_org": winning_org, "winning_payload": winning_payload, "rule": rule, "created_at": now}
        self.conflicts.append(rec)
        wire = json.dumps({"id": cid, "branch_code": row_org, "table_name": table, "row_id": row_id,
                           "case_id": case_id, "losing_org": losing_org, "losing_payload": losing_payload,
                           "winning_org": winning_org, "winning_payload": winning_payload, "rule": rule,
                           "created_at": now.isoformat()}, ensure_ascii=False)
        self.emit(org=row_org, lane="own", op="upsert", table=CONFLICT_TABLE, row_id=cid, payload=wire)
        if case_id in self.shared:
            self.emit(org=row_org, lane="up", op="upsert", table=CONFLICT_TABLE, row_id=cid, payload=wire)
        return cid

    def flush(self) -> None:
        conn = self.conn
        if self.deletes:
            t = RowState.__table__
            conn.execute(t.delete().where(t.c.table_name == bindparam("t"), t.c.row_id == bindparam("r")),
                         [{"t": tb, "r": r} for tb, r in self.deletes])
        if self.upserts:
            # Rows this batch found absent (under the lock nobody else writes `rows`) are plainly
            # inserted; all others (existing, or never looked up, as in a refdata publish) upserted.
            new = [r.values() for key, r in self.upserts.items() if key in self.absent]
            old = [r.values() for key, r in self.upserts.items() if key not in self.absent]
            upsert_rows(conn, old)
            bulk_insert(conn, "rows", ROW_COLUMNS, new)
        bulk_insert(conn, "feed", FEED_COLUMNS, self.feed)
        for table, rows in ((SharedCase, self.new_shares), (UserShare, self.new_user_shares),
                            (Conflict, self.conflicts)):
            if rows:
                conn.execute(table.__table__.insert(), rows)
        if self.blob_refs:
            conn.execute(_insert(conn)(BlobRef.__table__).on_conflict_do_nothing(),
                         [{"sha256": h, "table_name": t, "row_id": r} for h, t, r in sorted(self.blob_refs)])

    def refuse(self, ch: Change, case_id: str | None, reason: str) -> ItemResult:
        """A row its writer may not write (ownership): answered as a conflict with the reason, kept
        at head office for a person to see, never applied and never sent anywhere."""
        cid = str(uuid.uuid4())
        self.conflicts.append({
            "id": cid, "org_code": self.writer_org, "table_name": ch.table, "row_id": ch.row_id, "case_id": case_id,
            "losing_change_id": ch.change_id, "losing_org": self.writer_org, "losing_payload": ch.payload,
            "winning_org": "", "winning_payload": "", "rule": reason, "created_at": utcnow()})
        return ItemResult(change_id=ch.change_id, status="conflict", reason=reason, conflict_id=cid)

    # -- ownership (the rule is written once in protocol, beside ROW_OWNERS) -----------------------

    def reference_keys(self, table: str, data: dict[str, Any]) -> list[tuple[str, str]]:
        """The rows head office must hold to decide who owns this row and what it points at."""
        keys = []
        owner = ROW_OWNERS.get(table)
        if owner == OWNED_BY_CASE and table != "proposals":
            case_id = case_id_of(table, data)
            if case_id:
                keys.append(("proposals", case_id))
        elif isinstance(owner, tuple) and data.get(owner[0]):
            keys.append((owner[1], str(data[owner[0]])))
        for column, parent in ROW_REFERENCES.get(table, ()):
            if data.get(column):
                keys.append((parent, str(data[column])))
        return keys

    def refusal(self, table: str, row_id: str, data: dict[str, Any], org: str, case_id: str | None) -> str | None:
        """Why the writer may not write this row, or None. `org` is the row's branch_code (already
        within the writer's subtree)."""
        state = self.state
        cur = state.get((table, row_id))
        if cur is not None and cur.org != org:
            return "该行属于其他机构，不能修改或转移到本机构。"
        owner = ROW_OWNERS.get(table)
        if owner == OWNED_BY_CASE and case_id is not None:
            case = cur if table == "proposals" else state.get(("proposals", case_id))
            if case is None and table != "proposals":
                return "所属案件不在总公司（或属于其他机构），本行不能提交。"
            if case is not None and case.org != org:
                return "所属案件属于其他机构，不能提交该案件的数据。"
        elif isinstance(owner, tuple):
            column, parent = owner
            held = state.get((parent, str(data.get(column)))) if data.get(column) else None
            if held is None or held.org != org:
                return f"所属的{_NAMES.get(parent, parent)}不在总公司或属于其他机构，本行不能提交。"
        elif owner != OWNED_BY_ITSELF and owner != OWNED_BY_CASE:
            return "总公司未定义该表数据的归属，不能提交。"
        writer = self.writer_org
        if writer != org and not (owner == OWNED_BY_CASE and case_id in self.shared):
            return "上级机构只能处理已上报的案件，不能修改分支机构的其他数据。"
        for column, parent in ROW_REFERENCES.get(table, ()):
            ref = data.get(column)
            if not ref:
                continue
            held = state.get((parent, str(ref)))
            if held is not None and held.org != org and held.org != writer:
                return f"本行引用了其他机构的{_NAMES.get(parent, parent)}，不能提交。"
        return None


_NAMES = {"users": "用户", "proposals": "案件", "scan_batches": "扫描批次", "stationery_batches": "单证批次"}

FEED_COLUMNS = ("seq", "org_code", "lane", "op", "table_name", "row_id", "version", "payload", "origin_device")
ROW_COLUMNS = ("table_name", "row_id", "org_code", "case_id", "clash_key", "payload", "version", "writer_device",
               "writer_org")
RECEIVED_COLUMNS = ("change_id", "device_id", "payload_hash", "status", "version", "conflict_id")


def bulk_insert(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """The hot path: COPY on PostgreSQL, one executemany on SQLite (no per-row ORM or compiler work)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))


def upsert_rows(conn: Connection, tuples: list[tuple[Any, ...]]) -> None:
    """Insert or update rows given as tuples in the order of ROW_COLUMNS."""
    if not tuples:
        return
    sets = ", ".join(f"{c} = excluded.{c}" for c in ROW_COLUMNS[2:])
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS rows_in (LIKE rows) ON COMMIT DELETE ROWS")
        bulk_insert(conn, "rows_in", ROW_COLUMNS, tuples)
        conn.exec_driver_sql(f"INSERT INTO rows ({', '.join(ROW_COLUMNS)}) SELECT {', '.join(ROW_COLUMNS)} "
                             f"FROM rows_in ON CONFLICT (table_name, row_id) DO UPDATE SET {sets}")
        conn.exec_driver_sql("DELETE FROM rows_in")
        return
    marks = ", ".join("?" * len(ROW_COLUMNS))
    conn.exec_driver_sql(f"INSERT INTO rows ({', '.join(ROW_COLUMNS)}) VALUES ({marks}) "
                         f"ON CONFLICT (table_name, row_id) DO UPDATE SET {sets}", tuples)


def payload_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()


class _Lookups(threading.Thread):
    """The batch's first lookups (the lock, receipts of its change ids, the rows it names), run on
    the connection by a second thread while the first parses the payloads: the database works
    while Python does. Only this thread uses the connection until `result()` returns."""

    def __init__(self, conn: Connection, device: DeviceView, paths: dict[str, str], changes: list[Change]) -> None:
        super().__init__(name="push-lookups", daemon=True)
        self.conn, self.device, self.paths, self.changes = conn, device, paths, changes
        self.batch: Batch | None = None
        self.prior: dict[str, Any] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            conn, changes = self.conn, self.changes
            batch = Batch(conn, self.device.device_id, self.device.org.code, self.paths)
            for part in id_chunks(conn, [c.change_id for c in changes]):
                for r in conn.execute(select(Received.change_id, Received.payload_hash, Received.status,
                                             Received.version, Received.conflict_id)
                                      .where(in_(conn, Received.change_id, part))):
                    self.prior[r.change_id] = r
            batch.load_rows([(ch.table, ch.row_id) for ch in changes])
            self.batch = batch
        except BaseException as exc:  # handed to the request's thread by result()
            self.error = exc

    def result(self) -> tuple[Batch, dict[str, Any]]:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.batch is not None
        return self.batch, self.prior


def push(conn: Connection, device: DeviceView, changes: list[Change]) -> list[ItemResult]:
    """Apply a batch from one device in the caller's transaction; one result per change, in order."""
    paths = org_paths(conn)
    mine = device.org.path
    for ch in changes:
        if ch.table not in BRANCH_TABLES:
            raise Forbidden(f"分公司不能修改“{ch.table}”（由总公司维护）。")
    lookups = _Lookups(conn, device, paths, changes)
    lookups.start()
    try:
        parsed = _parse(changes, paths, mine)
    except BaseException:
        lookups.join()  # the connection is the lookups' until they end, even when the batch is refused
        raise
    batch, prior = lookups.result()
    for table, (a, b) in CLASH_KEYS.items():
        keys = [f"{d.get(a)}|{d.get(b)}" for ch, d, _ in parsed if ch.table == table]
        if keys:
            batch.load_clash(table, keys)
    batch.load_shared(case_id_of(ch.table, d) or "" for ch, d, _ in parsed)
    # What the rows belong to and point at (their case, the user who acted): one more lookup of
    # the keys not already loaded (in a branch's batch most cases are in the batch itself).
    reference_keys = batch.reference_keys
    batch.load_rows([key for ch, d, _ in parsed if ch.table in ROW_REFERENCED for key in reference_keys(ch.table, d)])
    batch.preload_cases(ch.row_id for ch, d, _ in parsed if ch.table == "proposals" and d.get("state") == "REFERRED")
    refs = sorted({h for ch, d, _ in parsed if "sha256" in ch.payload for h in blob_refs(d)})
    owned: set[str] = set()
    for part in id_chunks(conn, refs):
        owned.update(conn.scalars(select(BlobOwner.sha256).where(in_(conn, BlobOwner.sha256, part),
                                                                 BlobOwner.org_code == device.org.code)))

    results: list[ItemResult] = []
    received: list[tuple[Any, ...]] = []
    stopped = False
    for ch, data, org in parsed:
        if stopped:
            results.append(ItemResult(ch.change_id, "retry", "前面的变更需要重试，本条未处理。"))
            continue
        digest = payload_hash(ch.payload)
        before = prior.get(ch.change_id)
        if before is not None:
            results.append(_replay(conn, batch, ch, before, digest))
            continue
        case_id = case_id_of(ch.table, data)
        reason = batch.refusal(ch.table, ch.row_id, data, org, case_id)
        if reason is not None:
            result = batch.refuse(ch, case_id, reason)
            results.append(result)
            received.append((ch.change_id, device.device_id, digest, REFUSED, None, result.conflict_id))
            prior[ch.change_id] = _Prior(ch.change_id, digest, REFUSED, None, result.conflict_id)
            continue
        missing = [h for h in blob_refs(data) if h not in owned] if "sha256" in ch.payload else []
        if missing:
            results.append(ItemResult(ch.change_id, "retry", f"影像文件 {missing[0][:12]}… 尚未上传，稍后重试。"))
            stopped = True
            continue
        result = _apply_one(batch, ch, data, org)
        results.append(result)
        status = "conflict" if result.status == "conflict" else "applied"
        received.append((ch.change_id, device.device_id, digest, status, result.version, result.conflict_id))
        prior[ch.change_id] = _Prior(ch.change_id, digest, status, result.version, result.conflict_id)
    batch.flush()
    bulk_insert(conn, "received", RECEIVED_COLUMNS, received)
    return results


class _Prior(NamedTuple):
    """A change id answered earlier in this batch (the columns of `received` that _replay reads)."""

    change_id: str
    payload_hash: str
    status: str
    version: int | None
    conflict_id: str | None


# Tables whose rows name other rows (their case, parent or references): looked up before deciding.
ROW_REFERENCED = frozenset(t for t, owner in ROW_OWNERS.items() if owner != OWNED_BY_ITSELF) | set(ROW_REFERENCES)
# Columns head office reads from a row, with their check (the rest of a row is opaque here).
_INT_COLUMNS = {"case_events": ("seq",), "audit_log": ("seq",)}


_INT64_MIN = -INT64_MAX - 1
# Per table: the required columns as one getter, and the columns that must hold an id.
_REQUIRED = {t: (itemgetter(*cols) if len(cols) > 1 else (lambda d, c=cols[0]: (d[c],)))
             for t, cols in REQUIRED_COLUMNS.items() if cols}
# Per table: the columns that name a row, with their width at head office (a case id is 36).
_ID_CHECKS = {t: tuple(dict.fromkeys(
    ((("id" if t == "proposals" else "proposal_id"), CASE_ID_MAX),) * (t in CASE_TABLES)
    + tuple((c, CASE_ID_MAX if p == "proposals" else ID_MAX) for c, p in ROW_REFERENCES.get(t, ()))
    + (((ROW_OWNERS[t][0], ID_MAX),) if isinstance(ROW_OWNERS.get(t), tuple) else ()))) for t in BRANCH_TABLES}


def _bad_row(ch: Change, data: dict[str, Any]) -> str | None:
    """What is wrong with a parsed row (types, ranges, lengths head office relies on), or None.
    On the bulk path, so one pass over the values and precomputed column lists per table (about
    1.4 times an orjson.loads of the row)."""
    table = ch.table
    required = _REQUIRED.get(table)
    if required is not None:
        try:
            values = required(data)
        except KeyError as exc:
            return f"缺少 {exc.args[0]}"
        if None in values:
            missing = next(c for c in REQUIRED_COLUMNS[table] if data[c] is None)
            return f"缺少 {missing}"
    for v in data.values():
        t = type(v)
        if t is int:
            if v > INT64_MAX or v < _INT64_MIN:
                key = next(k for k, x in data.items() if x is v)
                return f"{str(key)[:40]} 超出 64 位整数范围"
        elif t is dict or t is list:
            key = next(k for k, x in data.items() if x is v)
            return f"{str(key)[:40]} 应为单个值（文本、数字或空）"
    for column, width in _ID_CHECKS.get(table, ()):
        v = data.get(column)
        if v is None:
            continue
        t = type(v)
        if t is str:
            if len(v) > width or "\x00" in v:
                return f"{column} 应为不超过 {width} 个字符的标识"
        elif t is not int or len(str(v)) > width:
            return f"{column} 应为不超过 {width} 个字符的标识"
    for column in _INT_COLUMNS.get(table, ()):
        v = data.get(column)
        if type(v) is not int or not 0 <= v <= INT64_MAX:
            return f"{column} 应为 0 到 2^63-1 之间的整数"
    if table == "audit_log" and not (type(data.get("mac", "")) is str and len(data.get("mac", "")) <= 64):
        return "mac 应为不超过 64 个字符的文本"
    if "sha256" in ch.payload:
        for k, v in data.items():
            if (k == "sha256" or k.endswith("_sha256")) and v and (
                    type(v) is not str or len(v) != 64 or not SHA_HEX.issuperset(v)):
                return f"{str(k)[:40]} 应为 64 位十六进制 sha256"
    return None


def _parse(changes: list[Change], paths: dict[str, str], mine: str) -> list[tuple[Change, dict[str, Any], str]]:
    """Each change with its payload parsed and its organisation, checked (BadRequest / Forbidden)."""
    parsed: list[tuple[Change, dict[str, Any], str]] = []
    loads = orjson.loads
    for ch in changes:
        try:
            data = loads(ch.payload)
        except orjson.JSONDecodeError as exc:
            raise BadRequest(f"变更 {ch.change_id} 的内容不是有效的 JSON。") from exc
        if type(data) is not dict or str(data.get(primary_key(ch.table))) != ch.row_id:
            raise BadRequest(f"变更 {ch.change_id} 的行标识与内容不符。")
        org = data.get("branch_code")
        if not isinstance(org, str) or not paths.get(org, "\0").startswith(mine):
            raise Forbidden("不能提交其他机构的数据。")
        bad = _bad_row(ch, data)
        if bad is not None:
            raise BadRequest(f"变更 {ch.change_id} 的内容不正确：{bad}。")
        parsed.append((ch, data, org))
    return parsed


def _replay(conn: Connection, batch: Batch, ch: Change, before: Any, digest: str) -> ItemResult:
    """The same change id again: the same answer, or a refusal if its content differs."""
    if before.payload_hash != digest:
        return ItemResult(change_id=ch.change_id, status="conflict",
                          reason="同一变更编号的内容与已收到的不同，已拒绝（未应用）。")
    if before.status == REFUSED:
        rec = conn.execute(select(Conflict.rule).where(Conflict.id == before.conflict_id)).first()
        rule = rec.rule if rec else next((c["rule"] for c in batch.conflicts if c["id"] == before.conflict_id), "")
        return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, conflict_id=before.conflict_id)
    if before.status != "conflict":
        return ItemResult(change_id=ch.change_id, status="already_had", version=before.version)
    rec = conn.execute(select(Conflict).where(Conflict.id == before.conflict_id)).first()
    if rec is None:  # written in this very batch
        rec = next((c for c in batch.conflicts if c["id"] == before.conflict_id), None)
        rule = rec["rule"] if rec else ""
    else:
        rule = rec.rule
    current = batch.state.get((ch.table, ch.row_id))
    if current is None and (ch.table, ch.row_id) not in batch.state:
        batch.load_rows([(ch.table, ch.row_id)])
        current = batch.state.get((ch.table, ch.row_id))
    same_row = current is not None and current.writer_device != batch.writer_device
    return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, version=before.version,
                      winner=_sent(current) if same_row else None, remove_local=not same_row,
                      conflict_id=before.conflict_id)


def _sent(row: Row) -> str:
    """A stored row as it may go down (a user row without its password hash)."""
    return user_for_own(row.payload) if row.table == "users" else row.payload


def _apply_one(batch: Batch, ch: Change, data: dict[str, Any], org: str) -> ItemResult:
    cur = batch.state.get((ch.table, ch.row_id))
    case_id = case_id_of(ch.table, data)
    clash = None
    if ch.table in CLASH_KEYS:
        key = "|".join(str(data.get(k)) for k in CLASH_KEYS[ch.table])
        other = batch.clash.get((ch.table, key))
        if other is not None and other.row_id != ch.row_id:
            clash = other
    concurrent = (cur is not None and cur.writer_device != batch.writer_device
                  and (ch.base_version or 0) < cur.version)
    opponent = clash or (cur if concurrent else None)
    conflict_id = None
    if opponent is not None:
        wins, rule = batch.incoming_wins(batch.writer_org, opponent.writer_org, org)
        if not wins:
            conflict_id = batch.conflict(row_org=org, table=ch.table, row_id=ch.row_id, case_id=case_id,
                                         losing_change=ch.change_id, losing_org=batch.writer_org,
                                         losing_payload=ch.payload, winning_org=opponent.writer_org,
                                         winning_payload=opponent.payload, rule=rule)
            return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, version=opponent.version,
                              winner=None if clash else _sent(opponent), remove_local=clash is not None,
                              conflict_id=conflict_id)
        conflict_id = batch.conflict(row_org=org, table=opponent.table, row_id=opponent.row_id, case_id=case_id,
                                     losing_change=None, losing_org=opponent.writer_org,
                                     losing_payload=opponent.payload, winning_org=batch.writer_org,
                                     winning_payload=ch.payload, rule=rule)
        if clash is not None:
            batch.delete_row(clash)
    row = batch.write_row(table=ch.table, row_id=ch.row_id, org=org, data=data, payload=ch.payload)
    return ItemResult(change_id=ch.change_id, status="applied", version=row.version, conflict_id=conflict_id)


def _pairs(device: DeviceView, paths: dict[str, str]) -> list[tuple[str, str]]:
    me = device.org.code
    below = [c for c, p in paths.items() if c != me and p.startswith(device.org.path)]
    return [(me, "own"), *((c, "up") for c in below), *((a, "down") for a in [*device.org.ancestors, me])]


def pull_query(conn: Connection, device: DeviceView, cursor: int, head_seq: int, limit: int) -> Any:
    """The feed entries after `cursor` up to `head_seq` this device may see, oldest first: one range
    of the (org_code, lane, seq) index per organisation and lane, merged."""
    f = FeedEntry.__table__.c
    not_mine = or_(f.origin_device.is_(None), f.origin_device != device.device_id)
    parts = [
        select(f.seq, f.op, f.table_name, f.row_id, f.version, f.payload)
        .where(f.org_code == org, f.lane == lane, text(NOT_KEPT), f.seq > cursor, f.seq <= head_seq, not_mine)
        .order_by(f.seq).limit(limit).subquery().select()
        for org, lane in _pairs(device, org_paths(conn))
    ]
    query = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(query).order_by(query.c.seq).limit(limit)


def pull_rows(conn: Connection, device: DeviceView, cursor: int, limit: int) -> tuple[list[Any], int, bool]:
    """The changes after `cursor` this device may see (see pull_query).

    Returns (seq, op, table, row_id, version, payload) rows, the new cursor and whether more follow.
    """
    hw = head(conn)
    if cursor >= hw:
        return [], cursor, False
    if conn.dialect.name == "postgresql":
        # A generic plan of this prepared query (psycopg prepares after five runs) scans the
        # primary key from the cursor, whatever the organisation: the lane index needs the values.
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
    rows = conn.execute(pull_query(conn, device, cursor, hw, limit)).all()
    if len(rows) == limit:
        return rows, rows[-1][0], True
    return rows, hw, False


def pull(conn: Connection, device: DeviceView, cursor: int, limit: int) -> PullResponse:
    rows, new_cursor, more = pull_rows(conn, device, cursor, limit)
    return PullResponse([PulledChange(*r) for r in rows], new_cursor, more)


def pull_page(conn: Connection, device: DeviceView, cursor: int, limit: int, *, embedded: bool = False) -> bytes:
    """`pull` encoded for the wire, without building an object per change (rows embedded if asked)."""
    return encode_pull_response(*pull_rows(conn, device, cursor, limit), embedded=embedded)


def blob_visible(conn: Connection, device: DeviceView, sha256: str) -> bool:
    """A device may fetch a page file its organisation uploaded, or one that a row of a case shared
    up to it names in a hash column: page row -> its case (shared) -> the case's organisation,
    which must lie below the device's and must itself have uploaded the file."""
    if conn.scalar(select(func.count()).select_from(BlobOwner).where(
            BlobOwner.sha256 == sha256, BlobOwner.org_code == device.org.code)):
        return True
    paths = org_paths(conn)
    below = [c for c, p in paths.items() if c != device.org.code and p.startswith(device.org.path)]
    if not below:
        return False
    q = (select(func.count()).select_from(BlobRef)
         .join(RowState, (RowState.table_name == BlobRef.table_name) & (RowState.row_id == BlobRef.row_id))
         .join(SharedCase, SharedCase.case_id == RowState.case_id)
         .join(BlobOwner, (BlobOwner.sha256 == BlobRef.sha256) & (BlobOwner.org_code == RowState.org_code))
         .where(BlobRef.sha256 == sha256, RowState.org_code.in_(below)))
    return bool(conn.scalar(q)) and bool(conn.scalar(select(func.count()).select_from(Blob)
                                                    .where(Blob.sha256 == sha256)))
