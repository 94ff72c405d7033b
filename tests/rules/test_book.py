"""Each rule of the book: a valid case passes it, a case with the fault fails it with a message that
names the value."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desk_app.core.rules import runner
from desk_app.core.rules.engine import Severity
from tests.factories import effective_date
from tests.rules.conftest import people


def findings(facts, code=None):
    out = runner.run(facts, strict=True)
    return [f for f in out if code is None or f.code == code]


def messages(facts, code):
    return [f.message for f in findings(facts, code)]


def test_a_valid_group_case_and_a_valid_individual_case_pass_every_rule(case):
    assert findings(case.group()) == []
    assert findings(case.individual()) == []


def test_the_book_holds_the_seeds_rules_each_with_a_code_title_and_severity():
    rules = runner.rules()
    assert len(rules) >= 19 and len({r.code for r in rules}) == len(rules)
    assert {r.code for r in rules if r.severity is Severity.WARNING} == {"R013", "R015"}


@pytest.mark.parametrize(("change", "code", "expected"), [
    ({"legal_rep_name": ""}, "R001", "“法定代表人”为必填项"),
    ({"applicant_name": "无"}, "R002", "投保单位名称必须填写全称"),
    ({"applicant_name": "明华"}, "R002", "投保单位名称“明华”过短"),
    ({"industry_code": "Z99"}, "R003", "行业类别代码“Z99”不在国民经济行业分类"),
    ({"business_source": "friend"}, "R005", "业务来源“friend”无效"),
    ({"business_source": "sideline_agency"}, "R006", "兼业代理业务必须填写中介机构代码"),
    ({"business_source": "sideline_agency", "intermediary_code": "SA001", "commission_ratio": "12"}, "R006",
     "手续费比例 12% 超过“华夏银行股份有限公司兼业代理部”的上限 8%"),
    ({"business_source": "sideline_agency", "intermediary_code": "SA001", "commission_ratio": "百分之五"}, "R006",
     "手续费比例“百分之五”不是有效的百分数"),
    ({"business_source": "direct", "intermediary_code": "SA001"}, "R006", "直销业务不应填写中介机构"),
    ({"product_1_code": "XX01"}, "R007", "险种代码“XX01”不存在"),
    ({"product_1_code": "ITL01"}, "R007", "险种 ITL01（个人定期寿险）是个险险种"),
    ({"product_1_level": "Z"}, "R007", "险种 GTL01 没有保障等级“Z”（可选：A、B、C）"),
    ({"product_1_sum_insured": "200000.00"}, "R007", "等级 A 的保额应为 100,000.00 元，投保单填写 200,000.00 元"),
    ({"term_months": "24"}, "R007", "保险期间 24 个月超过险种 GTL01 的最长期间 12 个月"),
    ({"term_months": "-3"}, "R007", "保险期间“-3”应为正整数"),
    ({"applicant_credit_code": "91440101MA5CXXXX0X"}, "R010", "统一社会信用代码“91440101MA5CXXXX0X”不正确"),
    ({"payer_bank_account": "1234567890123456789012345"}, "R013", "如为单位对公账户"),
    ({"contact_phone": "12345"}, "R014", "“联系电话”“12345”既不是 11 位手机号码"),
    ({"special_agreements": "每人赠送旅游一次。"}, "R015", "特别约定第 1 条“每人赠送旅游一次。”不是所投险种的标准措辞"),
    ({"insured_count": "21"}, "R016", "投保单被保险人数 21 人，被保险人清单 20 人"),
    ({"agent_code": "AG9999"}, "R017", "业务员代码“AG9999”不存在"),
    ({"product_2_code": "GOP01", "product_2_level": "A", "product_2_sum_insured": "2000.00",
      "product_2_premium": "7200.00", "premium_total": "9600.00"}, "R018", "险种 GOP01 须经询价系统审批"),
])
def test_each_rule_fails_a_case_with_its_fault_and_names_the_value(case, change, code, expected):
    assert messages(case.group(), code) == []
    got = messages(case.group(**change), code)
    assert any(expected in m for m in got), got


def test_landline_phones_and_standard_agreements_pass(case):
    assert findings(case.group(contact_phone="020-87654321", special_agreements=(
        "本保单身故保险金受益人为被保险人的法定继承人。\n意外医疗保险金免赔额为100元，赔付比例为90%。"))) == []


def test_a_star_field_says_nothing_when_it_holds_无_and_fails_when_empty(case):
    assert messages(case.group(price_inquiry_no="无", contact_id_no="无"), "R001") == []
    missing = findings(case.group(effective_date="", business_area=""), "R001")
    assert {f.fields for f in missing} == {("effective_date",), ("business_area",)}


def test_proposal_date_must_be_the_day_before_the_effective_date(case):
    eff = effective_date()
    assert messages(case.group(proposal_date=eff.isoformat()), "R004") == [
        f"投保日期 {eff:%Y-%m-%d} 应为生效日期 {eff:%Y-%m-%d} 的前一天（{eff - dt.timedelta(days=1):%Y-%m-%d}）。"]
    assert messages(case.group(effective_date="2026-02-30"), "R004")[0].startswith("“生效日期”的值“2026-02-30”不是有效日期")


def test_premium_total_must_equal_the_sum_of_its_lines(case):
    assert messages(case.group(premium_total="6000.01"), "R009") == [
        "保费合计 6,000.01 元不等于各险种保费之和 6,000.00 元。"]
    assert "保费合计“六千”不是有效金额" in messages(case.group(premium_total="六千"), "R009")[0]


def test_premium_is_recomputed_from_the_rate_tables_exact_to_the_fen(case):
    got = messages(case.group(product_1_premium="2400.01", premium_total="6000.01"), "R008")
    assert got == ["险种 GTL01 的保费应为 2,400.00 元（20 人按费率表），投保单填写 2,400.01 元。",
                   "保费合计 6,000.01 元与按费率表重算的 6,000.00 元不符（相差 0.01 元）。"]


def test_premium_with_several_benefit_levels_and_hundreds_of_insureds(case):
    """437 insureds on plans A/B/C: a person's plan is their level of every product of the case (GTL01
    120/240/600 yuan, GAC01 60/180/300 yuan a person)."""
    a, b, c = people(200, seed=1, level="A"), people(150, seed=2, level="B"), people(87, seed=3, level="C")
    persons = tuple(dataclasses.replace(p, row_no=i + 2) for i, p in enumerate(a + b + c))
    gtl = 200 * 120 + 150 * 240 + 87 * 600  # 112,200
    gac = 200 * 60 + 150 * 180 + 87 * 300  # 65,100
    values = dict(insured_count="437", product_1_premium=f"{gtl}.00", product_2_premium=f"{gac}.00",
                  premium_total=f"{gtl + gac}.00")
    assert findings(case.group(insured=persons, **values)) == []
    off = case.group(insured=persons, **{**values, "product_2_premium": f"{gac - 1}.99",
                                         "premium_total": f"{gtl + gac - 1}.99"})
    assert messages(off, "R008") == [
        "险种 GAC01 的保费应为 65,100.00 元（437 人按费率表），投保单填写 65,099.99 元。",
        "保费合计 177,299.99 元与按费率表重算的 177,300.00 元不符（相差 -0.01 元）。"]


def test_every_insured_id_birth_date_and_gender_is_checked(case):
    persons = list(people(20))
    bad = persons[3].id_no[:-1] + ("0" if persons[3].id_no[-1] != "0" else "1")
    persons[3] = dataclasses.replace(persons[3], id_no=bad)
    persons[5] = dataclasses.replace(persons[5], birth_date=persons[5].birth_date + dt.timedelta(days=1))
    persons[7] = dataclasses.replace(persons[7], gender="F" if persons[7].gender == "M" else "M")
    got = messages(case.group(insured=tuple(persons)), "R011")
    assert len(got) == 3
    assert got[0] == f"被保险人清单第 5 行 员工4 的身份证号“{bad}”不正确：校验位不正确（请逐位核对）。"
    assert "第 7 行 员工6 的出生日期" in got[1] and "与身份证号" in got[1]
    assert got[2] == "被保险人清单第 9 行 员工8 的性别与身份证号不一致。"


def test_age_at_the_effective_date_within_the_products_limits(case):
    eff = effective_date()
    persons = list(people(20))
    # 66 on the effective date (GTL01 and GAC01 take 16–65); born 29 February where it falls so.
    old = eff.replace(year=eff.year - 66) if not (eff.month == 2 and eff.day == 29) else eff.replace(
        year=eff.year - 66, day=28)
    persons[0] = dataclasses.replace(persons[0], birth_date=old, id_no="无效")
    got = messages(case.group(insured=tuple(persons)), "R012")
    assert got == [f"被保险人清单第 2 行 员工1在生效日 66 岁，超出险种 {code} 的投保年龄 16–65 岁。"
                   for code in ("GTL01", "GAC01")]


def test_a_group_case_needs_its_insured_list(case):
    assert messages(case.group(insured=(), has_list=False), "R016") == ["团险案件尚未导入被保险人清单。"]


def test_individual_ids_and_their_birth_dates(case):
    facts = case.individual()
    wrong_birth = "1990-01-01" if facts.values["insured_birth_date"] != "1990-01-01" else "1990-01-02"
    got = messages(case.individual(insured_birth_date=wrong_birth), "R019")
    assert len(got) == 1 and got[0].startswith(f"“被保险人出生日期” {wrong_birth} 与身份证号")
    assert "“投保人身份证号”“110105199001011234”不正确：校验位不正确" in messages(case.individual(applicant_id_no="110105199001011234"), "R019")[0]
