"""Head office's copy of each branch PC's audit-chain head: truncation at the branch detected here too.

A branch store's audit log is an HMAC chain whose head is also anchored in the PC's credential
store; someone with the PC can still remove both. Every audit entry is pushed to head office, so
head office knows, per device, the newest entry it holds (seq, mac). Two things then betray a
rewound chain:

- a pull reports the PC's current head (`audit_seq`, `audit_mac`): a head behind the one head
  office holds, or the same seq with another MAC, means entries were removed or rewritten;
- a push brings a *new* audit entry whose seq head office already passed: the chain was cut and
  written again. Such entries are answered as conflicts (the branch's conflict inbox shows them)
  and never applied.

Either is written to `audit_alerts` (once per device, kind and seq) for `sync-server audit alerts`.
Sync itself goes on: nothing the branch sends is lost because of an alert.

Cost: audit entries arrive in seq order (outbox order is commit order), so a push parses only the
first and the last audit entry of a batch unless the first is already behind the head.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import orjson
from sqlalchemy import Connection, Row, select, update

from sync_server.errors import BadRequest
from sync_server.models import AuditAlert, AuditHead, RowState
from sync_server.orgs import DeviceView, utcnow
from sync_server.protocol import INT64_MAX, Change, ItemResult

AUDIT_TABLE = "audit_log"


def _seq_mac(ch: Change) -> tuple[int, str]:
    """The entry's seq and MAC; a malformed entry refuses the batch (422), as checks.parse_changes would."""
    try:
        d = orjson.loads(ch.payload)
        seq, mac = d["seq"], d.get("mac") or ""
    except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise BadRequest(f"变更 {ch.change_id} 的审计记录缺少 seq。") from exc
    if type(seq) is not int or not 0 <= seq <= INT64_MAX or type(mac) is not str or len(mac) > 64:
        raise BadRequest(f"变更 {ch.change_id} 的审计记录 seq 或 mac 不正确。")
    return seq, mac


def _head(conn: Connection, device_id: str) -> Row[tuple[int, str]] | None:
    return conn.execute(select(AuditHead.seq, AuditHead.mac).where(AuditHead.device_id == device_id)).first()


def _alert(conn: Connection, device: DeviceView, kind: str, branch_seq: int, head_seq: int, reason: str) -> None:
    exists = conn.execute(select(AuditAlert.id).where(
        AuditAlert.device_id == device.device_id, AuditAlert.kind == kind,
        AuditAlert.branch_seq == branch_seq)).first()
    if exists is None:
        conn.execute(AuditAlert.__table__.insert().values(
            device_id=device.device_id, org_code=device.org.code, kind=kind, branch_seq=branch_seq,
            head_seq=head_seq, reason=reason, detected_at=utcnow()))


def screen_push(conn: Connection, device: DeviceView, changes: Sequence[Change]) -> dict[str, ItemResult]:
    """Audit entries of this batch that must not be applied: new entries behind the known head."""
    audit = [ch for ch in changes if ch.table == AUDIT_TABLE]
    if not audit:
        return {}
    head = _head(conn, device.device_id)
    if head is None or _seq_mac(audit[0])[0] > head.seq:
        return {}
    behind = []
    for ch in audit:
        seq, _mac = _seq_mac(ch)
        if seq > head.seq:
            break
        behind.append((ch, seq))
    held = set(conn.scalars(select(RowState.row_id).where(
        RowState.table_name == AUDIT_TABLE, RowState.row_id.in_([ch.row_id for ch, _ in behind]))))
    refused: dict[str, ItemResult] = {}
    for ch, seq in behind:
        if ch.row_id in held:
            continue  # sent before (a retry): the normal replay answers it
        reason = (f"审计链异常：本机第 {seq} 条审计记录与总部已收到的记录（已到第 {head.seq} 条）不连续，"
                  "本机审计日志可能被截断或改写。此条未上传，已通知总公司。")
        # A conflict id: the branch keeps the refused entry in its conflict inbox for a supervisor.
        refused[ch.change_id] = ItemResult(ch.change_id, "conflict", reason, conflict_id=str(uuid.uuid4()))
        _alert(conn, device, "rewritten", seq, head.seq, reason)
    return refused


def advance(conn: Connection, device: DeviceView, changes: Sequence[Change], results: Sequence[ItemResult]) -> None:
    """Move the device's head to the newest audit entry head office now holds."""
    applied = {r.change_id for r in results if r.status in ("applied", "already_had")}
    last = next((ch for ch in reversed(changes) if ch.table == AUDIT_TABLE and ch.change_id in applied), None)
    if last is None:
        return
    seq, mac = _seq_mac(last)
    head = _head(conn, device.device_id)
    now = utcnow()
    if head is None:
        conn.execute(AuditHead.__table__.insert().values(device_id=device.device_id, org_code=device.org.code,
                                                         seq=seq, mac=mac, updated_at=now))
    elif seq > head.seq:
        conn.execute(update(AuditHead).where(AuditHead.device_id == device.device_id)
                     .values(seq=seq, mac=mac, updated_at=now))


def compare_head(conn: Connection, device: DeviceView, seq: int, mac: str) -> tuple[str, int, str] | None:
    """The head a pull reports against head office's copy: (kind, head office's seq, reason) when
    they disagree. Reads only: a poll stays a read."""
    head = _head(conn, device.device_id)
    if head is None or seq > head.seq or (seq == head.seq and mac == head.mac):
        return None
    if seq < head.seq:
        return "truncated", head.seq, f"本机审计日志只到第 {seq} 条，总部已收到到第 {head.seq} 条：本机审计日志末尾被截断。"
    return "rewritten", head.seq, f"本机第 {seq} 条审计记录与总部收到的不同：本机审计日志被改写。"


def record_alert(conn: Connection, device: DeviceView, branch_seq: int, found: tuple[str, int, str]) -> None:
    kind, head_seq, reason = found
    _alert(conn, device, kind, branch_seq, head_seq, reason)


def alerts(conn: Connection, org_code: str | None = None) -> list[dict[str, object]]:
    t = AuditAlert.__table__
    stmt = select(t).order_by(t.c.id)
    if org_code:
        stmt = stmt.where(t.c.org_code == org_code)
    return [{"device_id": a.device_id, "org_code": a.org_code, "kind": a.kind, "branch_seq": a.branch_seq,
             "head_seq": a.head_seq, "reason": a.reason,
             "detected_at": a.detected_at.isoformat() if isinstance(a.detected_at, dt.datetime) else a.detected_at}
            for a in conn.execute(stmt)]
