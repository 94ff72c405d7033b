"""Controlled stationery (单证): receiving batches, issuing ranges, voiding, loss, use at intake.

Every pre-printed number is one row of `stationery_numbers` (prefix + serial). Ranges are
written with Core statements over (prefix, serial), never one ORM object per number. A range
action first counts the numbers in the range by state and refuses, changing nothing, unless all
of them are in a state the action starts from; one audit entry records the whole range.

Intake uses a number with a conditional UPDATE (`state = 'issued'` and the right holder) in the
caller's transaction, which is a BEGIN IMMEDIATE one: two clerks, or two processes, can never
both use one number; the second is told it is already used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.clock import BRANCH_TZ, branch_date
from desk_app.core import audit
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.core.users import branch
from desk_app.store.base import new_id
from desk_app.store.models import Agent, Proposal, StationeryBatch, StationeryNumber
from desk_app.store.types import utcnow

STATES = {"in_stock": "库存", "issued": "已发放", "used": "已使用", "voided": "已作废", "lost": "已挂失",
          "destroyed": "已销毁"}
# The holder of numbers kept at the branch counter itself rather than by an agent.
BRANCH_HOLDER = "*"
MAX_RANGE = 100_000
_NUMBER = re.compile(r"^([A-Z]{0,8})(\d{4,20})$")
_CHUNK = 5_000


@dataclass(frozen=True)
class RangeResult:
    action: str
    first: str
    last: str
    count: int


@dataclass(frozen=True)
class UnusedNumber:
    number: str
    holder: str
    holder_name: str
    issued_at: dt.datetime
    days: int


def parse_number(text: str) -> tuple[str, int, int]:
    """(prefix, serial, width) of a number like T44010001; InvalidInput when it has another shape."""
    m = _NUMBER.match(text.strip().upper())
    if not m:
        raise InvalidInput(f"单证号“{text}”格式不正确：应为 0–8 位大写字母加 4–20 位数字。")
    return m.group(1), int(m.group(2)), len(m.group(2))


def _range(first: str, last: str) -> tuple[str, int, int, int]:
    p1, s1, w1 = parse_number(first)
    p2, s2, w2 = parse_number(last)
    if p1 != p2 or w1 != w2:
        raise InvalidInput("起止单证号的前缀和位数必须相同。")
    if s2 < s1:
        raise InvalidInput("止号不能小于起号。")
    if s2 - s1 + 1 > MAX_RANGE:
        raise InvalidInput(f"一次最多处理 {MAX_RANGE:,} 个单证号。")
    return p1, s1, s2, w1


def _require_supervisor(actor: Actor) -> None:
    if not actor.has(Role.SUPERVISOR):
        raise TransitionRefused("只有业务主管可以管理单证（入库、发放、作废、挂失、销毁）。")


def receive_batch(session: Session, *, actor: Actor, batch_no: str, first: str, last: str,
                  kind: str = "proposal_form", now: dt.datetime | None = None) -> RangeResult:
    """Put a batch from head office in stock; refused if any of its numbers already exists."""
    _require_supervisor(actor)
    prefix, s1, s2, width = _range(first, last)
    if not batch_no.strip():
        raise InvalidInput("请填写批次号。")
    if session.scalar(select(StationeryBatch.id).where(StationeryBatch.batch_no == batch_no.strip())):
        raise InvalidInput(f"批次号“{batch_no}”已入库。")
    clash = session.scalar(select(StationeryNumber.number).where(
        StationeryNumber.prefix == prefix, StationeryNumber.serial.between(s1, s2)).limit(1))
    if clash:
        raise InvalidInput(f"单证号“{clash}”已在库存记录中，同一号码不能入库两次。")
    now = now or utcnow()
    code = branch(session).branch_code
    batch = StationeryBatch(batch_no=batch_no.strip(), kind=kind, prefix=prefix, width=width, first_serial=s1,
                            last_serial=s2, received_by=actor.user_id, received_at=now, branch_code=code,
                            created_at=now, updated_at=now)
    session.add(batch)
    session.flush()
    conn = session.connection()
    for lo in range(s1, s2 + 1, _CHUNK):
        conn.execute(insert(StationeryNumber.__table__), [
            {"id": new_id(), "branch_code": code, "created_at": now, "updated_at": now, "deleted": False,
             "number": f"{prefix}{s:0{width}d}", "prefix": prefix, "serial": s, "batch_id": batch.id,
             "state": "in_stock", "holder": None, "issued_at": None, "proposal_id": None,
             "changed_by": actor.user_id, "changed_at": now, "reason": ""}
            for s in range(lo, min(lo + _CHUNK, s2 + 1))])
    result = RangeResult("receive", f"{prefix}{s1:0{width}d}", f"{prefix}{s2:0{width}d}", s2 - s1 + 1)
    audit.record(session, actor=actor, action="stationery.receive", target_type="stationery_batch",
                 target_id=batch.id, detail={"batch_no": batch.batch_no, "first": result.first,
                                             "last": result.last, "count": result.count},
                 branch_code=code, now=now)
    return result


def _change_range(session: Session, *, actor: Actor, action: str, label: str, first: str, last: str,
                  sources: tuple[str, ...], target: str, holder: str | None = None, reason: str = "",
                  now: dt.datetime | None = None) -> RangeResult:
    _require_supervisor(actor)
    prefix, s1, s2, width = _range(first, last)
    in_range = (StationeryNumber.prefix == prefix, StationeryNumber.serial.between(s1, s2),
                StationeryNumber.deleted.is_(False))
    counts = dict(session.execute(select(StationeryNumber.state, func.count()).where(*in_range)
                                  .group_by(StationeryNumber.state)).all())
    expected = s2 - s1 + 1
    if sum(counts.values()) != expected:
        raise InvalidInput(f"{first}–{last} 中有 {expected - sum(counts.values())} 个号码不在本机构单证库存中，"
                           f"未做任何{label}。")
    bad = {s: n for s, n in counts.items() if s not in sources}
    if bad:
        example = session.scalar(select(StationeryNumber.number).where(
            *in_range, StationeryNumber.state.not_in(sources)).order_by(StationeryNumber.serial).limit(1))
        states = "、".join(f"{STATES[s]} {n} 个" for s, n in sorted(bad.items()))
        allowed = "或".join(STATES[s] for s in sources)
        raise InvalidInput(f"只能{label}{allowed}的单证号；{first}–{last} 中{states}（如 {example}），未做任何{label}。")
    now = now or utcnow()
    values: dict[str, object] = {"state": target, "changed_by": actor.user_id, "changed_at": now,
                                 "reason": reason.strip(), "updated_at": now}
    if target == "issued":
        values |= {"holder": holder, "issued_at": now}
    rows = session.execute(update(StationeryNumber).where(*in_range, StationeryNumber.state.in_(sources))
                           .values(**values).execution_options(synchronize_session=False)).rowcount
    if rows != expected:  # cannot happen under the write lock; never leave half a range changed
        raise RuntimeError(f"range update changed {rows} of {expected} numbers")
    result = RangeResult(action, f"{prefix}{s1:0{width}d}", f"{prefix}{s2:0{width}d}", expected)
    audit.record(session, actor=actor, action=f"stationery.{action}", target_type="stationery_range",
                 target_id=result.first,
                 detail={"last": result.last, "count": expected, "holder": holder, "reason": reason.strip(), "to": target},
                 branch_code=branch(session).branch_code, now=now)
    return result


def issue_range(session: Session, *, actor: Actor, first: str, last: str, holder: str,
                now: dt.datetime | None = None) -> RangeResult:
    """Issue numbers in stock to an agent (agent code) or to the branch counter (`*`)."""
    holder = holder.strip()
    if holder != BRANCH_HOLDER and session.scalar(select(Agent.id).where(
            Agent.code == holder, Agent.deleted.is_(False))) is None:
        raise InvalidInput(f"业务员代码“{holder}”不存在（发放给本机构柜面请用 *）。")
    return _change_range(session, actor=actor, action="issue", label="发放", first=first, last=last,
                         sources=("in_stock",), target="issued", holder=holder, now=now)


def void_range(session: Session, *, actor: Actor, first: str, last: str, reason: str,
               now: dt.datetime | None = None) -> RangeResult:
    if not reason.strip():
        raise InvalidInput("作废单证必须填写原因。")
    return _change_range(session, actor=actor, action="void", label="作废", first=first, last=last,
                         sources=("in_stock", "issued"), target="voided", reason=reason, now=now)


def report_lost(session: Session, *, actor: Actor, first: str, last: str, reason: str,
                now: dt.datetime | None = None) -> RangeResult:
    if not reason.strip():
        raise InvalidInput("单证挂失必须填写原因。")
    return _change_range(session, actor=actor, action="lost", label="挂失", first=first, last=last,
                         sources=("in_stock", "issued"), target="lost", reason=reason, now=now)


def destroy_range(session: Session, *, actor: Actor, first: str, last: str, reason: str,
                  now: dt.datetime | None = None) -> RangeResult:
    if not reason.strip():
        raise InvalidInput("销毁单证必须填写原因。")
    return _change_range(session, actor=actor, action="destroy", label="销毁", first=first, last=last,
                         sources=("voided", "in_stock"), target="destroyed", reason=reason, now=now)


def usable_refusal(session: Session, *, number: str, agent_code: str | None) -> str | None:
    """Why this proposal number cannot be used for a case of this agent now, or None."""
    row = session.execute(select(StationeryNumber.state, StationeryNumber.holder, StationeryNumber.proposal_id)
                          .where(StationeryNumber.number == number.strip().upper(),
                                 StationeryNumber.deleted.is_(False))).first()
    if row is None:
        return f"投保单号“{number}”不在本机构单证库存中（未发放），不能受理。"
    state, holder, proposal_id = row
    if state == "in_stock":
        return f"投保单号“{number}”尚未发放，不能受理。"
    if state == "used":
        case_no = proposal_id and session.scalar(select(Proposal.case_no).where(Proposal.id == proposal_id))
        return f"投保单号“{number}”已被使用（案件号 {case_no or '未知'}），同一单证号不能使用两次。"
    if state in ("voided", "lost", "destroyed"):
        return f"投保单号“{number}”{STATES[state]}，不能受理。"
    if holder not in (BRANCH_HOLDER, agent_code):
        who = session.scalar(select(Agent.name).where(Agent.code == holder)) or holder
        return f"投保单号“{number}”发放给业务员 {who}（{holder}），不是本单业务员 {agent_code or '（未填写）'}。"
    return None


def mark_used(session: Session, *, number: str, agent_code: str | None, proposal_id: str, actor: Actor,
              now: dt.datetime | None = None) -> None:
    """Mark the number used by the case, in the caller's transaction; InvalidInput if it is not usable."""
    now = now or utcnow()
    holders = [BRANCH_HOLDER] + ([agent_code] if agent_code else [])
    rows = session.execute(
        update(StationeryNumber)
        .where(StationeryNumber.number == number.strip().upper(), StationeryNumber.state == "issued",
               StationeryNumber.holder.in_(holders), StationeryNumber.deleted.is_(False))
        .values(state="used", proposal_id=proposal_id, changed_by=actor.user_id, changed_at=now,
                updated_at=now, reason="")
        .execution_options(synchronize_session=False)).rowcount
    if rows != 1:
        raise InvalidInput(usable_refusal(session, number=number, agent_code=agent_code)
                           or f"投保单号“{number}”不能使用。")


