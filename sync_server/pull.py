"""Pull: the feed entries a device may see after its cursor, a page at a time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select, text, union_all

from sync_server.feed_lock import head
from sync_server.models import NOT_KEPT, FeedEntry
from sync_server.orgs import DeviceView, org_paths
from sync_server.protocol import encode_pull_response


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


def pull_page(conn: Connection, device: DeviceView, cursor: int, limit: int, *, embedded: bool = False) -> bytes:
    """A page of the feed encoded for the wire, without building an object per change (rows embedded if asked)."""
    return encode_pull_response(*pull_rows(conn, device, cursor, limit), embedded=embedded)

