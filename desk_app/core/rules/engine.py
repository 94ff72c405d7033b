"""The rules engine: each rule a small function with a code, a severity, the fields it concerns and a
Chinese message naming the value; registered per business line (and product, where a rule only
applies to some products).

Validation here is about data nobody may approve as it is (a wrong premium total, a bad ID number);
what someone with authority may approve is an underwriting question and lives elsewhere.

A rule is a generator of messages: it yields nothing when the case passes, one message per
failure (a message alone concerns the rule's declared fields; a `(message, fields)` pair names its
own). A rule must never raise on odd values (tests/rules feeds random ones); should one raise all
the same, the run records a blocking finding saying the rule could not decide, instead of failing
the person's action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.rules.facts import CaseFacts

log = logging.getLogger(__name__)

# Bumped whenever a rule is added or changes what it accepts: stored with every run.
RULES_VERSION = "2026.12-1"


class Severity(StrEnum):
    BLOCKING = "blocking"  # the case cannot go on until it is fixed (a problem case)
    WARNING = "warning"  # shown to the next person; does not stop the case


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    fields: tuple[str, ...]
    message: str


Yielded = str | tuple[str, Iterable[str]]
Check = Callable[[CaseFacts], Iterator[Yielded]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    fields: tuple[str, ...]
    lines: frozenset[str]  # business lines (GROUP / INDIVIDUAL) it applies to
    products: frozenset[str] | None  # only cases with one of these products; None: every case
    check: Check

    def applies(self, facts: CaseFacts) -> bool:
        if facts.business_type not in self.lines:
            return False
        return self.products is None or bool(self.products & facts.product_codes)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str, *, severity: Severity = Severity.BLOCKING, fields: Iterable[str] = (),
         lines: Iterable[str] = ("GROUP", "INDIVIDUAL"),
         products: Iterable[str] | None = None) -> Callable[[Check], Check]:
    """Register a rule under its code (codes are unique: a second registration is a programming error)."""

    def deco(fn: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        REGISTRY[code] = Rule(code, title, severity, tuple(fields), frozenset(lines),
                              frozenset(products) if products is not None else None, fn)
        return fn

    return deco


def _findings(r: Rule, facts: CaseFacts) -> Iterator[Finding]:
    for out in r.check(facts):
        if isinstance(out, tuple):
            message, fields = out
            yield Finding(r.code, r.severity, tuple(fields), message)
        else:
            yield Finding(r.code, r.severity, r.fields, out)


def run(facts: CaseFacts, *, strict: bool = False) -> list[Finding]:
    """Every applicable rule on the case, in code order. `strict` lets a rule's exception through
    (the tests); otherwise it becomes a blocking finding and is logged."""
    out: list[Finding] = []
    for code in sorted(REGISTRY):
        r = REGISTRY[code]
        if not r.applies(facts):
            continue
        try:
            out.extend(_findings(r, facts))
        except Exception:
            if strict:
                raise
            log.exception("rule %s failed on case %s", code, facts.case_no)
            out.append(Finding(code, Severity.BLOCKING, r.fields,
                               f"规则“{r.title}”无法判断本案的数据，请人工核对后再校验。"))
    return out


def rules() -> list[Rule]:
    return [REGISTRY[c] for c in sorted(REGISTRY)]
