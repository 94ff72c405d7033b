"""The seed's rule book (DOMAIN.md, 1.2.2 form-filling rules) as rules of the engine.

Codes are stable: they are stored with every finding and counted per rule for supervisors.
Messages name the value found and, where there is one, the value expected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from desk_app.core import identifiers
from desk_app.core.rules.engine import Severity, Yielded, rule
from desk_app.core.rules.facts import NOTHING, CaseFacts, age_on, day, money, percent, whole
from desk_app.core.rules.premium import line_premiums, recomputed_total
from desk_app.core.text import shorten

GROUP = ("GROUP",)
INDIVIDUAL = ("INDIVIDUAL",)
SOURCES = {"direct": "直销", "cross_sell": "综拓", "sideline_agency": "兼业代理",
           "professional_agency": "专业代理", "broker": "经纪"}
SOURCE_KIND = {"sideline_agency": "sideline", "professional_agency": "professional", "broker": "broker"}
PRICE_INQUIRY_CATEGORIES = frozenset({"outpatient", "supplementary_hospital", "non_standard"})
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def yuan(v: Decimal) -> str:
    return f"{v:,.2f}"


def pct(ratio: Decimal) -> str:
    """A fraction as the per cent people write: 0.08 → "8%", 0.125 → "12.5%"."""
    return f"{(ratio * 100).normalize():f}%"


def filled(v: str) -> bool:
    return bool(v) and v != NOTHING


def _q(v: str) -> str:
    """A value quoted in a message, shortened so a huge value is never echoed whole."""
    return f"“{shorten(v, 40)}”"


@rule("R001", "必填项", fields=())
def required_fields(f: CaseFacts) -> Iterator[Yielded]:
    for key in f.required:
        if not f.get(key):
            yield f"“{f.label(key)}”为必填项（无内容时应填“无”），本案未填写。", (key,)


@rule("R002", "投保单位名称", fields=("applicant_name",), lines=GROUP)
def unit_name(f: CaseFacts) -> Iterator[Yielded]:
    name = f.get("applicant_name")
    if not filled(name):
        yield "投保单位名称必须填写全称（应与公章一致），不能为空或“无”。"
    elif len(name) < 4:
        yield f"投保单位名称{_q(name)}过短，应填写与公章一致的单位全称。"


@rule("R003", "行业类别", fields=("industry_code",), lines=GROUP)
def industry(f: CaseFacts) -> Iterator[Yielded]:
    code = f.get("industry_code").upper()
    if filled(code) and code not in f.refs.industries:
        yield f"行业类别代码{_q(code)}不在国民经济行业分类（GB/T 4754-2017）中，请按分类表填写门类或大类代码。"


@rule("R004", "投保日期与生效日期", fields=("proposal_date", "effective_date"))
def dates(f: CaseFacts) -> Iterator[Yielded]:
    raw_p, raw_e = f.get("proposal_date"), f.get("effective_date")
    p, e = day(raw_p), day(raw_e)
    for raw, parsed, key in ((raw_p, p, "proposal_date"), (raw_e, e, "effective_date")):
        if filled(raw) and parsed is None:
            yield f"“{f.label(key)}”的值{_q(raw)}不是有效日期（应为 YYYY-MM-DD）。", (key,)
    if p and e and p != e - dt.timedelta(days=1):
        yield (f"投保日期 {p:%Y-%m-%d} 应为生效日期 {e:%Y-%m-%d} 的前一天（{e - dt.timedelta(days=1):%Y-%m-%d}）。",
               ("proposal_date", "effective_date"))


@rule("R005", "业务来源", fields=("business_source",))
def source(f: CaseFacts) -> Iterator[Yielded]:
    s = f.get("business_source")
    if filled(s) and s not in SOURCES:
        yield f"业务来源{_q(s)}无效，应为直销、综拓、兼业代理、专业代理或经纪之一。"


@rule("R006", "中介机构与手续费比例", fields=("intermediary_code", "commission_ratio"), lines=GROUP)
def intermediary(f: CaseFacts) -> Iterator[Yielded]:
    s, code, raw_ratio = f.get("business_source"), f.get("intermediary_code"), f.get("commission_ratio")
    kind = SOURCE_KIND.get(s)
    if kind is None:
        if s in SOURCES and (filled(code) or filled(raw_ratio)):
            yield f"{SOURCES[s]}业务不应填写中介机构或手续费比例。"
        return
    inter = f.refs.intermediaries.get(code.upper())
    if not filled(code):
        yield f"{SOURCES[s]}业务必须填写中介机构代码。", ("intermediary_code",)
    elif inter is None:
        yield f"中介机构代码{_q(code)}不存在。", ("intermediary_code",)
    elif inter.kind != kind:
        yield f"中介机构“{inter.name}”不是{SOURCES[s]}机构。", ("intermediary_code",)
    ratio = percent(raw_ratio)
    if not filled(raw_ratio):
        yield f"{SOURCES[s]}业务必须填写手续费比例。", ("commission_ratio",)
    elif ratio is None:
        yield f"手续费比例{_q(raw_ratio)}不是有效的百分数（例如 5 或 5.5）。", ("commission_ratio",)
    elif inter is not None and ratio > inter.commission_cap:
        yield (f"手续费比例 {pct(ratio)} 超过“{inter.name}”的上限 {pct(inter.commission_cap)}，"
               "特殊手续费须有审批签报。", ("commission_ratio",))


@rule("R007", "险种、保障等级、保额与保险期间", fields=())
def products(f: CaseFacts) -> Iterator[Yielded]:
    lines = f.lines()
    if not lines:
        yield "投保单未填写任何险种。", ("product_1_code",)
    term = whole(f.get("term_months"))
    raw_term = f.get("term_months")
    if filled(raw_term) and (term is None or term < 1):
        yield f"保险期间{_q(raw_term)}应为正整数（月）。", ("term_months",)
    for line in lines:
        code_key, level_key, si_key, _ = line.keys
        product = f.refs.products.get(line.product_code)
        if product is None:
            yield f"险种代码{_q(line.product_code)}不存在。", (code_key,)
            continue
        if product.business_type != f.business_type:
            kind = "团险" if product.business_type == "GROUP" else "个险"
            yield f"险种 {product.code}（{product.name}）是{kind}险种，不能用于本投保单。", (code_key,)
        level = product.levels.get(line.level)
        if level is None:
            yield (f"险种 {product.code} 没有保障等级{_q(line.level)}（可选："
                   f"{'、'.join(sorted(product.levels))}）。", (level_key,))
        elif line.sum_insured is None:
            yield f"险种 {product.code} 的保额未填写或不是金额。", (si_key,)
        elif line.sum_insured != level.sum_insured:
            yield (f"险种 {product.code} 等级 {line.level} 的保额应为 {yuan(level.sum_insured)} 元，"
                   f"投保单填写 {yuan(line.sum_insured)} 元。", (si_key,))
        if term is not None and term > product.max_term_months:
            yield (f"保险期间 {term} 个月超过险种 {product.code} 的最长期间 {product.max_term_months} 个月。",
                   ("term_months",))


@rule("R008", "保费按费率表重算", fields=("premium_total",))
def premium_recomputed(f: CaseFacts) -> Iterator[Yielded]:
    keyed_total = money(f.get("premium_total"))
    for lp in line_premiums(f):
        if lp.premium is not None and lp.line.premium is not None and lp.line.premium != lp.premium:
            yield (f"险种 {lp.line.product_code} 的保费应为 {yuan(lp.premium)} 元（{lp.persons} 人按费率表），"
                   f"投保单填写 {yuan(lp.line.premium)} 元。", (lp.line.keys[3],))
    expected = recomputed_total(f)
    if expected is not None and keyed_total is not None and keyed_total != expected:
        yield (f"保费合计 {yuan(keyed_total)} 元与按费率表重算的 {yuan(expected)} 元不符"
               f"（相差 {yuan(keyed_total - expected)} 元）。")


@rule("R009", "保费合计等于各险种保费之和", fields=("premium_total",))
def premium_sum(f: CaseFacts) -> Iterator[Yielded]:
    raw = f.get("premium_total")
    total = money(raw)
    if filled(raw) and total is None:
        yield f"保费合计{_q(raw)}不是有效金额（元，最多两位小数）。"
        return
    parts = [line.premium for line in f.lines()]
    if total is None or not parts or any(p is None for p in parts):
        return
    keyed_sum = sum((p for p in parts if p is not None), Decimal(0))
    if keyed_sum != total:
        yield f"保费合计 {yuan(total)} 元不等于各险种保费之和 {yuan(keyed_sum)} 元。"


@rule("R010", "统一社会信用代码", fields=("applicant_credit_code",), lines=GROUP)
def credit_code(f: CaseFacts) -> Iterator[Yielded]:
    code = f.get("applicant_credit_code").upper()
    if filled(code) and not identifiers.valid_credit_code(code):
        yield f"统一社会信用代码{_q(code)}不正确（应为 18 位，校验位须符合 GB 32100）。"


def id_birth_gender(id_no: str) -> tuple[dt.date | None, str | None]:
    """Birth date and gender a valid resident ID number states (GB 11643), or (None, None)."""
    try:
        rid = identifiers.parse_resident_id(id_no)
    except ValueError:
        return None, None
    return rid.birth_date, rid.gender


# Resident IDs are checked by their ISO 7064 check digit and birth date; the county code is not a
# reason to refuse a real person (stdnum's table lacks new and renamed counties).
@rule("R011", "被保险人身份证号、出生日期与性别", fields=(), lines=GROUP)
def insured_ids(f: CaseFacts) -> Iterator[Yielded]:
    for p in f.insured:
        id_no = p.id_no.upper()
        try:
            rid = identifiers.parse_resident_id(id_no, today=f.today)
        except ValueError as why:
            yield f"被保险人清单第 {p.row_no} 行 {shorten(p.name, 20)} 的身份证号{_q(id_no)}不正确：{why}。", ()
            continue
        birth, gender = rid.birth_date, rid.gender
        if p.birth_date and birth and p.birth_date != birth:
            yield (f"被保险人清单第 {p.row_no} 行 {shorten(p.name, 20)} 的出生日期 {p.birth_date:%Y-%m-%d} "
                   f"与身份证号（{birth:%Y-%m-%d}）不一致。", ())
        if p.gender and gender and p.gender != gender:
            yield f"被保险人清单第 {p.row_no} 行 {shorten(p.name, 20)} 的性别与身份证号不一致。", ()


@rule("R012", "被保险人年龄", fields=("effective_date",))
def ages(f: CaseFacts) -> Iterator[Yielded]:
    effective = day(f.get("effective_date"))
    if effective is None:
        return
    if f.business_type == "INDIVIDUAL":
        birth = day(f.get("insured_birth_date")) or id_birth_gender(f.get("insured_id_no").upper())[0]
        people = [(0, f.get("insured_name"), birth, None)]
    else:
        people = [(p.row_no, p.name, p.birth_date or id_birth_gender(p.id_no.upper())[0], p.product_code)
                  for p in f.insured]
    lines = f.lines()
    for row, name, birth, product_of_person in people:
        if birth is None:
            continue
        age = age_on(birth, effective)
        for line in lines:
            product = f.refs.products.get(line.product_code)
            if product is None or (product_of_person and product_of_person != line.product_code):
                continue
            if not product.min_age <= age <= product.max_age:
                who = f"被保险人清单第 {row} 行 {shorten(name, 20)}" if row else f"被保险人 {shorten(name, 20)}"
                yield (f"{who}在生效日 {age} 岁，超出险种 {product.code} 的投保年龄 "
                       f"{product.min_age}–{product.max_age} 岁。", ())


@rule("R013", "缴费账号", severity=Severity.WARNING, fields=("payer_bank_account",))
def bank_account(f: CaseFacts) -> Iterator[Yielded]:
    account = f.get("payer_bank_account").replace(" ", "")
    if not filled(account):
        return
    why = identifiers.bank_account_problem(account) or identifiers.bank_account_warning(account)
    if why:
        yield why


@rule("R014", "联系电话", fields=("contact_phone", "applicant_phone"))
def phones(f: CaseFacts) -> Iterator[Yielded]:
    for key in ("contact_phone", "applicant_phone"):
        v = f.get(key).replace(" ", "")
        if filled(v) and not (identifiers.valid_mobile(v) or LANDLINE.match(v)):
            yield f"“{f.label(key)}”{_q(v)}既不是 11 位手机号码，也不是带区号的固定电话。", (key,)


@rule("R015", "特别约定措辞", severity=Severity.WARNING, fields=("special_agreements",))
def agreements(f: CaseFacts) -> Iterator[Yielded]:
    text = f.get("special_agreements")
    if not filled(text):
        return
    wordings = [re.compile(w) for code in sorted(f.product_codes) for w in f.refs.agreements.get(code, ())]
    clauses = [c.strip() for c in re.split(r"[\n；;]+", text) if c.strip()]
    for n, clause in enumerate(clauses, 1):
        if not any(w.fullmatch(clause) for w in wordings):
            yield f"特别约定第 {n} 条{_q(clause)}不是所投险种的标准措辞，须经核保确认。"


@rule("R016", "被保险人清单与投保单一致", fields=("insured_count",), lines=GROUP)
def insured_list_matches(f: CaseFacts) -> Iterator[Yielded]:
    keyed = whole(f.get("insured_count"))
    raw = f.get("insured_count")
    if filled(raw) and keyed is None:
        yield f"被保险人数{_q(raw)}不是整数。"
        return
    if not f.has_list:
        yield "团险案件尚未导入被保险人清单。"
    elif keyed is not None and keyed != len(f.insured):
        yield f"投保单被保险人数 {keyed} 人，被保险人清单 {len(f.insured)} 人，不一致。"


@rule("R017", "业务员代码", fields=("agent_code",))
def agent(f: CaseFacts) -> Iterator[Yielded]:
    code = f.get("agent_code").upper()
    if filled(code) and code not in f.refs.agents:
        yield f"业务员代码{_q(code)}不存在。"


@rule("R018", "询价签报", fields=("price_inquiry_no",), lines=GROUP)
def price_inquiry(f: CaseFacts) -> Iterator[Yielded]:
    needing = sorted(c for c in f.product_codes
                     if (p := f.refs.products.get(c)) is not None and p.category in PRICE_INQUIRY_CATEGORIES)
    if needing and not filled(f.get("price_inquiry_no")):
        yield f"险种 {'、'.join(needing)} 须经询价系统审批，投保单未填写询价签报编号。"


@rule("R019", "投保人与被保险人身份证号", fields=("applicant_id_no", "insured_id_no"), lines=INDIVIDUAL)
def individual_ids(f: CaseFacts) -> Iterator[Yielded]:
    for id_key, birth_key, gender_key in (("applicant_id_no", "applicant_birth_date", "applicant_gender"),
                                          ("insured_id_no", "insured_birth_date", None)):
        id_no = f.get(id_key).upper()
        if not filled(id_no):
            continue
        try:
            rid = identifiers.parse_resident_id(id_no, today=f.today)
        except ValueError as why:
            yield f"“{f.label(id_key)}”{_q(id_no)}不正确：{why}。", (id_key,)
            continue
        birth, gender = rid.birth_date, rid.gender
        keyed_birth = day(f.get(birth_key))
        if keyed_birth and birth and keyed_birth != birth:
            yield (f"“{f.label(birth_key)}” {keyed_birth:%Y-%m-%d} 与身份证号（{birth:%Y-%m-%d}）不一致。",
                   (birth_key, id_key))
        if gender_key and f.get(gender_key) in ("M", "F") and f.get(gender_key) != gender:
            yield f"“{f.label(gender_key)}”与身份证号不一致。", (gender_key, id_key)
