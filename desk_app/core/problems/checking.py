"""What stops a case: the rules run on its keyed values, its open intake deficiencies and its
scanning defects, as the items a problem case would list."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core.entry.rounds import settled_values
from desk_app.core.problems.views import ItemSpec
from desk_app.core.roles import Actor
from desk_app.core.rules import runner, runs
from desk_app.core.rules.loading import case_facts
from desk_app.core.rules.runs import RunView
from desk_app.store.models import Deficiency, Proposal

# Deficiencies the scanning station keeps (core.scanning.service.check_case: a missing seal, a
# short document) start with this; the others were recorded at the counter.
SCAN_PREFIX = "scan."


def run_rules(session: Session, *, actor: Actor, proposal: Proposal, now: dt.datetime) -> RunView:
    """Every applicable rule on the case's keyed form (per field, its newest settled value), kept."""
    facts = case_facts(session, proposal, settled_values(session, proposal.id), today=branch_date(now))
    return runs.record(session, actor=actor, proposal=proposal, findings=runner.run(facts), now=now)


def rule_items(run: RunView) -> list[ItemSpec]:
    """One item per blocking finding; its field is the finding's first (the one to re-key)."""
    return [ItemSpec(f.code, f.message, f.fields[0] if f.fields else None, "rule") for f in run.blocking]


def open_deficiencies(session: Session, proposal_id: str) -> list[Deficiency]:
    return list(session.scalars(select(Deficiency).where(
        Deficiency.proposal_id == proposal_id, Deficiency.status == "open", Deficiency.deleted.is_(False))
        .order_by(Deficiency.code)))


def material_items(session: Session, proposal_id: str) -> list[ItemSpec]:
    """Open deficiencies: materials to bring (from the counter), seals and short documents (kept by
    the scanning station). A required document with no page at all cannot get this far: finish_scan
    refuses it."""
    out = []
    for d in open_deficiencies(session, proposal_id):
        text = d.label + (f"（{d.note}）" if d.note else "")
        out.append(ItemSpec(d.code, text, None, "scan_qc" if d.code.startswith(SCAN_PREFIX) else "deficiency"))
    return out


def source_of(items: list[ItemSpec]) -> str:
    """The problem case's source: rules first, then the counter's deficiencies, then scanning."""
    kinds = {i.source for i in items}
    for kind, source in (("rule", "rules"), ("deficiency", "intake"), ("scan_qc", "scanning")):
        if kind in kinds:
            return source
    return "manual"
