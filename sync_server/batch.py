"""A push's (or a publish's) writes, decided in memory and written at once.

A batch is decided in memory against the rows it touches (loaded with a few IN queries) and
written with Core executemany or COPY: cost grows with the batch, not with the tables. It holds
the feed lock from its creation (see feed_lock) and numbers its feed entries from the head.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text

from sync_server.bulk_sql import (
    FEED_COLUMNS,
    ROW_COLUMNS,
    bulk_insert,
    dialect_insert,
    id_chunks,
    in_,
    upsert_rows,
)
from sync_server.feed_lock import head, lock
from sync_server.models import HAS_CASE, HAS_CLASH_KEY, BlobRef, Conflict, RowState, SharedCase, UserShare
from sync_server.orgs import utcnow
from sync_server.protocol import (
    CASE_ROW_PARENTS,
    CASE_TABLES,
    CLASH_KEYS,
    CONFLICT_TABLE,
    PUSH_ONLY_TABLES,
    Change,
    ItemResult,
    blob_refs,
    case_id_of,
    primary_key,
)
from sync_server.rows import Row, row_of, user_for_others, user_for_own

# Parents before children: CASE_TABLES lists the case's tables in that order.
CASE_TABLE_ORDER = {t: i for i, t in enumerate(CASE_TABLES)}


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
                    self.put((t, r.row_id), row_of(r))
                    self.absent.discard((t, r.row_id))

    def load_clash(self, table: str, keys: Sequence[str]) -> None:
        for part in id_chunks(self.conn, list(set(keys))):
            for r in self.conn.execute(select(RowState).where(RowState.table_name == table, text(HAS_CLASH_KEY),
                                                              in_(self.conn, RowState.clash_key, part))):
                row = row_of(r)
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
                self.case_rows[r.case_id][(r.table_name, r.row_id)] = row_of(r)

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
            stored = {(r.table_name, r.row_id): row_of(r)
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
            conn.execute(dialect_insert(conn)(BlobRef.__table__).on_conflict_do_nothing(),
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

