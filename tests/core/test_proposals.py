"""Registering a case: the rule book's field rules refuse bad drafts and write nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desk_app.core import proposals
from desk_app.core.demo import demo_credit_code
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.identifiers import valid_bank_card, valid_credit_code, valid_mobile, valid_resident_id
from desk_app.core.proposals import ProductLine
from desk_app.core.workflow import State
from desk_app.store.models import CaseEvent, Proposal
from tests.factories import effective_date, good_draft


def count(store, table):
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_register_creates_case_with_its_received_event(demo_store, actors):
    with demo_store.transaction() as s:
        case = proposals.register_case(s, actor=actors["clerk"], draft=good_draft())
    assert case.state == State.RECEIVED and case.sum_insured_total == Decimal("8000000.00")
    assert [h.action_label for h in case.history] == ["受理"] and case.history[0].actor_name == "柜员 周晓梅"
    assert case.industry_name == "软件和信息技术服务业" and case.agent_name == "王建国"
    assert [(p.product_code, p.product_name) for p in case.products] == [("GTL01", "团体定期寿险"),
                                                                         ("GAC01", "团体意外伤害保险")]
    with demo_store.reading() as s:
        assert proposals.find_case(s, "T440099001") == case.proposal_id
        assert proposals.find_case(s, case.case_no) == case.proposal_id


def test_case_numbers_follow_on_within_the_day(demo_store, actors):
    now = dt.datetime(2026, 11, 25, 2, tzinfo=dt.UTC)
    with demo_store.transaction() as s:
        a = proposals.register_case(s, actor=actors["clerk"], draft=good_draft(), now=now)
        b = proposals.register_case(s, actor=actors["clerk"], draft=good_draft(proposal_no="T440099002"), now=now)
    assert a.case_no.startswith("GD010120261125") and int(b.case_no[-6:]) == int(a.case_no[-6:]) + 1


BAD = {
    "credit code check digit": (dict(applicant_credit_code="91440101MA5CXXXXX0"), "校验位不正确"),
    "no credit code for group": (dict(applicant_credit_code=None), "必须填写统一社会信用代码"),
    "unknown industry": (dict(industry_code="Z99"), "不在团险职业分类表中"),
    "proposal date": (dict(effective_date=effective_date(), proposal_date=effective_date()), "投保日期必须为生效日期的前一天"),
    "premium total": (dict(premium_total=Decimal("5999.99")), "与各险种保费之和"),
    "unknown product": (dict(products=(ProductLine("XXX99", "A", Decimal("1"), Decimal("1")),),
                             premium_total=Decimal("1")), "险种代码“XXX99”不存在"),
    "unknown level": (dict(products=(ProductLine("GTL01", "Z", Decimal("1"), Decimal("1")),),
                           premium_total=Decimal("1")), "没有保障等级“Z”"),
    "individual product on group": (dict(products=(ProductLine("ITL01", "A", Decimal("1"), Decimal("1")),),
                                         premium_total=Decimal("1")), "不适用于团险业务"),
    "intermediary missing": (dict(business_source="broker"), "必须填写有效的中介机构"),
    "intermediary wrong kind": (dict(business_source="broker", intermediary_code="SA001",
                                     commission_ratio=Decimal("0.05")), "不是经纪机构"),
    "commission above cap": (dict(business_source="sideline_agency", intermediary_code="SA001",
                                  commission_ratio=Decimal("0.09")), "超过"),
    "commission missing": (dict(business_source="professional_agency", intermediary_code="PA001"),
                           "必须填写手续费比例"),
    "intermediary on direct": (dict(intermediary_code="PA001"), "非中介业务不应填写中介机构"),
    "bad source": (dict(business_source="friend"), "业务来源必须是"),
    "unknown agent": (dict(agent_code="AG9999"), "业务员代码“AG9999”不存在"),
    "empty number": (dict(proposal_no=" "), "投保单号不能为空"),
    "no products": (dict(products=(), premium_total=Decimal("0")), "至少需要一个险种"),
    "term too long": (dict(term_months=36), "保险期间最长 12 个月"),
    "fractions of a fen": (dict(products=(ProductLine("GTL01", "A", Decimal("1"), Decimal("0.001")),),
                                premium_total=Decimal("0.001")), "金额最多精确到分"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_draft_is_refused_and_changes_nothing(demo_store, actors, case):
    changes, message = BAD[case]
    before = (count(demo_store, Proposal), count(demo_store, CaseEvent))
    with pytest.raises(InvalidInput) as exc, demo_store.transaction() as s:
        proposals.register_case(s, actor=actors["clerk"], draft=good_draft(**changes))
    assert message in exc.value.message
    assert (count(demo_store, Proposal), count(demo_store, CaseEvent)) == before


def test_intermediary_business_within_cap_is_accepted(demo_store, actors):
    with demo_store.transaction() as s:
        case = proposals.register_case(s, actor=actors["clerk"], draft=good_draft(
            business_source="sideline_agency", intermediary_code="SA001", commission_ratio=Decimal("0.08")))
    assert case.intermediary_name == "华夏银行股份有限公司兼业代理部" and case.commission_ratio == Decimal("0.08")


def test_only_a_counter_clerk_registers(demo_store, actors):
    with pytest.raises(TransitionRefused, match="只有柜面受理员可以受理新单"), demo_store.transaction() as s:
        proposals.register_case(s, actor=actors["scanner"], draft=good_draft())


def test_identifier_checks_use_stdnum():
    assert valid_credit_code(demo_credit_code(random.Random(3)))
    assert not valid_credit_code("91440101MA5CXXXXX0")
    assert valid_resident_id("11010519491231002X")
    assert not valid_resident_id("11010519491231002Y")
    assert not valid_resident_id("99999919491231002X")  # unknown county: stdnum raises KeyError inside
    assert valid_bank_card("4111111111111111") and not valid_bank_card("4111111111111112")
    assert valid_mobile("13812345678") and not valid_mobile("12812345678")
