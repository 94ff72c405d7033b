"""Validation of a compared case (校验): the rules run on its keyed form and the run kept; with no
blocking finding, no open deficiency or scanning defect and no problem case open, the case moves
to 校验 VALIDATED and is assessed for underwriting at once (core.underwriting: with no
underwriting issue it is accepted and issued 承保 in the same transaction); otherwise a problem
case lists what stops it and the case moves to 问题件.

`validate_case` is also what entry calls, in its own transaction, when a case becomes COMPARED
(a matching second pass, the last reconciled field): a compared case never waits for a click.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import workflow
from desk_app.core.errors import NotFound, TransitionRefused
from desk_app.core.problems import checking, lifecycle
from desk_app.core.problems.views import ValidationOutcome
from desk_app.core.roles import Actor, Role
from desk_app.core.rules import runs
from desk_app.core.rules.runs import RunView
from desk_app.core.underwriting import decisions
from desk_app.core.workflow import State
from desk_app.store.models import ProblemItem, Proposal

# Who may run the rules on a case and look at the findings (the check changes no stage).
CHECKERS = frozenset({Role.ENTRY_OPERATOR, Role.PROBLEM_HANDLER, Role.SUPERVISOR, Role.UNDERWRITER})


def _case(session: Session, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return p


def check(session: Session, *, actor: Actor, proposal_id: str, now: dt.datetime) -> RunView:
    """Run the rules and keep the run; nothing else changes."""
    if not actor.roles & CHECKERS:
        raise TransitionRefused("您没有运行校验规则的权限（录入员、问题件处理员、核保员或业务主管）。")
    return checking.run_rules(session, actor=actor, proposal=_case(session, proposal_id), now=now)


def validate_case(session: Session, *, actor: Actor, proposal_id: str, now: dt.datetime) -> ValidationOutcome:
    """A case at 比对 COMPARED: on to 校验, or stopped as a problem case (see the module)."""
    proposal = _case(session, proposal_id)
    if proposal.state != State.COMPARED:
        raise TransitionRefused(f"案件当前处于“{State(proposal.state).label}”环节，只有比对完成的案件才能校验。")
    if not actor.roles & workflow.ACTIONS["validate"].roles:
        raise TransitionRefused("您没有校验的权限。")
    run = checking.run_rules(session, actor=actor, proposal=proposal, now=now)
    items = checking.rule_items(run) + checking.material_items(session, proposal.id)
    held = lifecycle.active_problem(session, proposal.id)
    if not items and held is None:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="validate", now=now)
        # Underwriting at once, in this transaction: issues raised, or accepted and issued (承保).
        decisions.after_validation(session, actor=actor, proposal_id=proposal.id, now=now)
        return ValidationOutcome(run, proposal.state)
    if items:
        pc = lifecycle.raise_case(session, actor=actor, proposal=proposal, items=items,
                                  source=checking.source_of(items), reason="校验未通过", now=now)
    else:
        pc = held  # a problem case raised by hand while the case was being keyed
    assert pc is not None
    first = items[0].description if items else f"问题件 {pc.problem_no} 尚未解决"
    workflow.perform(session, actor=actor, proposal_id=proposal.id, action="raise_problem",
                     reason=f"校验未通过：{first}", now=now)
    n = session.scalar(select(func.count()).select_from(ProblemItem).where(
        ProblemItem.problem_id == pc.id, ProblemItem.status == "open", ProblemItem.deleted.is_(False))) or 0
    return ValidationOutcome(run, proposal.state, pc.problem_no, n)


def latest(session: Session, proposal_id: str) -> RunView | None:
    _case(session, proposal_id)
    return runs.latest(session, proposal_id)
