"""Running the rule book on a case: every applicable rule, in code order."""

from __future__ import annotations

import logging

from desk_app.core.rules import book
from desk_app.core.rules.engine import REGISTRY, Finding, Rule, Severity, findings_of
from desk_app.core.rules.facts import CaseFacts

log = logging.getLogger(__name__)
RULE_BOOK = book  # imported for its rules: they register themselves on import


def run(facts: CaseFacts, *, strict: bool = False) -> list[Finding]:
    """Every applicable rule on the case, in code order. `strict` lets a rule's exception through
    (the tests); otherwise it becomes a blocking finding and is logged."""
    out: list[Finding] = []
    for code in sorted(REGISTRY):
        r = REGISTRY[code]
        if not r.applies(facts):
            continue
        try:
            out.extend(findings_of(r, facts))
        except Exception:
            if strict:
                raise
            log.exception("rule %s failed on case %s", code, facts.case_no)
            out.append(Finding(code, Severity.BLOCKING, r.fields,
                               f"规则“{r.title}”无法判断本案的数据，请人工核对后再校验。"))
    return out


def rules() -> list[Rule]:
    return [REGISTRY[c] for c in sorted(REGISTRY)]