def unused_report(session: Session, *, older_than_days: int, now: dt.datetime | None = None) -> list[UnusedNumber]:
    """Numbers issued N or more days ago and still unused, oldest first (N = 0: all of them).

    Days are the branch's calendar days (issued on the 1st, reported on the 11th: 10 days), not
    24-hour periods, which would report a number issued at 10:00 as 9 days old at 09:59."""
    now = now or utcnow()
    cutoff = dt.datetime.combine(branch_date(now) - dt.timedelta(days=older_than_days - 1), dt.time(0), BRANCH_TZ)
    rows = session.execute(
        select(StationeryNumber.number, StationeryNumber.holder, StationeryNumber.issued_at, Agent.name)
        .outerjoin(Agent, Agent.code == StationeryNumber.holder)
        .where(StationeryNumber.state == "issued", StationeryNumber.issued_at < cutoff,
               StationeryNumber.deleted.is_(False))
        .order_by(StationeryNumber.issued_at, StationeryNumber.number)).all()
    return [UnusedNumber(n, h or "", name or ("本机构柜面" if h == BRANCH_HOLDER else ""), at,
                          (branch_date(now) - branch_date(at)).days)
            for n, h, at, name in rows]


def available_ranges(session: Session, *, holder: str | None = None) -> list[tuple[str, str, str, int]]:
    """(holder, first, last, count) of issued unused numbers, as contiguous ranges (for the demo and screens)."""
    stmt = (select(StationeryNumber.holder, StationeryNumber.prefix, StationeryNumber.serial,
                   StationeryNumber.number)
            .where(StationeryNumber.state == "issued", StationeryNumber.deleted.is_(False))
            .order_by(StationeryNumber.holder, StationeryNumber.prefix, StationeryNumber.serial))
    if holder is not None:
        stmt = stmt.where(StationeryNumber.holder == holder)
    out: list[tuple[str, str, str, int]] = []
    prev = None
    for h, prefix, serial, number in session.execute(stmt):
        if prev and prev[0] == h and prev[1] == prefix and prev[2] == serial - 1:
            out[-1] = (h, out[-1][1], number, out[-1][3] + 1)
        else:
            out.append((h, number, number, 1))
        prev = (h, prefix, serial)
    return out
