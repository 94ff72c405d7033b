"""Push: applying a batch of branch changes once each, in the caller's transaction.

The batch's lookups run beside the parsing of its payloads; then each change is checked for
ownership, decided against the row it meets and written with the rest of the batch at once.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any, NamedTuple

from sqlalchemy import Connection, select

from sync_server.batch import Batch
from sync_server.bulk_sql import RECEIVED_COLUMNS, bulk_insert, id_chunks, in_
from sync_server.checks import parse_changes
from sync_server.conflicts import REFUSED, apply_one, replay
from sync_server.errors import Forbidden
from sync_server.models import BlobOwner, Received
from sync_server.orgs import DeviceView, org_paths
from sync_server.ownership import ROW_REFERENCED, reference_keys, refusal
from sync_server.protocol import BRANCH_TABLES, CLASH_KEYS, Change, ItemResult, blob_refs, case_id_of


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
        parsed = parse_changes(changes, paths, mine)
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
            results.append(replay(conn, batch, ch, before, digest))
            continue
        case_id = case_id_of(ch.table, data)
        reason = refusal(batch, ch.table, ch.row_id, data, org, case_id)
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
        result = apply_one(batch, ch, data, org)
        results.append(result)
        status = "conflict" if result.status == "conflict" else "applied"
        received.append((ch.change_id, device.device_id, digest, status, result.version, result.conflict_id))
        prior[ch.change_id] = _Prior(ch.change_id, digest, status, result.version, result.conflict_id)
    batch.flush()
    bulk_insert(conn, "received", RECEIVED_COLUMNS, received)
    return results


class _Prior(NamedTuple):
    """A change id answered earlier in this batch (the columns of `received` that replay reads)."""

    change_id: str
    payload_hash: str
    status: str
    version: int | None
    conflict_id: str | None

