"""The underwriting rules: like the rule book, a registry of small functions over a case's facts.
Each yields the issues it finds (an issue type, what it is about, the amount authority is granted
up to where the type has one, the facts that raised it, a Chinese message naming them).

Validation is about data nobody may approve; these are questions someone with enough authority may
approve (core.underwriting.authority). They are asked only of a case that passed validation.

Not here: a price inquiry (询价) required but missing. The rule book's R018 blocks such a case at
validation and again when its problem case is resolved, so no validated case can lack one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from desk_app.core.rules.facts import CaseFacts, age_on, day, whole
from desk_app.core.text import shorten
from desk_app.core.underwriting.lives import Life, lives, premium, total_sum
from desk_app.core.underwriting.settings import UwSettings, settings
from desk_app.core.underwriting.views import ISSUE_LABELS

SHOWN = 20  # persons named in an issue's facts (the count says how many in all)


@dataclass(frozen=True)
class RaisedIssue:
    issue_type: str
    message: str
    amount: Decimal | None = None
    subject: str = ""
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What every underwriting rule may look at, computed once per case."""

    facts: CaseFacts
    lives: list[Life]
    settings: UwSettings

    @property
    def effective(self) -> dt.date | None:
        return day(self.facts.get("effective_date"))

    @property
    def largest_life(self) -> Decimal:
        return max((life.sum_insured for life in self.lives), default=Decimal(0))

    @property
    def total(self) -> Decimal:
        return total_sum(self.lives)

    def industry(self) -> tuple[str, str, int] | None:
        code = self.facts.get("industry_code" if self.facts.business_type == "GROUP" else "applicant_occupation")
        code = code.upper()
        ref = self.facts.refs.industries.get(code)
        return (code, ref[0], ref[1]) if ref else None


IssueRule = Callable[[Context], Iterator[RaisedIssue]]
REGISTRY: dict[str, IssueRule] = {}


def issue_rule(issue_type: str) -> Callable[[IssueRule], IssueRule]:
    def deco(fn: IssueRule) -> IssueRule:
        if issue_type in REGISTRY or issue_type not in ISSUE_LABELS:
            raise ValueError(f"issue rule {issue_type} unknown or registered twice")
        REGISTRY[issue_type] = fn
        return fn

    return deco


def yuan(v: Decimal) -> str:
    return f"{v:,.2f}"


def _who(life: Life) -> str:
    return f"第 {life.row_no} 行 {shorten(life.name, 20)}" if life.row_no else (shorten(life.name, 20) or "被保险人")


@issue_rule("SUM_PER_LIFE")
def sum_per_life(c: Context) -> Iterator[RaisedIssue]:
    limit = c.settings.auto_sum_per_life
    over = [life for life in c.lives if life.sum_insured > limit]
    if over:
        top = max(over, key=lambda life: life.sum_insured)
        yield RaisedIssue("SUM_PER_LIFE", f"{_who(top)}的保额合计 {yuan(top.sum_insured)} 元，超过自动核保的每人限额 "
                          f"{yuan(limit)} 元（共 {sum(life.count for life in over)} 人超限）。",
                          top.sum_insured, facts={"largest": str(top.sum_insured), "limit": str(limit),
                                                  "persons": sum(life.count for life in over),
                                                  "rows": [life.row_no for life in over[:SHOWN] if life.row_no]})


@issue_rule("TOTAL_SUM")
def total_sum_insured(c: Context) -> Iterator[RaisedIssue]:
    limit, total = c.settings.auto_total_sum, c.total
    if total > limit:
        yield RaisedIssue("TOTAL_SUM", f"本案总保额 {yuan(total)} 元，超过自动核保限额 {yuan(limit)} 元。", total,
                          facts={"total": str(total), "limit": str(limit),
                                 "lives": sum(life.count for life in c.lives)})


@issue_rule("TOTAL_PREMIUM")
def total_premium(c: Context) -> Iterator[RaisedIssue]:
    limit, prem = c.settings.auto_total_premium, premium(c.facts)
    if prem is not None and prem > limit:
        yield RaisedIssue("TOTAL_PREMIUM", f"本案保费合计 {yuan(prem)} 元，超过自动核保限额 {yuan(limit)} 元。", prem,
                          facts={"premium": str(prem), "limit": str(limit)})


@issue_rule("OCCUPATION_CLASS")
def occupation_class(c: Context) -> Iterator[RaisedIssue]:
    ind = c.industry()
    if ind and ind[2] in c.settings.high_occupation_classes:
        code, name, cls = ind
        yield RaisedIssue("OCCUPATION_CLASS", f"行业类别 {code}（{name}）为 {cls} 类职业，须人工核保"
                          f"（本案总保额 {yuan(c.total)} 元）。", c.total, subject=code,
                          facts={"industry_code": code, "industry": name, "occupation_class": cls,
                                 "total": str(c.total)})


