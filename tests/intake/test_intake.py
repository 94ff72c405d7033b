"""Counter intake through the core service: outcomes, refusals (nothing changed), warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from desk_app import clock
from desk_app.core import intake, stationery, workflow
from desk_app.core.demo import demo_credit_code
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.proposals import ProductLine
from desk_app.core.workflow import State
from desk_app.store.models import AuditEntry, Deficiency, Intake, IntakeChecklistItem, StationeryNumber
from tests.factories import effective_date
from tests.intake.helpers import NUMBER, draft, request, snapshot


def accept(store, actor, req, now=None):
    with store.transaction() as s:
        return intake.accept_proposal(s, actor=actor, request=req, now=now)


def test_accept_registers_the_case_and_uses_the_number(demo_store, actors):
    result = accept(demo_store, actors["clerk"], request(demo_store))
    assert result.outcome == "accepted" and result.proposal_no == NUMBER
    with demo_store.reading() as s:
        assert [e.action for e in workflow.history(s, result.proposal_id)] == ["receive"]
        num = s.scalar(select(StationeryNumber).where(StationeryNumber.number == NUMBER))
        assert (num.state, num.proposal_id) == ("used", result.proposal_id)
        items = s.scalars(select(IntakeChecklistItem).where(IntakeChecklistItem.proposal_id == result.proposal_id))
        assert all(i.received for i in items)
        rec = s.scalar(select(Intake).where(Intake.proposal_id == result.proposal_id))
        assert rec.outcome == "accepted" and not rec.past_date_confirmed
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.target_id == result.proposal_id,
                                                        AuditEntry.action == "intake.record"))


def test_branch_held_numbers_serve_any_agent(demo_store, actors):
    result = accept(demo_store, actors["clerk"], request(demo_store, draft(proposal_no="T440100201",
                                                                           agent_code="AG1005")))
    assert result.outcome == "accepted"


def test_accept_with_deficiencies_records_each_missing_item(demo_store, actors):
    req = request(demo_store)
    ticks = tuple(dataclasses.replace(t, received=False, note="后补") if t.code in ("insured_list", "black_ink")
                  else t for t in req.ticks)
    with pytest.raises(InvalidInput, match="受理并登记缺件"):
        accept(demo_store, actors["clerk"], dataclasses.replace(req, ticks=ticks))
    result = accept(demo_store, actors["clerk"], dataclasses.replace(req, ticks=ticks,
                                                                     outcome="accept_with_deficiencies"))
    assert result.outcome == "accepted_with_deficiencies"
    with demo_store.reading() as s:
        defs = s.scalars(select(Deficiency).where(Deficiency.proposal_id == result.proposal_id)).all()
        assert sorted((d.code, d.status, d.note) for d in defs) == [("black_ink", "open", "后补"),
                                                                   ("insured_list", "open", "后补")]
        assert workflow.history(s, result.proposal_id)[-1].to_state is State.RECEIVED


def test_return_papers_with_reasons(demo_store, actors):
    req = request(demo_store, outcome="return", return_reasons=("投保单未加盖公章", "被保险人清单缺页"))
    result = accept(demo_store, actors["clerk"], req)
    assert result.outcome == "returned"
    with demo_store.reading() as s:
        hist = workflow.history(s, result.proposal_id)
        assert [e.action for e in hist] == ["receive", "return_papers"]
        assert hist[-1].reason == "投保单未加盖公章；被保险人清单缺页"
        assert s.scalar(select(StationeryNumber.state).where(StationeryNumber.number == NUMBER)) == "used"


def test_return_without_reasons_uses_the_missing_items_or_is_refused(demo_store, actors):
    before = snapshot(demo_store)
    with pytest.raises(InvalidInput, match="退件必须填写退件原因"):
        accept(demo_store, actors["clerk"], request(demo_store, outcome="return"))
    assert snapshot(demo_store) == before
    req = request(demo_store, outcome="return")
    ticks = tuple(dataclasses.replace(t, received=t.code != "insured_list") for t in req.ticks)
    result = accept(demo_store, actors["clerk"], dataclasses.replace(req, ticks=ticks))
    assert result.return_reasons == ("缺少或不符合要求：被保险人清单（加盖投保单位公章）",)


def _issue(store, actors, fn, first, last=None, **kw):
    with store.transaction() as s:
        fn(s, actor=actors["super"], first=first, last=last or first, **kw)


REFUSALS = {
    "not_issued": (lambda st, a: None, {"proposal_no": "T440100301"}, "尚未发放"),
    "not_in_stock": (lambda st, a: None, {"proposal_no": "T449999999"}, "不在本机构单证库存中"),
    "other_agent": (lambda st, a: None, {"proposal_no": "T440100101"}, "发放给业务员 李秀英（AG1002），不是本单业务员"),
    "voided": (lambda st, a: _issue(st, a, stationery.void_range, NUMBER, reason="填写错误"), {}, "已作废"),
    "lost": (lambda st, a: _issue(st, a, stationery.report_lost, NUMBER, reason="业务员遗失"), {}, "已挂失"),
    "no_intermediary": (lambda st, a: None, {"business_source": "broker"}, "中介业务必须填写有效的中介机构"),
    "commission_above_cap": (lambda st, a: None, {"business_source": "broker", "intermediary_code": "BK001",
                                                  "commission_ratio": Decimal("0.30")}, "超过"),
    "unknown_product": (lambda st, a: None, {"products": (ProductLine("XXX99", "A", Decimal("1000"),
                                                                      Decimal("10")),),
                                             "premium_total": Decimal("10")}, "险种代码“XXX99”不存在"),
    "credit_code_check_digit": (lambda st, a: None,
                                {"applicant_credit_code": demo_credit_code(__import__("random").Random(1))[:-1]
                                 + ("0" if demo_credit_code(__import__("random").Random(1))[-1] != "0" else "1")},
                                "校验位不正确"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refusals_have_a_chinese_message_and_change_nothing(name, demo_store, actors):
    setup, changes, message = REFUSALS[name]
    setup(demo_store, actors)
    before = snapshot(demo_store)
    with pytest.raises(InvalidInput) as err:
        accept(demo_store, actors["clerk"], request(demo_store, draft(**changes)))
    assert message in err.value.message
    assert snapshot(demo_store) == before


def test_already_used_number_is_refused_and_changes_nothing(demo_store, actors):
    first = accept(demo_store, actors["clerk"], request(demo_store))
    before = snapshot(demo_store)
    with pytest.raises(InvalidInput) as err:
        accept(demo_store, actors["clerk"], request(demo_store, draft(applicant_name="另一家单位")))
    assert f"已被使用（案件号 {first.case_no}）" in err.value.message
    assert snapshot(demo_store) == before


def test_only_a_counter_clerk_takes_in(demo_store, actors):
    before = snapshot(demo_store)
    with pytest.raises(TransitionRefused, match="柜面受理员"):
        accept(demo_store, actors["scanner"], request(demo_store))
    assert snapshot(demo_store) == before


def test_past_effective_date_must_be_confirmed_and_is_recorded(demo_store, actors):
    eff = clock.today() - dt.timedelta(days=12)
    d = draft(effective_date=eff, proposal_date=eff - dt.timedelta(days=1))
    before = snapshot(demo_store)
    with pytest.raises(InvalidInput, match=f"生效日期 {eff.isoformat()} 已过"):
        accept(demo_store, actors["clerk"], request(demo_store, d))
    assert snapshot(demo_store) == before
    result = accept(demo_store, actors["clerk"], request(demo_store, d, confirm_past_date=True))
    with demo_store.reading() as s:
        assert s.scalar(select(Intake.past_date_confirmed).where(Intake.proposal_id == result.proposal_id))


def test_duplicate_open_case_is_flagged_before_accepting(demo_store, actors):
    accept(demo_store, actors["clerk"], request(demo_store))
    # Same unit and product, cover overlapping (starts two months later), another number.
    eff = effective_date() + dt.timedelta(days=62)
    dup = draft(proposal_no="T440100002", effective_date=eff, proposal_date=eff - dt.timedelta(days=1))
    with demo_store.reading() as s:
        pv = intake.preview(s, dup)
    assert [w.code for w in pv.warnings] == ["duplicate"] and len(pv.duplicates) == 1
    with pytest.raises(InvalidInput, match="疑似重复投保"):
        accept(demo_store, actors["clerk"], request(demo_store, dup))
    result = accept(demo_store, actors["clerk"], request(demo_store, dup, confirm_duplicates=True))
    with demo_store.reading() as s:
        assert s.scalar(select(Intake.duplicates_confirmed).where(Intake.proposal_id == result.proposal_id)) \
            == pv.duplicates[0]
    # A cover starting after both have ended is no duplicate.
    later = eff + dt.timedelta(days=366 + 31)
    with demo_store.reading() as s:
        assert not intake.preview(s, draft(proposal_no="T440100003", effective_date=later,
                                           proposal_date=later - dt.timedelta(days=1))).warnings


def test_unknown_checklist_code_is_refused(demo_store, actors):
    req = request(demo_store)
    with pytest.raises(InvalidInput, match="材料清单中没有这些项目：construction_contract"):
        accept(demo_store, actors["clerk"], dataclasses.replace(
            req, ticks=(*req.ticks, intake.Tick("construction_contract", True))))
