"""Comparison of a round's two passes, field by field after normalisation.

Equal values settle the field (`match`); differing ones stay `pending` with both values until a
person decides in reconciliation: nothing is merged silently, not even "one pass left it empty".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desk_app.core.entry.normalise import normalise
from desk_app.core.entry.rounds import PENDING, form_of
from desk_app.core.forms import FormDef
from desk_app.store.base import new_id
from desk_app.store.models import EntryField, Proposal


@dataclass(frozen=True)
class FieldOutcome:
    key: str
    first: str  # normalised
    second: str
    equal: bool


def compare_values(form: FormDef, keys: tuple[str, ...], first: dict[str, str],
                   second: dict[str, str]) -> list[FieldOutcome]:
    """Each field of `keys` in both passes, normalised, and whether they agree."""
    out = []
    for key in keys:
        fdef = form.field(key)
        a = normalise(fdef, first.get(key, ""), form)
        b = normalise(fdef, second.get(key, ""), form)
        out.append(FieldOutcome(key, a, b, a == b))
    return out


def compare_round(session: Session, *, proposal: Proposal, round_no: int, fields: tuple[str, ...],
                  first: dict[str, str], second: dict[str, str], now: dt.datetime) -> int:
    """Write the round's EntryField rows (replacing its re-entry placeholders); how many differ."""
    form = form_of(proposal)
    outcomes = compare_values(form, fields, first, second)
    rows = [{"id": new_id(), "branch_code": proposal.branch_code, "created_at": now, "updated_at": now,
             "deleted": False, "proposal_id": proposal.id, "round": round_no, "field_key": o.key,
             "first_value": o.first, "second_value": o.second, "value": o.first if o.equal else None,
             "outcome": "match" if o.equal else PENDING, "decided_by": None,
             "decided_at": now if o.equal else None, "note": ""} for o in outcomes]
    if rows:
        stmt = insert(EntryField)
        cols = ("first_value", "second_value", "value", "outcome", "decided_by", "decided_at", "note",
                "updated_at", "deleted")
        stmt = stmt.on_conflict_do_update(index_elements=["proposal_id", "round", "field_key"],
                                          set_={c: stmt.excluded[c] for c in cols})
        session.execute(stmt, rows)
    return sum(1 for o in outcomes if not o.equal)