@issue_rule("REFUSED_OCCUPATION")
def refused_occupation(c: Context) -> Iterator[RaisedIssue]:
    ind = c.industry()
    if not ind or ind[2] != c.settings.refused_class:
        return
    code, name, cls = ind
    refusing = sorted(c.facts.product_codes & c.settings.products_refusing_class)
    for product in refusing:
        yield RaisedIssue("REFUSED_OCCUPATION", f"险种 {product} 不承保 {cls} 类职业，本案行业类别为 {code}（{name}）。",
                          None, subject=product, facts={"product": product, "industry_code": code, "industry": name,
                                                        "occupation_class": cls})


@issue_rule("AGE_BAND")
def age_band(c: Context) -> Iterator[RaisedIssue]:
    eff = c.effective
    low, high = c.settings.usual_age_band
    if eff is None:
        return
    outside = [(life, age_on(life.birth, eff)) for life in c.lives if life.birth is not None]
    outside = [(life, age) for life, age in outside if not low <= age <= high]
    if not outside:
        return
    life, age = max(outside, key=lambda la: la[0].sum_insured)
    ages = sorted(a for _, a in outside)
    yield RaisedIssue("AGE_BAND", f"{len(outside)} 名被保险人在生效日的年龄不在常规范围 {low}–{high} 岁内"
                      f"（{ages[0]}–{ages[-1]} 岁；如{_who(life)} {age} 岁，保额 {yuan(life.sum_insured)} 元）。",
                      max(life.sum_insured for life, _ in outside),
                      facts={"band": [low, high], "persons": len(outside), "youngest": ages[0], "oldest": ages[-1],
                             "rows": [{"row": lf.row_no, "age": a} for lf, a in outside[:SHOWN]]})


@issue_rule("HEALTH_DECLARATION")
def health_declaration(c: Context) -> Iterator[RaisedIssue]:
    if c.facts.get("health_declaration").upper() == "Y":
        yield RaisedIssue("HEALTH_DECLARATION", f"健康告知为“有”，须核保人员审阅告知内容（每人最高保额 "
                          f"{yuan(c.largest_life)} 元）。", c.largest_life,
                          facts={"health_declaration": "Y", "largest": str(c.largest_life)})


@issue_rule("PARTICIPATION")
def participation(c: Context) -> Iterator[RaisedIssue]:
    """Group participation, read from the form and the list: the form's 在职人数 (employee_count) is
    the unit's employees; insured employees are the list's persons whose relation is the employee
    (without a list, the form's 被保险人数); dependants are the list's spouses, children and parents.
    The form has no field saying who pays the premium, so every group case is read as one where the
    premium may be shared: the stricter reading (a plan the unit pays alone needs everyone anyway)."""
    f = c.facts
    if f.business_type != "GROUP":
        return
    staff = whole(f.get("employee_count"))
    if f.has_list:
        employees = sum(1 for p in f.insured if (p.relation or "employee") == "employee")
        dependants = len(f.insured) - employees
    else:
        employees, dependants = whole(f.get("insured_count")) or 0, 0
    s = c.settings
    if staff and employees / Decimal(staff) < s.min_employee_participation:
        ratio = employees / Decimal(staff)
        yield RaisedIssue("PARTICIPATION", f"在职人数 {staff} 人，投保员工 {employees} 人，投保比例 {ratio:.0%}，"
                          f"低于 {s.min_employee_participation:.0%}。", None, subject="employees",
                          facts={"employee_count": staff, "insured_employees": employees,
                                 "ratio": f"{ratio:.4f}", "minimum": str(s.min_employee_participation)})
    if dependants and employees and dependants / Decimal(employees) < s.min_dependant_participation:
        ratio = dependants / Decimal(employees)
        yield RaisedIssue("PARTICIPATION", f"投保员工 {employees} 人，连带家属 {dependants} 人，家属投保比例 {ratio:.0%}，"
                          f"低于 {s.min_dependant_participation:.0%}。", None, subject="dependants",
                          facts={"insured_employees": employees, "dependants": dependants, "ratio": f"{ratio:.4f}",
                                 "minimum": str(s.min_dependant_participation)})


@issue_rule("SPECIAL_INDUSTRY")
def special_industry(c: Context) -> Iterator[RaisedIssue]:
    ind = c.industry()
    if ind is None:
        return
    code, name, _ = ind
    if code in c.settings.special_industries or code in c.settings.special_industry_sections:
        yield RaisedIssue("SPECIAL_INDUSTRY", f"行业类别 {code}（{name}）属特殊行业（采矿、建筑、危险化学品），"
                          f"须人工核保（本案总保额 {yuan(c.total)} 元）。", c.total, subject=code,
                          facts={"industry_code": code, "industry": name, "total": str(c.total)})


def raise_issues(facts: CaseFacts, uw: UwSettings | None = None) -> list[RaisedIssue]:
    """Every underwriting issue of a case, in registry order."""
    ctx = Context(facts, lives(facts), uw or settings())
    return [issue for fn in REGISTRY.values() for issue in fn(ctx)]
