"""Inline marks: format per type, check digits, codes in their tables, `*` fields, the rule book's
cross-field checks."""

from __future__ import annotations

from desk_app.services import entry
from tests.entry.helpers import group_values


def _marks(store, **changes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in entry.field_marks(store, form_code="GROUP_PROPOSAL", values=group_values() | changes):
        out.setdefault(m.field_key, []).append(f"{m.severity}:{m.message}")
    return out


def test_good_form_has_no_marks(demo_store):
    assert _marks(demo_store) == {}


def test_each_check_marks_its_field(demo_store):
    got = _marks(demo_store, contact_id_no="110105194912310021", applicant_credit_code="91350100M000100Y44",
                 contact_phone="12345678901", industry_code="Z99", product_1_level="Z", agent_code="AG9999",
                 unit_nature="bank", applicant_name="", special_agreements="无", effective_date="2026-13-01",
                 total_assets="很多", employee_count="二十")
    assert "校验位" in got["contact_id_no"][0] and got["contact_id_no"][0].startswith("error")
    assert "校验位" in got["applicant_credit_code"][0]
    assert "电话号码" in got["contact_phone"][0]
    assert "团险职业分类表" in got["industry_code"][0]
    assert "GTL01 没有保障等级" in got["product_1_level"][0]
    assert "业务员表" in got["agent_code"][0]
    assert "不在可选项中" in got["unit_nature"][0]
    assert "必填" in got["applicant_name"][0]
    assert "special_agreements" not in got  # `无` is a value
    assert "有效日期" in got["effective_date"][0]
    assert "金额" in got["total_assets"][0] and "整数" in got["employee_count"][0]


def test_rule_book_cross_field_checks(demo_store):
    values = group_values()
    got = _marks(demo_store, proposal_date=values["effective_date"])
    assert "前一天" in got["proposal_date"][0]
    got = _marks(demo_store, premium_total="6100")
    assert "6,100.00" in got["premium_total"][0] and "6,000.00" in got["premium_total"][0]
    got = _marks(demo_store, business_source="broker")
    assert "中介机构代码" in got["intermediary_code"][0] and "手续费比例" in got["commission_ratio"][0]
    got = _marks(demo_store, business_source="sideline_agency", intermediary_code="SA001", commission_ratio="12%")
    assert got["commission_ratio"][0].startswith("warning") and "8%" in got["commission_ratio"][0]
    assert _marks(demo_store, business_source="sideline_agency", intermediary_code="SA001", commission_ratio="5") == {}
    got = _marks(demo_store, business_source="sideline_agency", intermediary_code="SA001", commission_ratio="0.05")
    assert got["commission_ratio"][0].startswith("warning") and "是否应为5" in got["commission_ratio"][0]
    got = _marks(demo_store, product_3_code="GCI01")
    assert {"product_3_level", "product_3_sum_insured", "product_3_premium"} <= set(got)


def test_unknown_county_is_a_warning_not_an_error(demo_store):
    from stdnum.cn import ric

    body = "990105" + "19800101" + "123"  # 99: no such province
    number = body + ric.calc_check_digit(body + "0")
    got = _marks(demo_store, contact_id_no=number)
    assert got["contact_id_no"][0].startswith("warning")


def test_save_field_returns_the_marks_of_that_value(demo_store, actors, group_case):
    task = entry.open_task(demo_store, actor=actors["entry1"], proposal_id=group_case[0]).value
    save = entry.save_field(demo_store, actor=actors["entry1"], pass_id=task.pass_id, field_key="contact_phone",
                            value="1380013800", keystrokes=10)
    assert [m.field_key for m in save.value] == ["contact_phone"] and save.changes.sync and not save.changes.cases
    ok = entry.save_field(demo_store, actor=actors["entry1"], pass_id=task.pass_id, field_key="contact_phone",
                          value="13800138000", keystrokes=1)
    assert ok.value == ()
    reopened = entry.open_task(demo_store, actor=actors["entry1"], proposal_id=group_case[0]).value
    assert reopened.values == {"contact_phone": "13800138000"}
