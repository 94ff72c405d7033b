"""Who a case covers and for how much: the lives (the insured list's persons, the individual form's
insured, or a group form's head count without a list) with each one's sum insured over all the
case's products, read from the same CaseFacts as the rule book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desk_app.core.rules.book import id_birth_gender
from desk_app.core.rules.facts import CaseFacts, Insured, ProductLine, day, money, whole


@dataclass(frozen=True)
class Life:
    row_no: int  # the list's row (0: the individual form's insured or a group form without a list)
    name: str
    relation: str  # employee / spouse / child / parent
    birth: dt.date | None
    sum_insured: Decimal  # over every product covering this life
    count: int = 1  # a group form without a list stands for its whole head count


def _line_sum(f: CaseFacts, line: ProductLine, level: str | None) -> Decimal:
    """The per-person sum insured of a line: the level's (the person's level first), else as keyed."""
    product = f.refs.products.get(line.product_code)
    ref = product.levels.get(level or line.level) if product else None
    if ref is not None:
        return ref.sum_insured
    return line.sum_insured or Decimal(0)


def _covers(line: ProductLine, p: Insured, by_product: bool) -> bool:
    return not by_product or p.product_code == line.product_code


def lives(f: CaseFacts) -> list[Life]:
    lines = f.lines()
    if f.business_type == "INDIVIDUAL":
        birth = day(f.get("insured_birth_date")) or id_birth_gender(f.get("insured_id_no").upper())[0]
        total = sum((_line_sum(f, ln, None) for ln in lines), Decimal(0))
        return [Life(0, f.get("insured_name"), "employee", birth, total)]
    if f.has_list:
        by_product = any(p.product_code for p in f.insured)
        return [Life(p.row_no, p.name, p.relation or "employee", p.birth_date or id_birth_gender(p.id_no.upper())[0],
                     sum((_line_sum(f, ln, p.benefit_level) for ln in lines if _covers(ln, p, by_product)),
                         Decimal(0)))
                for p in f.insured]
    count = whole(f.get("insured_count")) or 0
    if not count:
        return []
    return [Life(0, "", "employee", None, sum((_line_sum(f, ln, None) for ln in lines), Decimal(0)), count)]


def total_sum(all_lives: list[Life]) -> Decimal:
    return sum((life.sum_insured * life.count for life in all_lives), Decimal(0))


def premium(f: CaseFacts) -> Decimal | None:
    return money(f.get("premium_total"))
