"""The checks of keyed values: inline marks while keying, and the checks shown beside each
candidate value in reconciliation.

Two kinds: a field's own checks (format of its type, check digits, a code in its table, a `*`
field filled — `无` is a value) and the rule book's cross-field checks (proposal date = effective
date − 1 day; premium total = sum of the product premiums; an intermediary source names the
intermediary and its commission ratio; a benefit level exists for the product keyed beside it).
A cross-field mark is shown on one field but `touches` every field it reads, so reconciliation can
show it for a candidate of any of them. Pure functions of the values and the reference tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from stdnum.iso7064 import mod_11_2

from desk_app.core.entry.normalise import NOTHING, normalise, parse_date, parse_decimal
from desk_app.core.entry.refs import RefTables
from desk_app.core.forms import FieldDef, FieldType, FormDef
from desk_app.core.identifiers import valid_bank_card, valid_credit_code, valid_mobile, valid_resident_id
from desk_app.core.text import shorten

ERROR = "error"
WARNING = "warning"
INTERMEDIARY_SOURCES = frozenset({"sideline_agency", "professional_agency", "broker"})
_PRODUCT_LINE = re.compile(r"^product_(\d+)_(code|level|sum_insured|premium)$")


@dataclass(frozen=True)
class Mark:
    field_key: str  # the field the mark is shown beside
    severity: str  # error / warning
    message: str  # one Chinese sentence
    touches: tuple[str, ...] = ()  # every field the check reads (the shown one included)

    def concerns(self, key: str) -> bool:
        return key == self.field_key or key in self.touches


def _id_number(f: FieldDef, v: str) -> Mark | None:
    if valid_resident_id(v):
        return None
    # stdnum refuses an unknown (or newer) county code by KeyError/validation although the check
    # digit is right: a real person's card, so only a warning.
    if re.fullmatch(r"\d{17}[\dX]", v) and mod_11_2.is_valid(v) and parse_date(v[6:14]):
        return Mark(f.key, WARNING, f"{f.label}“{v}”的地区代码不在行政区划表中，请核对。")
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”应为18位（最后一位可为X）。")
    return Mark(f.key, ERROR, f"{f.label}“{v}”的校验位或出生日期不正确。")


def _phone(f: FieldDef, v: str) -> Mark | None:
    if valid_mobile(v):
        return None
    mobile_only = "手机" in f.label
    if not mobile_only and v.isdigit() and 7 <= len(v) <= 12 and v[0] != "1":
        return None  # a landline, with its area code or without (a number from 1 is a mobile's)
    return Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”不是有效的{'手机号码' if mobile_only else '电话号码'}。")


def own_marks(form: FormDef, f: FieldDef, v: str, refs: RefTables, values: dict[str, str]) -> list[Mark]:
    """The checks of one normalised value on its own (and its code table)."""
    if v == "":
        return [Mark(f.key, ERROR, f"{f.label}是必填项（没有内容请填“无”）。")] if f.required else []
    if v == NOTHING:
        return []
    kind = f.type
    bad: Mark | None = None
    if f.max_length and len(v) > f.max_length:
        bad = Mark(f.key, ERROR, f"{f.label}超过{f.max_length}个字。")
    elif kind is FieldType.DATE and parse_date(v) is None:
        bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”不是有效日期（如 2026-01-05）。")
    elif kind is FieldType.MONEY:
        amount = parse_decimal(v)
        if amount is None or amount < 0:
            bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”不是有效金额。")
    elif kind is FieldType.RATIO:
        ratio = parse_decimal(v)
        if ratio is None or not 0 <= ratio <= 100:
            bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”应为0到100之间的百分数。")
        elif 0 < ratio < 1:
            bad = Mark(f.key, WARNING, f"{f.label}按百分数填写，“{v}”是否应为{ratio * 100:g}？")
    elif kind is FieldType.INTEGER and not v.isdigit():
        bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”应为整数。")
    elif kind is FieldType.ID_NUMBER:
        bad = _id_number(f, v)
    elif kind is FieldType.CREDIT_CODE and not valid_credit_code(v):
        bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”格式或校验位不正确。")
    elif kind is FieldType.PHONE:
        bad = _phone(f, v)
    elif kind is FieldType.BANK_ACCOUNT:
        if not v.isdigit() or len(v) > 30:
            bad = Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”应全为数字。")
        elif not valid_bank_card(v):
            # A unit's corporate account follows no check digit (DOMAIN.md): never a refusal.
            bad = Mark(f.key, WARNING, f"{f.label}“{shorten(v)}”不是常见的银行卡号，请核对。")
    elif kind is FieldType.CODE:
        bad = _code_mark(form, f, v, refs, values)
    return [bad] if bad else []


def _code_mark(form: FormDef, f: FieldDef, v: str, refs: RefTables, values: dict[str, str]) -> Mark | None:
    ref = f.ref or ""
    if ref in form.choices:
        if v in form.choices[ref]:
            return None
        known = "、".join(f"{c}（{label}）" for c, label in form.choices[ref].items())
        return Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”不在可选项中：{known}。")
    product = None
    touches: tuple[str, ...] = ()
    line = _PRODUCT_LINE.match(f.key)
    if ref == "benefit_levels" and line:
        product_key = f"product_{line.group(1)}_code"
        product = values.get(product_key) or None
        touches = (f.key, product_key)
    found = refs.has(ref, v, product=product)
    if found is None or found:
        return None
    if product:
        return Mark(f.key, ERROR, f"险种 {product} 没有保障等级“{shorten(v)}”。", touches)
    table = {"industries": "团险职业分类表", "products": "险种表", "benefit_levels": "保障等级表",
             "intermediaries": "中介机构表", "agents": "业务员表"}.get(ref, ref)
    return Mark(f.key, ERROR, f"{f.label}“{shorten(v)}”不在{table}中。")


def _has(form: FormDef, key: str) -> bool:
    return key in form.keys


def cross_marks(form: FormDef, values: dict[str, str], refs: RefTables) -> list[Mark]:
    """The rule book's checks across fields, on normalised values; a rule with a value missing or
    unreadable is left to that field's own mark."""
    out: list[Mark] = []
    proposal_day = parse_date(values.get("proposal_date", ""))
    effective_day = parse_date(values.get("effective_date", ""))
    if proposal_day and effective_day and proposal_day != effective_day - dt.timedelta(days=1):
        out.append(Mark("proposal_date", ERROR,
                        f"投保日期应为生效日期（{effective_day.isoformat()}）的前一天"
                        f"（{(effective_day - dt.timedelta(days=1)).isoformat()}），现为 {proposal_day.isoformat()}。",
                        ("proposal_date", "effective_date")))
    out.extend(_premium_total(form, values))
    out.extend(_product_lines(form, values))
    if _has(form, "intermediary_code"):
        out.extend(_intermediary(values, refs))
    return out


