"""Underwriting tests' helpers: the reference tables as the rules see them (from the shipped
reference files, no store), group facts built from the problem tests' good form, and lists."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache

from desk_app.core.rules.facts import CaseFacts, Insured, LevelRef, ProductRef, RefTables
from desk_app.paths import resources_dir
from tests.factories import effective_date
from tests.problems.helpers import good_values


@cache
def ref_tables() -> RefTables:
    folder = resources_dir() / "refdata"
    products = {}
    for p in json.loads((folder / "products.json").read_text("utf-8"))["rows"]:
        levels = {lv["level"]: LevelRef(Decimal(lv["sum_insured"]), Decimal(lv["premium_per_person"]),
                                        lv["description"]) for lv in p["levels"]}
        products[p["code"]] = ProductRef(p["code"], p["name"], p["business_type"], p["category"], p["min_age"],
                                         p["max_age"], p["max_term_months"], levels)
    industries = {r["industry_code"]: (r["name"], r["occupation_class"])
                  for r in json.loads((folder / "occupation_classes.json").read_text("utf-8"))["rows"]}
    return RefTables(products, industries)


def person(row: int, *, age: int = 35, relation: str = "employee", product: str | None = None,
           level: str | None = None) -> Insured:
    eff = effective_date()
    birth = eff - dt.timedelta(days=int(age * 365.25) + 30)  # `age` full years and a month on the day
    return Insured(row, f"员工{row}", "", "M", birth, relation, product, level, None)


def group_facts(changes: dict[str, str] | None = None, *, n: int = 4, insured: list[Insured] | None = None,
                has_list: bool = True) -> CaseFacts:
    """A clean group case of n employees aged 35 (GTL01 A + GAC01 B: 400,000 a life)."""
    values = good_values(n) | (changes or {})
    people = insured if insured is not None else [person(i + 2) for i in range(n)]
    return CaseFacts("C1", "GROUP", "group_proposal", values, (), {}, ref_tables(),
                     tuple(people) if has_list else (), has_list, dt.date.today())
