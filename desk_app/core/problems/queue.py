"""The problem handlers' queue and the supervisors' counts.

The queue is sorted by due time (the soonest first; problem cases without a notice yet, which have
no due time, after them by when they were raised), each row with its countdown in working hours and
a warning (under one working day left) or overdue mark. Counts: problem cases per agent and items
per rule (or deficiency / scanning code), so supervisors see where problems come from.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desk_app.core.problems.clock import countdown
from desk_app.core.problems.views import ACTIVE, CountRow, ProblemCounts, QueuePage, QueueRow
from desk_app.core.rules import runner
from desk_app.store.models import Agent, ProblemCase, ProblemItem, Proposal


def page(session: Session, *, include_closed: bool = False, agent_code: str | None = None, limit: int = 100,
         offset: int = 0, now: dt.datetime) -> QueuePage:
    pc = ProblemCase
    where = [pc.deleted.is_(False)]
    if not include_closed:
        where.append(pc.status.in_(ACTIVE))
    if agent_code:
        where.append(pc.agent_code == agent_code.strip().upper())
    open_items = (select(ProblemItem.problem_id, func.count().label("n"))
                  .where(ProblemItem.status == "open", ProblemItem.deleted.is_(False))
                  .group_by(ProblemItem.problem_id).subquery())
    rows = session.execute(
        select(pc, Proposal.case_no, Proposal.applicant_name, Agent.name, func.coalesce(open_items.c.n, 0))
        .join(Proposal, Proposal.id == pc.proposal_id)
        .outerjoin(Agent, Agent.code == pc.agent_code)
        .outerjoin(open_items, open_items.c.problem_id == pc.id)
        .where(*where)
        # Open ones first, then by due time (none yet: last), then by when raised.
        .order_by(case((pc.status.in_(ACTIVE), 0), else_=1), pc.due_at.is_(None), pc.due_at, pc.raised_at, pc.id)
        .limit(max(1, min(limit, 1000))).offset(max(0, offset))).all()
    out = tuple(QueueRow(p.id, p.problem_no, p.proposal_id, case_no, applicant, p.agent_code, agent, p.status, n,
                         p.raised_at, countdown(p.due_at, now, closed=p.status not in ACTIVE))
                for p, case_no, applicant, agent, n in rows)
    total = session.scalar(select(func.count()).select_from(pc).where(*where)) or 0
    marks = [countdown(due, now).mark for due in session.scalars(
        select(pc.due_at).where(*where, pc.status.in_(ACTIVE), pc.due_at.is_not(None)))]
    return QueuePage(out, total, marks.count("warning"), marks.count("overdue"))


def counts(session: Session) -> ProblemCounts:
    pc = ProblemCase
    active = func.sum(case((pc.status.in_(ACTIVE), 1), else_=0))
    agents = session.execute(
        select(pc.agent_code, Agent.name, active, func.count())
        .outerjoin(Agent, Agent.code == pc.agent_code)
        .where(pc.deleted.is_(False)).group_by(pc.agent_code, Agent.name)
        .order_by(active.desc(), func.count().desc(), pc.agent_code)).all()
    by_agent = tuple(CountRow(code or "", name or ("（未填写业务员）" if not code else code), int(a or 0), n)
                     for code, name, a, n in agents)
    it = ProblemItem
    still = func.sum(case((it.status == "open", 1), else_=0))
    items = session.execute(
        select(it.code, func.min(it.description), still, func.count())
        .where(it.deleted.is_(False)).group_by(it.code)
        .order_by(still.desc(), func.count().desc(), it.code)).all()
    titles = {r.code: r.title for r in runner.rules()}
    by_rule = tuple(CountRow(code, titles.get(code) or _label(code, text), int(s or 0), n)
                    for code, text, s, n in items)
    return ProblemCounts(by_agent, by_rule)


def _label(code: str, description: str) -> str:
    if code.startswith("scan."):
        return "扫描质检：" + description
    if code == "MANUAL":
        return "人工提出"
    return description
