"""Policy numbers (保单号): the store's org code + the year + a 7-digit sequence of this store.

Unique across branches without asking the server: each store numbers only under its own org code
(the branch, or the provincial office's desk for the cases it issues). The next serial is
max(serial)+1 for the prefix, read inside the issuing write transaction (BEGIN IMMEDIATE holds the
store's write lock, so no second writer reads the same maximum); a crash rolls the case's issue and
its number back together, so a number is never seen and then given again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core.errors import DomainError
from desk_app.store.base import new_id
from desk_app.store.models import PolicyNumber

DIGITS = 7


def prefix_for(org_code: str, when: dt.datetime) -> str:
    return f"{org_code}{branch_date(when).year}"


def format_no(prefix: str, serial: int) -> str:
    return f"{prefix}{serial:0{DIGITS}d}"


def next_serial(session: Session, prefix: str) -> int:
    top = session.scalar(select(func.max(PolicyNumber.serial)).where(PolicyNumber.prefix == prefix)) or 0
    if top + 1 >= 10 ** DIGITS:
        raise DomainError(f"保单号序列 {prefix} 已用尽，请联系系统管理员。")
    return top + 1


def assign(session: Session, *, proposal_id: str, org_code: str, actor_id: str, now: dt.datetime,
           branch_code: str) -> str:
    """Give the case its policy number in the caller's (write) transaction; returns it."""
    prefix = prefix_for(org_code, now)
    serial = next_serial(session, prefix)
    policy_no = format_no(prefix, serial)
    session.execute(insert(PolicyNumber).values(
        id=new_id(), branch_code=branch_code, created_at=now, updated_at=now, deleted=False,
        proposal_id=proposal_id, policy_no=policy_no, prefix=prefix, serial=serial, issued_by=actor_id,
        issued_at=now))
    return policy_no


def bulk_rows(session: Session, cases: list[tuple[str, str, dt.datetime]], *, org_code: str,
              branch_code: str) -> list[dict]:
    """Policy-number rows for many cases at once (proposal id, issuer id, issue time), numbered on
    from each prefix's maximum: for the demo and benchmarks' Core inserts."""
    nxt: dict[str, int] = {}
    rows = []
    for proposal_id, actor_id, at in sorted(cases, key=lambda c: c[2]):
        prefix = prefix_for(org_code, at)
        if prefix not in nxt:
            nxt[prefix] = next_serial(session, prefix)
        serial = nxt[prefix]
        nxt[prefix] += 1
        rows.append({"id": new_id(), "branch_code": branch_code, "created_at": at, "updated_at": at,
                     "deleted": False, "proposal_id": proposal_id, "policy_no": format_no(prefix, serial),
                     "prefix": prefix, "serial": serial, "issued_by": actor_id, "issued_at": at})
    return rows
