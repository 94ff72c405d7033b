"""The material checklist of counter intake, generated from rules kept as data.

The rules are `resources/rules/checklist.json` (`{"kind": "checklist", "version", "rows"}`), so
head office can change them without a release. Each row has a `code`, a Chinese `label`, a
`kind` (material: a paper handed in; counter_check: the clerk's own check of the form) and a
condition `when`, the whole condition language being:

    {"key": [value, ...], ...}   every key must match; a key matches when the draft's value is
                                  one of the listed values; {} always applies.

Keys: `business_type`, `business_source`, `intermediary_kind` (the kind the business source
requires: sideline / professional / broker; absent for direct and cross-sell business) and
`product_category` (matches when ANY product of the proposal has a listed category, from the
products table: standard / outpatient / supplementary_hospital / non_standard / construction).
An unknown key is an error when the rules are loaded, never a silent pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.errors import InvalidInput
from desk_app.core.proposals import SOURCE_INTERMEDIARY_KIND, CaseDraft
from desk_app.paths import resources_dir
from desk_app.store.models import Product

KEYS = frozenset({"business_type", "business_source", "intermediary_kind", "product_category"})
KINDS = frozenset({"material", "counter_check"})


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    kind: str
    when: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class ChecklistItem:
    """One line the clerk ticks: the rule's code, label and kind."""

    code: str
    label: str
    kind: str


def default_path() -> Path:
    return resources_dir() / "rules" / "checklist.json"


def parse_rules(data: dict[str, Any]) -> RuleSet:
    """Check and convert a rules file's content; InvalidInput names the first bad row."""
    if data.get("kind") != "checklist" or not isinstance(data.get("version"), int):
        raise InvalidInput("材料清单规则文件格式不正确（kind 应为 checklist，并有整数 version）。")
    rules, seen = [], set()
    for row in data.get("rows", []):
        code = row.get("code")
        when = row.get("when", {})
        if not code or code in seen or not row.get("label") or row.get("kind") not in KINDS:
            raise InvalidInput(f"材料清单规则“{code}”缺少代码、名称或类别，或代码重复。")
        bad = set(when) - KEYS
        if bad or not all(isinstance(v, list) and v for v in when.values()):
            raise InvalidInput(f"材料清单规则“{code}”的条件不正确：{sorted(bad) or when}")
        seen.add(code)
        rules.append(Rule(code, row["label"], row["kind"],
                          tuple(sorted((k, frozenset(v)) for k, v in when.items()))))
    return RuleSet(data["version"], tuple(rules))


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> RuleSet:
    return parse_rules(json.loads(Path(path).read_text(encoding="utf-8")))


def load_rules(path: Path | None = None) -> RuleSet:
    """The rule set in force (re-read when the file changes)."""
    p = path or default_path()
    return _load(str(p), p.stat().st_mtime_ns)


def draft_facts(session: Session, draft: CaseDraft) -> dict[str, frozenset[str]]:
    """The values of the draft the conditions look at."""
    codes = [line.product_code for line in draft.products]
    categories = set(session.scalars(select(Product.category).where(
        Product.code.in_(codes), Product.deleted.is_(False)))) if codes else set()
    kind = SOURCE_INTERMEDIARY_KIND.get(draft.business_source)
    return {
        "business_type": frozenset({draft.business_type}),
        "business_source": frozenset({draft.business_source}),
        "intermediary_kind": frozenset({kind} if kind else set()),
        "product_category": frozenset(categories),
    }


def applies(rule: Rule, facts: dict[str, frozenset[str]]) -> bool:
    return all(facts[key] & values for key, values in rule.when)


def checklist_for(session: Session, draft: CaseDraft, rules: RuleSet | None = None) -> list[ChecklistItem]:
    """The items this proposal needs, in the rule file's order."""
    rules = rules or load_rules()
    facts = draft_facts(session, draft)
    return [ChecklistItem(r.code, r.label, r.kind) for r in rules.rules if applies(r, facts)]
