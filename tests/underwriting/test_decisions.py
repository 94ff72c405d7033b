"""Underwriting through the services on real store files: a clean case is accepted and issued by
itself at validation (the real entry → validation path); a case with issues waits for an
underwriter, who decides within authority (an exclusion here), is refused above it with a sentence
naming the issue, its amount and their limit, and refers it up; nobody decides a case they keyed
or reconciled."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desk_app.core import users
from desk_app.core.errors import DomainError
from desk_app.core.roles import Role
from desk_app.services import entry, underwriting
from desk_app.services import users as user_services
from desk_app.store.models import AuditEntry, CaseEvent, PolicyNumber, UwDecision, UwIssue
from tests.problems.helpers import good_values, import_insured, key_pass, keyed_case, scanned_cases, state_of


def counts(store):
    with store.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (CaseEvent, UwDecision, PolicyNumber,
                                                                              AuditEntry))


def refused(store, fn, **kw) -> str:
    before = counts(store)
    with pytest.raises(DomainError) as exc:
        fn(store, **kw)
    assert counts(store) == before, "a refusal must change nothing"
    return exc.value.message


def test_a_clean_case_is_accepted_and_issued_at_validation(demo_store, actors):
    pid = keyed_case(demo_store, actors, good_values(4), n=4)  # 4 lives of 400,000: nothing to ask
    assert state_of(demo_store, pid) == "ISSUED"
    v = underwriting.show(demo_store, actor=actors["uw"], proposal_id=pid)
    assert v.issues == () and v.sum_insured_total == Decimal("1600000")
    (d,) = v.decisions
    assert (d.decision, d.authority_level, d.org_code, d.actor_name) == ("auto_standard", 0, "GD0101", "录入员 郑浩")
    year = str(v.decisions[0].at.astimezone().year)
    assert v.policy_no and v.policy_no.startswith("GD0101") and len(v.policy_no) == len("GD0101") + 4 + 7
    assert v.policy_no[6:10] in (year, str(int(year) + 1), str(int(year) - 1))
    with demo_store.reading() as s:
        actions = [e.action for e in s.scalars(select(CaseEvent).where(CaseEvent.proposal_id == pid)
                                               .order_by(CaseEvent.seq))]
    assert actions[-2:] == ["validate", "auto_issue"]
    assert pid not in {r.proposal_id for r in underwriting.queue(demo_store, actor=actors["uw"])}


def test_issues_wait_for_an_underwriter_who_decides_within_authority(demo_store, actors):
    values = good_values(4) | {"health_declaration": "Y"}
    pid = keyed_case(demo_store, actors, values, n=4)
    assert state_of(demo_store, pid) == "VALIDATED"
    row = next(r for r in underwriting.queue(demo_store, actor=actors["uw"]) if r.proposal_id == pid)
    assert row.issue_types == ("HEALTH_DECLARATION",) and row.within_authority and row.may_decide
    v = underwriting.show(demo_store, actor=actors["uw"], proposal_id=pid)
    (issue,) = v.issues
    assert issue.amount == Decimal("400000") and issue.facts["health_declaration"] == "Y" and issue.status == "open"
    assert v.run is not None and v.run.passed and ("健康告知（有/无）", "Y") in v.summary
    # An exclusion without its wording, a loading without a percentage: refused.
    assert "除外责任" in refused(demo_store, underwriting.decide, actor=actors["uw"], proposal_id=pid,
                                 decision="exclusion", reason="既往症")
    assert "加费比例" in refused(demo_store, underwriting.decide, actor=actors["uw"], proposal_id=pid,
                                decision="loading", loading_percent="abc")
    assert "必须填写原因" in refused(demo_store, underwriting.decide, actor=actors["uw"], proposal_id=pid,
                                  decision="decline", reason=" ")
    done = underwriting.decide(demo_store, actor=actors["uw"], proposal_id=pid, decision="exclusion",
                               exclusion="除外：被保险人既往高血压及其并发症", reason="健康告知有高血压史").value
    assert done.state == "ISSUED" and done.policy_no
    v = underwriting.show(demo_store, actor=actors["uw"], proposal_id=pid)
    assert [i.status for i in v.issues] == ["approved"] and v.issues[0].decided_by == "核保员 何志远"
    (d,) = v.decisions
    assert (d.decision, d.exclusion, d.authority_level, d.org_code) == ("exclusion", "除外：被保险人既往高血压及其并发症",
                                                                         2, "GD0101")
    assert v.policy_no == done.policy_no


def test_above_authority_is_refused_naming_the_issue_and_then_referred(demo_store, actors):
    values = good_values(2) | {"health_declaration": "Y", "product_1_level": "C", "product_1_sum_insured": "500000.00",
                               "product_1_premium": "1200.00", "premium_total": "1560.00"}
    pid = keyed_case(demo_store, actors, values, n=2)  # 800,000 a life: health declaration above level 2's 500,000
    assert state_of(demo_store, pid) == "VALIDATED"
    msg = refused(demo_store, underwriting.decide, actor=actors["uw"], proposal_id=pid, decision="standard")
    assert "健康告知异常" in msg and "800,000.00" in msg and "500,000.00" in msg and "请上报省公司" in msg
    row = next(r for r in underwriting.queue(demo_store, actor=actors["uw"]) if r.proposal_id == pid)
    assert not row.within_authority
    # Declining needs no grant of the issue, only the case within the level's size: allowed, but refer instead.
    assert "上报" in refused(demo_store, underwriting.refer, actor=actors["uw"], proposal_id=pid, reason="")
    out = underwriting.refer(demo_store, actor=actors["uw"], proposal_id=pid, reason="健康告知保额超权限").value
    assert out.state == "REFERRED" and out.decision == "refer"
    assert pid in {r.proposal_id for r in underwriting.queue(demo_store, actor=actors["province"])}
    assert "上报省公司" in refused(demo_store, underwriting.decide, actor=actors["uw"], proposal_id=pid,
                                 decision="standard")
    done = underwriting.decide(demo_store, actor=actors["province"], proposal_id=pid, decision="loading",
                               loading_percent="50", reason="高血压加费").value
    assert done.state == "ISSUED" and done.policy_no
    decisions = underwriting.show(demo_store, actor=actors["province"], proposal_id=pid).decisions
    assert [(d.decision, d.authority_level) for d in decisions] == [("refer", 2), ("loading", 4)]
    assert decisions[-1].loading_percent == Decimal("50")


def test_the_entry_operators_and_reconciler_cannot_decide(demo_store, actors):
    with demo_store.transaction() as s:
        for name, role in (("uwkey", Role.ENTRY_OPERATOR), ("uwrec", Role.PROBLEM_HANDLER)):
            users.add_user(s, actor=actors["admin"], username=name, display_name=f"双岗 {name}", password="Passw0rd9",
                           roles=[role, Role.UNDERWRITER], authority_level=4)
        dual = {n: users.actor_for(s, n) for n in ("uwkey", "uwrec")}
    pid, _ = scanned_cases(demo_store)[0]
    import_insured(demo_store, pid, actors["clerk"].user_id, 4)
    values = good_values(4) | {"health_declaration": "Y"}
    key_pass(demo_store, dual["uwkey"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, values | {"contact_name": "李力"})  # one difference
    assert state_of(demo_store, pid) == "RECONCILE"
    entry.reconcile(demo_store, actor=dual["uwrec"], proposal_id=pid,
                    choices=[entry.Choice("contact_name", "1")])
    assert state_of(demo_store, pid) == "VALIDATED"
    for who in ("uwkey", "uwrec"):
        for decision in ("standard", "decline"):
            msg = refused(demo_store, underwriting.decide, actor=dual[who], proposal_id=pid, decision=decision,
                          reason="试图核保")
            assert "不能核保本案" in msg
        assert "不能核保本案" in refused(demo_store, underwriting.refer, actor=dual[who], proposal_id=pid, reason="x")
    row = next(r for r in underwriting.queue(demo_store, actor=dual["uwkey"]) if r.proposal_id == pid)
    assert not row.may_decide
    assert underwriting.decide(demo_store, actor=actors["uw"], proposal_id=pid, decision="standard").value.policy_no


def test_supervisor_assigns_authority_levels(demo_store, actors):
    user_services.set_authority_level(demo_store, actor=actors["super"], username="uw", level=1)
    with demo_store.reading() as s:
        assert users.actor_for(s, "uw").authority_level == 1
        entry_ = s.scalars(select(AuditEntry).where(AuditEntry.action == "user.authority_level")).all()[-1]
        assert '"to": 1' in entry_.detail
    for actor, level, words in ((actors["uw"], 2, "只有业务主管"), (actors["super"], 9, "不存在"),
                                (actors["super"], -1, "不能为负数")):
        with pytest.raises(DomainError) as exc:
            user_services.set_authority_level(demo_store, actor=actor, username="uw", level=level)
        assert words in exc.value.message
    with pytest.raises(DomainError) as exc:
        user_services.set_authority_level(demo_store, actor=actors["super"], username="clerk", level=2)
    assert "不是核保员" in exc.value.message


def test_issue_rows_per_round(demo_store, actors):
    pid = keyed_case(demo_store, actors, good_values(4) | {"health_declaration": "Y"}, n=4)
    with demo_store.reading() as s:
        rows = s.scalars(select(UwIssue).where(UwIssue.proposal_id == pid)).all()
    assert [(r.round, r.issue_type) for r in rows] == [(1, "HEALTH_DECLARATION")]
