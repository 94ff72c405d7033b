"""Recording who did what, as a tamper-evident chain.

Every user action writes one entry in its own transaction. Each entry's `mac` is
HMAC-SHA256(audit key, previous mac + the entry's canonical content), the audit key being
derived from the store secret that lives in the OS credential store. Editing, deleting or
reordering entries breaks the chain; truncating the end is caught against the chain head
anchored outside the database (the credential store, and head office at each sync).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.roles import Actor
from desk_app.store.base import new_id
from desk_app.store.db import AUDIT_HEAD, AUDIT_KEY
from desk_app.store.models import AuditEntry
from desk_app.store.types import utcnow

GENESIS = "0" * 64


def canonical(row: dict[str, Any]) -> bytes:
    """The fields an entry's MAC covers, in a fixed order and encoding."""
    at = row["at"]
    at_text = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if isinstance(at, dt.datetime) else str(at)
    fields = [row["id"], row["seq"], at_text, row.get("user_id"), row["username"], row["action"],
              row.get("target_type", ""), row.get("target_id", ""), row.get("detail", ""), row["branch_code"]]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def entry_mac(key: bytes, prev_mac: str, row: dict[str, Any]) -> str:
    return hmac.new(key, prev_mac.encode() + canonical(row), hashlib.sha256).hexdigest()


def _key(session: Session) -> bytes:
    return session.info.get(AUDIT_KEY, b"")


def head(session: Session) -> tuple[int, str]:
    """(seq, mac) of the newest entry, (0, GENESIS) for an empty log."""
    row = session.execute(select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def chain(session: Session, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give bulk-inserted entry dicts their seq and mac, continuing the store's chain."""
    key = _key(session)
    seq, mac = head(session)
    out = []
    for row in rows:
        seq += 1
        row = {**row, "seq": seq}
        mac = entry_mac(key, mac, row)
        row["mac"] = mac
        out.append(row)
    if out:
        session.info[AUDIT_HEAD] = (seq, mac)
    return out


def record(
    session: Session,
    *,
    actor: Actor | None,
    action: str,
    target_type: str = "",
    target_id: str = "",
    detail: dict[str, Any] | None = None,
    branch_code: str = "",
    username: str | None = None,
    now: dt.datetime | None = None,
) -> AuditEntry:
    """Append one audit entry in the caller's transaction (so it lands with the action or not at all)."""
    # BEGIN IMMEDIATE holds the write lock, so reading the head then appending cannot race.
    row = {
        "id": new_id(),
        "at": now or utcnow(),
        "user_id": actor.user_id if actor else None,
        "username": username or (actor.username if actor else ""),
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "detail": json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True),
        # The organisation of the store that writes the entry: its acting user's. Callers name the
        # case's branch, which is the same at a branch, but a provincial office deciding a branch's
        # referred case writes its own log (head office refuses an entry claiming the branch's).
        "branch_code": (actor.branch_code if actor and actor.branch_code else branch_code),
    }
    (row,) = chain(session, [row])
    entry = AuditEntry(**row)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    head_seq: int
    head_mac: str
    problems: tuple[str, ...]


def verify(session: Session, *, anchor: tuple[int, str] | None = None, max_problems: int = 20) -> VerifyResult:
    """Walk the whole chain; report edits, gaps, reordering, and truncation against `anchor`."""
    key = _key(session)
    problems: list[str] = []
    prev_mac, expected_seq, count = GENESIS, 1, 0
    macs: dict[int, str] = {}
    stmt = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    for e in session.scalars(stmt):
        count += 1
        if e.seq != expected_seq:
            problems.append(f"审计记录第 {expected_seq}–{e.seq - 1} 条缺失（被删除）。")
            expected_seq = e.seq
        row = {c: getattr(e, c) for c in ("id", "seq", "at", "user_id", "username", "action", "target_type",
                                          "target_id", "detail", "branch_code")}
        if not hmac.compare_digest(entry_mac(key, prev_mac, row), e.mac):
            problems.append(f"审计记录第 {e.seq} 条校验失败（内容被修改、顺序被调换或其前一条被改动）。")
        prev_mac = e.mac
        macs[e.seq] = e.mac
        expected_seq += 1
        if len(problems) >= max_problems:
            break
    last_seq = expected_seq - 1
    if anchor is not None:
        a_seq, a_mac = anchor
        if a_seq > last_seq:
            problems.append(f"审计记录末尾被截断：应至少有 {a_seq} 条，现只有 {last_seq} 条。")
        elif a_seq > 0 and macs.get(a_seq) != a_mac:
            problems.append(f"审计记录第 {a_seq} 条与保存的链头不一致（记录被替换）。")
    return VerifyResult(not problems, count, last_seq, prev_mac, tuple(problems))