def _premium_total(form: FormDef, values: dict[str, str]) -> list[Mark]:
    premium_keys = [k for k in form.keys if (m := _PRODUCT_LINE.match(k)) and m.group(2) == "premium"]
    total = parse_decimal(values.get("premium_total", ""))
    if total is None or not premium_keys:
        return []
    amounts: list[Decimal] = []
    for key in premium_keys:
        raw = values.get(key, "")
        if raw in ("", NOTHING):
            continue
        amount = parse_decimal(raw)
        if amount is None:
            return []
        amounts.append(amount)
    computed = sum(amounts, Decimal("0"))
    if computed == total:
        return []
    return [Mark("premium_total", ERROR, f"保费合计 {total:,.2f} 元不等于各险种保费之和 {computed:,.2f} 元。",
                 ("premium_total", *premium_keys))]


def _product_lines(form: FormDef, values: dict[str, str]) -> list[Mark]:
    """A product line keyed at all is keyed whole: code, level, sum insured and premium."""
    out: list[Mark] = []
    lines = sorted({int(m.group(1)) for k in form.keys if (m := _PRODUCT_LINE.match(k))})
    for n in lines:
        keys = [f"product_{n}_{part}" for part in ("code", "level", "sum_insured", "premium")]
        filled = [k for k in keys if values.get(k, "") not in ("", NOTHING)]
        if filled and len(filled) < len(keys):
            for k in keys:
                if k not in filled and _has(form, k):
                    out.append(Mark(k, ERROR, f"已填写险种{n}的其他项，{form.field(k).label}也必须填写。", tuple(keys)))
    return out


def _intermediary(values: dict[str, str], refs: RefTables) -> list[Mark]:
    source = values.get("business_source", "")
    code = values.get("intermediary_code", "")
    ratio_text = values.get("commission_ratio", "")
    keys = ("business_source", "intermediary_code", "commission_ratio")
    out: list[Mark] = []
    if source in INTERMEDIARY_SOURCES:
        if code in ("", NOTHING):
            out.append(Mark("intermediary_code", ERROR, "中介业务必须填写中介机构代码。", keys))
        if ratio_text in ("", NOTHING):
            out.append(Mark("commission_ratio", ERROR, "中介业务必须填写手续费比例。", keys))
        ratio = parse_decimal(ratio_text)
        cap = refs.intermediaries.get(code)
        if ratio is not None and cap is not None and ratio > cap * 100:
            out.append(Mark("commission_ratio", WARNING,
                            f"手续费比例 {ratio:f}% 超过中介机构 {code} 的上限 {(cap * 100).normalize():f}%，需特殊审批签报。", keys))
    elif source and (code not in ("", NOTHING) or ratio_text not in ("", NOTHING)):
        out.append(Mark("intermediary_code", WARNING, "非中介业务不应填写中介机构或手续费比例。", keys))
    return out


def marks(form: FormDef, values: dict[str, str], refs: RefTables, *, keys: Iterable[str] | None = None,
          normalised: bool = False) -> list[Mark]:
    """Every check of the values; `keys`: only the fields checked on their own (default: those given)."""
    vals = values if normalised else {k: normalise(form.field(k), v, form) for k, v in values.items()
                                      if k in form.keys}
    out: list[Mark] = []
    for key in (keys if keys is not None else vals):
        out.extend(own_marks(form, form.field(key), vals.get(key, ""), refs, vals))
    out.extend(cross_marks(form, vals, refs))
    return out


def marks_for(form: FormDef, key: str, values: dict[str, str], refs: RefTables) -> list[Mark]:
    """The checks that touch one field (its own, and the rules that read it), on normalised values."""
    own = own_marks(form, form.field(key), values.get(key, ""), refs, values)
    return own + [m for m in cross_marks(form, values, refs) if m.concerns(key)]
