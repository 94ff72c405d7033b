"""What the rules look at: a case's keyed values, its insured list and the reference tables, read
once per run into plain frozen values (the rules never touch the session), so 5,000 insureds cost
one query each and a rule is a pure function that a test can feed anything.

Keyed values are text as the entry operators settled them; `money`, `day`, `whole` and `percent`
read them defensively (None for anything that is not such a value), so an odd value is a finding
of the rule about that field, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

NOTHING = "无"  # what the form says where there is nothing: a value, not an empty field
PRODUCT_LINES = 3  # product_1_… to product_3_… on the forms (resources/forms)


@dataclass(frozen=True)
class LevelRef:
    sum_insured: Decimal
    premium_per_person: Decimal
    description: str = ""


@dataclass(frozen=True)
class ProductRef:
    code: str
    name: str
    business_type: str
    category: str
    min_age: int
    max_age: int
    max_term_months: int
    levels: Mapping[str, LevelRef]


@dataclass(frozen=True)
class IntermediaryRef:
    code: str
    name: str
    kind: str  # sideline / professional / broker
    commission_cap: Decimal  # a fraction: 0.08 is 8 %


@dataclass(frozen=True)
class RefTables:
    products: Mapping[str, ProductRef] = field(default_factory=dict)
    industries: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # code -> (name, occupation class)
    intermediaries: Mapping[str, IntermediaryRef] = field(default_factory=dict)
    agents: frozenset[str] = frozenset()
    # Standard wordings of special agreements per product (resources/rules/agreements.json).
    agreements: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Insured:
    row_no: int
    name: str
    id_no: str
    gender: str | None
    birth_date: dt.date | None
    relation: str
    product_code: str | None
    benefit_level: str | None
    premium: Decimal | None


@dataclass(frozen=True)
class CaseFacts:
    case_no: str
    business_type: str
    form_code: str
    values: Mapping[str, str]
    required: tuple[str, ...]  # the form's `*` fields
    labels: Mapping[str, str]
    refs: RefTables
    insured: tuple[Insured, ...] = ()
    has_list: bool = False  # an insured list was imported (group business)
    today: dt.date | None = None

    def get(self, key: str) -> str:
        return (self.values.get(key) or "").strip()

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    @property
    def product_codes(self) -> frozenset[str]:
        return frozenset(c for c in (self.get(f"product_{i}_code") for i in range(1, PRODUCT_LINES + 1)) if c)

    def lines(self) -> list[ProductLine]:
        """The product lines keyed (a line with any of its four fields filled)."""
        out = []
        for i in range(1, PRODUCT_LINES + 1):
            keys = (f"product_{i}_code", f"product_{i}_level", f"product_{i}_sum_insured", f"product_{i}_premium")
            code, level, si, prem = (self.get(k) for k in keys)
            if any(v and v != NOTHING for v in (code, level, si, prem)):
                out.append(ProductLine(i, code, level, money(si), money(prem), keys))
        return out


@dataclass(frozen=True)
class ProductLine:
    line: int
    product_code: str
    level: str
    sum_insured: Decimal | None
    premium: Decimal | None
    keys: tuple[str, str, str, str]  # code, level, sum insured, premium field keys


_MONEY = re.compile(r"^-?\d{1,15}(\.\d{1,2})?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def money(text: str | None) -> Decimal | None:
    """A keyed amount in yuan (at most two decimals), or None."""
    t = (text or "").replace(",", "").strip()
    if not _MONEY.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def day(text: str | None) -> dt.date | None:
    m = _DATE.match((text or "").strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def whole(text: str | None) -> int | None:
    t = (text or "").strip()
    return int(t) if t.isascii() and t.isdigit() and len(t) <= 9 else None


def percent(text: str | None) -> Decimal | None:
    """A ratio keyed in per cent (the form's field says %): "15", "12.5" or "15%" → 0.15 / 0.125."""
    t = (text or "").strip().removesuffix("%").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{1,4})?", t):
        return None
    return Decimal(t) / 100


def age_on(birth: dt.date, when: dt.date) -> int:
    """Age in full years on a day (born 29 February: a year older on 1 March of a common year)."""
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))
