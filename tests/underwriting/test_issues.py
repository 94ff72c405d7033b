"""Each underwriting rule on facts built as the rule book builds them: raised with its amount and
facts where the case asks for it, silent on the clean case and just inside each limit."""

from __future__ import annotations

from decimal import Decimal

from desk_app.core.underwriting.issues import REGISTRY, raise_issues
from desk_app.core.underwriting.settings import settings
from tests.underwriting.helpers import group_facts, person


def by_type(facts, issue_type):
    return [i for i in raise_issues(facts) if i.issue_type == issue_type]


def test_the_clean_case_raises_nothing():
    assert raise_issues(group_facts()) == []
    assert raise_issues(group_facts(has_list=False)) == []


def test_every_issue_type_has_a_rule():
    assert set(REGISTRY) == {"SUM_PER_LIFE", "TOTAL_SUM", "TOTAL_PREMIUM", "OCCUPATION_CLASS", "REFUSED_OCCUPATION",
                             "AGE_BAND", "HEALTH_DECLARATION", "PARTICIPATION", "SPECIAL_INDUSTRY"}


def test_sum_per_life_over_all_products_of_a_person():
    # GTL01 C (500,000) + GAC01 B (300,000) = 800,000 a life, above 500,000.
    facts = group_facts({"product_1_level": "C", "product_1_sum_insured": "500000.00"})
    (issue,) = by_type(facts, "SUM_PER_LIFE")
    assert issue.amount == Decimal("800000") and issue.facts["persons"] == 4
    assert issue.facts["limit"] == "500000" and "800,000.00" in issue.message
    # A person's own level counts: only row 3 is on level C.
    people = [person(2), person(3, level="C"), person(4)]
    (issue,) = by_type(group_facts(insured=people, n=3), "SUM_PER_LIFE")
    assert issue.facts["persons"] == 1 and issue.facts["rows"] == [3]
    # 500,000 exactly is within the limit (GTL01 B 200,000 + GAC01 B 300,000).
    assert not by_type(group_facts({"product_1_level": "B", "product_1_sum_insured": "200000.00"}), "SUM_PER_LIFE")


def test_total_sum_of_the_case():
    assert not by_type(group_facts(n=5), "TOTAL_SUM")  # 5 x 400,000 = 2,000,000: the limit itself
    (issue,) = by_type(group_facts(n=6), "TOTAL_SUM")
    assert issue.amount == Decimal("2400000") and issue.facts == {"total": "2400000", "limit": "2000000", "lives": 6}
    # Without an insured list: the form's head count.
    (issue,) = by_type(group_facts(n=10, has_list=False), "TOTAL_SUM")
    assert issue.amount == Decimal("4000000") and issue.facts["lives"] == 10


def test_total_premium():
    assert not by_type(group_facts({"premium_total": "100000.00"}), "TOTAL_PREMIUM")
    (issue,) = by_type(group_facts({"premium_total": "100000.01"}), "TOTAL_PREMIUM")
    assert issue.amount == Decimal("100000.01") and issue.facts["premium"] == "100000.01"


def test_occupation_class_5_and_6():
    assert not by_type(group_facts({"industry_code": "C33"}), "OCCUPATION_CLASS")  # class 4
    (issue,) = by_type(group_facts({"industry_code": "C31"}), "OCCUPATION_CLASS")  # 黑色金属冶炼, class 5
    assert issue.facts["occupation_class"] == 5 and issue.subject == "C31" and issue.amount == Decimal("1600000")
    (issue,) = by_type(group_facts({"industry_code": "b06"}), "OCCUPATION_CLASS")
    assert issue.facts["occupation_class"] == 6 and issue.facts["industry"] == "煤炭开采和洗选业"


def test_refused_occupation_only_for_products_that_refuse_class_6():
    assert settings().products_refusing_class >= {"GCI01"}
    changes = {"industry_code": "B06", "product_2_code": "GCI01", "product_2_level": "A",
               "product_2_sum_insured": "100000.00"}
    (issue,) = by_type(group_facts(changes), "REFUSED_OCCUPATION")
    assert issue.subject == "GCI01" and issue.amount is None and issue.facts["occupation_class"] == 6
    assert not by_type(group_facts({"industry_code": "B06"}), "REFUSED_OCCUPATION")  # GTL01/GAC01 take class 6
    assert not by_type(group_facts(changes | {"industry_code": "C31"}), "REFUSED_OCCUPATION")  # class 5


def test_age_band_18_to_60():
    people = [person(2, age=35), person(3, age=61), person(4, age=17)]
    (issue,) = by_type(group_facts(insured=people, n=3), "AGE_BAND")
    assert issue.facts["persons"] == 2 and (issue.facts["youngest"], issue.facts["oldest"]) == (17, 61)
    assert {r["row"] for r in issue.facts["rows"]} == {3, 4} and issue.amount == Decimal("400000")
    assert not by_type(group_facts(insured=[person(2, age=18), person(3, age=60)], n=2), "AGE_BAND")


def test_health_declaration():
    assert not by_type(group_facts({"health_declaration": "N"}), "HEALTH_DECLARATION")
    (issue,) = by_type(group_facts({"health_declaration": "Y"}), "HEALTH_DECLARATION")
    assert issue.amount == Decimal("400000") and issue.facts["health_declaration"] == "Y"


def test_participation_of_employees_and_dependants():
    # 4 insured employees of 6 on the payroll: 66.7 % < 75 %.
    (issue,) = by_type(group_facts({"employee_count": "6"}), "PARTICIPATION")
    assert issue.subject == "employees" and issue.facts["insured_employees"] == 4 and issue.facts["employee_count"] == 6
    assert not by_type(group_facts({"employee_count": "5"}), "PARTICIPATION")  # 80 %
    # 4 employees and 2 dependants: 50 % < 60 %; 3 dependants: 75 %.
    people = [person(i) for i in range(2, 6)] + [person(6, relation="spouse"), person(7, relation="child", age=19)]
    (issue,) = by_type(group_facts(insured=people, n=6, changes={"employee_count": "4"}), "PARTICIPATION")
    assert issue.subject == "dependants" and issue.facts["dependants"] == 2
    people.append(person(8, relation="child", age=20))
    assert not by_type(group_facts(insured=people, n=7, changes={"employee_count": "4"}), "PARTICIPATION")


def test_special_industries():
    for code in ("B06", "B12", "E47", "E50", "C26", "E"):
        (issue,) = by_type(group_facts({"industry_code": code}), "SPECIAL_INDUSTRY")
        assert issue.facts["industry_code"] == code and issue.amount == Decimal("1600000")
    for code in ("C33", "C25", "I65", "D45"):
        assert not by_type(group_facts({"industry_code": code}), "SPECIAL_INDUSTRY")
