"""Publishing reference data: the head office's product, rate and code tables to the branches.

A publish reads reference files (`{"kind", "version", "rows"}`, the format of
resources/refdata) and turns every row into the payload a branch store holds: the UUID5
ids of `protocol.refdata_id`, as at every branch (so both agree on a row without a lookup)
and SQLite storage values (money as integer fen, ratios as decimal text). Rows the new version
no longer lists become tombstones. Each is one `down` feed entry for the target organisation,
so it reaches that organisation and everything below it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from sync_server.batch import Batch
from sync_server.models import RowState
from sync_server.orgs import OrgError, get_org, org_paths, utcnow
from sync_server.protocol import DECIMAL_FIELDS, MONEY_FIELDS, REFDATA_KEYS, refdata_id, split_rows

HEAD_OFFICE = "HO"


def sqlite_time(value: dt.datetime) -> str:
    """How SQLAlchemy stores a UTC datetime in the branch's SQLite file."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _storage(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if v is None:  # a grant's max_amount of null: any amount
            out[k] = None
        elif k in MONEY_FIELDS:
            out[k] = int(Decimal(str(v)) * 100)
        elif k in DECIMAL_FIELDS:
            out[k] = str(Decimal(str(v)))
        else:
            out[k] = v
    return out


def rows_of_file(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    if doc["kind"] not in REFDATA_KEYS:
        raise OrgError(f"参考数据类型“{doc['kind']}”未知。")
    return split_rows(doc["kind"], doc["rows"])


def publish_dir(conn: Connection, folder: Path, *, targets: list[str] | None = None) -> dict[str, int]:
    """Publish every `*.json` in `folder` to `targets` (default: head office, i.e. everyone)."""
    targets = targets or [HEAD_OFFICE]
    for t in targets:
        if get_org(conn, t) is None:
            raise OrgError(f"机构 {t} 不存在。")
    batch = Batch(conn, None, HEAD_OFFICE, org_paths(conn))
    now = sqlite_time(utcnow())
    counts: dict[str, int] = {}
    for path in sorted(Path(folder).glob("*.json")):
        raw = path.read_bytes()
        doc = json.loads(raw)
        version = int(doc["version"])
        checksum = hashlib.sha256(raw).hexdigest()
        for table, rows in rows_of_file(doc).items():
            for target in targets:
                counts[table] = counts.get(table, 0) + _publish_table(batch, target, table, rows, now)
                ver = {"kind": table, "version": version, "checksum": checksum, "loaded_at": now}
                batch.write_row(table="refdata_versions", row_id=f"{target}:{table}", org=target, data=ver,
                                payload=json.dumps(ver), lane="down")
    batch.flush()
    return counts


def _publish_table(batch: Batch, target: str, table: str, rows: list[dict[str, Any]], now: str) -> int:
    keys = REFDATA_KEYS[table]
    current = {r.row_id: r for r in batch.conn.execute(
        select(RowState).where(RowState.table_name == table, RowState.org_code == target))}
    seen = set()
    for raw in rows:
        row = _storage(raw)
        rid = refdata_id(table, tuple(row[k] for k in keys))
        seen.add(rid)
        old = json.loads(current[rid].payload) if rid in current else None
        payload = {"id": rid, "branch_code": HEAD_OFFICE, **row, "deleted": 0,
                   "created_at": old["created_at"] if old else now, "updated_at": now}
        if old and {k: v for k, v in old.items() if k != "updated_at"} == \
                {k: v for k, v in payload.items() if k != "updated_at"}:
            continue
        batch.write_row(table=table, row_id=rid, org=target, data=payload, payload=json.dumps(payload,
                        ensure_ascii=False), lane="down")
    for rid, state in current.items():
        old = json.loads(state.payload)
        if rid not in seen and not old.get("deleted"):
            gone = {**old, "deleted": 1, "updated_at": now}
            batch.write_row(table=table, row_id=rid, org=target, data=gone, payload=json.dumps(gone,
                            ensure_ascii=False), lane="down")
    return len(rows)
