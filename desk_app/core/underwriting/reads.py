"""Reads of underwriting: the underwriter's queue, one case on their screen, the authority
profiles, a case's policy number."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.entry.rounds import settled_values
from desk_app.core.forms import form_for
from desk_app.core.roles import Actor, Role
from desk_app.core.rules import runs
from desk_app.core.underwriting import assess, authority, decisions
from desk_app.core.underwriting.issues import REGISTRY
from desk_app.core.underwriting.views import (
    DECISION_LABELS,
    ISSUE_LABELS,
    AuthorityProfile,
    CaseUnderwriting,
    DecisionView,
    GrantView,
    IssueView,
    QueueRow,
)
from desk_app.core.workflow import State
from desk_app.store.models import (
    AuthorityGrant,
    AuthorityLevel,
    PolicyNumber,
    Proposal,
    User,
    UwDecision,
    UwIssue,
)

_ORDER = {t: k for k, t in enumerate(REGISTRY)}


def _names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(User.id, User.display_name)).all())


def _states_for(actor: Actor) -> list[str]:
    out = []
    if actor.has(Role.UNDERWRITER) or actor.has(Role.SUPERVISOR):
        out += [State.VALIDATED.value, State.UNDERWRITING.value]
    if actor.has(Role.HEAD_OFFICE) or actor.has(Role.SUPERVISOR):
        out.append(State.REFERRED.value)
    return out


def queue(session: Session, *, actor: Actor, now: dt.datetime) -> list[QueueRow]:
    """Cases waiting for this person's underwriting decision, oldest first: 校验 and 核保 for an
    underwriter, 上报 for the provincial office (a supervisor sees both)."""
    states = _states_for(actor)
    if not states:
        return []
    cases = session.scalars(select(Proposal).where(Proposal.state.in_(states), Proposal.deleted.is_(False))
                            .order_by(Proposal.state_since, Proposal.id)).all()
    grants = authority.grants_of(session, actor.authority_level)
    out = []
    for p in cases:
        issues = assess.open_issues(session, p.id)
        open_ = [authority.OpenIssue(i.issue_type, i.amount) for i in issues]
        types = tuple(sorted({i.issue_type for i in issues}, key=lambda t: _ORDER.get(t, 99)))
        within = authority.refusal(open_, grants, case_total=p.sum_insured_total) is None
        may = decisions.segregation_refusal(session, actor, p.id) is None
        out.append(QueueRow(p.id, p.case_no, p.applicant_name, p.business_type, p.state, State(p.state).label,
                            p.state_since, p.sum_insured_total, p.premium_total, len(issues), types, within, may))
    return out


def issue_view(i: UwIssue, names: dict[str, str]) -> IssueView:
    return IssueView(i.id, i.round, i.issue_type, ISSUE_LABELS.get(i.issue_type, i.issue_type), i.subject, i.amount,
                     json.loads(i.facts or "{}"), i.message, i.status, names.get(i.decided_by or ""), i.decided_at)


def decision_views(session: Session, proposal_id: str, names: dict[str, str]) -> list[DecisionView]:
    rows = session.scalars(select(UwDecision).where(UwDecision.proposal_id == proposal_id,
                                                    UwDecision.deleted.is_(False)).order_by(UwDecision.seq))
    return [DecisionView(d.seq, d.decision, DECISION_LABELS.get(d.decision, d.decision), d.loading_percent,
                         d.exclusion, d.reason, d.actor_id, names.get(d.actor_id, ""), d.authority_level, d.org_code,
                         d.at) for d in rows]


def case(session: Session, *, actor: Actor, proposal_id: str) -> CaseUnderwriting:
    p = decisions.load_case(session, proposal_id)
    names = _names(session)
    form = form_for(p.business_type)
    values = settled_values(session, p.id)
    summary = tuple((f.label, values[f.key]) for f in form.fields if values.get(f.key))
    issues = assess.current_issues(session, p.id)
    open_ = [authority.OpenIssue(i.issue_type, i.amount) for i in issues if i.status == "open"]
    grants = authority.grants_of(session, actor.authority_level)
    checks = tuple(authority.check(open_, grants, case_total=p.sum_insured_total))
    segregated = decisions.segregation_refusal(session, actor, p.id)
    refusal = segregated or next((c.message for c in checks if not c.within), "")
    return CaseUnderwriting(
        p.id, p.case_no, p.proposal_no, p.applicant_name, p.business_type, p.state, State(p.state).label,
        p.sum_insured_total, p.premium_total, p.insured_count, summary, runs.latest(session, p.id),
        tuple(issue_view(i, names) for i in issues), tuple(decision_views(session, p.id, names)), checks,
        segregated is None, refusal, policy_number(session, p.id))


def profiles(session: Session) -> list[AuthorityProfile]:
    grants: dict[int, list[GrantView]] = {}
    for g in session.scalars(select(AuthorityGrant).where(AuthorityGrant.deleted.is_(False))):
        grants.setdefault(g.level, []).append(GrantView(g.issue_type, ISSUE_LABELS.get(g.issue_type, g.issue_type),
                                                        g.max_amount))
    return [AuthorityProfile(lv.level, lv.name, lv.max_sum_insured,
                             tuple(sorted(grants.get(lv.level, []), key=lambda g: _ORDER.get(g.issue_type, 99))))
            for lv in session.scalars(select(AuthorityLevel).where(AuthorityLevel.deleted.is_(False))
                                      .order_by(AuthorityLevel.level))]


def policy_number(session: Session, proposal_id: str) -> str | None:
    return session.scalar(select(PolicyNumber.policy_no).where(PolicyNumber.proposal_id == proposal_id,
                                                               PolicyNumber.deleted.is_(False)))
